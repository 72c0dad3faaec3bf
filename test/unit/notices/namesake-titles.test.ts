/**
 * A patient's Mon espace santé mailbox under the sender's own name (formats/named-recipients.ts):
 * the doctor's title as a notice may write it (« Docteur », « Dr. », « Pr », « Professeur », in
 * capitals or not), with or without a title in the From, against the patient's own display name.
 * A line that writes a doctor's title before the name names the doctor whenever the patient's own
 * name carries none: nobody is taken then (a patient reported failed who got the message is the
 * harm avoided; a patient's directory entry carries no title).
 */
import { describe, expect, it } from "vitest";
import { DOCTOR, PATIENT, PATIENT2 } from "./notice-builders.js";
import {
  displayNameNotice,
  ENGLISH_HEADING,
  ENGLISH_WHY,
  failedAddresses,
  FRENCH_HEADING,
  FRENCH_WHY,
} from "./display-name-notice.js";

const FRENCH = (name: string): string => `${FRENCH_HEADING}${name} le 03/12/2026 10:00\r\n${FRENCH_WHY}`;
const ENGLISH = (name: string): string => `${ENGLISH_HEADING}${name} on 12/3/2026 10:00 AM\r\n${ENGLISH_WHY}`;

describe("the doctor's title written another way than in the From", () => {
  it.each([
    ["Pr Jean Martin", "Professeur Jean Martin"],
    ["Professeur Jean Martin", "Pr. Jean Martin"],
    ["Dr Jean Martin", "DOCTEUR JEAN MARTIN"],
    ["Docteur Jean Martin", "Dr Jean Martin"],
    ["Dr. Jean Martin", "dr jean martin"],
  ])("From « %s », notice « %s »: not the namesake patient", async (from, written) => {
    const raw = displayNameNotice({ from: `${from} <${DOCTOR}>`, notice: FRENCH(written), to: `Jean Martin <${PATIENT}>` });
    expect(await failedAddresses(raw)).toEqual([]);
  });
});

describe("the title against the patient's own name", () => {
  it("From « Jean Martin », notice « Jean Martin » without a title: the namesake patient is taken", async () => {
    const raw = displayNameNotice({ from: `Jean Martin <${DOCTOR}>`, notice: ENGLISH("Jean Martin"), to: `Jean Martin <${PATIENT}>` });
    expect(await failedAddresses(raw)).toEqual([PATIENT]);
  });
  it("From « Jean Martin », notice « Docteur Jean Martin »: the doctor, nobody taken", async () => {
    const raw = displayNameNotice({ from: `Jean Martin <${DOCTOR}>`, notice: FRENCH("Docteur Jean Martin"), to: `Jean Martin <${PATIENT}>` });
    expect(await failedAddresses(raw)).toEqual([]);
  });
  it("From « Dr Jean Martin », the patient's own name « Dr Jean Martin » too: the notice's « Dr Jean Martin » is his", async () => {
    const raw = displayNameNotice({
      from: `Dr Jean Martin <${DOCTOR}>`,
      notice: ENGLISH("Dr Jean Martin"),
      to: `Dr Jean Martin <${PATIENT}>`,
    });
    expect(await failedAddresses(raw)).toEqual([PATIENT]);
  });
  it("From « Dr Jean Martin », notice « Dr Jean Martin » beside « Paul Durand »: only the other patient", async () => {
    const notice = `${ENGLISH_HEADING}Dr Jean Martin on 12/3/2026 10:00 AM\r\nPaul Durand on 12/3/2026 10:00 AM\r\n${ENGLISH_WHY}`;
    const raw = displayNameNotice({
      from: `Dr Jean Martin <${DOCTOR}>`,
      notice,
      to: `Jean Martin <${PATIENT}>, Paul Durand <${PATIENT2}>`,
    });
    expect(await failedAddresses(raw)).toEqual([PATIENT2]);
  });
  it("a title before another patient's name (not the sender's namesake) is left as it was: that patient is taken", async () => {
    const raw = displayNameNotice({ from: `Dr Paul Durand <${DOCTOR}>`, notice: ENGLISH("Dr Jean Martin"), to: `Jean Martin <${PATIENT}>` });
    expect(await failedAddresses(raw)).toEqual([PATIENT]);
  });
  it("« Dr Jean Martinez » is not the doctor « Dr Jean Martin »: the patient « Jean Martinez » is taken", async () => {
    const raw = displayNameNotice({
      from: `Dr Jean Martin <${DOCTOR}>`,
      notice: ENGLISH("Dr Jean Martinez"),
      to: `Jean Martin <${PATIENT}>, Jean Martinez <${PATIENT2}>`,
    });
    expect(await failedAddresses(raw)).toEqual([PATIENT2]);
  });
});
