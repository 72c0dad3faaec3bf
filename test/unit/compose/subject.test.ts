import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closingIntent, FIN_SUBJECT } from "../../../src/core/compose/index.js";

describe("closingIntent", () => {
  it("FIN_SUBJECT is the 5 characters [FIN]", () => {
    expect(FIN_SUBJECT).toBe("[FIN]");
    expect(FIN_SUBJECT).toHaveLength(5);
  });

  it("only the exact subject closes", () => {
    expect(closingIntent("[FIN]")).toBe("exact");
  });

  it.each([
    ["Re: [FIN]"],
    ["RE : [FIN]"],
    ["RE: [FIN]"],
    ["TR: [FIN]"],
    ["Tr : [FIN]"],
    ["Fwd: [FIN]"],
    ["FW: [FIN]"],
    ["AW: [FIN]"],
    ["Re[2]: [FIN]"],
    ["Re: Re: [FIN]"],
    ["[Fin]"],
    ["[fin]"],
    ["[fIN]"],
    ["[FIN] merci"],
    ["[FIN] Merci pour votre confiance"],
    ["Fin du suivi [FIN]"],
    [" [FIN]"],
    ["[FIN] "],
    ["  [FIN]  "],
    ["\t[FIN]"],
    ["[FIN]\n"],
    ["[ FIN ]"],
    ["[FIN ]"],
    ["[ FIN]"],
    ["[F I N]"],
    ["Réf : [FIN]"],
    ["Réf. : [FIN]"],
    ["\u00a0[FIN]"], // no-break space
    ["[FIN]\u202f"], // narrow no-break space
    ["[\u00a0FIN\u00a0]"],
    ["\u3000[FIN]"], // ideographic space
    ["[FIN]\u200b"], // zero-width space
    ["\ufeff[FIN]"], // byte order mark
    ["\uff3b\uff26\uff29\uff2e\uff3d"], // full-width ［ＦＩＮ］
    ["[\uff26\uff29\uff2e]"], // full-width letters only
    ["[FIN]."],
    ["[FIN] !"],
    ["« [FIN] »"],
    ['"[FIN]"'],
    ["[[FIN]]"],
    ["(FIN)"],
    ["{FIN}"],
    ["<FIN>"],
    ["«FIN»"],
    ["[FIN"],
    ["FIN]"],
    ["[FIN merci"],
    ["[FÏN]"],
    ["[F\u0399N]"], // Greek capital iota
    ["[F\u0406N]"], // Cyrillic І
    ["[\ufb01n]"], // "ﬁ" ligature
    ["FIN"],
    ["Fin"],
    ["fin."],
    ["FIN !"],
    ["Re: FIN"],
    ["RE : Fin"],
  ])("%j looks like an attempt to close but is not exact", (subject) => {
    expect(closingIntent(subject)).toBe("malformed");
  });

  it.each([
    [""],
    ["Fin de traitement"],
    ["Fin du suivi"],
    ["La fin du traitement approche"],
    ["Résultats"],
    ["Finances"],
    ["[Finances]"],
    ["Afin de préparer votre venue"],
    ["Re: Vos résultats"],
    ["[URGENT] Résultats"],
    ["Compte rendu (final)"],
    ["Infirmière à domicile"],
    ["Bilan [FINAL]"],
    ["Finale"],
    ["Enfin]"],
    ["[Finistère]"],
  ])("%j has nothing to do with closing", (subject) => {
    expect(closingIntent(subject)).toBe("none");
  });

  it("never throws and says exact only for exactly [FIN]", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.string(), fc.constantFrom("[FIN]", "[FIN] ", "[fin]")), (s) => {
        const intent = closingIntent(s);
        expect(["exact", "malformed", "none"]).toContain(intent);
        expect(intent === "exact").toBe(s === "[FIN]");
      }),
    );
  });

  it("anything around an exact [FIN] makes it malformed, never exact", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (before, after) => {
        fc.pre(before + after !== "");
        expect(closingIntent(`${before}[FIN]${after}`)).toBe("malformed");
      }),
    );
  });

  it("stays fast on a very long subject", () => {
    const long = "Re: ".repeat(50_000) + "x".repeat(100_000) + "[ ".repeat(50_000);
    const start = performance.now();
    expect(closingIntent(long)).toBe("none");
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});
