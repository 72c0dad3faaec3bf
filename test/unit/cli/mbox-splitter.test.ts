/**
 * The mbox splitter of `classify`: the same messages whatever the chunks the file arrives in,
 * `>From ` lines restored, CRLF files, messages larger than what is kept, and bodies the
 * header pre-filter turns down skipped without being kept.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MboxSplitter, type MboxMessage } from "../../../src/cli/mbox-splitter.js";

/** Splits `data` fed in chunks of the given sizes (cycled), then ends. */
function split(data: Buffer, sizes: readonly number[], keep = 1 << 20, prefilter: ((h: string) => boolean) | null = null): MboxMessage[] {
  const splitter = new MboxSplitter(keep, prefilter);
  const out: MboxMessage[] = [];
  let at = 0;
  for (let i = 0; at < data.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    out.push(...splitter.push(data.subarray(at, at + size)));
    at += size;
  }
  out.push(...splitter.end());
  return out;
}

const text = (m: MboxMessage | undefined): string => Buffer.from(m?.bytes ?? []).toString("utf8");

const NOTICE = "From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail Returned to Sender\n\nThe mail system: user unknown.\n";
const ORDINARY = "From: Claire <claire@example.org>\nSubject: Compte rendu\n\nBonjour,\n>From the lab: results.\n>>From twice escaped\nFrom inside a paragraph (not after a blank line)\n";

function mbox(eol: "\n" | "\r\n", ...messages: string[]): Buffer {
  return Buffer.from(messages.map((m, i) => `From sender@example.org Tue Mar 12 10:02:1${i} 2024\n${m}\n`).join("").replace(/\n/g, eol));
}

describe("MboxSplitter", () => {
  it("gives the same messages for every way of cutting the file into chunks", () => {
    const data = mbox("\n", NOTICE, ORDINARY, NOTICE);
    const whole = split(data, [data.length]);
    expect(whole.map((m) => m.index)).toEqual([1, 2, 3]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }), fc.boolean(), (sizes, filtered) => {
        const prefilter = filtered ? (h: string): boolean => /MAILER-DAEMON/.test(h) : null;
        const expected = split(data, [data.length], 1 << 20, prefilter);
        expect(split(data, sizes, 1 << 20, prefilter)).toEqual(expected);
      }),
    );
  });

  it("restores >From lines and splits only on From lines after a blank line", () => {
    const [first, second] = split(mbox("\n", ORDINARY, NOTICE), [7]);
    expect(text(first)).toContain("\nFrom the lab: results.\n>From twice escaped\nFrom inside a paragraph (not after a blank line)\n");
    expect(text(first).startsWith("From: Claire")).toBe(true);
    expect(text(second).startsWith("From: MAILER-DAEMON")).toBe(true);
  });

  it("reads CRLF files the same way, keeping their line ends", () => {
    const messages = split(mbox("\r\n", NOTICE, ORDINARY), [5, 3, 11]);
    expect(messages.map((m) => m.index)).toEqual([1, 2]);
    expect(text(messages[0])).toBe(NOTICE.replace(/\n/g, "\r\n") + "\r\n");
    const filtered = split(mbox("\r\n", ORDINARY, NOTICE), [5, 3, 11], 1 << 20, (h) => /MAILER-DAEMON/.test(h));
    expect(filtered.map((m) => [m.index, m.whole])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(text(filtered[0])).toBe("From: Claire <claire@example.org>\r\nSubject: Compte rendu\r\n\r\n");
  });

  it("keeps no more than the bound of a message larger than it, and finds the next one", () => {
    const big = `${NOTICE}${"x".repeat(99)}\n`.repeat(500); // ~65 KB, in lines
    const huge = `${NOTICE}${"y".repeat(200_000)}\n`; // one line longer than the bound
    const messages = split(mbox("\n", big, huge, NOTICE), [4096], 10_000);
    expect(messages.map((m) => m.index)).toEqual([1, 2, 3]);
    for (const m of messages) expect(m.bytes.length).toBeLessThanOrEqual(10_000);
    expect(text(messages[0]).startsWith(NOTICE)).toBe(true);
    expect(text(messages[2])).toBe(`${NOTICE}\n`);
  });

  it("keeps only the header block of a message the pre-filter turns down, and reads on", () => {
    const body = `${"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=".repeat(2)}\n`.repeat(20_000); // ~1.4 MB of base64
    const data = mbox("\n", `From: a@example.org\nSubject: Scan\n\n${body}`, NOTICE, `From: b@example.org\nSubject: Hi\n\nHello\nFrom here on\n`);
    const seen: string[] = [];
    const messages = split(data, [65_536], 1 << 20, (header) => {
      seen.push(header);
      return /MAILER-DAEMON/.test(header);
    });
    expect(messages.map((m) => [m.index, m.whole])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    expect(text(messages[0])).toBe("From: a@example.org\nSubject: Scan\n\n");
    expect(text(messages[1])).toBe(`${NOTICE}\n`);
    expect(seen).toEqual(["From: a@example.org\nSubject: Scan\n\n", NOTICE.slice(0, NOTICE.indexOf("\n\n") + 2), "From: b@example.org\nSubject: Hi\n\n"]);
  });

  it("never turns a message down on a header block cut by the bound", () => {
    const header = `From: a@example.org\nX-Long: ${"z".repeat(300 * 1024)}\n\nbody\n`;
    const [message] = split(mbox("\n", header), [65_536], 1 << 20, () => false);
    expect(message?.whole).toBe(true);
  });

  it("ignores what comes before the first From line and gives nothing for an empty file", () => {
    expect(split(Buffer.from(""), [1])).toEqual([]);
    expect(split(Buffer.concat([Buffer.from("garbage\n"), mbox("\n", NOTICE)]), [3]).map((m) => m.index)).toEqual([1]);
  });
});
