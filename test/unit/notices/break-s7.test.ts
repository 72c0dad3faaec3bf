/**
 * Hostile review of the classifier's newest rules: a returned read receipt and message
 * identifiers (rule 1), a named mailbox not found on a host (rule 2), a host that accepts no
 * mail (rule 3), a request to write elsewhere and a block list's "not a spammer" (rule 4).
 * Each finding is one `it`, its input built in the test; each says in a comment what came out
 * before the fix. The attacks the code withstood are kept below as regression tests, with the
 * three cases the review left out as ambiguous.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import type { Notice } from "../../../src/core/notices/types.js";
import { dsn, mail, textBounce } from "./notice-builders.js";

const INS = "255081416802538";
const PATIENT = `${INS}@patient.mssante.fr`;
const OTHER_PATIENT = "295109912611193@patient.mssante.fr";
const ME = "dr.martin@medecin.mssante.fr";

const crlf = (lines: readonly string[]): string => lines.join("\r\n");
const failed = (n: Notice): [string, string | null][] => n.recipients.map((r) => [r.address.toLowerCase(), r.reason]);

/** A Postfix-style plain notice: the failed recipient's line, then the remote server's words. */
function postfixText(recipientLine: string, said: string, before: readonly string[] = []): string {
  return textBounce(crlf([
    "This is the mail system at host relay.example.net.",
    "",
    "I'm sorry to have to inform you that your message could not",
    "be delivered to one or more recipients.",
    "",
    ...before,
    recipientLine,
    `    ${said}`,
    "",
  ]), "Undelivered Mail Returned to Sender");
}

describe("rule 1: message identifiers and returned read receipts", () => {
  it("a patient address named as the failed recipient is reported even when a quoted message id holds it", async () => {
    // Before the fix: a bounce naming no recipient; the patient's address is a piece of the quoted id, so every occurrence is dropped.
    // Mon espace santé-like identifiers (`<date.INS@patient.mssante.fr>`): the doctor answered
    // the patient's message, the notice quotes the answered message's id, then names the
    // patient as failed. The id check drops every occurrence of an address found inside an id.
    const n = await classifyMessage(textBounce(crlf([
      "Your message could not be delivered.",
      "",
      `Message ID: <20251201093000.${INS}@patient.mssante.fr>`,
      `Recipient: ${PATIENT}`,
      "Reason: 550 5.1.1 user unknown",
      "",
    ])));
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });

  it("a patient address equal to the In-Reply-To id quoted above it is still the failed recipient", async () => {
    // Before the fix: a bounce naming no recipient (the Postfix line naming the patient is dropped as an id).
    const n = await classifyMessage(postfixText(
      `<${PATIENT}>: host mx.patient.mssante.fr[192.0.2.10] said: 550 5.1.1`,
      "<" + PATIENT + ">: Recipient address rejected: User unknown (in reply to RCPT TO command)",
      [`In-Reply-To: <${PATIENT}>`, ""],
    ));
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });
  it("the returned receipt's pasted Original-Message-ID holding the INS does not hide the patient the notice names as failed", async () => {
    // Before the fix: a bounce naming no recipient.
    // The doctor's receipt answered the patient's message, whose identifier the patient's
    // platform may build from the patient's address: every occurrence of an address found
    // inside an identifier is dropped, so the line that names the patient as failed is too.
    const n = await classifyMessage(textBounce(crlf([
      "Your message could not be delivered to the following recipient:",
      "",
      `  ${PATIENT}`,
      "  550 5.1.1 user unknown",
      "",
      "Reporting-UA: cabinet.example; Thunderbird",
      `Final-Recipient: rfc822;${ME}`,
      `Original-Message-ID: <q1.${INS}@patient.mssante.fr>`,
      "Disposition: manual-action/MDN-sent-manually; displayed",
      "",
    ])));
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });

  it("a one-line summary 'Message-ID: <…>  Recipient: <patient>' reports the patient", async () => {
    // Before the fix: a bounce naming no recipient (every <…> on an identifier field's line is taken for an id).
    const n = await classifyMessage(textBounce(
      `Message-ID: <abc@medecin.mssante.fr>  Recipient: <${PATIENT}>  Status: 5.1.1 user unknown\r\n`,
    ));
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });
});

