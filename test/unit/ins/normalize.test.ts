import { describe, expect, it } from "vitest";
import { checkIns, normalizeIns, stripPatientDomain } from "../../../src/core/ins/index.js";

function addressOf(input: string): string | undefined {
  const check = checkIns(input);
  return check.valid ? check.address : undefined;
}

describe("normalizeIns", () => {
  it.each([
    ["2 55 08 14 168 025 38", "spaces"],
    ["2\t55\t08\t14\t168\t025\t38", "tabs"],
    ["2.55.08.14.168.025.38", "dots"],
    ["2\u00a055\u00a008\u00a014\u00a0168\u00a0025\u00a038", "no-break spaces"],
    ["2\u202f55\u202f08\u202f14\u202f168\u202f025\u202f38", "narrow no-break spaces"],
    ["2\u200955\u200908\u200914\u2009168\u2009025\u200938", "thin spaces"],
    ["\ufeff255081416802538\u200b", "byte-order mark and zero-width space"],
    ["255081416802538\r\n", "a line break"],
    [" \t. 2 55 08 14 168 025 38 .\t ", "a mix, around and inside"],
  ])("drops %j (%s)", (input) => {
    expect(normalizeIns(input)).toBe("255081416802538");
    expect(addressOf(input)).toBe("255081416802538@patient.mssante.fr");
  });

  it("upper-cases a lower-case 2a and 2b", () => {
    expect(normalizeIns("253072a07300443")).toBe("253072A07300443");
    expect(normalizeIns("253072b07300470")).toBe("253072B07300470");
    expect(addressOf("2 53 07 2a 073 004 43")).toBe("253072A07300443@patient.mssante.fr");
    expect(addressOf("2 53 07 2b 073 004 70")).toBe("253072B07300470@patient.mssante.fr");
    expect(addressOf("1 86 02 2a 215 325 23")).toBe("186022A21532523@patient.mssante.fr");
  });

  it("changes nothing else, so that other characters are reported", () => {
    expect(normalizeIns("253072c07300443")).toBe("253072c07300443");
    expect(normalizeIns("2-55-08")).toBe("2-55-08");
    expect(normalizeIns("２５５")).toBe("２５５");
    expect(normalizeIns("2,55")).toBe("2,55");
    expect(normalizeIns("")).toBe("");
  });

  it("reads the whole input, however long", () => {
    expect(normalizeIns(`${" ".repeat(500)}12${".".repeat(500)}3`)).toBe("123");
  });
});

describe("stripPatientDomain", () => {
  it("keeps the part before the @ of a patient address", () => {
    expect(stripPatientDomain("255081416802538@patient.mssante.fr")).toBe("255081416802538");
    expect(stripPatientDomain("  255081416802538@Patient.MSSante.FR \n")).toBe("255081416802538");
  });

  it("leaves any other input as it is", () => {
    expect(stripPatientDomain("255081416802538@medecin.mssante.fr")).toBe("255081416802538@medecin.mssante.fr");
    expect(stripPatientDomain(" 255081416802538 ")).toBe(" 255081416802538 ");
    expect(stripPatientDomain("255081416802538@patient.mssante.fr.evil")).toBe("255081416802538@patient.mssante.fr.evil");
  });

  it("accepts a pasted patient address", () => {
    expect(addressOf("255081416802538@patient.mssante.fr")).toBe("255081416802538@patient.mssante.fr");
    expect(addressOf(" 2 55 08 14 168 025 38@PATIENT.mssante.fr ")).toBe("255081416802538@patient.mssante.fr");
    expect(addressOf("253072a07300443@patient.mssante.fr")).toBe("253072A07300443@patient.mssante.fr");
    expect(addressOf("\u00a0255081416802538@patient.mssante.fr\u202f")).toBe("255081416802538@patient.mssante.fr");
  });

  it("does not accept another domain", () => {
    const check = checkIns("255081416802538@medecin.mssante.fr");
    expect(check.valid).toBe(false);
    expect(checkIns("255081416802538@patient.mssante.fr@patient.mssante.fr").valid).toBe(false);
  });
});
