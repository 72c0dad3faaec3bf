/**
 * Issue 11: inputs the `classify` command misreports.
 *
 * 1. One NUL byte anywhere in the first 4 KB of an mbox — e.g. in the body of a short first
 *    or second message — makes the whole mbox an error ("NUL bytes at the start: not a mail
 *    message nor an mbox file", exit 3): every other message in it, bounces included, is
 *    silently not classified, and the message names the wrong place ("at the start").
 *    Expected: the mbox is split and its other messages are classified; at most the one
 *    message holding the NUL is reported as unreadable. Seen on a real public bounce
 *    (Sisimai set-of-emails lhost-x2-04: a 1.7 KB bounce whose last byte is a NUL): the
 *    command refuses it, while `classifyMessage` in the add-on reads it as a bounce.
 * 2. An empty file (0 bytes) is reported as ordinary mail (`none`/`ordinary`), exit 0.
 *    Expected: an error for that path (nothing to read), as for other unreadable input.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyCommand } from "../../../src/cli/classify-command.js";
import { sink } from "./fake-io.js";

let work = "";
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mssante-break-cli-"));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

async function classify(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = sink();
  const err = sink();
  const code = await classifyCommand(args, { stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}

function bounce(n: number, extraBody = ""): string {
  return (
    `From MAILER-DAEMON Mon Dec  1 10:00:0${n} 2025\n` +
    "From: Mail Delivery System <MAILER-DAEMON@relay.example.net>\n" +
    "To: dr.martin@medecin.mssante.fr\n" +
    "Subject: Undelivered Mail Returned to Sender\n" +
    "Date: Mon, 1 Dec 2025 10:00:00 +0100\n" +
    "Content-Type: text/plain\n\n" +
    `<user${n}@example.org>: host mx.example.org said: 550 5.1.1 user unknown\n${extraBody}\n`
  );
}

describe("classify on awkward inputs", () => {
  it("an mbox whose second message holds a NUL byte still yields its other messages", async () => {
    const file = join(work, "export.mbox");
    writeFileSync(file, bounce(1) + bounce(2, "binary junk \u0000 here") + bounce(3));
    const r = await classify(["--json", file]);
    const lines = r.stdout.split("\n").filter((l) => l !== "");
    // was: no line at all, exit 3, "NUL bytes at the start: not a mail message nor an mbox file"
    const kinds = lines.map((l) => (JSON.parse(l) as { index: number; kind: string }));
    expect(kinds.filter((k) => k.kind === "bounce").map((k) => k.index)).toEqual(expect.arrayContaining([1, 3]));
  });

  it("a bounce file that ends with one stray NUL byte is still classified", async () => {
    const file = join(work, "trailing-nul.eml");
    writeFileSync(file, `${bounce(4).replace(/^From [^\n]*\n/, "")}\u0000\n`);
    const r = await classify(["--json", file]);
    // was: exit 3, "NUL bytes at the start: not a mail message (.eml file) nor an mbox file"
    expect(r.stdout).toContain('"kind":"bounce"');
  });

  it("an empty file is an error for that path, not ordinary mail", async () => {
    const file = join(work, "empty.eml");
    writeFileSync(file, "");
    const r = await classify(["--json", file]);
    // was: {"file":".../empty.eml","kind":"none","notNotice":"ordinary",…}, exit 0
    expect(r.stdout).not.toContain('"ordinary"');
    expect(r.code).not.toBe(0);
  });
});
