import { sayOr } from "../i18n/say.js";
import { describe, expect, it } from "vitest";
import { migrateUserSettings, resolveAll, SETTINGS_VERSION } from "../../../src/core/settings/index.js";
import { STEPS } from "../../../src/core/settings/migrate.js";

describe("migrateUserSettings", () => {
  it("has one step per version", () => {
    expect(STEPS).toHaveLength(SETTINGS_VERSION);
  });

  it("migrates version 0 to version 1", () => {
    const m = migrateUserSettings({
      receiptDefault: false,
      allowedDomains: "Test.MSSante.fr, @formation.example.fr,, test.mssante.fr",
      noReplyDefault: true,
      sentLog: ["kept apart"],
    });
    expect(m.settings).toEqual({
      settingsVersion: 1,
      readReceiptDefault: false,
      extraSenderDomains: ["test.mssante.fr", "formation.example.fr"],
      noReplyDefault: true,
    });
    expect(m.changed).toBe(true);
    expect([...m.removedKeys].sort()).toEqual(["allowedDomains", "receiptDefault"]);
    expect(m.problems).toEqual([]);
    expect(resolveAll(undefined, m.settings).entries.readReceiptDefault).toMatchObject({ value: false, source: "user" });
  });

  it("drops the bad items of the old domain list and says so", () => {
    const m = migrateUserSettings({ allowedDomains: "ok.example.fr, pas un domaine" });
    expect(m.settings.extraSenderDomains).toEqual(["ok.example.fr"]);
    expect(m.problems).toHaveLength(1);
    expect(m.problems[0]).toMatchObject({ code: "user-invalid-value", key: "extraSenderDomains" });
    expect(sayOr(m.problems[0]?.message, "fr")).toContain('"pas un domaine"');
  });

  it("does not overwrite a new name already present with an old one", () => {
    const m = migrateUserSettings({ receiptDefault: false, readReceiptDefault: true });
    expect(m.settings.readReceiptDefault).toBe(true);
    expect(m.removedKeys).toEqual(["receiptDefault"]);
  });

  it("reports an old value of the wrong type", () => {
    const m = migrateUserSettings({ receiptDefault: "oui", allowedDomains: 3 });
    expect(m.settings).toEqual({ settingsVersion: 1 });
    expect(m.problems.map((p) => p.key)).toEqual(["readReceiptDefault", "extraSenderDomains"]);
    expect(m.removedKeys).toEqual(["receiptDefault", "allowedDomains"]);
  });

  it("leaves current settings alone", () => {
    const stored = { settingsVersion: 1, noReplyDefault: true, extraSenderDomains: ["a.example.fr"], otherData: 5 };
    const m = migrateUserSettings(stored);
    expect(m).toEqual({
      settings: { settingsVersion: 1, noReplyDefault: true, extraSenderDomains: ["a.example.fr"] },
      changed: false,
      removedKeys: [],
      problems: [],
    });
  });

  it("a current version is not migrated again: old names are other data", () => {
    const m = migrateUserSettings({ settingsVersion: 1, receiptDefault: false });
    expect(m.settings).toEqual({ settingsVersion: 1 });
    expect(m.changed).toBe(false);
  });

  it("rewrites a stored value that is not normalised", () => {
    const m = migrateUserSettings({ settingsVersion: 1, extraSenderDomains: [" A.Example.FR "] });
    expect(m.settings.extraSenderDomains).toEqual(["a.example.fr"]);
    expect(m.changed).toBe(true);
  });

  it("drops invalid current values and marks them for removal", () => {
    const m = migrateUserSettings({ settingsVersion: 1, bounceMove: "yes", bounceTag: false });
    expect(m.settings).toEqual({ settingsVersion: 1, bounceTag: false });
    expect(m.removedKeys).toEqual(["bounceMove"]);
    expect(m.changed).toBe(true);
    expect(m.problems.map((p) => p.code)).toEqual(["user-invalid-value"]);
  });

  it("starts fresh from nothing", () => {
    expect(migrateUserSettings(undefined)).toEqual({ settings: { settingsVersion: 1 }, changed: true, removedKeys: [], problems: [] });
    expect(migrateUserSettings({}).settings).toEqual({ settingsVersion: 1 });
    expect(migrateUserSettings({}).changed).toBe(true);
  });

  it.each([[null], ["garbage"], [42], [[1, 2]], [true]])("starts fresh from garbage %j and says so", (raw) => {
    const m = migrateUserSettings(raw);
    expect(m.settings).toEqual({ settingsVersion: 1 });
    expect(m.problems.map((p) => p.code)).toEqual(["user-not-an-object"]);
  });

  it.each([["1"], [-1], [1.5], [null]])("reads an unreadable version %j as version 0", (version) => {
    const m = migrateUserSettings({ settingsVersion: version, receiptDefault: false });
    expect(m.settings).toEqual({ settingsVersion: 1, readReceiptDefault: false });
    expect(m.problems.map((p) => p.code)).toEqual(["user-invalid-version"]);
    expect(m.changed).toBe(true);
  });

  it("keeps what validates from a future version, reports it and never rewrites", () => {
    const m = migrateUserSettings({ settingsVersion: 7, noReplyDefault: true, bounceMove: { mode: "archive" }, newThing: 1 });
    expect(m.settings).toEqual({ settingsVersion: 7, noReplyDefault: true });
    expect(m.changed).toBe(false);
    expect(m.removedKeys).toEqual([]);
    expect(m.problems.map((p) => p.code)).toEqual(["user-future-version"]);
    expect(sayOr(m.problems[0]?.message, "fr")).toContain("format 7");
  });
});
