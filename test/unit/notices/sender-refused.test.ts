/**
 * Refusals aimed at the SENDER are not problems of the recipient's address or mailbox
 * (issue 11). When the remote server refuses the sending server (authentication checks,
 * unauthenticated sender, an IP blocklist, an IP rate limit, a refusal right after MAIL FROM,
 * too many recipients in one message, a receiving-rate limit), the classifier used to answer
 * `unknown-recipient`, `invalid-address`, `mailbox-full` or `mailbox-closed`; the
 * explanation then told the professional that the patient's address does not exist, is
 * malformed, is full or is closed: they doubt a correct INS, or note a closed mailbox in the
 * patient's file, when their own server was refused.
 *
 * What is expected: `sender-rejected` (or at least none of the recipient-side reasons) and
 * an explanation that does not say the address does not exist.
 *
 * Shapes seen in real public bounces never used for tuning (Sisimai's set-of-emails:
 * lhost-opensmtpd-11, lhost-postfix-65, lhost-postfix-48/55, rhost-godaddy-02,
 * rhost-tencent-01/02, lhost-exim-01/49, lhost-postfix-59); the messages below are written
 * here, shortened, around the same remote replies.
 */
import { describe, expect, it } from "vitest";
import { say } from "../../../src/core/i18n/catalogs.js";
import { classifyMessage, explainRecipient, type Reason } from "../../../src/core/notices/index.js";
import { DOCTOR, dsn, PATIENT, textBounce } from "./notice-builders.js";

const RECIPIENT_SIDE: readonly Reason[] = ["unknown-recipient", "invalid-address", "mailbox-full", "mailbox-closed"];

async function onlyRecipient(raw: string) {
  const notice = await classifyMessage(raw);
  expect(notice.kind).toBe("bounce");
  expect(notice.recipients).toHaveLength(1);
  const [r] = notice.recipients;
  if (r === undefined) throw new Error("no recipient");
  return r;
}

describe("a refusal of the sending server is not a problem of the patient's address", () => {
  it("DMARC/SPF/DKIM failure (5.7.26 in the reply, 5.0.0 in the Status field) is sender-rejected", async () => {
    const r = await onlyRecipient(
      dsn(PATIENT, "5.0.0", `550 5.7.26 <${PATIENT}>: Recipient address rejected: Multiple authentication checks failed`),
    );
    // was: unknown-recipient
    expect(r.reason).toBe("sender-rejected");
  });

  it("'Unauthenticated senders not allowed' is sender-rejected", async () => {
    const r = await onlyRecipient(dsn(PATIENT, "5.0.0", "550 Unauthenticated senders not allowed"));
    // was: unknown-recipient
    expect(r.reason).toBe("sender-rejected");
  });

  it("an IP blocklist link (Spamhaus) with status 5.1.3 is not an invalid address", async () => {
    const r = await onlyRecipient(dsn(PATIENT, "5.1.3", "553 http://www.spamhaus.org/query/bl?ip=192.0.2.10"));
    // was: invalid-address
    expect(r.reason).toBe("sender-rejected");
  });

  it("'Ip frequency limited ... Blocked IP' is sender-rejected", async () => {
    const r = await onlyRecipient(dsn(PATIENT, "5.0.0", "550 Ip frequency limited [Blocked IP 192.0.2.10]"));
    // was: unknown-recipient
    expect(r.reason).toBe("sender-rejected");
  });

  it("'552 Too many recipients' is not a full mailbox", async () => {
    const r = await onlyRecipient(dsn(PATIENT, "5.0.0", "552 Too many recipients"));
    // was: mailbox-full (552 alone is read as "storage exceeded")
    expect(RECIPIENT_SIDE).not.toContain(r.reason);
  });

  it("a receiving-rate limit with status 5.2.1 is not a closed mailbox", async () => {
    const r = await onlyRecipient(
      dsn(
        PATIENT,
        "5.2.1",
        "550-5.2.1 The user you are trying to contact is receiving mail at a rate that 550-5.2.1 prevents additional messages from being delivered.",
      ),
    );
    // was: mailbox-closed — the add-on would record the patient's mailbox as closed
    expect(r.reason).not.toBe("mailbox-closed");
  });

  it("a refusal right after MAIL FROM (Exim text bounce) is sender-rejected", async () => {
    const r = await onlyRecipient(
      textBounce(
        "A message that you sent could not be delivered to one or more of its\r\n" +
          "recipients. This is a permanent error. The following address(es) failed:\r\n\r\n" +
          `  ${PATIENT}\r\n` +
          `    SMTP error from remote mail server after MAIL FROM:<${DOCTOR}> SIZE=2048:\r\n` +
          "    550 Rejected",
      ),
    );
    // was: unknown-recipient
    expect(r.reason).toBe("sender-rejected");
  });

  it("the explanation of a sender-side refusal does not tell the professional the patient is not found", async () => {
    const r = await onlyRecipient(dsn(PATIENT, "5.0.0", "550 Unauthenticated senders not allowed"));
    const e = explainRecipient(r);
    const en = `${say(e.title, "en")} ${say(e.explanation, "en")}`;
    const fr = `${say(e.title, "fr")} ${say(e.explanation, "fr")}`;
    // was: "Patient not found in Mon espace santé — … wrong INS number, a parent's number
    // used for a child, or a patient without a profile" / « Patient introuvable … matricule
    // INS erroné »: the professional is sent to doubt a correct INS.
    expect(en).not.toMatch(/not found|does not exist|wrong INS/i);
    expect(fr).not.toMatch(/introuvable|n'existe pas|INS erroné/i);
  });

  it("a refusal at the greeting, or a deferral for the sending IP's volume, is sender-rejected", async () => {
    const greeting = await onlyRecipient(
      textBounce(
        "A message that you sent could not be delivered to one or more of its\r\n" +
          "recipients. This is a permanent error. The following address(es) failed:\r\n\r\n" +
          `  ${PATIENT}\r\n` +
          "    SMTP error from remote mail server after initial connection:\r\n" +
          "    550 Access denied",
      ),
    );
    expect(greeting.reason).toBe("sender-rejected");
    const volume = await onlyRecipient(
      dsn(PATIENT, "4.7.0", "421 4.7.0 Messages from 192.0.2.10 deferred: unexpected volume from this address"),
    );
    expect(volume.reason).toBe("sender-rejected");
  });
});
