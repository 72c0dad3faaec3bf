import { say } from "../../../src/core/i18n/catalogs.js";
/**
 * A patient's display name that holds the matricule written with unusual separators
 * (slashes, underscores) or in full-width digits never reaches a desktop notification text
 * (lock screens): the name guard `patientCalled` and the last guard in `notify` read any
 * separator between digits, after NFKC. Path: display name → usableName → closedText → notify.
 */
import { describe, expect, it } from "vitest";
import { closedText, usableName } from "../../../src/core/conversation/index.js";
import { withoutPatientIds } from "../../../src/core/privacy/patient-ids.js";

const INS = "255081416802538";
const variants = [
  "Marie Durand 2/55/08/14/168/025/38",
  "Marie Durand ２５５０８１４１６８０２５３８",
  "Marie Durand 2_55_08_14_168_025_38",
];

/** The digits of the matricule, read back from a text (ASCII or full-width). */
function digitsOf(text: string): string {
  return text.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48)).replace(/[^0-9]/g, "");
}

describe("a matricule in the patient's name, however written, never reaches a notification", () => {
  for (const name of variants) {
    it(`"${name}": the 15 digits are not shown`, () => {
      const shown = withoutPatientIds(say(closedText(usableName(name, INS)), "fr"), (t) => say(t, "fr"));
      expect(digitsOf(shown)).not.toContain(INS);
    });
  }
});

describe("what is not a matricule stays as written", () => {
  it("a date and a time of day (the colon is not a separator of a matricule)", () => {
    expect(withoutPatientIds("Échange clos le 03/12/2026 09:15:30", (t) => say(t, "fr"))).toBe("Échange clos le 03/12/2026 09:15:30");
  });

  it("a phone number", () => {
    expect(withoutPatientIds("Rappelez le 01 23 45 67 89", (t) => say(t, "fr"))).toBe("Rappelez le 01 23 45 67 89");
  });
});
