/**
 * The phrase tables are compiled as a tree of shared beginnings (compile.ts): it must find
 * exactly what the flat alternation of the same phrases, in the same order, finds — the same
 * phrases at the same places — on real notices, on every phrase alone, and on any text.
 */
import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fold } from "../../../src/core/notices/fold.js";
import { compilePhrases, phraseSource, sortedPhrases } from "../../../src/core/notices/reasons/compile.js";
import { PATIENT_PLATFORM_CLOSED, TABLES } from "../../../src/core/notices/reasons/index.js";

/** The reference: one flat alternation, longest phrase first. */
function flat(phrases: readonly string[]): RegExp {
  return new RegExp(`(?<![a-z0-9])(?:${sortedPhrases(phrases).map(phraseSource).join("|")})`, "g");
}

function matches(re: RegExp, text: string): string[] {
  const out: string[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push(`${m.index}:${m[0]}`);
  return out;
}

const LISTS: Record<string, readonly string[]> = {
  strong: TABLES.flatMap((t) => t.strong),
  weak: TABLES.flatMap((t) => t.weak),
  platform: PATIENT_PLATFORM_CLOSED,
};

const FIXTURES = join(fileURLToPath(new URL(".", import.meta.url)), "..", "..", "fixtures", "notices");
const notices = readdirSync(FIXTURES, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".eml"))
  .map((f) => fold(readFileSync(join(FIXTURES, f), "utf8")));

describe.each(Object.entries(LISTS))("%s phrases as a tree", (_name, phrases) => {
  const tree = compilePhrases(phrases);
  const reference = flat(phrases);

  it("finds what the flat list finds in the notice fixtures", () => {
    expect(notices.length).toBeGreaterThan(20);
    for (const text of notices) expect(matches(tree, text)).toEqual(matches(reference, text));
  });

  it("finds each phrase alone, and the same one as the flat list, with text around it", () => {
    for (const p of phrases) {
      const text = `x ${p.replace(/#/g, "42")} — ${p.replace(/#/g, "7")}s, (${p.replace(/ /g, "\n ")})`;
      const found = matches(tree, text);
      expect(found.length).toBeGreaterThan(0);
      expect(found).toEqual(matches(reference, text));
    }
  });

  it("finds what the flat list finds in any text made of pieces of phrases", () => {
    const pieces = phrases.flatMap((p) => [p, p.slice(0, Math.ceil(p.length / 2)), p.slice(Math.floor(p.length / 2))]);
    const piece = fc.oneof(fc.constantFrom(...pieces), fc.constantFrom(" ", "  ", "\n", "1", "42 ", "a", "'", "-", "."));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        expect(matches(tree, text)).toEqual(matches(reference, text));
      }),
      { numRuns: 400 },
    );
  });
});
