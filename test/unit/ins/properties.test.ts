import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkIns } from "../../../src/core/ins/index.js";
import { isValidIns, normalizeLikeTheNotes, withKey } from "./oracle.js";

const digits = (n: number) => fc.string({ unit: fc.constantFrom(..."0123456789".split("")), minLength: n, maxLength: n });
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Département + commune (5 characters): metropolitan, Corsican, overseas, or abroad. */
const place = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 95 }), digits(3)).map(([dep, commune]) => pad(dep, 2) + commune),
  fc.tuple(fc.constantFrom("2A", "2B", "20"), digits(3)).map(([dep, commune]) => dep + commune),
  fc.tuple(fc.constantFrom("97", "98"), digits(3)).map(([dep, rest]) => dep + rest),
  digits(3).map((country) => `99${country}`),
);

/** A valid matricule INS, built from its parts with the key computed by the test oracle. */
const validIns = fc
  .tuple(
    fc.constantFrom("1", "2"),
    fc.integer({ min: 0, max: 99 }),
    fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 20, max: 99 })),
    place,
    digits(3),
  )
  .map(([sex, year, month, where, order]) => withKey(sex + pad(year, 2) + pad(month, 2) + where + order));

/** Any string, including lone UTF-16 surrogates. */
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });

/** Strings that look like an INS: the characters an INS is made of, and what normalisation drops. */
const insLike = fc.string({ unit: fc.constantFrom(..."0123456789ABab .\t-@".split("")), minLength: 10, maxLength: 20 });

