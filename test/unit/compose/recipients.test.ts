import { addressParser } from "postal-mime";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  headerDisplayName,
  domainOf,
  formatRecipient,
  isPatientAddress,
  parseRecipients,
  patientOf,
} from "../../../src/core/compose/index.js";
import { BAD_FORMAT_INS, BAD_KEY_INS, VALID_INS, patient } from "./fixtures.js";

describe("parseRecipients", () => {
  it.each([
    ["Nom Prénom <addr@x.fr>", [{ name: "Nom Prénom", address: "addr@x.fr" }]],
    ["addr@x.fr", [{ name: "", address: "addr@x.fr" }]],
    ["  addr@x.fr  ", [{ name: "", address: "addr@x.fr" }]],
    ['"Martin, Jean" <295109912611193@patient.mssante.fr>', [{ name: "Martin, Jean", address: "295109912611193@patient.mssante.fr" }]],
    [
      'a@x.fr, "Dupont; Marie" <b@y.fr>, C <c@z.fr>',
      [
        { name: "", address: "a@x.fr" },
        { name: "Dupont; Marie", address: "b@y.fr" },
        { name: "C", address: "c@z.fr" },
      ],
    ],
    ["Équipe: a@x.fr, b@y.fr;", [{ name: "", address: "a@x.fr" }, { name: "", address: "b@y.fr" }]],
    ['"\\"Le Doc\\"" <d@x.fr>', [{ name: '"Le Doc"', address: "d@x.fr" }]],
    ["=?UTF-8?B?w4lsaXNl?= <e@x.fr>", [{ name: "Élise", address: "e@x.fr" }]],
    ["Jean (secrétariat) <j@x.fr>", [{ name: "Jean", address: "j@x.fr" }]],
    ["", []],
    ["Juste un nom", []],
  ])("%j", (field, expected) => {
    expect(parseRecipients(field)).toEqual(expected);
  });

  it("never throws", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        for (const m of parseRecipients(s)) expect(m.address).not.toBe("");
      }),
    );
  });
});

describe("domainOf", () => {
  it.each([
    ["a@Patient.MSSante.fr", "patient.mssante.fr"],
    ["a@x.fr.", "x.fr"],
    ["a@b@c.fr", "c.fr"],
    ["pas-une-adresse", ""],
  ])("%j → %j", (address, domain) => {
    expect(domainOf(address)).toBe(domain);
  });
});

describe("isPatientAddress", () => {
  it.each([
    ["295109912611193@patient.mssante.fr", true],
    ["295109912611193@PATIENT.MSSANTE.FR", true],
    ["295109912611193@Patient.Mssante.Fr", true],
    [" 295109912611193@patient.mssante.fr ", true],
    ["295109912611193@patient.mssante.fr.", true],
    ["n-importe-quoi@patient.mssante.fr", true],
    ["dr.martin@medecin.mssante.fr", false],
    ["x@sub.patient.mssante.fr", false],
    ["x@patient.mssante.fr.evil.com", false],
    ["x@patient-mssante.fr", false],
    ["@patient.mssante.fr", false],
    ["patient.mssante.fr", false],
    ["", false],
  ])("%j → %s", (address, expected) => {
    expect(isPatientAddress(address)).toBe(expected);
  });
});

describe("patientOf", () => {
  it.each(VALID_INS.map((ins) => [ins]))("%s is a valid patient", (ins) => {
    const check = patientOf(patient(ins));
    expect(check).toMatchObject({ valid: true, ins, address: patient(ins) });
  });

  it.each([
    ["253072a07300443@patient.mssante.fr", "253072A07300443"],
    ["253072b07300470@PATIENT.MSSANTE.FR", "253072B07300470"],
  ])("accepts lower-case Corsican letters: %s", (address, ins) => {
    expect(patientOf(address)).toMatchObject({ valid: true, ins, address: patient(ins) });
  });

  it.each([
    [patient(BAD_KEY_INS), "key-out-of-range"],
    [patient("146026322000195"), "key-mismatch"],
    [patient("259109912611193"), "key-mismatch"], // two digits swapped
    [patient(BAD_FORMAT_INS), "invalid-character"],
    ["2951099126111@patient.mssante.fr", "key-missing"],
    ["795109912611193@patient.mssante.fr", "provisional-number"],
    ["jean.dupont@patient.mssante.fr", "invalid-character"],
    // A valid number written with dots is another mailbox: it must not pass.
    ["2.95.10.99.126.111.93@patient.mssante.fr", "invalid-character"],
  ])("%s fails with %s", (address, problem) => {
    expect(patientOf(address)).toMatchObject({ valid: false, problem });
  });

  it("gives the offending character of a dotted address", () => {
    expect(patientOf("2.95109912611193@patient.mssante.fr")).toMatchObject({ valid: false, detail: "." });
  });

  it("is null for any other address", () => {
    expect(patientOf("dr.martin@medecin.mssante.fr")).toBeNull();
    expect(patientOf("295109912611193@gmail.com")).toBeNull();
  });
});

describe("formatRecipient", () => {
  it.each([
    ["Jean Dupont", "a@x.fr", "Jean Dupont <a@x.fr>"],
    ["Élise Ñoño", "a@x.fr", "Élise Ñoño <a@x.fr>"],
    ["", "a@x.fr", "a@x.fr"],
    ["   ", "a@x.fr", "a@x.fr"],
    ["Martin, Jean", "a@x.fr", "Martin Jean <a@x.fr>"],
    ["Martin;Jean", "a@x.fr", "Martin Jean <a@x.fr>"],
    ["Dr. Martin", "a@x.fr", '"Dr. Martin" <a@x.fr>'],
    ['Le "Doc"', "a@x.fr", "Le Doc <a@x.fr>"],
    ["Jean\u202e\u2066Dupont\u2069", "a@x.fr", "JeanDupont <a@x.fr>"],
    ["a\\b", "a@x.fr", '"a\\\\b" <a@x.fr>'],
    ["x@y.fr", "a@x.fr", '"x@y.fr" <a@x.fr>'],
    ["Jean\r\nBcc: evil@x.fr", "a@x.fr", '"Jean Bcc: evil@x.fr" <a@x.fr>'],
    ["<script>Jean</script>", "a@x.fr", "scriptJean/script <a@x.fr>"],
    ["Jean", " a@x.fr\r\n", "Jean <a@x.fr>"],
    ["Jean", "<a@x.fr>", "Jean <a@x.fr>"],
    ["=?UTF-8?B?QQ==?=", "a@x.fr", '"=?UTF-8?B?QQ==?=" <a@x.fr>'],
  ])("(%j, %j) → %j", (name, address, expected) => {
    expect(formatRecipient(name, address)).toBe(expected);
  });

  it("reads back as one mailbox with the cleaned name and the same address", () => {
    const nameChars = fc.constantFrom(..."aZé 0,;:.\"\\()[]@<>'!#-_\r\n\téèàçÉ".split(""));
    fc.assert(
      fc.property(fc.string({ unit: nameChars, maxLength: 30 }), (name) => {
        const address = "295109912611193@patient.mssante.fr";
        const parsed = addressParser(formatRecipient(name, address));
        expect(parsed).toEqual([{ name: headerDisplayName(name), address }]);
      }),
    );
  });

  it("never leaves a line break or an angle bracket in the name", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (name) => {
        const out = formatRecipient(name, "a@x.fr");
        expect(out).not.toMatch(/[\r\n]/);
        expect(out.slice(0, -"<a@x.fr>".length)).not.toMatch(/[<>]/);
      }),
    );
  });
});
