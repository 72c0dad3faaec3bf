import { describe, expect, it } from "vitest";
import { say } from "../../../src/core/i18n/catalogs.js";
import { checkIns, decodeIns, describeIdentity, probableBirthYear, type InsIdentity } from "../../../src/core/ins/index.js";
import { withKey } from "./oracle.js";

function identityOf(input: string): InsIdentity {
  const check = checkIns(input);
  if (!check.valid) throw new Error(`${input} should be valid, got ${check.problem}`);
  return check.identity;
}

describe("decoding the test vectors", () => {
  it.each([
    ["295109912611193", { sex: "female", birthYearDigits: 95, birthMonth: 10, birthPlace: { kind: "etranger" } }],
    ["253072A07300443", { sex: "female", birthYearDigits: 53, birthMonth: 7, birthPlace: { kind: "corse", departement: "2A" } }],
    ["253072B07300470", { sex: "female", birthYearDigits: 53, birthMonth: 7, birthPlace: { kind: "corse", departement: "2B" } }],
    ["186022A21532523", { sex: "male", birthYearDigits: 86, birthMonth: 2, birthPlace: { kind: "corse", departement: "2A" } }],
    ["146026322000196", { sex: "male", birthYearDigits: 46, birthMonth: 2, birthPlace: { kind: "metropole", departement: "63" } }],
    ["255081416802538", { sex: "female", birthYearDigits: 55, birthMonth: 8, birthPlace: { kind: "metropole", departement: "14" } }],
  ] as const)("%s", (ins, identity) => {
    expect(identityOf(ins)).toEqual(identity);
    expect(decodeIns(ins)).toEqual(identity);
  });
});

describe("decodeIns", () => {
  it("reads the sex from the first digit", () => {
    expect(identityOf(withKey("1550814168025")).sex).toBe("male");
    expect(identityOf(withKey("2550814168025")).sex).toBe("female");
  });

  it("reads the two digits of the year", () => {
    expect(identityOf(withKey("1000814168025")).birthYearDigits).toBe(0);
    expect(identityOf(withKey("1070814168025")).birthYearDigits).toBe(7);
    expect(identityOf(withKey("1990814168025")).birthYearDigits).toBe(99);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])("reads the month %i", (month) => {
    const mm = String(month).padStart(2, "0");
    expect(identityOf(withKey(`180${mm}75123456`)).birthMonth).toBe(month);
  });

  it.each(["20", "21", "30", "42", "50", "63", "99"])("gives no month for the code %s (month unknown)", (code) => {
    expect(identityOf(withKey(`180${code}75123456`)).birthMonth).toBeNull();
  });

  it("reads a birth abroad (99), whatever the country code", () => {
    expect(identityOf(withKey("1800599352001")).birthPlace).toEqual({ kind: "etranger" });
    expect(identityOf(withKey("2800599999001")).birthPlace).toEqual({ kind: "etranger" });
  });

  it.each(["971", "972", "973", "974", "975", "976", "977", "978", "984", "986", "987", "988", "979", "985"])(
    "reads the overseas département %s on three digits",
    (dep) => {
      expect(identityOf(withKey(`18005${dep}12001`)).birthPlace).toEqual({ kind: "outre-mer", departement: dep });
    },
  );

  it.each(["2A", "2B", "20"] as const)("reads Corsica %s", (dep) => {
    expect(identityOf(withKey(`18005${dep}004001`)).birthPlace).toEqual({ kind: "corse", departement: dep });
  });

  it.each(["01", "13", "19", "21", "59", "75", "95", "96"])("reads the metropolitan département %s", (dep) => {
    expect(identityOf(withKey(`18005${dep}056001`)).birthPlace).toEqual({ kind: "metropole", departement: dep });
  });
});

describe("probableBirthYear", () => {
  it.each([
    [95, 2025, 1995],
    [25, 2025, 2025],
    [24, 2025, 2024],
    [26, 2025, 1926],
    [0, 2025, 2000],
    [99, 2025, 1999],
    [0, 2000, 2000],
    [99, 2000, 1999],
    [1, 2000, 1901],
    [0, 2099, 2000],
    [99, 2099, 2099],
    [50, 1999, 1950],
  ])("%i in %i → %i", (digits, reference, year) => {
    expect(probableBirthYear(digits, reference)).toBe(year);
  });

  it("is never after the reference year and less than 100 years before it", () => {
    for (let reference = 1990; reference <= 2110; reference++) {
      for (let digits = 0; digits <= 99; digits++) {
        const year = probableBirthYear(digits, reference);
        expect(year % 100).toBe(digits);
        expect(year).toBeLessThanOrEqual(reference);
        expect(year).toBeGreaterThan(reference - 100);
      }
    }
  });
});

/** The identity sentence in both languages, each written with its own locale. */
function identityText(identity: InsIdentity, referenceYear: number): { fr: string; en: string } {
  return { fr: say(describeIdentity(identity, referenceYear, "fr"), "fr"), en: say(describeIdentity(identity, referenceYear, "en"), "en") };
}

describe("describeIdentity", () => {
  it.each([
    ["295109912611193", "Femme, née en octobre 1995, à l'étranger", "Woman, born in October 1995, abroad"],
    ["255081416802538", "Femme, née en août 1955, en France (département 14)", "Woman, born in August 1955, in France (département 14)"],
    ["146026322000196", "Homme, né en février 1946, en France (département 63)", "Man, born in February 1946, in France (département 63)"],
    ["186022A21532523", "Homme, né en février 1986, en Corse (2A)", "Man, born in February 1986, in Corsica (2A)"],
    ["253072B07300470", "Femme, née en juillet 1953, en Corse (2B)", "Woman, born in July 1953, in Corsica (2B)"],
  ])("%s", (ins, fr, en) => {
    expect(identityText(identityOf(ins), 2025)).toEqual({ fr, en });
  });

  it("says when the month is unknown", () => {
    expect(identityText(identityOf(withKey("2803075123456")), 2025)).toEqual({
      fr: "Femme, née en 1980 (mois inconnu), en France (département 75)",
      en: "Woman, born in 1980 (month unknown), in France (département 75)",
    });
  });

  it("names the overseas territory, or shows its code", () => {
    expect(identityText(identityOf(withKey("1900597412345")), 2025)).toEqual({
      fr: "Homme, né en mai 1990, outre-mer (La Réunion)",
      en: "Man, born in May 1990, overseas (Réunion)",
    });
    expect(identityText(identityOf(withKey("2011298812345")), 2025)).toEqual({
      fr: "Femme, née en décembre 2001, outre-mer (Nouvelle-Calédonie)",
      en: "Woman, born in December 2001, overseas (New Caledonia)",
    });
    expect(identityText(identityOf(withKey("1900198512345")), 2025)).toEqual({
      fr: "Homme, né en janvier 1990, outre-mer (985)",
      en: "Man, born in January 1990, overseas (985)",
    });
  });

  it("names every month", () => {
    const fr = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
    const en = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    for (let month = 1; month <= 12; month++) {
      const text = identityText(identityOf(withKey(`170${String(month).padStart(2, "0")}75123456`)), 2025);
      expect(text.fr).toBe(`Homme, né en ${fr[month - 1] ?? ""} 1970, en France (département 75)`);
      expect(text.en).toBe(`Man, born in ${en[month - 1] ?? ""} 1970, in France (département 75)`);
    }
  });

  it("takes the century from the reference year", () => {
    const identity = identityOf("255081416802538");
    expect(identityText(identity, 2054).fr).toContain("1955");
    expect(identityText(identity, 2055).fr).toContain("2055");
  });
});
