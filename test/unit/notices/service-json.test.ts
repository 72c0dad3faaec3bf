import { describe, expect, it } from "vitest";
import { serviceNotification } from "../../../src/core/notices/formats/service-json.js";
import { classifyMessage } from "../../../src/core/notices/index.js";
import type { Notice } from "../../../src/core/notices/types.js";

function message(body: string, subject = "AWS Notification Message"): string {
  return [
    "From: Notifications <no-reply@sns.service-envoi.example>",
    "To: dr.martin@medecin.mssante.fr",
    `Subject: ${subject}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "",
  ].join("\r\n");
}

const bounce = {
  notificationType: "Bounce",
  bounce: {
    bounceType: "Permanent",
    bouncedRecipients: [{ emailAddress: "a@clinic.example", status: "5.1.1", diagnosticCode: "smtp; 550 5.1.1 user unknown" }],
  },
};

describe("a sending service's JSON notification (Amazon SES)", () => {
  it("reads a bounce, alone or in its SNS envelope, as report fields", async () => {
    for (const body of [JSON.stringify(bounce), JSON.stringify({ Type: "Notification", Message: JSON.stringify(bounce) }, null, 2)]) {
      const n = await classifyMessage(message(body));
      expect(n).toMatchObject({ kind: "bounce", format: "dsn" });
      expect(n.recipients.map((r) => [r.address, r.action, r.reason])).toEqual([["a@clinic.example", "failed", "unknown-recipient"]]);
    }
  });

  it("a complaint is not a delivery notice, nor is a delivery", async () => {
    const complaint = await classifyMessage(message(JSON.stringify({ notificationType: "Complaint", complaint: {} })));
    expect(complaint).toMatchObject({ kind: "none", notNotice: "complaint" });
    const delivery = { notificationType: "Delivery", delivery: { recipients: ["a@clinic.example"] } };
    expect(await classifyMessage(message(JSON.stringify(delivery)))).toMatchObject({ kind: "none" });
  });

  it("reads nothing from text that only holds JSON further down, or broken JSON", async () => {
    const quoted = await classifyMessage(message(`Regarde ce message :\n${JSON.stringify(bounce)}`, "A voir"));
    expect(quoted.kind).toBe("none");
    expect(serviceNotification(`Regarde :\n${JSON.stringify(bounce)}`)).toBeNull();
    expect(serviceNotification(JSON.stringify(bounce).slice(0, -1))).toBeNull();
    expect(serviceNotification('{"notificationType":"Bounce","bounce":{"bouncedRecipients":"a@b.example"}}')).toBeNull();
  });

  it("a value cannot add a field of its own (line breaks in it are made spaces)", () => {
    const sneaky = {
      notificationType: "Bounce",
      bounce: { bouncedRecipients: [{ emailAddress: "a@clinic.example", diagnosticCode: "x\nFinal-Recipient: rfc822; b@other.example" }] },
    };
    const n = serviceNotification(JSON.stringify(sneaky));
    expect(n?.type).toBe("report");
    expect(n?.type === "report" ? n.fields.match(/^Final-Recipient:/gm) : null).toHaveLength(1);
  });
});

const PATIENT = "255081416802538@patient.mssante.fr";
const ME = "dr.martin@medecin.mssante.fr";

function eml(headers: readonly string[], body: readonly string[], type = "text/plain; charset=utf-8"): string {
  return [...headers, "MIME-Version: 1.0", `Content-Type: ${type}`, "", ...body, ""].join("\r\n");
}

const fromColleague = (subject: string): string[] => [
  "From: Dr Claire Petit <claire.petit@cabinet.mssante.fr>",
  `To: ${ME}`,
  `Subject: ${subject}`,
];
const fromSes = ["From: AWS Notifications <no-reply@sns.amazonaws.com>", `To: ${ME}`, "Subject: AWS Notification Message"];
const rows = (n: Notice): (string | null)[][] => n.recipients.map((r) => [r.address, r.reason]);

const sesBounce = {
  notificationType: "Bounce",
  bounce: {
    bounceType: "Permanent",
    bouncedRecipients: [{ emailAddress: PATIENT, action: "failed", status: "5.1.1", diagnosticCode: "smtp; 550 5.1.1 user unknown" }],
  },
};
const sesWith = (bounceType: string, bounceSubType: string): string =>
  eml(fromSes, [JSON.stringify({ notificationType: "Bounce", bounce: { bounceType, bounceSubType, bouncedRecipients: [{ emailAddress: PATIENT }] } })]);

describe("SES JSON: who wrote it, its subtype, its event form (hostile review)", () => {
  it("a colleague's own message whose text is an SES bounce JSON (pasted to ask, or a reply above a quote) is not a bounce", async () => {
    // Came out: bounce, naming the patient as unknown: the JSON is read whoever sent it (the
    // subject of a reply in a thread about a returned message lets it past the quick scan,
    // the command line's too). Before the rule: an ordinary message.
    const asked = await classifyMessage(eml(fromColleague("Re: Non remis : résultats"), [JSON.stringify(sesBounce, null, 2)]));
    const replied = await classifyMessage(eml(fromColleague("Re: Message non distribué"), [
      JSON.stringify(sesBounce),
      "",
      "Le 3 déc. 2026, Dr Martin a écrit :",
      "> Tu reçois aussi ces notifications ?",
    ]));
    expect(asked.kind).toBe("none");
    expect(replied.kind).toBe("none");
  });

  it("an SES bounce JSON forwarded by a colleague ('Fwd:') is a forwarded notice, not a bounce", async () => {
    // Came out: bounce (format dsn): the forward check comes after the JSON reading. Before
    // the rule: "forwarded".
    const n = await classifyMessage(eml(fromColleague("Fwd: Undelivered Mail Returned to Sender"), [JSON.stringify(sesBounce)]));
    expect(n).toMatchObject({ kind: "none", notNotice: "forwarded" });
  });

  it("an SES bounce's subtype gives its cause when there is no diagnostic code (NoEmail, MessageTooLarge, MailboxFull)", async () => {
    // Came out: "other" for all three: bounceSubType is not read, and SES often gives no
    // diagnosticCode. The doctor is not told the address does not exist / the message is too big.
    const noEmail = await classifyMessage(sesWith("Permanent", "NoEmail"));
    const tooLarge = await classifyMessage(sesWith("Permanent", "MessageTooLarge"));
    const full = await classifyMessage(sesWith("Transient", "MailboxFull"));
    expect([rows(noEmail), rows(tooLarge), rows(full)]).toEqual([
      [[PATIENT, "unknown-recipient"]],
      [[PATIENT, "message-too-large"]],
      [[PATIENT, "mailbox-full"]],
    ]);
  });

  it("an SES bounce without a diagnostic code does not show the raw JSON as what the server said", async () => {
    // Came out: diagnostic '{"notificationType":"Bounce","bounce":{…' (the message's text,
    // used as a fallback), shown to the doctor as the server's words.
    const n = await classifyMessage(sesWith("Permanent", "General"));
    expect(n.recipients).toHaveLength(1);
    expect(n.recipients[0]?.diagnostic ?? "").not.toContain("notificationType");
  });

  it("an SES event-publishing notification ('eventType': 'Bounce') is read like a notification", async () => {
    // Came out: none/ordinary: only 'notificationType' is read; SES's event publishing to
    // SNS names the same object 'eventType'.
    const n = await classifyMessage(eml(fromSes, [JSON.stringify({ eventType: "Bounce", bounce: sesBounce.bounce })]));
    expect(n.kind).toBe("bounce");
    expect(rows(n)).toEqual([[PATIENT, "unknown-recipient"]]);
  });
});

describe("SES JSON: causes without a code, and who may send it", () => {
  it("a subtype with no cause of its own, or an undetermined type, gives no status and a short text", async () => {
    const suppressed = await classifyMessage(sesWith("Permanent", "OnAccountSuppressionList"));
    const undetermined = await classifyMessage(sesWith("Undetermined", "Undetermined"));
    expect(suppressed.recipients.map((r) => [r.status, r.diagnostic, r.action])).toEqual([
      [null, "Permanent bounce: on account suppression list", "failed"],
    ]);
    expect(undetermined.recipients.map((r) => [r.status, r.diagnostic])).toEqual([[null, "Undetermined bounce: undetermined"]]);
  });

  it("a transient bounce SES gave up on is a failure (4.2.2 for MailboxFull), not a delay", async () => {
    const n = await classifyMessage(sesWith("Transient", "MailboxFull"));
    expect(n.kind).toBe("bounce");
    expect(n.recipients.map((r) => [r.status, r.action, r.reason])).toEqual([["4.2.2", "failed", "mailbox-full"]]);
  });

  it("a status or diagnostic code SES gives wins over the one its subtype would give", async () => {
    const n = await classifyMessage(eml(fromSes, [JSON.stringify({
      notificationType: "Bounce",
      bounce: { bounceType: "Permanent", bounceSubType: "General",
        bouncedRecipients: [{ emailAddress: PATIENT, status: "5.2.2", diagnosticCode: "smtp; 552 5.2.2 mailbox full" }] },
    })]));
    expect(n.recipients.map((r) => [r.status, r.diagnostic, r.reason])).toEqual([["5.2.2", "552 5.2.2 mailbox full", "mailbox-full"]]);
  });

  it("a type or subtype that is not a plain name is not read", async () => {
    const n = await classifyMessage(sesWith("Permanent\nStatus: 5.1.1", "No Email"));
    expect(n.recipients.map((r) => [r.status, r.diagnostic])).toEqual([[null, null]]);
  });

  it("a reply with a notice's subject, from a no-reply address, is not read as SES JSON", async () => {
    const n = await classifyMessage(eml(
      ["From: Notifications <no-reply@sns.amazonaws.com>", `To: ${ME}`, "Subject: Re: Undelivered Mail Returned to Sender"],
      [JSON.stringify(sesBounce)],
    ));
    expect(n.recipients).toEqual([]);
  });
});
