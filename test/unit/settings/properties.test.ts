import { say } from "../../../src/core/i18n/catalogs.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkSettingValue,
  migrateUserSettings,
  policyFragment,
  resolveAll,
  SETTING_KEYS,
  settingsSchema,
  type Resolution,
} from "../../../src/core/settings/index.js";

/** Arbitrary JSON, with the setting names (and the wrapping names) likely to show up. */
const names = fc.constantFrom(...SETTING_KEYS, "locked", "Locked", "value", "Extensions", "a@b.fr", "settingsVersion", "receiptDefault", "allowedDomains");
const looseValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(0, 1, "true", "0", "yes", "a.fr;b.fr", '["a.fr"]', "Bonjour {patient}", "{nom}", "a/b"),
);
const settingsLike = fc.dictionary(names, fc.oneof(looseValue, fc.record({ value: looseValue, locked: looseValue }, { requiredKeys: [] })));
const anyInput = fc.oneof(fc.jsonValue(), settingsLike, fc.constant(undefined));

function checkResolution(r: Resolution): void {
  // The values validate and are already normalised (the schema gives them back unchanged).
  expect(settingsSchema.parse(r.values)).toEqual(r.values);
  for (const key of SETTING_KEYS) {
    const entry = r.entries[key];
    expect(checkSettingValue(key, entry.value)).toEqual({ ok: true, value: entry.value });
    expect(entry.value).toEqual(r.values[key]);
    if (entry.locked) expect(entry.source).toBe("policy");
  }
  for (const p of r.problems) {
    expect(say(p.message, "fr")).not.toBe("");
    expect(say(p.message, "en")).not.toBe("");
  }
}

describe("properties", () => {
  it("resolveAll never throws on arbitrary JSON and always gives valid values", () => {
    fc.assert(
      fc.property(anyInput, anyInput, (policy, user) => {
        checkResolution(resolveAll(policy, user));
      }),
      { numRuns: 500 },
    );
  });

  it("a user value is used exactly when it validates and nothing locks it", () => {
    fc.assert(
      fc.property(settingsLike, (user) => {
        const r = resolveAll(undefined, user);
        for (const key of SETTING_KEYS) {
          const valid = Object.hasOwn(user, key) && checkSettingValue(key, user[key]).ok;
          expect(r.entries[key].source).toBe(valid ? "user" : "default");
        }
      }),
    );
  });

  it("migrateUserSettings never throws and keeps only valid settings", () => {
    fc.assert(
      fc.property(anyInput, (raw) => {
        const m = migrateUserSettings(raw);
        const { settingsVersion, ...settings } = m.settings;
        expect(Number.isSafeInteger(settingsVersion)).toBe(true);
        for (const [key, value] of Object.entries(settings)) {
          expect(checkSettingValue(key as (typeof SETTING_KEYS)[number], value).ok).toBe(true);
        }
        // Migrating the result again changes nothing.
        const again = migrateUserSettings(m.settings);
        expect(again.settings).toEqual(m.settings);
        expect(again.changed).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("an exported fragment, all locked, always reproduces the values whatever the other user chose", () => {
    fc.assert(
      fc.property(anyInput, anyInput, anyInput, (policy, user, otherUser) => {
        const here = resolveAll(policy, user);
        const fragment = JSON.parse(JSON.stringify(policyFragment("id@x.fr", here.entries, { lockAll: true, includeDefaults: true }))) as {
          policies: { "3rdparty": { Extensions: Record<string, unknown> } };
        };
        const there = resolveAll(fragment.policies["3rdparty"].Extensions["id@x.fr"], otherUser);
        expect(there.values).toEqual(here.values);
        expect(there.problems.filter((p) => p.layer === "policy")).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
