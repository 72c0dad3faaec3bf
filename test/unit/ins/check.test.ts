import { say } from "../../../src/core/i18n/catalogs.js";
import { describe, expect, it } from "vitest";
import { checkIns, INS_LENGTH, insKey, insProblemText, PATIENT_DOMAIN, type InsCheck, type InsProblem } from "../../../src/core/ins/index.js";
import { isValidIns, keyOf, withKey } from "./oracle.js";

type Invalid = Extract<InsCheck, { valid: false }>;

const VALID = ["295109912611193", "253072A07300443", "253072B07300470", "186022A21532523", "146026322000196", "255081416802538"];

function invalidOf(input: unknown): Invalid {
  const check = checkIns(input);
  if (check.valid) throw new Error(`expected ${JSON.stringify(input)} to be invalid`);
  return check;
}

describe("test vectors of the domain notes", () => {
  it.each(VALID)("%s is valid and gives its patient address", (ins) => {
    const check = checkIns(ins);
    expect(check.valid).toBe(true);
    if (!check.valid) return;
    expect(check.ins).toBe(ins);
    expect(check.address).toBe(`${ins}@patient.mssante.fr`);
    expect(Object.keys(check).sort()).toEqual(["address", "identity", "ins", "valid"]);
  });

  it.each(VALID)("the test oracle agrees that %s is valid", (ins) => {
    expect(isValidIns(ins)).toBe(true);
    expect(keyOf(ins.slice(0, 13))).toBe(ins.slice(13));
  });

  it("295109912611199 fails the key (99 cannot be a key)", () => {
    const check = invalidOf("295109912611199");
    expect(check.problem).toBe("key-out-of-range");
    expect(check.normalized).toBe("295109912611199");
  });

  it("253072C07300443 fails the layout on the letter C", () => {
    const check = invalidOf("253072C07300443");
    expect(check.problem).toBe("invalid-character");
    expect(check.detail).toBe("C");
  });

  it("the patient domain and the length are the documented ones", () => {
    expect(PATIENT_DOMAIN).toBe("patient.mssante.fr");
    expect(INS_LENGTH).toBe(15);
  });
});

describe("insKey", () => {
  it.each(VALID)("gives the printed key of %s", (ins) => {
    expect(insKey(ins.slice(0, 13))).toBe(Number(ins.slice(13)));
  });

  it("reads 2A as 19 and 2B as 18", () => {
    expect(insKey("253072A073004")).toBe(97 - (2530719073004 % 97));
    expect(insKey("253072B073004")).toBe(97 - (2530718073004 % 97));
  });

  it("gives 97, not 0, when the body is a multiple of 97", () => {
    expect(1550114000094 % 97).toBe(0);
    expect(insKey("1550114000094")).toBe(97);
    expect(checkIns("155011400009497").valid).toBe(true);
    expect(checkIns("155011400009400").valid).toBe(false);
  });

  it("stays between 1 and 97", () => {
    for (let body = 1_550_101_000_000; body < 1_550_101_000_300; body++) {
      const key = insKey(String(body));
      expect(key).toBeGreaterThanOrEqual(1);
      expect(key).toBeLessThanOrEqual(97);
    }
  });
});

/** One input per problem, with the detail the message shows. */
const PROBLEM_CASES: readonly { problem: InsProblem; input: unknown; detail?: string }[] = [
  { problem: "empty", input: "" },
  { problem: "invalid-character", input: "25508141680253X", detail: "X" },
  { problem: "key-missing", input: "2550814168025" },
  { problem: "too-short", input: "25508141680", detail: "4" },
  { problem: "too-long", input: "2550814168025381", detail: "1" },
  { problem: "provisional-number", input: "755081416802538" },
  { problem: "migrant-number", input: "555081416802538" },
  { problem: "first-digit", input: "355081416802538", detail: "3" },
  { problem: "corsica-misplaced", input: "25302A207300443" },
  { problem: "month", input: "255131416802538", detail: "13" },
  { problem: "key-out-of-range", input: "255081416802598", detail: "98" },
  { problem: "key-mismatch", input: "255081416802539" },
];

