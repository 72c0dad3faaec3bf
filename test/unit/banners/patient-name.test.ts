/**
 * The patient banner's title names the patient only with a display name that reads as a
 * name: never another patient's INS (grouped or not), never the INS hidden with invisible
 * characters; invisible format characters are dropped from names.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { patientBanner } from "../../../src/core/banners/index.js";
import { holdsPatientIdentifier, personName } from "../../../src/core/compose/index.js";
import { dropFormatCharacters } from "../../../src/core/compose/invisible.js";
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
   * A message from 295109912611193@patient.mssante.fr whose display name is another INS
   * (253072A07300443, grouped or not) would put two different INS in the same banner, the
   * title naming the wrong patient. A display name that reads as an INS (any matricule,
   * key-valid or not, grouped or not) is no name: the title is the unnamed one. Same for
   * the To name of a message we sent.
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
   * Format characters (Unicode category Cf: zero-width space, word joiner, BOM…) are dropped
   * from names as bidi controls are: the patient's own INS hidden with a zero-width space is
   * recognised as the INS, and "Ma\u200Brie" is the string "Marie" (search, copy, compare).
   */
  it("a display name that is the INS with a zero-width space inside is recognised as the INS", () => {
    const title = bannerTitle(`"2\u200B95109912611193" <295109912611193@patient.mssante.fr>`, OWN[0] ?? "");
    expect(title).toBe("Patient Mon espace santé (nom non indiqué dans le message)");
    const named = bannerTitle(`"Ma\u200Brie Du\u2060rand" <295109912611193@patient.mssante.fr>`, OWN[0] ?? "");
    expect(named).toBe("Patient Mon espace santé : Marie Durand");
  });
});

describe("a name as the add-on shows it", () => {
  it("never holds a bidirectional control, a zero-width space or a matricule, whatever the display name", () => {
    const pieces = fc.constantFrom("Marie", " ", "Durand", "\u202e", "\u200b", "\u2060", "\ufeff", "\u00ad", "2", "95109912611193", "2A", "@", ".", "👩\u200d⚕️");
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const name = personName(parts.join(""));
        expect(name).not.toMatch(/[\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u00ad]/u);
        expect(holdsPatientIdentifier(name)).toBe(false);
        expect(name.includes("@")).toBe(false);
      }),
    );
  });

  it("keeps the joiner inside an emoji sequence, drops it elsewhere", () => {
    expect(dropFormatCharacters("Dr 👩\u200d⚕️")).toBe("Dr 👩\u200d⚕️");
    expect(dropFormatCharacters("Ma\u200drie")).toBe("Marie");
  });
});
