/**
 * "550 user jdoe not found on host mx.example.org": a mailbox noun, the mailbox's name, then
 * words saying it does not exist, with the host it was looked for on. Found in review: read
 * as `other` (the host named after it hid the cause). The mailbox is unknown, the host
 * exists: `unknown-recipient`. A host named alone as not found stays `host-unknown`.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import { classifyReason } from "../../../src/core/notices/reasons/decide.js";
import { namesMissingMailbox } from "../../../src/core/notices/reasons/named-missing.js";
import { dsn, textBounce } from "./notice-builders.js";

const RECIPIENT = "jdoe@example.org";

async function reasonOfText(line: string): Promise<string | null> {
  const n = await classifyMessage(
    textBounce(`Your message could not be delivered to the following recipient:\r\n\r\n<${RECIPIENT}>:\r\n${line}\r\n`),
  );
  expect(n.kind).toBe("bounce");
  return n.recipients[0]?.reason ?? null;
}

async function reasonOfDsn(diagnostic: string, status = "5.0.0"): Promise<string | null> {
  const n = await classifyMessage(dsn(RECIPIENT, status, diagnostic, "Delivery failed."));
  expect(n.kind).toBe("bounce");
  return n.recipients[0]?.reason ?? null;
}

describe("a named mailbox not found on a host", () => {
  it.each([
    "550 user jdoe not found on host mx.example.org",
    "User jdoe not found on host mx.example.org",
    "550 User jdoe@example.org not found on host mx.example.org",
    "550 user <jdoe> was not found on host mx.example.org",
    "550 Mailbox 'jdoe' does not exist on host mx.example.org",
    "550 recipient jdoe unknown on host mx.example.org",
    "550 user unknown on host mx.example.org",
    "550 no such user here on host mx.example.org",
    "550 utilisateur jdoe introuvable sur l'hôte mx.example.org",
  ])("%s: unknown-recipient", async (line) => {
    expect(await reasonOfText(line)).toBe("unknown-recipient");
    expect(await reasonOfDsn(line)).toBe("unknown-recipient");
  });

  it.each([
    "550 host mx.example.org not found",
    "host mx.example.org not found",
    "553 mx.example.org does not exist",
    "550 recipient domain unknown",
    "550 user's domain mx.example.org not found",
  ])("%s: still host-unknown", async (line) => {
    expect(await reasonOfText(line)).toBe("host-unknown");
  });

  it("withstood: a status code that names the host keeps its cause", async () => {
    expect(await reasonOfDsn("550 5.1.2 user jdoe not found on host mx.example.org", "5.1.2")).toBe("host-unknown");
  });

  it("withstood: words that are not a mailbox's name after the noun", () => {
    for (const t of ["user account not found", "recipient domain unknown", "user quota unknown", "the user is unknown"]) {
      expect(namesMissingMailbox(t)).toBe(false);
    }
    expect(namesMissingMailbox("user jdoe not found on host mx.example.org")).toBe(true);
  });

  it.each([
    "535 5.7.8 Authentication failed: user dr.martin not found",
    "553 sender verify failed: user dr.martin not found",
    "550 Sender address rejected: user dr.martin unknown",
    "554 relay access denied: user dr.martin not found",
  ])("withstood: %s is about the sender (sender-rejected)", (text) => {
    expect(classifyReason({ text, status: null, action: "failed" })).toBe("sender-rejected");
  });
});