const ALL_PROBLEMS: readonly InsProblem[] = [
  "empty",
  "invalid-character",
  "key-missing",
  "too-short",
  "too-long",
  "provisional-number",
  "migrant-number",
  "first-digit",
  "corsica-misplaced",
  "month",
  "key-out-of-range",
  "key-mismatch",
];

describe("every problem is reached", () => {
  it("the cases cover every problem once", () => {
    expect(PROBLEM_CASES.map((c) => c.problem).sort()).toEqual([...ALL_PROBLEMS].sort());
  });

  it.each(PROBLEM_CASES)("$problem for $input", ({ problem, input, detail }) => {
    const check = invalidOf(input);
    expect(check.problem).toBe(problem);
    expect(check.detail).toBe(detail);
    expect("address" in check).toBe(false);
    expect("ins" in check).toBe(false);
  });

  it("each problem has its own French and English message", () => {
    const texts = PROBLEM_CASES.map((c) => insProblemText(invalidOf(c.input))).map((m) => ({ fr: say(m, "fr"), en: say(m, "en") }));
    for (const t of texts) {
      expect(t.fr.trim().length).toBeGreaterThan(20);
      expect(t.en.trim().length).toBeGreaterThan(20);
      expect(t.fr).not.toBe(t.en);
    }
    expect(new Set(texts.map((t) => t.fr)).size).toBe(ALL_PROBLEMS.length);
    expect(new Set(texts.map((t) => t.en)).size).toBe(ALL_PROBLEMS.length);
  });

  it("the messages show their detail", () => {
    const text = (input: string) => insProblemText(invalidOf(input));
    expect(say(text("25508141680253X"), "fr")).toContain("« X »");
    expect(say(text("25508141680253X"), "en")).toContain('"X"');
    expect(say(text("25508141680"), "fr")).toContain("Il manque 4 caractères :");
    expect(say(text("25508141680"), "en")).toContain("4 characters missing:");
    expect(say(text("25508141680253"), "fr")).toContain("Il manque 1 caractère :");
    expect(say(text("25508141680253"), "en")).toContain("1 character missing:");
    expect(say(text("2550814168025381"), "fr")).toContain("1 caractère de trop");
    expect(say(text("2550814168025381"), "en")).toContain("1 character too many");
    expect(say(text("25508141680253812"), "fr")).toContain("2 caractères de trop");
    expect(say(text("25508141680253812"), "en")).toContain("2 characters too many");
    expect(say(text("355081416802538"), "fr")).toContain("« 3 »");
    expect(say(text("255131416802538"), "fr")).toContain("« 13 »");
    expect(say(text("255081416802598"), "fr")).toContain("« 98 »");
  });

  it("says that the key is missing for 13 characters, in words", () => {
    const text = insProblemText(invalidOf("2550814168025"));
    expect(say(text, "fr")).toBe(
      "La clé de 2 chiffres manque : un matricule INS a 15 caractères (13 + la clé). Recopiez aussi les 2 derniers chiffres de la carte Vitale ou de l'attestation.",
    );
    expect(say(text, "en")).toContain("The 2-digit key is missing");
  });
});

