import { say } from "../../../src/core/i18n/catalogs.js";
import { sayOr } from "../i18n/say.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeValue, resolveAll, SETTING_KEYS } from "../../../src/core/settings/index.js";

const ADDON_ID = "mssante-patient@exemple.fr";

function manyUnknown(count: number, value: (i: number) => unknown = (i) => i): Record<string, unknown> {
  const policy: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) policy[`unknownSetting${i}`] = value(i);
  return policy;
}

/** An object whose reads are counted: how much of it the code looked at. */
function counted(target: Record<string, unknown>, reads: { count: number }): Record<string, unknown> {
  return new Proxy(target, {
    ownKeys(t) {
      reads.count++;
      return Reflect.ownKeys(t);
    },
    get(t, name) {
      reads.count++;
      return Reflect.get(t, name) as unknown;
    },
  });
}

/** An object nested `depth` levels deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe("policy problems, bounded", () => {
  it("lists 50 problems then one line that counts the others, in French and English", () => {
    const r = resolveAll(manyUnknown(10_000), undefined, { addonId: ADDON_ID });
    expect(r.problems).toHaveLength(51);
    expect(r.problems.slice(0, 50).every((p) => p.code === "policy-unknown-key")).toBe(true);
    const last = r.problems[50];
    expect(last?.code).toBe("more-problems");
    expect(last?.layer).toBe("policy");
    expect(sayOr(last?.message, "fr")).toContain("et 9950 autres");
    expect(sayOr(last?.message, "en")).toContain("and 9950 more");
  });

  it("lists every problem, without a count line, up to 50", () => {
    const r = resolveAll(manyUnknown(50), undefined);
    expect(r.problems).toHaveLength(50);
    expect(r.problems.some((p) => p.code === "more-problems")).toBe(false);
    const one = resolveAll(manyUnknown(51), undefined);
    expect({ fr: sayOr(one.problems[50]?.message, "fr"), en: sayOr(one.problems[50]?.message, "en") }).toEqual({ fr: "… et 1 autre problème, non détaillé ici.", en: "… and 1 more problem, not listed here." });
  });

  it("puts the problems of real settings first, whatever the number of wrong names before them", () => {
    const policy = { ...manyUnknown(10_000), readReceiptDefault: "peut-être", locked: ["noReplyDefault", "nope"] };
    const r = resolveAll(policy, undefined);
    expect(r.problems.slice(0, 2).map((p) => p.code)).toEqual(["policy-invalid-value", "policy-locked-unknown-key"]);
    expect(r.problems[0]?.key).toBe("readReceiptDefault");
    expect(r.entries.noReplyDefault.locked).toBe(true);
  });

  it("looks into the values of the listed names only", () => {
    const reads = { count: 0 };
    // Objects: each one could hide settings put one level too deep, so each listed one is searched.
    const policy = manyUnknown(10_000, (i) => counted({ [`inner${i}`]: { deeper: true } }, reads));
    const r = resolveAll(policy, undefined);
    expect(r.problems).toHaveLength(51);
    // Each of the 50 listed values is read a few times (its names, each of their values);
    // the 9,950 others are never opened.
    expect(reads.count).toBeGreaterThan(0);
    expect(reads.count).toBeLessThanOrEqual(50 * 4);
  });

  it("quotes names and values shortened, however long", () => {
    const long = "x".repeat(10_000_000);
    const r = resolveAll({ [long]: long, readReceiptDefault: long, locked: [long], closingTemplate: { value: 1, [long]: 2 } }, undefined);
    expect(r.problems.length).toBeGreaterThanOrEqual(4);
    for (const p of r.problems) {
      expect(say(p.message, "fr").length).toBeLessThan(1_000);
      expect(say(p.message, "en").length).toBeLessThan(1_000);
      expect((p.key ?? "").length).toBeLessThanOrEqual(200);
    }
  });

  it("shows a value as deep, as wide or as long as it may be, by its start", () => {
    expect(describeValue(nested(100_000))).toBe('{"a":{"a":{"a":{…}}}}');
    const wide: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) wide[`k${i}`] = i;
    const shownWide = describeValue(wide);
    expect(shownWide.startsWith('{"k0":0,"k1":1,')).toBe(true);
    expect(shownWide.length).toBeLessThanOrEqual(80);
    const reads = { count: 0 };
    describeValue(counted(wide, reads));
    expect(reads.count).toBeLessThan(100);
    expect(describeValue(new Array(1_000_000).fill("ab"))).toMatch(/^\["ab","ab",.*…$/);
    expect(describeValue("é".repeat(200))).toBe(`"${"é".repeat(78)}…`);
    expect(describeValue("😀".repeat(200))).toBe(`"${"😀".repeat(78)}…`);
  });

  it("never gives more than 51 problems nor a message over 1,500 characters, for any policy", () => {
    const name = fc.oneof(fc.constantFrom(...SETTING_KEYS, "locked", "Locked", "Extensions", ADDON_ID, "policies"), fc.string({ maxLength: 30 }));
    const policy = fc.oneof(
      fc.dictionary(name, fc.anything({ maxDepth: 4 }), { maxKeys: 80 }),
      fc.anything({ maxDepth: 3 }),
    );
    fc.assert(
      fc.property(policy, fc.anything({ maxDepth: 2 }), (raw, user) => {
        const r = resolveAll(raw, user, { addonId: ADDON_ID });
        expect(r.problems.length).toBeLessThanOrEqual(51);
        for (const p of r.problems) {
          expect(say(p.message, "fr").length).toBeLessThanOrEqual(1_500);
          expect(say(p.message, "en").length).toBeLessThanOrEqual(1_500);
        }
        expect(r.problems.filter((p) => p.code === "more-problems").length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });
});