describe("generated INS", () => {
  it("are valid, and give their own address", () => {
    fc.assert(
      fc.property(validIns, (ins) => {
        expect(isValidIns(ins)).toBe(true);
        const check = checkIns(ins);
        expect(check.valid).toBe(true);
        if (check.valid) {
          expect(check.ins).toBe(ins);
          expect(check.address).toBe(`${ins}@patient.mssante.fr`);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the key catches typing errors", () => {
  it("rejects every substitution of one body digit by another digit", () => {
    fc.assert(
      fc.property(validIns, (ins) => {
        for (let i = 0; i < 13; i++) {
          const original = ins.charAt(i);
          if (!/\d/.test(original)) continue;
          for (const d of "0123456789") {
            if (d === original) continue;
            const typo = ins.slice(0, i) + d + ins.slice(i + 1);
            expect(checkIns(typo).valid, typo).toBe(false);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it("rejects every swap of two adjacent different body digits", () => {
    fc.assert(
      fc.property(validIns, (ins) => {
        for (let i = 0; i < 12; i++) {
          const a = ins.charAt(i);
          const b = ins.charAt(i + 1);
          if (a === b || !/\d/.test(a) || !/\d/.test(b)) continue;
          const swapped = ins.slice(0, i) + b + a + ins.slice(i + 2);
          expect(checkIns(swapped).valid, swapped).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("rejects a wrong key", () => {
    fc.assert(
      fc.property(validIns, fc.integer({ min: 0, max: 99 }), (ins, key) => {
        const other = ins.slice(0, 13) + pad(key, 2);
        expect(checkIns(other).valid).toBe(other === ins);
      }),
    );
  });
});

describe("checkIns never throws and never gives a wrong address", () => {
  const noThrow = (input: unknown) => {
    const check = checkIns(input);
    expect(typeof check.valid).toBe("boolean");
    if (check.valid) {
      expect(isValidIns(check.ins)).toBe(true);
      expect(check.address).toBe(`${check.ins}@patient.mssante.fr`);
    } else {
      expect(check).not.toHaveProperty("address");
      expect(check).not.toHaveProperty("ins");
      expect(typeof check.problem).toBe("string");
    }
  };

  it("on any string", () => {
    fc.assert(fc.property(fc.string(), noThrow), { numRuns: 2000 });
  });

  it("on any Unicode string", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 60 }), noThrow), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), noThrow), { numRuns: 1000 });
  });

  it("on strings with lone surrogates", () => {
    fc.assert(fc.property(anyUnits, noThrow), { numRuns: 2000 });
  });

  it("on very long strings", () => {
    fc.assert(fc.property(fc.string({ minLength: 1000, maxLength: 20_000 }), noThrow), { numRuns: 30 });
    fc.assert(
      fc.property(validIns, fc.integer({ min: 200, max: 5000 }), fc.constantFrom(" ", ".", "\t", "0", "x"), (ins, n, filler) => {
        noThrow(ins + filler.repeat(n));
        noThrow(filler.repeat(n) + ins);
      }),
      { numRuns: 50 },
    );
  });

  it("on values that are not strings", () => {
    fc.assert(fc.property(fc.anything(), noThrow), { numRuns: 500 });
  });

  it("agrees with the test oracle on INS-like strings", () => {
    fc.assert(
      fc.property(insLike, (input) => {
        const check = checkIns(input);
        const expected = isValidIns(normalizeLikeTheNotes(input));
        expect(check.valid, JSON.stringify(input)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it("agrees with the test oracle on mutations of a valid INS", () => {
    const mutation = fc.record({
      at: fc.nat({ max: 15 }),
      kind: fc.constantFrom("insert", "delete", "replace"),
      char: fc.constantFrom(..."0123456789ABCab".split("")),
    });
    fc.assert(
      fc.property(validIns, fc.array(mutation, { minLength: 1, maxLength: 3 }), (ins, mutations) => {
        let s = ins;
        for (const m of mutations) {
          const at = Math.min(m.at, s.length);
          if (m.kind === "insert") s = s.slice(0, at) + m.char + s.slice(at);
          else if (m.kind === "delete") s = s.slice(0, at) + s.slice(at + 1);
          else s = s.slice(0, at) + m.char + s.slice(at + 1);
        }
        const check = checkIns(s);
        expect(check.valid, s).toBe(isValidIns(normalizeLikeTheNotes(s)));
        if (!check.valid) expect(check).not.toHaveProperty("address");
      }),
      { numRuns: 3000 },
    );
  });
});

describe("what normalisation accepts", () => {
  /** Inserts spaces, dots, tabs and no-break spaces at random places. */
  const decorated = fc
    .tuple(validIns, fc.array(fc.tuple(fc.nat({ max: 15 }), fc.constantFrom(" ", ".", "\t", "\u00a0", "\u202f", "  ", ". ")), { maxLength: 10 }))
    .map(([ins, inserts]) => {
      let s = ins;
      for (const [at, sep] of [...inserts].sort((x, y) => y[0] - x[0])) s = s.slice(0, at) + sep + s.slice(at);
      return { ins, s };
    });

  it("gives the same address with separators inserted", () => {
    fc.assert(
      fc.property(decorated, ({ ins, s }) => {
        const check = checkIns(s);
        expect(check.valid, JSON.stringify(s)).toBe(true);
        if (check.valid) expect(check.address).toBe(`${ins}@patient.mssante.fr`);
      }),
      { numRuns: 2000 },
    );
  });

  it("gives the same address with a lower-case 2a/2b", () => {
    fc.assert(
      fc.property(validIns, (ins) => {
        const check = checkIns(ins.toLowerCase());
        expect(check.valid).toBe(true);
        if (check.valid) expect(check.address).toBe(`${ins}@patient.mssante.fr`);
      }),
    );
  });

  it("gives the same address from a pasted full address", () => {
    fc.assert(
      fc.property(decorated, fc.constantFrom("patient.mssante.fr", "PATIENT.MSSANTE.FR", "Patient.MSSante.fr"), fc.constantFrom("", " ", "\n", "\u00a0"), ({ ins, s }, domain, around) => {
        const check = checkIns(`${around}${s.toLowerCase()}@${domain}${around}`);
        expect(check.valid).toBe(true);
        if (check.valid) expect(check.address).toBe(`${ins}@patient.mssante.fr`);
      }),
      { numRuns: 1000 },
    );
  });
});
