/**
 * Breaks found in the patient banner's texts (issue 12), by a reviewer who did not write
 * them. Each test says what is wrong and what is expected; each fails on the code as it is.
 */
import { describe, expect, it } from "vitest";
import { patientBanner } from "../../../src/core/banners/index.js";
import { conversationPatient } from "../../../src/core/conversation/index.js";
import { say } from "../../../src/core/i18n/catalogs.js";

const OWN = ["dr.martin@medecin.mssante.fr"];
const DATES = { locale: "fr", offsetAt: () => 0, year: 2026 } as const;

function bannerTitle(author: string, to: string): string {
  const lookup = conversationPatient({ author, recipients: [to], ccList: [], bccList: [] }, OWN);
  if (!lookup.ok) throw new Error(`no patient: ${lookup.reason}`);
  const banner = patientBanner(lookup.patient, { state: "open" }, "", DATES);
  const [title] = banner.lines;
  if (title === undefined) throw new Error("no title");
  return say(title.text, "fr");
}

describe("the patient banner never names the patient with another patient's INS", () => {
  /*
   * WRONG: a message from 295109912611193@patient.mssante.fr whose display name is another
   * valid INS (253072A07300443, here in groups too) gets the banner
   *   « Patient Mon espace santé : 2 53 07 2A 073 004 43 »
   *   « INS 2 95 10 99 126 111 93 — Femme, née en octobre 1995, à l'étranger »
   * Two different INS in the same banner, the one in the title being the wrong patient: the
   * professional who reads the title files the message under the wrong patient. The same
   * holds for a message we sent (To: "253072A07300443" <295109912611193@patient.mssante.fr>).
   * The send guard already treats "a display name holding another patient's INS" as a
   * blocker; the banner only drops a name equal to the patient's own INS.
   * EXPECTED: a display name that reads as an INS (any matricule, key-valid or not, grouped
   * or not) is not shown as the patient's name: the title is the unnamed one
   * (« (nom non indiqué dans le message) »), or it warns that the name is another INS.
   */
  it("a From display name that is another patient's INS is not the banner's title", () => {
    for (const name of ["253072A07300443", "2 53 07 2A 073 004 43"]) {
      const title = bannerTitle(`"${name}" <295109912611193@patient.mssante.fr>`, OWN[0] ?? "");
      expect(title.replace(/\s/g, "")).not.toContain("253072A07300443");
    }
  });

  it("on a message we sent, a To display name that is another patient's INS is not the banner's title", () => {
    const title = bannerTitle(OWN[0] ?? "", `"253072A07300443" <295109912611193@patient.mssante.fr>`);
    expect(title).not.toContain("253072A07300443");
  });

  /*
   * WRONG: zero-width characters (U+200B, U+200D, U+2060, U+FEFF) survive in the name: a
   * display name "2\u200B95109912611193" (the patient's own INS with a zero-width space)
   * passes the "name is not the INS" check and is shown as the name; "Ma\u200Brie" shows
   * as "Marie" but is not the string "Marie" (search, copy and compare fail silently).
   * EXPECTED: format characters (Unicode category Cf) are dropped from names as bidi
   * controls already are; the own INS hidden that way is recognised as the INS.
   */
  it("a display name that is the INS with a zero-width space inside is recognised as the INS", () => {
    const title = bannerTitle(`"2\u200B95109912611193" <295109912611193@patient.mssante.fr>`, OWN[0] ?? "");
    expect(title).toBe("Patient Mon espace santé (nom non indiqué dans le message)");
    const named = bannerTitle(`"Ma\u200Brie Du\u2060rand" <295109912611193@patient.mssante.fr>`, OWN[0] ?? "");
    expect(named).toBe("Patient Mon espace santé : Marie Durand");
  });
});
