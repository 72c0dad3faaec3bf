/**
 * The small text helpers the classifier leans on, held to their plain definitions: the fast
 * paths must give exactly what the simple code gives, for every input.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bounded } from "../../../src/core/notices/headers.js";
import { memoizeText } from "../../../src/core/notices/memo.js";
import { fold } from "../../../src/core/notices/fold.js";

/** Text with long runs of whitespace, accents, quotes and non-breaking spaces. */
const text = fc
  .array(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(" ", "\n\n\n", "\t \r\n", " ".repeat(300), "é", "É", "’", "\u00a0", "`", "\u202f", "😀")), { maxLength: 60 })
  .map((parts) => parts.join(""));

describe("bounded", () => {
  const plain = (t: string, max: number): string => {
    const flat = t.replace(/\s+/g, " ").trim();
    return flat.length <= max ? flat : flat.slice(0, max - 1).trimEnd() + "…";
  };
  it("flattens and cuts exactly as flattening the whole text would", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 120 }), (t, max) => {
        expect(bounded(t, max)).toBe(plain(t, max));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("fold", () => {
  const plain = (t: string): string =>
    t
      .slice(0, 12000)
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019\u02bc\u00b4`]/g, "'")
      .replace(/[\u00a0\u202f\u2009]/g, " ")
      .toLowerCase();
  it("gives what Unicode decomposition gives, with or without the ASCII fast path", () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: "binary-ascii" })), (t) => {
        expect(fold(t)).toBe(plain(t));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("memoizeText", () => {
  it("answers as the function does, calls it once per remembered text, and stays bounded", () => {
    let calls = 0;
    const length = memoizeText((t: string) => {
      calls++;
      return t.length;
    }, 3);
    expect([length("a"), length("a"), length("bb")]).toEqual([1, 1, 2]);
    expect(calls).toBe(2);
    for (const t of ["c", "d", "e", "f"]) length(t);
    expect(length("a")).toBe(1);
    expect(calls).toBe(7);
  });
  it("does not remember texts longer than its key limit", () => {
    let calls = 0;
    const f = memoizeText(() => ++calls, 8, 4);
    f("12345");
    f("12345");
    expect(calls).toBe(2);
  });
});
