/**
 * A notice that asks the sender to write somewhere ("or send an e-mail message from another
 * address to …", « envoyez un courriel à … ») gives a help desk, not the address that failed;
 * a block list's "if you are not a spammer" is about the sender, not the content.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import type { Notice } from "../../../src/core/notices/types.js";

const PATIENT = "255081416802538@patient.mssante.fr";
const ME = "dr.martin@medecin.mssante.fr";

function notice(subject: string, body: readonly string[]): string {
  return [
    "From: Mail Delivery Subsystem <mailer-daemon@relay.example>",
    `To: ${ME}`,
    `Subject: ${subject}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    ...body,
    "",
  ].join("\r\n");
}

const rows = (n: Notice): (string | null)[][] => n.recipients.map((r) => [r.address, r.reason]);

describe("a request to write elsewhere names a help desk", () => {
  it("a block list's 'send an e-mail message from another address to' is not a second recipient", async () => {
    const n = await classifyMessage(notice("Delivery Status Notification (Failure)", [
      "Delivery to the following recipient failed permanently:",
      "",
      `     ${PATIENT}`,
      "",
      "Technical details of permanent failure:",
      "550 5.7.1 Your message (sent through 192.0.2.10) was blocked by EXAMPLE DNSBL. If you are not a spammer,",
      "open https://dnsbl.example/ and follow instructions or send an e-mail message from another address to",
      "delist@DNSBL.example with the blocked sender e-mail name.",
    ]));
    expect(n.kind).toBe("bounce");
    expect(rows(n)).toEqual([[PATIENT, "sender-rejected"]]);
  });

  it.each([
    "or send a message to",
    "please send us an email to",
    "You can send mail to",
    "Envoyez un courriel à",
    "adressez votre message à",
  ])("'%s <address>' is a help desk", async (words) => {
    const n = await classifyMessage(notice("Undelivered Mail Returned to Sender", [
      "Your message could not be delivered to the following recipient:",
      "",
      `<${PATIENT}>: 550 5.1.1 user unknown`,
      "",
      `For help, ${words} support@relay.example`,
    ]));
    expect(n.recipients.map((r) => r.address)).toEqual([PATIENT]);
  });

  it("the words alone do not hide the only failed recipient a line names as failed", async () => {
    const n = await classifyMessage(notice("Undeliverable", [
      "Delivery has failed to these recipients or groups:",
      "",
      PATIENT,
      "The recipient's mailbox is full. You can send a message to",
      `${PATIENT} again later.`,
    ]));
    expect(n.recipients.map((r) => r.address)).toEqual([PATIENT]);
  });
});

describe("a block list's words to the sender", () => {
  it("'if you are not a spammer' with a block list is the sender's server refused, not its content", async () => {
    const n = await classifyMessage(notice("Undelivered Mail Returned to Sender", [
      "This is the mail system at host relay.example.",
      "",
      `<${PATIENT}>: host mx.example said: 550 5.7.1 Rejected: your IP is on our block list.`,
      "    If you are not a spammer, ask your provider to delist it. (in reply to RCPT TO command)",
    ]));
    expect(rows(n)).toEqual([[PATIENT, "sender-rejected"]]);
  });

  it("a message refused as spam stays a refused content", async () => {
    const n = await classifyMessage(notice("Undelivered Mail Returned to Sender", [
      "This is the mail system at host relay.example.",
      "",
      `<${PATIENT}>: host mx.example said: 550 5.7.1 Message rejected as spam. (in reply to end of DATA command)`,
    ]));
    expect(rows(n)).toEqual([[PATIENT, "content-rejected"]]);
  });
});
