import { sayOr } from "../i18n/say.js";
import { describe, expect, it } from "vitest";
import { defaultSettings, resolve, resolveAll, type SettingsProblem } from "../../../src/core/settings/index.js";

const ADDON_ID = "mssante-patient@exemple.fr";

function codes(problems: readonly SettingsProblem[]): string[] {
  return problems.map((p) => p.code);
}

describe("resolveAll without policy", () => {
  it("gives the defaults when nothing is stored", () => {
    const r = resolveAll(undefined, undefined);
    expect(r.values).toEqual(defaultSettings());
    expect(r.problems).toEqual([]);
    expect(r.entries.readReceiptDefault).toEqual({ value: true, source: "default", locked: false });
  });

  it("takes the user's valid values and ignores other stored data", () => {
    const r = resolveAll(undefined, { noReplyDefault: true, settingsVersion: 1, sentLog: [1, 2] });
    expect(r.entries.noReplyDefault).toEqual({ value: true, source: "user", locked: false });
    expect(r.problems).toEqual([]);
  });

  it("ignores an invalid user value, without coercion, and reports it", () => {
    const r = resolveAll(undefined, { readReceiptDefault: "false", bounceFolderName: "a/b" });
    expect(r.values.readReceiptDefault).toBe(true);
    expect(r.entries.bounceFolderName.source).toBe("default");
    expect(codes(r.problems)).toEqual(["user-invalid-value", "user-invalid-value"]);
    expect(r.problems[0]?.key).toBe("readReceiptDefault");
    expect(r.problems[0]?.layer).toBe("user");
    expect(sayOr(r.problems[0]?.message, "fr")).toContain("Demander un accusé de lecture");
  });

  it("reports user data that is not an object", () => {
    const r = resolveAll(undefined, "garbage");
    expect(r.values).toEqual(defaultSettings());
    expect(codes(r.problems)).toEqual(["user-not-an-object"]);
  });

  it("treats null like no data", () => {
    expect(resolveAll(null, null).problems).toEqual([]);
  });
});

describe("layering and locking", () => {
  it("a plain policy value is a default the user may change", () => {
    const policyOnly = resolveAll({ noReplyDefault: true }, {});
    expect(policyOnly.entries.noReplyDefault).toEqual({ value: true, source: "policy", locked: false, policyValue: true });

    const userWins = resolveAll({ noReplyDefault: true }, { noReplyDefault: false });
    expect(userWins.entries.noReplyDefault).toEqual({ value: false, source: "user", locked: false, policyValue: true });
  });

  it("a locked policy value wins over the user", () => {
    const r = resolveAll({ noReplyDefault: { value: true, locked: true } }, { noReplyDefault: false });
    expect(r.entries.noReplyDefault).toEqual({ value: true, source: "policy", locked: true, policyValue: true });
    expect(r.values.noReplyDefault).toBe(true);
    expect(r.problems).toEqual([]);
  });

  it("the banners are turned off and locked by policy like any setting (macOS 0/1, Windows strings)", () => {
    const r = resolveAll({ patientBanner: 0, noticeBanner: "false", locked: ["patientBanner", "noticeBanner"] }, { patientBanner: true, noticeBanner: true });
    expect(r.entries.patientBanner).toEqual({ value: false, source: "policy", locked: true, policyValue: false });
    expect(r.entries.noticeBanner).toEqual({ value: false, source: "policy", locked: true, policyValue: false });
    expect(r.problems).toEqual([]);
  });

  it("the top-level locked list locks too", () => {
    const r = resolveAll({ readReceiptDefault: false, locked: ["readReceiptDefault"] }, { readReceiptDefault: true });
    expect(r.entries.readReceiptDefault).toEqual({ value: false, source: "policy", locked: true, policyValue: false });
  });

  it("the locked list may be a separated string (Windows REG_SZ)", () => {
    const r = resolveAll({ bounceTag: 0, bounceMove: "1", locked: "bounceTag; bounceMove" }, { bounceTag: true, bounceMove: false });
    expect(r.values.bounceTag).toBe(false);
    expect(r.values.bounceMove).toBe(true);
    expect(r.entries.bounceTag.locked && r.entries.bounceMove.locked).toBe(true);
  });

  it("{value} alone and locked:false are plain recommended values", () => {
    const r = resolveAll({ bounceMove: { value: true }, bounceTag: { value: false, locked: false } }, { bounceMove: false });
    expect(r.entries.bounceMove).toMatchObject({ value: false, source: "user", locked: false });
    expect(r.entries.bounceTag).toMatchObject({ value: false, source: "policy", locked: false });
  });

  it("accepts capitalised Value/Locked and 0/1 or string flags", () => {
    const r = resolveAll(
      {
        tagPatientMessages: { Value: 1, Locked: 1 },
        reviewBeforeClosing: { value: "true", locked: "true" },
      },
      { tagPatientMessages: false, reviewBeforeClosing: false },
    );
    expect(r.entries.tagPatientMessages).toMatchObject({ value: true, locked: true });
    expect(r.entries.reviewBeforeClosing).toMatchObject({ value: true, locked: true });
  });

  it("locking without a value locks the default", () => {
    const r = resolveAll({ readReceiptDefault: { locked: true }, locked: ["bounceMove"] }, { readReceiptDefault: false, bounceMove: true });
    expect(r.entries.readReceiptDefault).toEqual({ value: true, source: "policy", locked: true });
    expect(r.entries.bounceMove).toEqual({ value: false, source: "policy", locked: true });
  });

  it("coerces policy values as platforms deliver them", () => {
    const r = resolveAll(
      {
        readReceiptDefault: 0, // macOS
        noReplyDefault: "true", // Windows REG_SZ
        extraSenderDomains: "Test.MSSante.fr, @formation.example.fr",
        closingTemplate: "Bonjour {patient},\\nFin.",
        bounceFolderName: 2024,
      },
      undefined,
    );
    expect(r.problems).toEqual([]);
    expect(r.values).toMatchObject({
      readReceiptDefault: false,
      noReplyDefault: true,
      extraSenderDomains: ["test.mssante.fr", "formation.example.fr"],
      closingTemplate: "Bonjour {patient},\nFin.",
      bounceFolderName: "2024",
    });
  });

  it("resolve(key) gives one entry", () => {
    expect(resolve("noReplyDefault", { noReplyDefault: { value: true, locked: true } }, { noReplyDefault: false })).toEqual({
      value: true,
      source: "policy",
      locked: true,
      policyValue: true,
    });
  });
});