describe("rule 1, for every identifier field and identifier built from the patient's address", () => {
  it("the patient named as failed is reported, and the identifier never is", async () => {
    const field = fc.constantFrom("Message-ID", "Original-Message-ID", "In-Reply-To", "References", "Content-ID",
      "X-Original-Message-ID", "message id", "Message ID");
    const prefix = fc.stringMatching(/^[a-z0-9]{0,12}\.?$/);
    const named = fc.constantFrom(
      (a: string) => `Recipient: ${a}`,
      (a: string) => `<${a}>:`,
      (a: string) => `  ${a}`,
      (a: string) => `Delivery to ${a} failed.`,
    );
    await fc.assert(fc.asyncProperty(field, prefix, named, fc.boolean(), async (f, p, line, idFirst) => {
      // A `Message-ID:` line starts the returned message's headers: what follows it is no longer the notice.
      fc.pre(!(idFirst && f === "Message-ID"));
      const idLine = `${f}: <${p}${PATIENT}>`;
      const recipientLine = `${line(PATIENT)} 550 5.1.1 user unknown`;
      const lines = idFirst ? [idLine, "", recipientLine] : [recipientLine, "", idLine];
      const n = await classifyMessage(textBounce(crlf(["Your message could not be delivered.", "", ...lines, ""])));
      expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
    }), { numRuns: 200 });
  });
});

describe("rule 2: a named mailbox not found", () => {
  it("« l'utilisateur jdupont est introuvable sur l'hôte … » is an unknown recipient", async () => {
    // Before the fix: 'other' (the word before « introuvable » is « est », read as no mailbox name).
    const n = await classifyMessage(postfixText(`<${PATIENT}>:`, `550 L'utilisateur ${INS} est introuvable sur l'hôte mx.patient.mssante.fr`));
    expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });



  it("'user jdoe is not found on this host' is an unknown recipient", async () => {
    // Before the fix: 'other' ("is" before "not found" is read as no mailbox name).
    const n = await classifyMessage(postfixText(`<${PATIENT}>:`, `550 user ${INS} is not found on this host`));
    expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });

  it("an authenticated user not found (the doctor's own login) is the sender refused", async () => {
    // Before the fix: unknown-recipient, with 5.7.1 and the doctor's own address named: the doctor is told the patient's address does not exist.
    const n = await classifyMessage(dsn(PATIENT, "5.7.1", `553 5.7.1 authenticated user ${ME} not found in the sender directory`));
    expect(failed(n)).toEqual([[PATIENT, "sender-rejected"]]);
  });

  it("'sender user dr.martin not found' is the sender refused", async () => {
    // Before the fix: unknown-recipient ("user dr.martin not found" is read without the word "sender" before it).
    const n = await classifyMessage(dsn(PATIENT, "5.0.0", "550 sender user dr.martin not found on host relay.example.net"));
    expect(failed(n)).toEqual([[PATIENT, "sender-rejected"]]);
  });

  it("'550 5.7.1 sender user not found' (the sender's own account) is not an unknown recipient", async () => {
    // Before the fix: unknown-recipient.
    const n = await classifyMessage(dsn(PATIENT, "5.7.1", "550 5.7.1 sender user not found"));
    expect(failed(n)).toEqual([[PATIENT, "sender-rejected"]]);
  });

  it("'535 5.7.8 authentication credentials invalid: authenticated user unknown' is the sender refused", async () => {
    // Before the fix: unknown-recipient ("user unknown" wins over an authentication reply).
    const n = await classifyMessage(dsn(PATIENT, "5.7.8", "535 5.7.8 Authentication credentials invalid: authenticated user unknown"));
    expect(failed(n)).toEqual([[PATIENT, "sender-rejected"]]);
  });
});

