/** The panel's sentence at the end of a scan: the mode, what was read (headers, whole messages), what was found. */
import { both } from "../i18n/say.js";
import { say } from "../../../src/core/i18n/catalogs.js";
import { describe, expect, it } from "vitest";
import { countsText, scanDoneText } from "../../../src/core/notice-records/index.js";

const figures = { foldersDone: 1, folders: 1, messages: 10000, headerReads: 1000, fullReads: 200, notices: 198, errors: 0 };

describe("the text after a scan", () => {
  it("says the mode, the header reads and the full reads, in French and English", () => {
    expect(both(scanDoneText(figures, false))).toEqual({
      fr: "Analyse rapide terminée : 10000 messages examinés dans 1 dossier, en-têtes lus pour 1000 messages, 200 lus en entier, 198 avis trouvés.",
      en: "Quick scan finished: 10000 messages looked at in 1 folder, headers read for 1000 messages, 200 read in full, 198 notices found.",
    });
    const thorough = scanDoneText({ ...figures, headerReads: 10000, thorough: true }, false);
    expect(say(thorough, "fr")).toMatch(/^Analyse approfondie terminée : .*en-têtes lus pour 10000 messages, 200 lus en entier/);
    expect(say(thorough, "en")).toMatch(/^Thorough scan finished: .*headers read for 10000 messages, 200 read in full/);
  });

  it("says what was read when cancelled too, and the unreadable messages", () => {
    const text = scanDoneText({ ...figures, messages: 12, headerReads: 1, fullReads: 1, notices: 1, errors: 2 }, true);
    expect(say(text, "fr")).toBe("Analyse rapide annulée après 12 messages (en-têtes lus pour 1 message, 1 lu en entier) : 1 avis trouvé. 2 messages illisibles.");
    expect(say(text, "en")).toBe("Quick scan cancelled after 12 messages (headers read for 1 message, 1 read in full): 1 notice found. 2 messages could not be read.");
  });

  it("counts follow each language's plural rules (French: 0 is singular; English: 0 is plural)", () => {
    const counts = countsText({ bounces: 0, delays: 1, receipts: 2, unhandled: 0, patients: 1, shown: 3 });
    expect(both(counts)).toEqual({
      fr: "0 non-distribution, 1 retard, 2 accusés de lecture ; 0 à traiter ; 1 patient concerné. Affichés : 3.",
      en: "0 bounces, 1 delay, 2 read receipts; 0 to handle; 1 patient concerned. Shown: 3.",
    });
  });
});