describe("invalid policy values", () => {
  it("an invalid value is ignored: the user's value applies, and a problem says why", () => {
    const r = resolveAll({ readReceiptDefault: "peut-être" }, { readReceiptDefault: false });
    expect(r.entries.readReceiptDefault).toEqual({ value: false, source: "user", locked: false });
    expect(r.problems).toHaveLength(1);
    const problem = r.problems[0];
    expect(problem).toMatchObject({ code: "policy-invalid-value", layer: "policy", key: "readReceiptDefault" });
    expect(sayOr(problem?.message, "fr")).toContain("readReceiptDefault");
    expect(sayOr(problem?.message, "fr")).toContain('"peut-être"');
    expect(sayOr(problem?.message, "fr")).toContain("true ou false");
    expect(sayOr(problem?.message, "en")).toContain("true or false");
  });

  it("an invalid locked value is ignored with its lock: the default applies", () => {
    const r = resolveAll({ readReceiptDefault: { value: 2, locked: true } }, undefined);
    expect(r.entries.readReceiptDefault).toEqual({ value: true, source: "default", locked: false });
    expect(codes(r.problems)).toEqual(["policy-invalid-value"]);
  });

  it("a locked-list entry does not revive an invalid value", () => {
    const r = resolveAll({ bounceMove: "bof", locked: ["bounceMove"] }, { bounceMove: true });
    expect(r.entries.bounceMove).toEqual({ value: true, source: "user", locked: false });
  });

  it("names the wrong item of a list", () => {
    const r = resolveAll({ extraSenderDomains: ["test.mssante.fr", "pas un domaine"] }, undefined);
    expect(r.values.extraSenderDomains).toEqual([]);
    expect(sayOr(r.problems[0]?.message, "fr")).toContain('élément n° 2 : "pas un domaine"');
    expect(sayOr(r.problems[0]?.message, "en")).toContain('item 2: "pas un domaine"');
  });

  it("cuts a long bad value", () => {
    const r = resolveAll({ bounceFolderName: "x/".repeat(500) }, undefined);
    const message = sayOr(r.problems[0]?.message, "fr");
    expect(message).toContain("…");
    expect(message.length).toBeLessThan(400);
  });

  it("reports a wrong lock flag and unexpected fields, ignoring the entry", () => {
    const r = resolveAll(
      {
        noReplyDefault: { value: true, locked: "toujours" },
        bounceMove: { value: true, lock: true },
      },
      undefined,
    );
    expect(codes(r.problems)).toEqual(["policy-invalid-entry", "policy-invalid-entry"]);
    expect(sayOr(r.problems[1]?.message, "en")).toContain('"lock"');
    expect(r.values.noReplyDefault).toBe(false);
    expect(r.values.bounceMove).toBe(false);
  });

  it("reports policy data that is not an object", () => {
    for (const raw of ["readReceiptDefault=true", [1], 3, true]) {
      const r = resolveAll(raw, { noReplyDefault: true });
      expect(codes(r.problems)).toEqual(["policy-not-an-object"]);
      expect(r.values.noReplyDefault).toBe(true);
    }
  });

  it("reports a locked list that is not a list of names, and unknown names in it", () => {
    expect(codes(resolveAll({ locked: 3 }, undefined).problems)).toEqual(["policy-invalid-locked-list"]);
    expect(codes(resolveAll({ locked: [true] }, undefined).problems)).toEqual(["policy-invalid-locked-list"]);
    const r = resolveAll({ locked: ["readReceiptDefaut"] }, undefined);
    expect(codes(r.problems)).toEqual(["policy-locked-unknown-key"]);
    expect(sayOr(r.problems[0]?.message, "fr")).toContain("« readReceiptDefault »");
  });
});

