/**
 * What a server says about the recipient's domain: a domain that takes no mail at all (a null
 * MX, RFC 7505) is an unknown host, and a domain refusing mail from the sender is the sender
 * refused.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import { dsn, textBounce } from "./notice-builders.js";

const RECIPIENT = "jdoe@example.org";

async function reasons(line: string): Promise<(string | null)[]> {
  const text = await classifyMessage(
    textBounce(`Your message could not be delivered to one or more recipients.\r\n\r\n<${RECIPIENT}>: ${line}\r\n`),
  );
  const report = await classifyMessage(dsn(RECIPIENT, "5.4.4", line, "Delivery failed."));
  return [text.recipients[0]?.reason ?? null, report.recipients[0]?.reason ?? null];
}

describe("the recipient's domain in the name system", () => {
  it("withstood: a domain the name system does not know stays an unknown host", async () => {
    expect(await reasons("Host or domain name not found. Name service error for name=example.org type=A: Host not found"))
      .toEqual(["host-unknown", "host-unknown"]);
  });

  it.each([
    "550 Host does not accept mail",
    "Domain example.org does not accept mail (nullMX)",
    "550 5.1.10 domain does not accept mail",
  ])("%s: the domain takes no mail (host-unknown)", async (line) => {
    const n = await classifyMessage(
      textBounce(`Your message could not be delivered to one or more recipients.\r\n\r\n<${RECIPIENT}>:\r\n    ${line}\r\n`),
    );
    // was: other (no phrase) or unknown-recipient (5.1.10 alone)
    expect(n.recipients[0]?.reason).toBe("host-unknown");
  });

  it("withstood: a domain that does not accept mail from the sender is the sender refused", async () => {
    const n = await classifyMessage(
      textBounce(`Your message could not be delivered.\r\n\r\n<${RECIPIENT}>:\r\n    550 Domain does not accept mail from you\r\n`),
    );
    expect(n.recipients[0]?.reason).toBe("sender-rejected");
  });
});
