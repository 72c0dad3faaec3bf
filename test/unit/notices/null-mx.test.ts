/**
 * A null MX (RFC 7505): a domain that says it takes no mail at all. On the recipient's domain
 * (5.1.10, sendmail's "Domain has null MX") the address can never receive anything: the
 * domain is the cause, not the mailbox. On the sender's own domain (5.7.27) it is a refusal of
 * the sender. Microsoft's 5.1.10 "recipient not found" stays an unknown recipient.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage, type Reason } from "../../../src/core/notices/index.js";
import { dsn, textBounce } from "./notice-builders.js";

const R = "dupont@sans-courrier.example";

async function reasonOf(raw: string): Promise<[string, Reason | null] | undefined> {
  const notice = await classifyMessage(raw);
  expect(notice.kind).toBe("bounce");
  const [r] = notice.recipients;
  return r === undefined ? undefined : [r.address, r.reason];
}

describe("null MX", () => {
  it("the recipient's domain (5.1.10, « Domain has null MX »): the domain takes no mail", async () => {
    expect(await reasonOf(dsn(R, "5.1.10", `556 5.1.10 <${R}>... Domain has null MX`))).toEqual([R, "host-unknown"]);
    expect(await reasonOf(dsn(R, "5.1.10", "556 5.1.10 Recipient address has null MX"))).toEqual([R, "host-unknown"]);
  });

  it("in a sendmail transcript without a report part", async () => {
    const body = `   ----- Transcript of session follows -----\r\n556 5.1.10 <${R}>... Domain has null MX\r\n`;
    expect(await reasonOf(textBounce(body, "Returned mail: see transcript for details"))).toEqual([R, "host-unknown"]);
  });

  it("the sender's own domain (5.7.27, « Sender address has null MX »): a refusal of the sender", async () => {
    expect(await reasonOf(dsn(R, "5.7.27", "550 5.7.27 Sender address has null MX"))).toEqual([R, "sender-rejected"]);
    expect(await reasonOf(dsn(R, "5.0.0", "550 Sender domain has null MX"))).toEqual([R, "sender-rejected"]);
    expect(await reasonOf(dsn(R, "5.7.27", "553 5.7.27 Host does not accept mail"))).toEqual([R, "sender-rejected"]);
  });

  it("Microsoft's 5.1.10 « recipient not found by SMTP address lookup » stays an unknown recipient", async () => {
    const diagnostic = "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup";
    expect(await reasonOf(dsn(R, "5.1.10", diagnostic))).toEqual([R, "unknown-recipient"]);
  });
});
