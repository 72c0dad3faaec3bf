/**
 * Hostile inputs against the classifier's rules for a host that "does not exist", help
 * desks, postmaster recipients, encoded-word local parts, a relay's label before the remote
 * reply, Amazon SES JSON and ISO-2022-JP report fields (the SES and mailing-list cases found
 * in the same review are in service-json.test.ts and list-manager.test.ts).
 *
 * "found in review": what these rules first got wrong (each test says what a doctor would
 * have been told, and what they need instead). "withstood": attacks they resisted.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage, MAX_DIAGNOSTIC_CHARS } from "../../../src/core/notices/index.js";
import type { Notice } from "../../../src/core/notices/types.js";

const PATIENT = "255081416802538@patient.mssante.fr";
const OTHER_PATIENT = "295109912611193@patient.mssante.fr";
const ME = "dr.martin@medecin.mssante.fr";
const LIST = "cardio@lists.example.org";

function eml(headers: readonly string[], body: readonly string[], type = "text/plain; charset=utf-8"): string {
  return [...headers, "MIME-Version: 1.0", `Content-Type: ${type}`, "", ...body, ""].join("\r\n");
}

const fromSystem = (subject: string): string[] => [
  "From: Mail Delivery System <MAILER-DAEMON@mx.relay.example>",
  `To: ${ME}`,
  `Subject: ${subject}`,
];
const fromColleague = (subject: string): string[] => [
  "From: Dr Claire Petit <claire.petit@cabinet.mssante.fr>",
  `To: ${ME}`,
  `Subject: ${subject}`,
];
const fromSes = ["From: AWS Notifications <no-reply@sns.amazonaws.com>", `To: ${ME}`, "Subject: AWS Notification Message"];

/** A delivery status report with one recipient block (fields given as lines). */
function report(recipientFields: readonly string[], text = "Your message could not be delivered."): string {
  return eml(fromSystem("Undeliverable: Résultats"), [
    "This is a MIME-encapsulated message",
    "",
    "--B",
    "Content-Type: text/plain; charset=utf-8",
    "",
    text,
    "",
    "--B",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.relay.example",
    "",
    ...recipientFields,
    "",
    "--B--",
  ], 'multipart/report; report-type=delivery-status; boundary="B"');
}

const rows = (n: Notice): (string | null)[][] => n.recipients.map((r) => [r.address, r.reason]);
const addresses = (n: Notice): string[] => n.recipients.map((r) => r.address);

const sesBounce = {
  notificationType: "Bounce",
  bounce: {
    bounceType: "Permanent",
    bouncedRecipients: [{ emailAddress: PATIENT, action: "failed", status: "5.1.1", diagnosticCode: "smtp; 550 5.1.1 user unknown" }],
  },
};

const postfix = (lines: readonly string[]): string =>
  eml(fromSystem("Undelivered Mail Returned to Sender"), ["This is the mail system at host mx.relay.example.", "", ...lines]);