describe("rule 2: an authentication reply is the sender's login refused", () => {
  it.each([
    ["5.7.8", "550 user unknown"],
    ["5.0.0", "535 Incorrect authentication data"],
  ])("status %s, %j: the sender refused, not the patient's address", async (status, said) => {
    const n = await classifyMessage(dsn(PATIENT, status, said));
    expect(failed(n)).toEqual([[PATIENT, "sender-rejected"]]);
  });
});

describe("rule 3: a host that accepts no mail", () => {

  it("'host does not accept mail at this time' given up after retrying is expired, not an unknown domain", async () => {
    // Before the fix: host-unknown, for a host that answered with a temporary 421.
    const n = await classifyMessage(dsn(PATIENT, "4.3.2", "421 4.3.2 Host does not accept mail at this time, try again later"));
    expect(failed(n)).toEqual([[PATIENT, "expired"]]);
  });

  it("'host/domain does not accept mail without TLS' is the sender refused (TLS required), not an unknown domain", async () => {
    // Before the fix: host-unknown (the null-MX words win over the TLS condition).
    for (const [status, said] of [["5.7.0", "530 5.7.0 Domain does not accept mail without TLS"], ["5.0.0", "550 Host does not accept mail without TLS"]] as const) {
      const n = await classifyMessage(dsn(PATIENT, status, said));
      expect(failed(n)).toEqual([[PATIENT, "sender-rejected"]]);
    }
  });
});

describe("rule 4: a request to write elsewhere", () => {
  it("'you can send a message to <patient> again' does not hide the only failed recipient", async () => {
    // Before the fix: a bounce naming no recipient (the patient is taken for a help desk).
    const n = await classifyMessage(textBounce(crlf([
      "Your message wasn't delivered because the recipient's mailbox is full.",
      `You can send a message to ${PATIENT} again once the patient has made room.`,
      "",
    ])));
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[PATIENT, "mailbox-full"]]);
  });

  it("« vérifiez l'adresse, puis envoyez votre message à <patient> » does not hide the failed recipient", async () => {
    // Before the fix: a bounce naming no recipient.
    const n = await classifyMessage(textBounce(crlf([
      "Votre message n'a pas pu être distribué : destinataire inconnu.",
      `Vérifiez le matricule INS, puis envoyez votre message à ${PATIENT} de nouveau.`,
      "",
    ]), "Non remis : Vos résultats"));
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });

  it("'please check the address and send a message to' then the patient on the next line does not hide them", async () => {
    // Before the fix: a bounce naming no recipient.
    const n = await classifyMessage(textBounce(crlf([
      "Delivery has failed: the recipient's mailbox is full.",
      "Please wait a few days and send a message to",
      `  ${PATIENT}`,
      "again.",
      "",
    ])));
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[PATIENT, "mailbox-full"]]);
  });
});


/** The patient's read receipt (RFC 8098), as Mon espace santé sends it from the patient's address. */
function patientReceipt(originalId: string): string {
  return crlf([
    `From: ${PATIENT}`,
    `To: ${ME}`,
    "Subject: Lu : Vos résultats",
    "Date: Mon, 1 Dec 2025 11:00:00 +0100",
    `Message-ID: <mdn.20251201110000.${INS}@patient.mssante.fr>`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=disposition-notification; boundary="mdn"',
    "",
    "--mdn",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Votre message a été lu par le destinataire.",
    "",
    "--mdn",
    "Content-Type: message/disposition-notification",
    "",
    "Reporting-UA: monespacesante.fr",
    `Final-Recipient: rfc822;${PATIENT}`,
    `Original-Message-ID: <${originalId}>`,
    "Disposition: automatic-action/MDN-sent-automatically; displayed",
    "",
    "--mdn--",
    "",
  ]);
}

