import { describe, expect, it } from "vitest";
import { say } from "../../../src/core/i18n/catalogs.js";
import type { Message } from "../../../src/core/i18n/text.js";
import { checkIns, compareIdentity, mismatchText, type InsIdentity } from "../../../src/core/ins/index.js";
import { withKey } from "./oracle.js";

function identityOf(input: string): InsIdentity {
  const check = checkIns(input);
  if (!check.valid) throw new Error(`${input} should be valid, got ${check.problem}`);
  return check.identity;
}

// Woman born in August 1955 in Calvados.
const woman = identityOf("255081416802538");
// Man born in 1980, month unknown.
const unknownMonth = identityOf(withKey("1803075123456"));

describe("compareIdentity", () => {
  it("finds nothing when the file agrees", () => {
    expect(compareIdentity(woman, { sex: "female", birthDate: "1955-08-14" })).toEqual([]);
  });

  it("finds nothing when the file says nothing", () => {
    expect(compareIdentity(woman, {})).toEqual([]);
  });

  it("finds a different sex", () => {
    expect(compareIdentity(woman, { sex: "male" })).toEqual(["sex"]);
    expect(compareIdentity(woman, { sex: "male", birthDate: "1955-08-14" })).toEqual(["sex"]);
  });

  it("finds a different year of birth", () => {
    expect(compareIdentity(woman, { birthDate: "1956-08-14" })).toEqual(["birth-year"]);
    // A child on a parent's carte Vitale: same sex, another generation.
    expect(compareIdentity(woman, { sex: "female", birthDate: "1985-08-14" })).toEqual(["birth-year"]);
  });

  it("compares only the last two digits of the year (the INS holds no century)", () => {
    expect(compareIdentity(woman, { birthDate: "1855-08-14" })).toEqual([]);
    expect(compareIdentity(woman, { birthDate: "2055-08-14" })).toEqual([]);
  });

  it("finds a different month of birth", () => {
    expect(compareIdentity(woman, { birthDate: "1955-09-14" })).toEqual(["birth-month"]);
    expect(compareIdentity(woman, { birthDate: "1955-01-01" })).toEqual(["birth-month"]);
  });

  it("ignores the month when the INS does not know it", () => {
    expect(compareIdentity(unknownMonth, { birthDate: "1980-03-01" })).toEqual([]);
    expect(compareIdentity(unknownMonth, { birthDate: "1981-03-01" })).toEqual(["birth-year"]);
  });

  it("lists every difference in a fixed order", () => {
    expect(compareIdentity(woman, { sex: "male", birthDate: "1985-02-14" })).toEqual(["sex", "birth-year", "birth-month"]);
  });

  it.each(["14/08/1955", "1955-8-14", "", "1955-08", "55-08-14", " 1955-08-14"])("ignores a date that is not yyyy-mm-dd: %j", (birthDate) => {
    expect(compareIdentity(woman, { birthDate })).toEqual([]);
  });
});

function both(text: Message): { fr: string; en: string } {
  return { fr: say(text, "fr"), en: say(text, "en") };
}

describe("mismatchText", () => {
  it("names one difference", () => {
    expect(both(mismatchText(["sex"]))).toEqual({
      fr: "Attention : le sexe du dossier ne correspond pas à l'INS. Ce numéro est peut-être celui d'un parent (carte Vitale d'un enfant) ou d'une autre personne. N'envoyez rien avant d'avoir vérifié l'identité.",
      en: "Warning: the sex in the file does not match the INS. This may be a parent's number (a child on a parent's carte Vitale) or someone else's. Send nothing before checking the identity.",
    });
  });

  it("names the year and the month", () => {
    expect(say(mismatchText(["birth-year"]), "fr")).toContain("l'année de naissance du dossier ne correspond pas");
    expect(say(mismatchText(["birth-year"]), "en")).toContain("the year of birth in the file does not match");
    expect(say(mismatchText(["birth-month"]), "fr")).toContain("le mois de naissance du dossier ne correspond pas");
    expect(say(mismatchText(["birth-month"]), "en")).toContain("the month of birth in the file does not match");
  });

  it("agrees with several differences", () => {
    const text = mismatchText(["sex", "birth-year", "birth-month"]);
    expect(say(text, "fr")).toContain("Attention : le sexe, l'année de naissance et le mois de naissance du dossier ne correspondent pas à l'INS.");
    expect(say(text, "en")).toContain("Warning: the sex, the year of birth and the month of birth in the file do not match the INS.");
  });

  it("works with what compareIdentity finds", () => {
    const text = mismatchText(compareIdentity(woman, { sex: "male", birthDate: "1985-08-14" }));
    expect(say(text, "fr")).toContain("le sexe et l'année de naissance du dossier ne correspondent pas");
    expect(say(text, "fr")).not.toContain("mois");
  });
});