describe("found in review", () => {
  // Rule 1 (reasons/named-missing.ts namesMissingHost)
  it("'553 mailbox 'jean.paul.martin' does not exist' names a mailbox, not a host: unknown recipient", async () => {
    // Came out (before the fix): host-unknown ("the domain does not exist"): a local part with two dots passes
    // for a host name. The doctor is told the domain is wrong when it is the mailbox.
    // Before the rule: unknown-recipient.
    const n = await classifyMessage(postfix([
      "<jean.paul.martin@clinic.example>: host mx.clinic.example said:",
      "    553 mailbox 'jean.paul.martin' does not exist (in reply to RCPT TO command)",
    ]));
    expect(rows(n)).toEqual([["jean.paul.martin@clinic.example", "unknown-recipient"]]);
  });

  it("'mailbox <INS> in domain patient.mssante.fr does not exist' is an unknown recipient, not an unknown domain", async () => {
    // Came out (before the fix): host-unknown for the patient's address ("the domain does not exist"): the
    // word before "does not exist" is the patient platform's domain, or its server's name.
    // Before the rule these were unknown recipients. The doctor is told Mon espace santé's
    // domain does not exist instead of "check the INS".
    for (const reply of [
      "550 Mailbox 255081416802538 in domain patient.mssante.fr does not exist",
      "550 Requested action not taken: user 255081416802538 on mx.patient.mssante.fr does not exist",
      "553 sorry, 255081416802538 at patient.mssante.fr does not exist",
    ]) {
      const n = await classifyMessage(postfix([`<${PATIENT}>: host mx.patient.mssante.fr said:`, `    ${reply}`]));
      expect(rows(n)).toEqual([[PATIENT, "unknown-recipient"]]);
    }
  });

  // Rule 2 (plaintext.ts helpDeskAddresses)
  it("a recipient that the notice's template also gives as its help desk is still the recipient", async () => {
    // Came out (before the fix): a bounce with no recipient at all: the doctor wrote to the hospital group's
    // help desk, whose own server's notice ends with « contactez <the same address> ».
    // Before the rule the address was named.
    const n = await classifyMessage(eml(fromSystem("Non remis : demande"), [
      "Votre message n'a pas pu être remis au destinataire suivant :",
      "",
      "    assistance@ght.mssante.fr",
      "",
      "Motif : 550 5.2.1 mailbox unavailable",
      "",
      "En cas de difficulté, contactez assistance@ght.mssante.fr",
    ]));
    expect(addresses(n)).toEqual(["assistance@ght.mssante.fr"]);
  });

  // Rule 3 (plaintext.ts systemStrong)
  it("the sender's own postmaster, given as whom to forward the notice to, is not the failed recipient", async () => {
    // Came out (before the fix): postmaster@medecin.mssante.fr (the doctor's own domain's postmaster) named
    // as the failed recipient: the help line "forward this notice to:" / « Transmettez ce
    // message à votre administrateur : » is not read as a help desk, and only the notice's
    // own domain is kept out of the postmaster rule, not the sender's. Before the rule:
    // no recipient named.
    const en = await classifyMessage(eml(fromSystem("Delivery failure"), [
      "Delivery failed for some recipients of your message.",
      "",
      "If you need help, forward this notice to:",
      "",
      "   postmaster@medecin.mssante.fr",
    ]));
    const fr = await classifyMessage(eml(fromSystem("Non remis"), [
      "Votre message n'a pas pu être remis.",
      "",
      "Transmettez ce message à votre administrateur :",
      "   postmaster@medecin.mssante.fr",
    ]));
    const admin = await classifyMessage(eml(fromSystem("Undeliverable: Résultats"), [
      "Your message couldn't be delivered.",
      "",
      "Contact your email admin: postmaster@medecin.mssante.fr",
    ]));
    expect(addresses(en)).not.toContain("postmaster@medecin.mssante.fr");
    expect(addresses(fr)).not.toContain("postmaster@medecin.mssante.fr");
    expect(addresses(admin)).not.toContain("postmaster@medecin.mssante.fr");
  });

  it("the patient platform's postmaster, given as whom to write to, does not replace the patient named in the copied headers", async () => {
    // Came out (before the fix): "POSTMASTER@patient.mssante.fr" as the failed recipient (upper-cased as if
    // it were an INS), and the patient dropped. Before the rule the patient was named.
    const n = await classifyMessage(eml(fromSystem("Undeliverable: Résultats"), [
      "Delivery to the following recipient failed: see below.",
      "",
      `To: ${PATIENT}`,
      "",
      "Questions? Write to:",
      "  postmaster@patient.mssante.fr",
    ]));
    expect(addresses(n)).toEqual([PATIENT]);
  });

  // Rule 4 (addresses.ts encodedWordAddress)
  it("an encoded word decoding to a local part that is not one ('..') is not an address", async () => {
    // Came out (before the fix): "..@cabinet-lilas.example" reported as the failed recipient: the decoded
    // local part is checked for unsafe characters but not as a local part.
    const n = await classifyMessage(report([
      `Final-Recipient: rfc822; =?utf-8?B?${btoa("..")}?=@cabinet-lilas.example`,
      "Action: failed",
      "Status: 5.1.1",
    ]));
    expect(addresses(n)).not.toContain("..@cabinet-lilas.example");
  });

  it("an encoded word decoding to a look-alike '@' (U+FF20) does not give an address that reads as a patient's", async () => {
    // Came out (before the fix): "255081416802538＠patient.mssante.fr@evil.example" as the failed recipient:
    // on screen it reads as the patient's address, and it is not one.
    const n = await classifyMessage(report([
      `Final-Recipient: rfc822; =?utf-8?Q?255081416802538=EF=BC=A0patient.mssante.fr?=@evil.example`,
      "Action: failed",
      "Status: 5.1.1",
    ]));
    expect(n.recipients.some((r) => r.address.includes("\uff20"))).toBe(false);
  });

  // Rule 7 (report.ts decodeJis)
  it("a report field whose ISO-2022-JP escape is never closed keeps its plain-ASCII words readable", async () => {
    // Came out (before the fix): the ASCII after an unclosed 'ESC $ B' is decoded two bytes a character into
    // Japanese-looking noise: "mailbox disabled" is lost from the diagnostic shown, and the
    // cause is no longer read from it.
    const n = await classifyMessage(report([
      `Final-Recipient: rfc822; ${PATIENT}`,
      "Action: failed",
      "Status: 5.0.0",
      "Diagnostic-Code: X-Notes; \u001b$B%f!<%6!<\u001b(B 550 5.2.1 \u001b$B mailbox disabled",
    ]));
    expect(n.recipients[0]?.diagnostic ?? "").toContain("mailbox disabled");
    expect(rows(n)).toEqual([[PATIENT, "mailbox-closed"]]);
  });
});