describe("unknown keys and wrong wrapping", () => {
  it("reports an unknown key and suggests the closest setting", () => {
    const r = resolveAll({ ReadReceiptDefault: true, noReplyDefault: true }, undefined);
    expect(codes(r.problems)).toEqual(["policy-unknown-key"]);
    expect(r.problems[0]?.key).toBe("ReadReceiptDefault");
    expect(sayOr(r.problems[0]?.message, "fr")).toContain("Vouliez-vous dire « readReceiptDefault » ?");
    expect(r.values.readReceiptDefault).toBe(true);
    expect(r.values.noReplyDefault).toBe(true);
  });

  it("lists the settings when nothing is close", () => {
    const r = resolveAll({ couleur: "bleu" }, undefined);
    expect(sayOr(r.problems[0]?.message, "en")).toContain("Existing settings: readReceiptDefault, noReplyDefault");
  });

  it("detects settings wrapped in Extensions › add-on id", () => {
    const r = resolveAll({ Extensions: { [ADDON_ID]: { noReplyDefault: true } } }, undefined);
    expect(codes(r.problems)).toEqual(["policy-wrapped"]);
    expect(r.problems[0]?.key).toBe("Extensions");
    expect(sayOr(r.problems[0]?.message, "fr")).toContain('"Extensions" › "mssante-patient@exemple.fr"');
    expect(sayOr(r.problems[0]?.message, "fr")).toContain("« Extensions » y est en trop");
    expect(sayOr(r.problems[0]?.message, "en")).toContain('"Extensions" is one level too many');
    expect(r.values.noReplyDefault).toBe(false);
  });

  it("detects settings wrapped in the add-on id", () => {
    const r = resolveAll({ [ADDON_ID]: { noReplyDefault: true } }, undefined);
    expect(codes(r.problems)).toEqual(["policy-wrapped"]);
    expect(sayOr(r.problems[0]?.message, "fr")).toContain("l'identifiant de l'extension y est en trop");
  });

  it("recognises a {uuid} id and the id given in the options", () => {
    const uuid = "{12345678-1234-1234-1234-123456789abc}";
    expect(sayOr(resolveAll({ [uuid]: {} }, undefined).problems[0]?.message, "en")).toContain("the add-on id is one level too many");
    const r = resolveAll({ "mssante-patient": { bounceTag: false } }, undefined, { addonId: "mssante-patient" });
    expect(sayOr(r.problems[0]?.message, "en")).toContain("the add-on id is one level too many");
  });

  it("detects a whole policies.json pasted in the add-on's data", () => {
    const r = resolveAll({ policies: { "3rdparty": { Extensions: { [ADDON_ID]: { bounceTag: false } } } } }, undefined);
    expect(codes(r.problems)).toEqual(["policy-wrapped"]);
    expect(sayOr(r.problems[0]?.message, "en")).toContain("wrapping of policies.json");
  });

  it("detects settings under any other name", () => {
    const r = resolveAll({ settings: { bounceTag: false } }, undefined);
    expect(codes(r.problems)).toEqual(["policy-wrapped"]);
    expect(sayOr(r.problems[0]?.message, "fr")).toContain("doivent être au premier niveau");
  });

  it("an unknown name holding an object without settings is just unknown", () => {
    expect(codes(resolveAll({ divers: { a: 1 } }, undefined).problems)).toEqual(["policy-unknown-key"]);
  });
});