/** The doctor's own read receipt to the patient (the patient asked for one). */
function doctorReceipt(to: string, cc: string | null = null): string {
  return crlf([
    `From: Dr Martin <${ME}>`,
    `To: ${to}`,
    ...(cc === null ? [] : [`Cc: ${cc}`]),
    "Subject: Lu : Question",
    "Date: Mon, 1 Dec 2025 09:00:00 +0100",
    "Message-ID: <mdn.1@medecin.mssante.fr>",
    `In-Reply-To: <q1.${INS}@patient.mssante.fr>`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=disposition-notification; boundary="r"',
    "",
    "--r",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Le message a été affiché.",
    "",
    "--r",
    "Content-Type: message/disposition-notification",
    "",
    "Reporting-UA: cabinet.example; Thunderbird",
    `Final-Recipient: rfc822;${ME}`,
    `Original-Message-ID: <q1.${INS}@patient.mssante.fr>`,
    "Disposition: manual-action/MDN-sent-manually; displayed",
    "",
    "--r--",
    "",
  ]);
}

/** A mail system's message with an attached message (`message/rfc822`). */
function withAttached(from: string, subject: string, text: string, attached: string): string {
  return mail({
    from,
    subject,
    contentType: 'multipart/mixed; boundary="outer"',
    body: crlf([
      "--outer",
      "Content-Type: text/plain; charset=utf-8",
      "",
      text,
      "",
      "--outer",
      "Content-Type: message/rfc822",
      "",
      attached,
      "--outer--",
    ]),
  });
}

