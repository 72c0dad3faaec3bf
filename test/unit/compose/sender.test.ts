import { describe, expect, it } from "vitest";
import { normalizeDomainEntry, senderAddress, senderAllowed } from "../../../src/core/compose/index.js";

describe("senderAllowed", () => {
  it.each([
    ["dr.martin@medecin.mssante.fr", []],
    ["Dr Martin <dr.martin@medecin.mssante.fr>", []],
    ['"Martin, Anne" <anne@ch-exemple.mssante.fr>', []],
    ["Labo <resultats@labo.pharmacien.mssante.fr>", []],
    ["X <x@ORG.MSSANTE.FR>", []],
    ["qa@test.example", ["test.example"]],
    ["qa@app.test.example", ["test.example"]],
    ["qa@test.example", ["  @Test.Example  "]],
    ["qa@test.example", [".test.example"]],
    ["qa@test.example", ["", "autre.example", "test.example"]],
  ])("%j with %j may write to a patient", (from, extra) => {
    expect(senderAllowed(from, extra)).toBe(true);
  });

  it.each([
    ["dr.martin@gmail.com", []],
    ["Dr <dr@mssante.fr>", []],
    ["x@mssante.fr.evil.com", []],
    ["x@evilmssante.fr", []],
    ["295109912611193@patient.mssante.fr", []],
    ["295109912611193@PATIENT.MSSANTE.FR", []],
    ["x@sub.patient.mssante.fr", []],
    ["295109912611193@patient.mssante.fr", ["patient.mssante.fr"]],
    ["qa@nottest.example", ["test.example"]],
    ["qa@test.example.com", ["test.example"]],
    ["qa@test.example", []],
    ["", []],
    ["Juste un nom", []],
    ["a@medecin.mssante.fr, b@gmail.com", []],
    ["@medecin.mssante.fr", []],
  ])("%j with %j may not", (from, extra) => {
    expect(senderAllowed(from, extra)).toBe(false);
  });
});

describe("normalizeDomainEntry", () => {
  it.each([
    [" Test.Example ", "test.example"],
    ["@test.example", "test.example"],
    [".test.example", "test.example"],
    ["test.example.", "test.example"],
    ["", null],
    ["test example", null],
    ["a@b.example", null],
  ])("%j → %j", (entry, expected) => {
    expect(normalizeDomainEntry(entry)).toBe(expected);
  });
});

describe("senderAddress", () => {
  it("gives the one address of a From value", () => {
    expect(senderAddress("Dr Martin <dr.martin@medecin.mssante.fr>")).toBe("dr.martin@medecin.mssante.fr");
    expect(senderAddress("a@x.fr, b@y.fr")).toBeNull();
    expect(senderAddress("")).toBeNull();
  });
});
