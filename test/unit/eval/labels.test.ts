import { describe, expect, it } from "vitest";
import { parseLabels } from "../../../eval/labels.js";

const SHA = "a".repeat(64);
const line = (o: Record<string, unknown>): string =>
  JSON.stringify({ file: "bounces/x.eml", sha256: SHA, kind: "bounce", notNotice: null, recipients: [{ address: "A@B.example", reason: "unknown-recipient" }], note: "550 5.1.1", ...o });

describe("parseLabels", () => {
  it("reads one label a line, skips blank lines, lower-cases addresses", () => {
    const text = `${line({})}\n\n${line({ file: "receipts/r.eml", kind: "receipt", recipients: [{ address: "p@q.example", reason: null }] })}\n`;
    expect(parseLabels(text, "t.jsonl")).toEqual([
      { file: "bounces/x.eml", sha256: SHA, kind: "bounce", notNotice: null, recipients: [{ address: "a@b.example", reason: "unknown-recipient" }], note: "550 5.1.1" },
      { file: "receipts/r.eml", sha256: SHA, kind: "receipt", notNotice: null, recipients: [{ address: "p@q.example", reason: null }], note: "550 5.1.1" },
    ]);
  });

  it("reads a non-notice", () => {
    const [l] = parseLabels(line({ kind: "none", notNotice: "auto-reply", recipients: [] }), "t");
    expect(l?.notNotice).toBe("auto-reply");
  });

  it.each([
    ["not JSON", "{file:", /t\.jsonl:2: not JSON/],
    ["an unknown reason", line({ recipients: [{ address: "a@b.c", reason: "user-unknown" }] }), /t\.jsonl:2: .*reason/],
    ["an unknown kind", line({ kind: "bounced" }), /t\.jsonl:2: .*kind/],
    ["a key not in the format", line({ reasons: [] }), /t\.jsonl:2: .*reasons/],
    ["a missing key", JSON.stringify({ file: "bounces/x.eml", sha256: SHA, kind: "none", notNotice: "ordinary", recipients: [] }), /t\.jsonl:2: .*note/],
    ["a short hash", line({ sha256: "abc" }), /t\.jsonl:2: .*sha256/],
    ["a file outside the corpus folders", line({ file: "../x.eml" }), /t\.jsonl:2: .*file/],
    ["an address without a domain", line({ recipients: [{ address: "nobody", reason: "other" }] }), /t\.jsonl:2: .*address/],
    ["none without what it is", line({ kind: "none", recipients: [] }), /t\.jsonl:2: kind none needs notNotice/],
    ["a bounce that says what it is not", line({ notNotice: "ordinary" }), /t\.jsonl:2: kind bounce takes notNotice null/],
    ["none with recipients", line({ kind: "none", notNotice: "ordinary" }), /t\.jsonl:2: kind none takes no recipients/],
    ["a failed recipient without reason", line({ recipients: [{ address: "a@b.c", reason: null }] }), /t\.jsonl:2: every recipient of a bounce needs a reason/],
    ["a reader with a reason", line({ kind: "receipt", recipients: [{ address: "a@b.c", reason: "other" }] }), /t\.jsonl:2: a receipt's reader takes reason null/],
  ])("stops at %s, naming the line", (_what, bad, error) => {
    expect(() => parseLabels(`${line({})}\n${bad}\n${line({})}`, "t.jsonl")).toThrow(error);
  });
});
