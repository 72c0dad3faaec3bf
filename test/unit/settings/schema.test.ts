import { say } from "../../../src/core/i18n/catalogs.js";
import { describe, expect, it } from "vitest";
import {
  checkSettingValue,
  defaultSettings,
  defaultValue,
  GROUP_LABELS,
  isSettingKey,
  SETTING_GROUPS,
  SETTING_KEYS,
  SETTING_LABELS,
  settingKind,
  settingsSchema,
  unknownPlaceholders,
} from "../../../src/core/settings/index.js";

describe("settings schema", () => {
  it("gives every default", () => {
    expect(defaultSettings()).toEqual({
      readReceiptDefault: true,
      noReplyDefault: false,
      extraSenderDomains: [],
      closingTemplate:
        "Bonjour {patient},\n\nCet échange est maintenant clos. Pour toute nouvelle question, merci de contacter le secrétariat.\n\nCordialement,",
      reviewBeforeClosing: false,
      patientBanner: true,
      tagPatientMessages: false,
      automationRules: [],
      bounceTag: true,
      bounceMove: false,
      bounceFolderName: "Retours MSSanté",
      noticeBanner: true,
      noticeRetentionMonths: 12,
    });
  });

  it("lists the keys in schema order and knows them", () => {
    expect(SETTING_KEYS[0]).toBe("readReceiptDefault");
    expect(SETTING_KEYS).toHaveLength(13);
    expect(isSettingKey("bounceMove")).toBe(true);
    expect(isSettingKey("toString")).toBe(false);
    expect(isSettingKey("locked")).toBe(false);
  });

  it("does not share default arrays between calls", () => {
    const a = defaultSettings();
    a.extraSenderDomains.push("x.example.fr");
    expect(defaultSettings().extraSenderDomains).toEqual([]);
    expect(defaultValue("extraSenderDomains")).toEqual([]);
  });

  it("reads each kind from the default", () => {
    expect(settingKind("readReceiptDefault")).toBe("boolean");
    expect(settingKind("extraSenderDomains")).toBe("list");
    expect(settingKind("closingTemplate")).toBe("text");
    expect(settingKind("bounceFolderName")).toBe("text");
  });

  it("has a French and English label, description and expected form for every key", () => {
    for (const key of SETTING_KEYS) {
      const label = SETTING_LABELS[key];
      for (const text of [label.label, label.description, label.expected]) {
        expect(say(text, "fr").trim(), key).not.toBe("");
        expect(say(text, "en").trim(), key).not.toBe("");
        expect(say(text, "fr"), key).not.toBe(say(text, "en"));
      }
      expect(SETTING_GROUPS).toContain(label.group);
    }
    for (const group of SETTING_GROUPS) expect(say(GROUP_LABELS[group], "fr")).not.toBe("");
  });

  describe("extraSenderDomains", () => {
    it("normalises each domain and drops duplicates", () => {
      const result = checkSettingValue("extraSenderDomains", [" @Test.MSSante.FR ", ".formation.example.fr", "test.mssante.fr", "a.fr."]);
      expect(result).toEqual({ ok: true, value: ["test.mssante.fr", "formation.example.fr", "a.fr"] });
    });

    it.each([["localhost"], ["exemple"], ["a..fr"], ["-a.fr"], ["a-.fr"], ["a b.fr"], ["dr@a.fr"], ["a.fr/x"], ["hôpital.fr"], [""], ["a.123"]])(
      "rejects %j and names the item",
      (bad) => {
        const result = checkSettingValue("extraSenderDomains", ["ok.example.fr", bad]);
        expect(result).toEqual({ ok: false, item: { index: 1, value: bad } });
      },
    );

    it("accepts punycode names", () => {
      expect(checkSettingValue("extraSenderDomains", ["xn--hpital-fva.fr"]).ok).toBe(true);
    });

    it("rejects a string (no coercion for stored values) and too long a list", () => {
      expect(checkSettingValue("extraSenderDomains", "a.fr").ok).toBe(false);
      const many = Array.from({ length: 51 }, (_, i) => `d${i}.example.fr`);
      expect(checkSettingValue("extraSenderDomains", many).ok).toBe(false);
      expect(checkSettingValue("extraSenderDomains", many.slice(0, 50)).ok).toBe(true);
    });
  });

  describe("closingTemplate", () => {
    it("accepts {patient}, empty text and 2000 characters", () => {
      expect(checkSettingValue("closingTemplate", "Au revoir {patient}.").ok).toBe(true);
      expect(checkSettingValue("closingTemplate", "").ok).toBe(true);
      expect(checkSettingValue("closingTemplate", "x".repeat(2000)).ok).toBe(true);
    });

    it("rejects 2001 characters and unknown placeholders", () => {
      expect(checkSettingValue("closingTemplate", "x".repeat(2001)).ok).toBe(false);
      expect(checkSettingValue("closingTemplate", "Bonjour {Patient}").ok).toBe(false);
      expect(checkSettingValue("closingTemplate", "Bonjour {nom}").ok).toBe(false);
      expect(unknownPlaceholders("{patient} {nom} {}")).toEqual(["{nom}", "{}"]);
    });

    it("turns CRLF into LF", () => {
      expect(checkSettingValue("closingTemplate", "a\r\nb\rc")).toEqual({ ok: true, value: "a\nb\nc" });
    });
  });

  describe("bounceFolderName", () => {
    it("trims and accepts an ordinary name", () => {
      expect(checkSettingValue("bounceFolderName", "  Retours  ")).toEqual({ ok: true, value: "Retours" });
    });
    it.each([[""], ["   "], ["a/b"], ["a\\b"], ["a\u0000b"], ["x".repeat(101)]])("rejects %j", (bad) => {
      expect(checkSettingValue("bounceFolderName", bad).ok).toBe(false);
    });
  });

  it("rejects undefined, null and wrong types for booleans", () => {
    for (const bad of [undefined, null, 1, "true", [], {}]) {
      expect(checkSettingValue("readReceiptDefault", bad).ok).toBe(false);
    }
    expect(checkSettingValue("readReceiptDefault", false)).toEqual({ ok: true, value: false });
  });

  it("parses its own output to itself", () => {
    const values = defaultSettings();
    expect(settingsSchema.parse(values)).toEqual(values);
  });
});
