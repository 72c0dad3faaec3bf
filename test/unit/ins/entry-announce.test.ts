/**
 * What the compose panel's INS status says aloud: a new kind of status, never one
 * announcement per character typed (the visible line still follows every key).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { insAnnouncement, insEntryView } from "../../../src/core/ins/index.js";
import type { Message } from "../../../src/core/i18n/text.js";
import { withKey } from "./oracle.js";

const pad = (n: number, width: number): string => String(n).padStart(width, "0");
const digits = (n: number) => fc.string({ unit: fc.constantFrom(..."0123456789".split("")), minLength: n, maxLength: n });

/** A key-valid INS (metropolitan, Corsican or abroad birth place). */
const validIns = fc
  .tuple(
    fc.constantFrom("1", "2"),
    fc.integer({ min: 0, max: 99 }),
    fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 20, max: 99 })),
    fc.oneof(fc.integer({ min: 1, max: 95 }).map((d) => pad(d, 2)), fc.constantFrom("2A", "2B", "99")),
    digits(6),
  )
  .map(([sex, year, month, dep, rest]) => withKey(sex + pad(year, 2) + pad(month, 2) + dep + rest));

/** The announcements made while `inputs` are typed one after the other (clearings left out). */
function spoken(inputs: readonly string[]): Message[] {
  let kind = "quiet";
  const out: Message[] = [];
  for (const input of inputs) {
    const next = insAnnouncement(kind, insEntryView(input, {}, 2026, "fr").status);
    kind = next.kind;
    if (next.say !== undefined && next.say !== "") out.push(next.say);
  }
  return out;
}

const prefixes = (text: string): string[] => Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1));

describe("the INS status announcement", () => {
  it("typing a valid INS character by character says one thing: that it is valid", () => {
    fc.assert(
      fc.property(validIns, (ins) => {
        expect(spoken(prefixes(ins)).map((m) => m.key)).toEqual(["insValid"]);
      }),
    );
  });

  it("says a real problem once when it appears, not again while it stays, and the valid state again after a correction", () => {
    // 295109912611194: a key that is not this number's (the right one is 93); then corrected.
    const wrong = "295109912611194";
    const said = spoken([...prefixes(wrong), "29510991261119", "295109912611193", "29510991261119", "295109912611193"]);
    expect(said.map((m) => m.key)).toEqual(["insProblemKeyMismatch", "insValid", "insValid"]);
  });

  it("says nothing for an empty field or a number still being typed, and clears what was said", () => {
    expect(insAnnouncement("ok", insEntryView("2951", {}, 2026, "fr").status)).toEqual({ kind: "quiet", say: "" });
    expect(insAnnouncement("quiet", insEntryView("", {}, 2026, "fr").status)).toEqual({ kind: "quiet", say: undefined });
    expect(insAnnouncement("quiet", insEntryView("2951099126111", {}, 2026, "fr").status)).toEqual({ kind: "quiet", say: undefined });
  });

  it("says a changed problem, not the same problem with other figures", () => {
    expect(spoken(["295109912611194", "295109912611195"]).map((m) => m.key)).toEqual(["insProblemKeyMismatch"]);
    expect(spoken(["295109912611194", "795109912611194"]).map((m) => m.key)).toEqual(["insProblemKeyMismatch", "insProblemProvisional"]);
    expect(spoken(["2951099126111931", "29510991261119311"]).map((m) => m.key)).toEqual(["insProblemTooLong_one"]);
  });
});