describe("withstood", () => {
  it("'does not exist' after the patient's address, or about 'that mailbox', stays an unknown recipient", async () => {
    for (const reply of [`550 ${PATIENT} does not exist`, "553 sorry, that mailbox does not exist (in reply to RCPT TO command)",
      "553 5.1.1 mailbox marie.claire.durand does not exist"]) {
      const n = await classifyMessage(postfix([`<${PATIENT}>: host mx.patient.mssante.fr said:`, `    ${reply}`]));
      expect(rows(n)).toEqual([[PATIENT, "unknown-recipient"]]);
    }
  });

  it("Exchange's 'Recipient marie.durand.chu-exemple.fr does not exist' with 5.1.10 is an unknown recipient", async () => {
    const n = await classifyMessage(eml(fromSystem("Undeliverable: Résultats"), [
      "Delivery has failed to these recipients or groups:",
      "",
      "marie.durand@chu-exemple.fr",
      "The email address you entered couldn't be found.",
      "",
      "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient marie.durand.chu-exemple.fr does not exist'",
    ]));
    expect(rows(n)).toEqual([["marie.durand@chu-exemple.fr", "unknown-recipient"]]);
  });

  it("« contactez <another patient> » in a notice keeps the failed patient and does not name the other", async () => {
    const n = await classifyMessage(eml(fromSystem("Non remis"), [
      `Le message à destination de ${PATIENT} n'a pas pu être remis : boîte inconnue.`,
      "",
      `Pour joindre votre patient, contactez ${OTHER_PATIENT} (son aidant) ou le secrétariat.`,
    ]));
    expect(addresses(n)).toEqual([PATIENT]);
  });

  it("a person's message saying « Contactez ma fille : … » about an undelivered message is not a notice", async () => {
    const n = await classifyMessage(eml(["From: Jean Dupont <jean.dupont@gmail.example>", `To: ${ME}`, "Subject: Rendez-vous"], [
      "Bonjour docteur,",
      "mon message à votre secrétariat n'a pas pu être remis (adresse inconnue).",
      "Contactez ma fille : marie.dupont@gmail.example",
    ]));
    expect(n.kind).toBe("none");
  });

  it("'Please contact your system administrator at postmaster@<own domain>' names no recipient", async () => {
    const n = await classifyMessage(eml(fromSystem("Undelivered Mail Returned to Sender"), [
      "Your message could not be delivered to one or more recipients.",
      "",
      "Please contact your system administrator at postmaster@medecin.mssante.fr",
    ]));
    expect(addresses(n)).toEqual([]);
  });

  const pastedReport = (action: string, status: string): string[] => [
    "From: MAILER-DAEMON@mx.example",
    "To: claire.petit@cabinet.mssante.fr",
    "Subject: Undelivered",
    "Content-Type: multipart/report; report-type=delivery-status; boundary=X",
    "",
    "--X",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.example",
    "",
    `Final-Recipient: rfc822; ${PATIENT}`,
    `Action: ${action}`,
    `Status: ${status}`,
    "",
    "--X--",
  ];

  it("a whole report pasted by a colleague in their own message is not a bounce", async () => {
    const n = await classifyMessage(eml(fromColleague("regarde"), ["Bonjour, j'ai reçu ça, tu comprends ?", "", ...pastedReport("failed", "5.1.1")]));
    expect(n.kind).toBe("none");
  });

  it("a delay report pasted under a mail system's notice stays a delay", async () => {
    const n = await classifyMessage(eml(fromSystem("Delivery Status Notification"), ["Your provider passes on this report.", "", ...pastedReport("delayed", "4.4.1")]));
    expect(n.kind).toBe("delay");
  });

  it("encoded-word local parts decoding to spaces, marks, controls, '@' or quotes give no address", async () => {
    for (const local of ["jean dupont", "jean\u200fdupont", "\u202e835208614180552", PATIENT, 'jean"dupont', "jean\u0007dupont"]) {
      const word = `=?utf-8?B?${Buffer.from(local).toString("base64")}?=`;
      const n = await classifyMessage(report([`Final-Recipient: rfc822; ${word}@cabinet-lilas.example`, "Action: failed", "Status: 5.1.1"]));
      expect(n.recipients.filter((r) => /[\s\p{C}@"]/u.test(r.address.slice(0, r.address.lastIndexOf("@"))))).toEqual([]);
    }
  });

  it("an encoded-word patient number is decoded to that number (no other patient's)", async () => {
    const n = await classifyMessage(report(["Final-Recipient: rfc822; =?utf-8?Q?295109912611193?=@patient.mssante.fr", "Action: failed", "Status: 5.1.1"]));
    expect(n.recipients.map((r) => [r.address, r.ins, r.insValid])).toEqual([[OTHER_PATIENT, "295109912611193", true]]);
  });

  it("a relay's 'Unknown address error' before a 5.1.1 reply, under Status 5.0.0, stays an unknown recipient", async () => {
    const n = await classifyMessage(report([`Final-Recipient: rfc822; ${PATIENT}`, "Action: failed", "Status: 5.0.0",
      "Diagnostic-Code: smtp; Unknown address error 550 5.1.1 user unknown"]));
    expect(rows(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });

  it("Status 5.0.0 gives way to the reply's 4.2.2 (mailbox full) and to the closed-mailbox sentence", async () => {
    const full = await classifyMessage(report([`Final-Recipient: rfc822; ${PATIENT}`, "Action: failed", "Status: 5.0.0",
      "Diagnostic-Code: smtp; 452 4.2.2 mailbox full"]));
    const closed = await classifyMessage(report([`Final-Recipient: rfc822; ${PATIENT}`, "Action: failed", "Status: 5.0.0",
      "Diagnostic-Code: smtp; 550 5.2.1 la messagerie Mon espace Santé de votre destinataire est clôturée"]));
    expect([rows(full), rows(closed)]).toEqual([[[PATIENT, "mailbox-full"]], [[PATIENT, "mailbox-closed"]]]);
  });

  it("SES JSON from a patient's mailbox is the patient's message; an SES complaint pasted by a colleague is no bounce", async () => {
    const patient = await classifyMessage(eml([`From: ${OTHER_PATIENT}`, `To: ${ME}`, "Subject: Re: résultats"], [JSON.stringify(sesBounce)]));
    const complaint = await classifyMessage(eml(fromColleague("Plainte ?"), [JSON.stringify({ notificationType: "Complaint", complaint: {} })]));
    expect(patient.kind).toBe("none");
    expect(complaint.kind).toBe("none");
  });

  it("hostile JSON (deep nesting, unclosed braces, endless escapes, a double envelope, a delay event) reads as nothing, without throwing", async () => {
    const bodies = [
      `{"a":${"[".repeat(200_000)}${"]".repeat(200_000)}}`,
      `{"notificationType":"Bounce","x":${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)},"bounce":{"bouncedRecipients":[{"emailAddress":"${PATIENT}"}]}}`,
      "{".repeat(300_000),
      `{"a":"${'\\"'.repeat(120_000)}`,
      JSON.stringify({ Type: "Notification", Message: JSON.stringify({ Type: "Notification", Message: JSON.stringify(sesBounce) }) }),
      JSON.stringify({ notificationType: "Bounce", bounce: { bounceType: "Permanent", bouncedRecipients: [] } }),
    ];
    for (const body of bodies) {
      const n = await classifyMessage(eml(fromSes, [body]));
      expect(n.kind).toBe("none");
    }
  });

  it("ISO-2022-JP: a truncated escape or 100,000 escapes keep the recipient and a bounded diagnostic", async () => {
    for (const diag of ["\u001b$B%f!<%6!<\u001b(", "\u001b$B\u001b(B".repeat(100_000)]) {
      const n = await classifyMessage(report([`Final-Recipient: rfc822; ${PATIENT}`, "Action: failed", "Status: 5.1.1", `Diagnostic-Code: X-Notes; ${diag}`]));
      expect(rows(n)).toEqual([[PATIENT, "unknown-recipient"]]);
      expect((n.recipients[0]?.diagnostic ?? "").length).toBeLessThanOrEqual(MAX_DIAGNOSTIC_CHARS);
    }
  });

  it("a list's English moderation notice, and a refusal forwarded by a colleague, are not bounces", async () => {
    const held = await classifyMessage(eml([
      "From: cardio-owner@lists.example.org", `To: ${ME}`, "Subject: Your message to cardio awaits moderator approval",
      "List-Id: <cardio.lists.example.org>", "X-Mailman-Version: 2.1.39",
    ], [
      "Your mail to 'cardio' with the subject", "", "    Résultats", "",
      "Is being held until the list moderator can review it for approval.", "",
      "The reason it is being held:", "", "    Post by non-member to a members-only list",
    ]));
    const forwarded = await classifyMessage(eml(fromColleague("Fwd: Message distribution: Authorization denied"), [
      "---------- Forwarded message ----------",
      "From: sympa@lists.example.org",
      `You are not subscribed to ${LIST}.`,
    ]));
    expect(held.kind).toBe("none");
    expect(forwarded.kind).toBe("none");
  });
});