describe("withstood", () => {
  it("the patient's genuine receipt, whose Message-ID holds the INS, is a receipt from the patient", async () => {
    const n = await classifyMessage(patientReceipt(`msg.1@medecin.mssante.fr`));
    expect(n.kind).toBe("receipt");
    expect(n.recipients.map((r) => [r.address.toLowerCase(), r.disposition?.type])).toEqual([[PATIENT, "displayed"]]);
  });

  it("the patient's genuine receipt relayed by a gateway as an attachment stays the patient's receipt", async () => {
    const n = await classifyMessage(withAttached(
      "Passerelle MSSanté <mailer-daemon@gw.operateur.mssante.fr>",
      "Lu : Vos résultats",
      "Le message joint vous est transmis par la passerelle de votre opérateur.",
      patientReceipt("msg.1@medecin.mssante.fr"),
    ));
    expect(n.kind).toBe("receipt");
    expect(n.recipients.map((r) => r.address.toLowerCase())).toEqual([PATIENT]);
  });

  it("the doctor's returned receipt, naming no address, reports the receipt's To and not the doctor's own Cc", async () => {
    const n = await classifyMessage(withAttached(
      "Mail Delivery System <MAILER-DAEMON@relay.example.net>",
      "Undelivered Mail Returned to Sender",
      "Your message could not be delivered. 550 5.1.1 user unknown",
      doctorReceipt(PATIENT, ME),
    ));
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });

  it("the doctor's returned receipt to two patients, naming no address, reports both", async () => {
    const n = await classifyMessage(withAttached(
      "Mail Delivery System <MAILER-DAEMON@relay.example.net>",
      "Undelivered Mail Returned to Sender",
      "Your message could not be delivered.",
      doctorReceipt(`${PATIENT}, ${OTHER_PATIENT}`),
    ));
    expect(n.kind).toBe("bounce");
    expect(n.recipients.map((r) => r.address.toLowerCase()).sort()).toEqual([OTHER_PATIENT, PATIENT].sort());
  });

  it("a returned receipt forwarded by a colleague is not a bounce", async () => {
    const n = await classifyMessage(withAttached(
      "Dr Claire Petit <claire.petit@medecin.mssante.fr>",
      "TR: Undelivered Mail Returned to Sender",
      "Bonjour, je reçois ce retour, est-ce normal ?",
      doctorReceipt(PATIENT),
    ));
    expect(n.kind).toBe("none");
  });

  it("a failed recipient on a line after a References field folded over many lines is read, and no id is", async () => {
    const ids = Array.from({ length: 60 }, (_, i) => ` <${i}.${INS}@patient.mssante.fr>`);
    const n = await classifyMessage(postfixText(
      `<${OTHER_PATIENT}>: host mx.patient.mssante.fr[192.0.2.10] said: 550 5.1.1`,
      "User unknown (in reply to RCPT TO command)",
      [`References: <first.${INS}@patient.mssante.fr>`, ...ids],
    ));
    expect(n.kind).toBe("bounce");
    expect(failed(n)).toEqual([[OTHER_PATIENT, "unknown-recipient"]]);
  });

  it("a colleague's ordinary message quoting 'user jdoe not found on host' is not a bounce", async () => {
    const n = await classifyMessage(mail({
      from: "Dr Claire Petit <claire.petit@medecin.mssante.fr>",
      subject: "Question logiciel",
      body: "Bonjour, mon logiciel affiche « user jdoe not found on host mx.example.org », une idée ?",
    }));
    expect(n.kind).toBe("none");
  });

  it("a colleague's out-of-office that says 'you can send a message to' a replacement is not a bounce", async () => {
    const n = await classifyMessage(mail({
      from: "Dr Claire Petit <claire.petit@medecin.mssante.fr>",
      subject: "Réponse automatique : Vos résultats",
      extraHeaders: "Auto-Submitted: auto-replied\r\n",
      body: "Je suis absente jusqu'au 15. You can send a message to remplacant@medecin.mssante.fr.",
    }));
    expect(n.kind).toBe("none");
  });

  it("a request to write to a help desk on the next line is not a second failed recipient", async () => {
    const n = await classifyMessage(postfixText(
      `<${PATIENT}>: host mx.patient.mssante.fr[192.0.2.10] said: 550 5.1.1`,
      "User unknown. If you believe this is an error, you can send mail to\r\n    support@operateur.mssante.fr",
    ));
    expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });

  it("help-desk words before another address on the line that names the patient as failed", async () => {
    const n = await classifyMessage(textBounce(
      `Or send an e-mail message from another address to postmaster@example.org. Delivery to ${PATIENT} failed: 550 5.1.1 user unknown.\r\n`,
    ));
    expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });

  it("« adressez votre message à » the help desk is not a failed recipient", async () => {
    const n = await classifyMessage(textBounce(crlf([
      `Votre message à ${PATIENT} n'a pas pu être distribué : destinataire inconnu.`,
      "Pour toute question, adressez votre message à support@operateur.mssante.fr.",
      "",
    ]), "Non remis : Vos résultats"));
    expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });

  it("a block list's 'if you are not a spammer' is the sender refused", async () => {
    const n = await classifyMessage(dsn(PATIENT, "5.7.1", "554 5.7.1 Service unavailable; client host [198.51.100.7] blocked using bl.example.net; if you are not a spammer, see http://bl.example.net"));
    expect(failed(n)).toEqual([[PATIENT, "sender-rejected"]]);
  });

  it("a domain with a null MX is an unknown domain", async () => {
    const n = await classifyMessage(dsn(PATIENT, "5.1.10", "556 5.1.10 Domain patient.mssante.fr does not accept mail (nullMX)"));
    expect(failed(n)).toEqual([[PATIENT, "host-unknown"]]);
  });

  it("« le destinataire … n'existe pas sur ce serveur » is an unknown recipient", async () => {
    const n = await classifyMessage(postfixText(`<${PATIENT}>:`, `550 Le destinataire ${INS} n'existe pas sur ce serveur`));
    expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });
  it("« l'utilisateur … n'existe pas » is an unknown recipient", async () => {
    const n = await classifyMessage(postfixText(`<${PATIENT}>:`, `550 l'utilisateur ${INS} n'existe pas`));
    expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });
  it("'recipient patient.mssante.fr not found' with 5.1.2 names a host, not a mailbox", async () => {
    const n = await classifyMessage(dsn(PATIENT, "5.1.2", "550 5.1.2 recipient patient.mssante.fr not found"));
    expect(failed(n)).toEqual([[PATIENT, "host-unknown"]]);
  });
  it("'host does not accept mail sent from your server' is the sender refused", async () => {
    const n = await classifyMessage(dsn(PATIENT, "5.7.1", "550 5.7.1 This host does not accept mail sent from your server"));
    expect(failed(n)).toEqual([[PATIENT, "sender-rejected"]]);
  });
  it("'Host does not accept mail from you' is the sender refused", async () => {
    const n = await classifyMessage(dsn(PATIENT, "5.7.1", "550 5.7.1 Host does not accept mail from you"));
    expect(failed(n)).toEqual([[PATIENT, "sender-rejected"]]);
  });

  // Left out by the review as ambiguous; what comes out is pinned here.
  it("'mailbox <patient> unknown or closed' is an unknown recipient: either way, check the INS", async () => {
    const n = await classifyMessage(dsn(PATIENT, "5.1.1", `550 5.1.1 mailbox <${PATIENT}> unknown or closed`));
    expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });
  it("'not found in the allow list of the sender's domain' is the sender refused", async () => {
    const n = await classifyMessage(dsn(PATIENT, "5.0.0", `550 ${ME} not found in the allow list of the sender's domain`));
    expect(failed(n)).toEqual([[PATIENT, "sender-rejected"]]);
  });
  it("an indented <patient> alone after a Content-ID line is the failed recipient, not a folded identifier", async () => {
    // Before the fix: a bounce naming no recipient (the line was read as the Content-ID's folded value).
    const n = await classifyMessage(textBounce(crlf([
      "Your message could not be delivered.",
      "",
      "Content-ID: <part1@relay.example.net>",
      `    <${PATIENT}>`,
      "    550 5.1.1 user unknown",
      "",
    ])));
    expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });
  it("a Message-ID whose value is folded onto the next line still hides it", async () => {
    const n = await classifyMessage(textBounce(crlf([
      `Your message to ${PATIENT} could not be delivered: 550 5.1.1 user unknown.`,
      "",
      "Message-ID:",
      `    <q1.${INS}@patient.mssante.fr>`,
      "",
    ])));
    expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });
  it.each([
    ["words about help after it", "You can send a message to jeanne.dupuis@hebergeur.example for help with this error."],
    ["at the notice's own domain", "You can send a message to jeanne.dupuis@relay.example.net again."],
    ["a service's mailbox name", "You can send a message to it-support@hebergeur.example again."],
    ["named twice", "You can send a message to jeanne.dupuis@hebergeur.example.\r\nOu écrivez à jeanne.dupuis@hebergeur.example."],
  ])("the only address after help-desk words is no failed recipient when it can be a help desk: %s", async (_, line) => {
    const n = await classifyMessage(textBounce(crlf(["Your message could not be delivered.", line, ""])));
    expect(n.recipients).toEqual([]);
  });

  describe("hostile sizes come back", () => {
    it.each([
      ["user x not found on host ", (s: string) => postfixText(`<${PATIENT}>:`, s)],
      ["References: <a@b>\r\n <a@b>\r\n", (s: string) => textBounce(`Your message could not be delivered to ${PATIENT}.\r\n\r\n${s}\r\n`)],
      ["or send a message to a@b ", (s: string) => textBounce(`Your message could not be delivered to ${PATIENT}.\r\n${s}\r\n`)],
      ["or send a message to\r\n a@b\r\n", (s: string) => textBounce(`Your message could not be delivered to ${PATIENT}.\r\n${s}\r\n`)],
      ["user x not found ", (s: string) => dsn(PATIENT, "5.1.1", s)],
      ["Host does not accept mail from ", (s: string) => dsn(PATIENT, "5.0.0", s)],
      ["message id <a@b> ", (s: string) => textBounce(`Your message could not be delivered to ${PATIENT}.\r\n${s}\r\n`)],
    ])("256 KB of %j", async (unit, build) => {
      const n = await classifyMessage(build(unit.repeat(Math.ceil((256 * 1024) / unit.length))));
      expect(n.kind).toBe("bounce");
      expect(n.recipients.map((r) => r.address.toLowerCase())).toContain(PATIENT);
    });
  });
});