describe("problems in detail", () => {
  it.each([null, undefined, 42, 255081416802538, {}, [], ["255081416802538"], true])("is empty for a non-string: %s", (input) => {
    expect(invalidOf(input)).toEqual({ valid: false, normalized: "", problem: "empty" });
  });

  it.each(["   ", "\t", " . . ", "\u00a0\u202f", "@patient.mssante.fr", " @patient.mssante.fr "])("is empty for %j", (input) => {
    expect(invalidOf(input).problem).toBe("empty");
  });

  it.each([
    ["255-081416802538", "-"],
    ["255081416802538,", ","],
    ["O55081416802538", "O"],
    ["25508141680253８", "８"],
    ["2550814168025😀38", "😀"],
    ["A55081416802538", "A"],
    ["2AA081416802538", "A"],
    ["255081416802538@medecin.mssante.fr", "@"],
    ["255081416802538\u0000", "\u0000"],
  ])("reports the first offending character of %j", (input, detail) => {
    const check = invalidOf(input);
    expect(check.problem).toBe("invalid-character");
    expect(check.detail).toBe(detail);
  });

  it("reports an invalid character before a wrong length", () => {
    expect(invalidOf("25X").problem).toBe("invalid-character");
  });

  it.each(["1", "12", "123456789012", "12345678901234"])("is too short for %s", (input) => {
    const check = invalidOf(input);
    expect(check.problem).toBe("too-short");
    expect(check.detail).toBe(String(15 - input.length));
  });

  it("counts a Corsican letter as a character", () => {
    expect(invalidOf("253072A073004").problem).toBe("key-missing");
    expect(invalidOf("253072A0730044").problem).toBe("too-short");
  });

  it.each(["2550814168025380", "25508141680253800000", "2".repeat(1000)])("is too long for %s", (input) => {
    const check = invalidOf(input);
    expect(check.problem).toBe("too-long");
    expect(check.detail).toBe(String(input.length - 15));
  });

  it.each(["7", "8"])("rejects provisional numbers starting with %s", (first) => {
    expect(invalidOf(`${first}55081416802538`).problem).toBe("provisional-number");
  });

  it.each(["5", "6"])("rejects migrant numbers starting with %s", (first) => {
    expect(invalidOf(`${first}55081416802538`).problem).toBe("migrant-number");
  });

  it.each(["0", "3", "4", "9"])("rejects a first digit %s", (first) => {
    const check = invalidOf(`${first}55081416802538`);
    expect(check.problem).toBe("first-digit");
    expect(check.detail).toBe(first);
  });

  it.each([
    "2A5081416802538", // A in 2nd position
    "25302A207300443", // A in 6th position
    "2530722072A0443", // 2A after the département
    "253072A072A0443", // two letters
    "2530722B2B00443",
  ])("rejects A or B outside the département: %s", (input) => {
    expect(invalidOf(input).problem).toBe("corsica-misplaced");
  });

  it.each(["00", "13", "14", "15", "16", "17", "18", "19"])("rejects the month %s", (month) => {
    const check = invalidOf(withKey(`255${month}14168025`));
    expect(check.problem).toBe("month");
    expect(check.detail).toBe(month);
  });

  it.each(["01", "12", "20", "31", "50", "99"])("accepts the month code %s", (month) => {
    expect(checkIns(withKey(`255${month}14168025`)).valid).toBe(true);
  });

  it.each(["00", "98", "99"])("rejects the key %s", (key) => {
    const check = invalidOf(`2550814168025${key}`);
    expect(check.problem).toBe("key-out-of-range");
    expect(check.detail).toBe(key);
  });

  it.each(["01", "37", "97"])("rejects a wrong key %s within range", (key) => {
    expect(invalidOf(`2550814168025${key}`).problem).toBe("key-mismatch");
  });

  it("keeps the normalised input in an invalid check", () => {
    expect(invalidOf(" 2 55 08 14 168 025 39 ").normalized).toBe("255081416802539");
    expect(invalidOf("253072a07300449").normalized).toBe("253072A07300449");
  });

  it("accepts an input that is long only because of spaces and dots", () => {
    expect(checkIns(`${" ".repeat(300)}255081416802538${".".repeat(300)}`).valid).toBe(true);
  });

  it("never drops what follows a valid number in a long input", () => {
    // A valid number, then padding, then one more digit: 16 digits in all.
    const check = invalidOf(`255081416802538${".".repeat(241)}1`);
    expect(check.problem).toBe("too-long");
    expect(check.detail).toBe("1");
    expect(invalidOf(`255081416802538${" ".repeat(300)}garbage`).problem).toBe("invalid-character");
  });

  it("checks a very long input without throwing", () => {
    expect(invalidOf("9".repeat(1_000_000)).problem).toBe("too-long");
    expect(invalidOf(" ".repeat(1_000_000)).problem).toBe("empty");
  });
});
