/**
 * The phrase tables: well formed, each phrase in one table only, and each one, alone in a
 * notice, yields its own cause — in a plain-text notice from MAILER-DAEMON and in a DSN
 * diagnostic without a specific status code.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { classifyMessage, REASONS } from "../../../src/core/notices/index.js";
import { fold } from "../../../src/core/notices/fold.js";
import { PATIENT_PLATFORM_CLOSED, TABLES } from "../../../src/core/notices/reasons/index.js";
import { statusReason } from "../../../src/core/notices/reasons/match.js";

const RECIPIENT = "a.durand@example.org";

function plainNotice(phrase: string): string {
  return [
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>",
    "To: dr.martin@medecin.mssante.fr",
    "Subject: Undelivered Mail Returned to Sender",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "This is the mail system at host mx.example.net.",
    "",
    `<${RECIPIENT}>: ${phrase}`,
    "",
  ].join("\r\n");
}

function dsnNotice(phrase: string, delayed: boolean): string {
  return [
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>",
    "To: dr.martin@medecin.mssante.fr",
    "Subject: Undelivered Mail Returned to Sender",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
    "",
    "--r",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Notification.",
    "--r",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.example.net",
    "",
    `Final-Recipient: rfc822; ${RECIPIENT}`,
    `Action: ${delayed ? "delayed" : "failed"}`,
    `Status: ${delayed ? "4.0.0" : "5.0.0"}`,
    `Diagnostic-Code: smtp; ${phrase}`,
    "",
    "--r--",
    "",
  ].join("\r\n");
}

/** A phrase as a server writes it: `#` is any number. */
function written(phrase: string): string {
  return phrase.replace(/#/g, "4");
}

const ROWS = TABLES.flatMap((t) => [
  ...t.strong.map((p) => [t.reason, "strong", p] as const),
  ...t.weak.map((p) => [t.reason, "weak", p] as const),
]);

describe("the reason tables", () => {
  it("cover every cause once, in one ordered list", () => {
    expect(TABLES.map((t) => t.reason).sort()).toEqual([...REASONS].sort());
  });

  it("hold folded phrases (lower case, no accents, single spaces), each in one place only", () => {
    const seen = new Map<string, string>();
    for (const [reason, , phrase] of ROWS) {
      expect(phrase).toBe(fold(phrase));
      // A phrase starts with a lower-case letter, a digit or a bracket, or with a letter of a
      // script without case (Japanese: Domino's wording).
      expect(phrase).toMatch(/^[a-z0-9[(\p{Lo}][^\s]*(?: [^\s]+)*$/u);
      expect(seen.get(phrase), `${phrase} in ${reason} and ${seen.get(phrase) ?? ""}`).toBeUndefined();
      seen.set(phrase, reason);
    }
    for (const phrase of PATIENT_PLATFORM_CLOSED) expect(phrase).toBe(fold(phrase));
  });

  it("name well-formed status codes, each meaning one cause", () => {
    const seen = new Set<string>();
    for (const t of TABLES) {
      for (const code of [...t.statuses.strong, ...t.statuses.weak]) {
        expect(code).toMatch(/^X\.\d{1,3}\.(?:\d{1,3}|\*)$/);
        expect(seen.has(code), code).toBe(false);
        seen.add(code);
      }
      for (const code of t.statuses.strong) expect(statusReason(code.replace("X", "5"))).toEqual({ reason: t.reason, strong: true });
      for (const code of t.replyCodes) expect(code).toMatch(/^[45]\d\d$/);
    }
  });

  it.each(ROWS)("%s (%s): %s, alone in a plain-text notice", async (reason, _strength, phrase) => {
    const n = await classifyMessage(plainNotice(written(phrase)));
    expect(n.kind).toMatch(reason === "temporary" ? /^(?:bounce|delay)$/ : /^bounce$/);
    expect(n.recipients.map((r) => [r.address, r.reason])).toEqual([[RECIPIENT, reason]]);
  });

  it.each(ROWS)("%s (%s): %s, alone in a DSN diagnostic", async (reason, _strength, phrase) => {
    const n = await classifyMessage(dsnNotice(written(phrase), reason === "temporary"));
    expect(n.recipients.map((r) => [r.address, r.reason])).toEqual([[RECIPIENT, reason]]);
  });
});

describe("source lines", () => {
  it("of src/core/notices are at most 120 characters", () => {
    const root = fileURLToPath(new URL("../../../src/core/notices/", import.meta.url));
    const long: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith(".ts")) {
          readFileSync(path, "utf8")
            .split("\n")
            .forEach((line, i) => {
              if (line.length > 120) long.push(`${path.slice(root.length)}:${i + 1} (${line.length})`);
            });
        }
      }
    };
    walk(root);
    expect(long).toEqual([]);
  });
});
