import { describe, expect, it } from "vitest";
import { labelOfExpectation, matchesExpectation } from "../../../eval/fixtures.js";

describe("a fixture's expectation as a label", () => {
  it("keeps the failed recipients of a bounce with their reasons", () => {
    expect(
      labelOfExpectation("f.eml", {
        kind: "bounce",
        format: "dsn",
        recipients: [
          { address: "I@x.example", action: "failed", status: "5.1.1", reason: "unknown-recipient" },
          { address: "j@x.example", action: "delivered", reason: null },
        ],
      }),
    ).toEqual({ file: "f.eml", kind: "bounce", notNotice: null, recipients: [{ address: "i@x.example", reason: "unknown-recipient" }] });
  });

  it("keeps a receipt's reader, and leaves recipients unstated when the expectation does not list them", () => {
    expect(labelOfExpectation("r.eml", { kind: "receipt", recipients: [{ address: "p@x.example", action: null, reason: null }] }).recipients).toEqual([
      { address: "p@x.example", reason: null },
    ]);
    expect(labelOfExpectation("b.eml", { kind: "bounce" }).recipients).toBeNull();
    expect(labelOfExpectation("n.eml", { kind: "none", notNotice: "complaint", recipients: [] })).toEqual({ file: "n.eml", kind: "none", notNotice: "complaint", recipients: [] });
  });

  it("refuses an expectation it cannot read", () => {
    expect(() => labelOfExpectation("x.eml", { kind: "bounced" })).toThrow();
    expect(() => labelOfExpectation("x.eml", { kind: "bounce", recipients: [{ address: "a@b.c", reason: "nope" }] })).toThrow();
  });
});

describe("matchesExpectation", () => {
  it("matches objects partially, arrays in full, values exactly", () => {
    const actual = { kind: "bounce", format: "dsn", recipients: [{ address: "a", reason: "other", date: null }], original: null };
    expect(matchesExpectation(actual, { kind: "bounce", recipients: [{ address: "a" }] })).toBe(true);
    expect(matchesExpectation(actual, { kind: "delay" })).toBe(false);
    expect(matchesExpectation(actual, { recipients: [] })).toBe(false);
    expect(matchesExpectation(actual, { recipients: [{ address: "a" }, { address: "b" }] })).toBe(false);
    expect(matchesExpectation(actual, { original: { messageId: "x" } })).toBe(false);
    expect(matchesExpectation(actual, { original: null })).toBe(true);
    expect(matchesExpectation(actual, { missing: undefined })).toBe(false);
  });
});
