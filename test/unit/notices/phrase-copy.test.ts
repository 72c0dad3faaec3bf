/**
 * The phrase tables read a copy of the text stored one byte per character, characters above
 * U+00FF replaced (match.ts, `oneByteCopy`), and their few phrases of such characters apart:
 * they must find what one expression of all the phrases finds in the folded text itself.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fold } from "../../../src/core/notices/fold.js";
import { compilePhrases, phraseKey } from "../../../src/core/notices/reasons/compile.js";
import { PATIENT_PLATFORM_CLOSED, TABLES } from "../../../src/core/notices/reasons/index.js";
import {
  platformClosedIn,
  strongPhrasesIn,
  weakIn,
  WIDE_STAND_IN,
} from "../../../src/core/notices/reasons/match.js";
import type { ReasonTable } from "../../../src/core/notices/reasons/table.js";
import type { Reason } from "../../../src/core/notices/types.js";

const WIDE = /[\u0100-\uffff]/;
const ALL_PHRASES = [...TABLES.flatMap((t) => [...t.strong, ...t.weak]), ...PATIENT_PLATFORM_CLOSED];

/** The reference: one expression of all a table's phrases, over the folded text. */
function reference(pick: (t: ReasonTable) => readonly string[]): (text: string) => Reason[] {
  const map = new Map<string, Reason>();
  for (const t of TABLES) for (const p of pick(t)) if (!map.has(p)) map.set(p, t.reason);
  const re = compilePhrases([...map.keys()]);
  const order = TABLES.map((t) => t.reason);
  return (text) => {
    const found = new Set<Reason>();
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(fold(text))) !== null) {
      const reason = map.get(phraseKey(m[0]));
      if (reason !== undefined) found.add(reason);
    }
    return [...found].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  };
}

const strongReference = reference((t) => t.strong);
const weakReference = reference((t) => t.weak);
const platformReference = compilePhrases(PATIENT_PLATFORM_CLOSED);

describe("the phrases the one-byte copy is read for", () => {
  it("never hold the stand-in of the characters replaced", () => {
    for (const p of ALL_PHRASES) expect(p.includes(WIDE_STAND_IN)).toBe(false);
  });

  it("are Latin-1 only, or made only of characters above U+00FF that are not spaces", () => {
    const wide = ALL_PHRASES.filter((p) => WIDE.test(p));
    expect(wide.length).toBeGreaterThan(0);
    for (const p of wide) for (const c of p) expect(WIDE.test(c) && !/\s/.test(c)).toBe(true);
  });
});

describe("the tables read through the one-byte copy", () => {
  const wideChars = ["\u3099", "に", "は", "見", "つ", "か", "り", "ま", "せ", "ん", "\u2003", "\u2028", "\ufeff", "\ufffd", "😀"];
  const pieces = ALL_PHRASES.flatMap((p) => [p, p.slice(0, Math.ceil(p.length / 2)), p.slice(Math.floor(p.length / 2))]);
  const piece = fc.oneof(
    fc.constantFrom(...pieces),
    fc.constantFrom(...wideChars),
    fc.constantFrom(" ", "\n", "1", "a", "'", "-", ".", "é", WIDE_STAND_IN),
  );

  it("find what one expression of all the phrases finds in the folded text", () => {
    let asked = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        // Each text asked once: the answers are remembered.
        const text = `${parts.join("")} ${String(asked++)}`;
        expect(strongPhrasesIn(text)).toEqual(strongReference(text));
        expect(weakIn(text)).toEqual(weakReference(text));
        platformReference.lastIndex = 0;
        expect(platformClosedIn(text)).toBe(platformReference.test(fold(text)));
      }),
      { numRuns: 400 },
    );
  });

  it("find the Japanese phrase of an unknown recipient, with wide spaces and other characters around it", () => {
    const text = "ユーザー\u2003Dupont (j.dupont@example.org) は Domino ディレクトリには見つかりません。";
    expect(strongPhrasesIn(text)).toEqual(strongReference(text));
    expect(weakIn(text)).toEqual(weakReference(text));
    expect(weakIn(text)).toContain("unknown-recipient");
  });
});
