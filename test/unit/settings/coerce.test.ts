import { describe, expect, it } from "vitest";
import {
  coerceBoolean,
  coerceList,
  coerceNumber,
  coercePolicyValue,
  coerceText,
} from "../../../src/core/settings/index.js";

describe("coerceBoolean", () => {
  it.each([
    [true, true],
    [false, false],
    [1, true], // macOS profile integer, Windows REG_DWORD
    [0, false],
    ["true", true], // Windows REG_SZ
    ["false", false],
    ["TRUE", true],
    [" False ", false],
    ["1", true],
    ["0", false],
    ["yes", true],
    ["no", false],
    ["Oui", true],
    ["NON", false],
  ])("%j → %j", (raw, expected) => {
    expect(coerceBoolean(raw)).toBe(expected);
  });

  it.each([[2], [-1], [0.5], [NaN], [""], ["vrai"], ["on"], ["truee"], [null], [undefined], [[]], [{}], [[true]]])(
    "refuses %j",
    (raw) => {
      expect(coerceBoolean(raw)).toBeUndefined();
    },
  );
});

describe("coerceNumber", () => {
  it.each([
    [3, 3],
    [-2.5, -2.5],
    ["12", 12],
    [" -3.5 ", -3.5],
    ["+7", 7],
    [".5", 0.5],
  ])("%j → %j", (raw, expected) => {
    expect(coerceNumber(raw)).toBe(expected);
  });

  it.each([[Infinity], [NaN], [""], ["1e3"], ["0x10"], ["12 Mo"], ["1,5"], [true], [null]])("refuses %j", (raw) => {
    expect(coerceNumber(raw)).toBeUndefined();
  });
});

describe("coerceText", () => {
  it("keeps strings, real line breaks included", () => {
    expect(coerceText("Bonjour\n\\n")).toBe("Bonjour\n\\n");
  });
  it("turns written \\n into line breaks in a single-line value (REG_SZ)", () => {
    expect(coerceText("Bonjour {patient},\\n\\nFin.\\r\\nCordialement")).toBe("Bonjour {patient},\n\nFin.\nCordialement");
  });
  it("writes numbers as text", () => {
    expect(coerceText(2024)).toBe("2024");
  });
  it.each([[true], [null], [["a"]], [{}], [NaN]])("refuses %j", (raw) => {
    expect(coerceText(raw)).toBeUndefined();
  });
});

describe("coerceList", () => {
  it("keeps arrays", () => {
    expect(coerceList(["a.fr", "b.fr"])).toEqual(["a.fr", "b.fr"]);
  });
  it("parses a JSON array in a string", () => {
    expect(coerceList(' ["a.fr", "b.fr"] ')).toEqual(["a.fr", "b.fr"]);
  });
  it("refuses a string that starts like JSON but is not a JSON array", () => {
    expect(coerceList('["a.fr",')).toBeUndefined();
  });
  it("splits at commas, semicolons and line breaks", () => {
    expect(coerceList("a.fr, b.fr;c.fr\r\nd.fr\n\n;,e.fr")).toEqual(["a.fr", "b.fr", "c.fr", "d.fr", "e.fr"]);
  });
  it("reads an empty string as the empty list", () => {
    expect(coerceList("  ")).toEqual([]);
  });
  it("orders numbered registry values", () => {
    expect(coerceList({ "2": "b.fr", "10": "c.fr", "1": "a.fr" })).toEqual(["a.fr", "b.fr", "c.fr"]);
  });
  it.each([[{ "0": "a" }], [{ "1": "a", x: "b" }], [{}], [3], [true], [null]])("refuses %j", (raw) => {
    expect(coerceList(raw)).toBeUndefined();
  });
});

describe("coercePolicyValue", () => {
  it("converts to the kind", () => {
    expect(coercePolicyValue("boolean", "1")).toBe(true);
    expect(coercePolicyValue("list", "a.fr;b.fr")).toEqual(["a.fr", "b.fr"]);
    expect(coercePolicyValue("number", "42")).toBe(42);
    expect(coercePolicyValue("text", 5)).toBe("5");
  });
  it("returns what it cannot convert unchanged", () => {
    expect(coercePolicyValue("boolean", "peut-être")).toBe("peut-être");
    const obj = { a: 1 };
    expect(coercePolicyValue("list", obj)).toBe(obj);
  });
});
