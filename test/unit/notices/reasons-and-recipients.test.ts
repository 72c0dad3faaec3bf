/**
 * Issue 11: two misses found on real public bounces never used for tuning
 * (Sisimai's set-of-emails: lhost-opensmtpd-05, lhost-postfix-32), rewritten here.
 *
 * 1. OpenSMTPD's "Envelope expired" (it gave up after keeping the message in its queue) is
 *    reported with reason `other`. Expected: `expired` — the user must hear "the server gave
 *    up retrying", not "an unexplained failure".
 * 2. A recipient whose local part is quoted (`"jean..dupont"@example.org`, legal in RFC 5322
 *    and what Postfix writes for a local part with consecutive dots) is dropped: the notice
 *    is a bounce with no recipient, in the DSN and in the text alike. Expected: the address is
 *    reported.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import { dsn, PATIENT, textBounce } from "./notice-builders.js";

describe("reasons and recipients on unseen shapes", () => {
  it("'Envelope expired' is expired", async () => {
    const n = await classifyMessage(
      textBounce(
        "This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.\r\n\r\n" +
          "An error has occurred while attempting to deliver a message for\r\n" +
          "the following list of recipients:\r\n\r\n" +
          `${PATIENT}: Envelope expired\r\n`,
        "Delivery status notification: error",
      ),
    );
    // was: reason "other"
    expect(n.recipients.map((r) => [r.address, r.reason])).toEqual([[PATIENT, "expired"]]);
  });

  it("a quoted local part in a DSN is a recipient", async () => {
    const n = await classifyMessage(dsn('"jean..dupont"@example.org', "5.1.1", '550 5.1.1 <"jean..dupont"@example.org>... User Unknown'));
    expect(n.kind).toBe("bounce");
    // was: recipients []
    expect(n.recipients.map((r) => r.reason)).toEqual(["unknown-recipient"]);
    expect(n.recipients[0]?.address.toLowerCase()).toContain("jean..dupont");
  });

  it("a quoted local part in a Postfix text bounce is a recipient", async () => {
    const n = await classifyMessage(
      textBounce('<"jean..dupont"@example.org>: host mx.example.org said: 550 5.1.1 User unknown (in reply to RCPT TO command)'),
    );
    expect(n.kind).toBe("bounce");
    // was: recipients []
    expect(n.recipients).toHaveLength(1);
  });
});
