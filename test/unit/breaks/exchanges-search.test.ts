/**
 * Breaks found in the exchanges view's lines and search (issue 12, item 4), by a reviewer
 * who did not write them. Each test says what is wrong and what is expected; each fails on
 * the code as it is.
 */
import { describe, expect, it } from "vitest";
import { buildLines, NO_FILTER, visibleRows, withFacts } from "../../../src/core/exchanges/index.js";
import { checkIns } from "../../../src/core/ins/index.js";
import { patient } from "../compose/fixtures.js";
import { DAY, fromPatient, NOW, OWN } from "../exchanges/fixtures.js";

const context = { ownAddresses: OWN, now: NOW };
const rowsOf = (mailbox: Parameters<typeof buildLines>[0]) =>
  withFacts(buildLines(mailbox, context), { receiptAsked: new Set(), records: [], readTag: "mssante-lu-patient" });

const MARIE = "255081416802538";
/** Another key-valid INS (man, born February 1968, département 55) whose digits hold every group of Marie's. */
const BODY = "1680255081438";
const OTHER = BODY + String(97 - Number(BODY) % 97).padStart(2, "0");

describe("searching a full INS finds that patient only", () => {
  /*
   * WRONG: the search splits what is typed on spaces and accepts a line when each group is
   * found *anywhere* in its INS (or in its name, address or subjects), in any order. The
   * INS of Marie Durand typed in groups, as the banners and the view write it,
   * « 2 55 08 14 168 025 38 », also shows the line of patient 1 68 02 55 081 438 57
   * (another person: every group of Marie's INS appears somewhere in his). A professional
   * who looks a patient up by the INS on a document sees two patients, and may act
   * (« Clore… ») on the wrong one.
   * EXPECTED: a search that is, spaces and dots removed, a full 15-character matricule (or
   * any run of INS characters typed in groups) is matched as one run of characters against
   * the INS: here Marie's line only.
   */
  it("« 2 55 08 14 168 025 38 » shows Marie Durand's line and not another patient's", () => {
    expect(checkIns(OTHER).valid).toBe(true);
    const rows = rowsOf([
      fromPatient(MARIE, NOW - 3 * DAY, { subject: "Question sur mon traitement" }),
      fromPatient(OTHER, NOW - 2 * DAY, { author: `Jean Petit <${patient(OTHER)}>`, subject: "Rendez-vous" }),
    ]);
    const found = visibleRows(rows, { ...NO_FILTER, search: "2 55 08 14 168 025 38" }, NOW).rows.map((r) => r.ins);
    expect(found).toEqual([MARIE]);
  });
});

describe("a line is never named with another patient's INS", () => {
  /*
   * WRONG: the line's name is the display name of its latest message, kept unless it is the
   * line's own INS: a message from 255081416802538@patient.mssante.fr whose display name is
   * another patient's INS (253072A07300443) names Marie Durand's line « 253072A07300443 »,
   * and a search for that other patient's INS then shows Marie Durand's line (as well as,
   * or instead of, the right one).
   * EXPECTED: a display name that reads as a matricule INS is not a name: the line stays
   * unnamed (or named from an earlier message), and the search for 253072A07300443 finds
   * no line of another patient.
   */
  it("a display name that is another INS does not name the line, nor make the search find it", () => {
    const rows = rowsOf([fromPatient(MARIE, NOW - 3 * DAY, { author: `"253072A07300443" <${patient(MARIE)}>` })]);
    expect(rows.map((r) => r.name)).toEqual([""]);
    expect(visibleRows(rows, { ...NO_FILTER, search: "253072A07300443" }, NOW).rows).toEqual([]);
  });
});
