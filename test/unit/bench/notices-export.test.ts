import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { classifyMessage, looksLikeNotice } from "../../../src/core/notices/index.js";
import { writeExport } from "../../../bench/notices-export.js";
import { readHeaderBlock } from "../../../bench/notices.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "mssante-export-test-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("benchmark mailbox export", () => {
  it("writes ordinary messages that the classifier reads as ordinary, with the notices mixed in", async () => {
    const dir = tempDir();
    const notice = join(tempDir(), "notice.eml");
    writeFileSync(notice, readFileSync("test/fixtures/notices/mes-closed-text-fr.eml"));
    const summary = writeExport({ dir, ordinary: 120, bigEvery: 0, notices: [notice] });
    expect(summary.files).toHaveLength(121);
    expect(summary.files.filter((f) => f.source === notice)).toHaveLength(1);
    for (const file of summary.files) {
      const result = await classifyMessage(new Uint8Array(readFileSync(file.path)));
      expect(result.kind, file.path).toBe(file.source === null ? "none" : "bounce");
    }
    // Most ordinary mail is turned down from its headers alone.
    const through = summary.files.filter((f) => f.source === null && looksLikeNotice(readHeaderBlock(f.path).text));
    expect(through.length).toBeLessThan(12);
  });

  it("is deterministic and adds attachments of several megabytes when asked", () => {
    const a = writeExport({ dir: tempDir(), ordinary: 4, bigEvery: 2, notices: [] });
    const b = writeExport({ dir: tempDir(), ordinary: 4, bigEvery: 2, notices: [] });
    expect(a.withBigAttachment).toBe(2);
    expect(a.bytes).toBe(b.bytes);
    expect(a.bytes).toBeGreaterThan(4 * 1024 * 1024);
  });
});

describe("readHeaderBlock", () => {
  it("stops at the blank line and reads no more than it needs", () => {
    const dir = tempDir();
    const path = join(dir, "m.eml");
    writeFileSync(path, `From: a@example.org\r\nSubject: x\r\n\r\n${"body line\r\n".repeat(100_000)}`);
    const head = readHeaderBlock(path);
    expect(head.text).toBe("From: a@example.org\r\nSubject: x\r\n");
    expect(head.bytes).toBeLessThanOrEqual(16 * 1024);
  });

  it("returns at most 256 KiB when no blank line comes", () => {
    const dir = tempDir();
    const path = join(dir, "m.eml");
    writeFileSync(path, `X-Long: ${"a".repeat(400_000)}`);
    expect(readHeaderBlock(path).bytes).toBe(256 * 1024);
  });
});
