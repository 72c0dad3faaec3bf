import { say } from "../../../src/core/i18n/catalogs.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { overriddenText } from "../../../src/core/automation/index.js";
import {
  alreadyClosedText,
  alreadyClosingText,
  closedText,
  closeFailedText,
  backgroundSendNotFoundReason,
  closeNotStartedText,
  noSentCopyReason,
  notClosableText,
  reviewText,
} from "../../../src/core/conversation/index.js";
import type { Message } from "../../../src/core/i18n/text.js";
import { NEUTRAL_PATIENT, patientCalled, withoutPatientIds } from "../../../src/core/privacy/patient-ids.js";
import { arbIns, patient, VALID_INS } from "../compose/fixtures.js";

/** What must never show on a lock screen. */
function expectNoPatientIds(text: Message): void {
  for (const t of [say(text, "fr"), say(text, "en")]) {
    expect(t).not.toMatch(/\d{13}/);
    expect(t.toLowerCase()).not.toContain("@patient.mssante.fr");
  }
}

/** Text that holds a patient's ids the ways they show up: address, bare, spaced, dotted, any case. */
const withIds = fc
  .tuple(
    fc.string({ maxLength: 20 }),
    arbIns,
    fc.constantFrom("address", "upper", "bare", "spaced", "dotted", "bracketed", "digits"),
    fc.string({ maxLength: 20 }),
  )
  .map(([before, ins, how, after]) => {
    const grouped = [ins.slice(0, 1), ins.slice(1, 3), ins.slice(3, 5), ins.slice(5, 7), ins.slice(7, 10), ins.slice(10, 13), ins.slice(13)];
    const middle = {
      address: patient(ins),
      upper: patient(ins).toUpperCase(),
      bare: ins,
      spaced: grouped.join(" "),
      dotted: grouped.join("."),
      bracketed: `Patient <${patient(ins.toLowerCase())}>`,
      digits: `${ins.replace(/\D/g, "1")}0000`,
    }[how];
    return `${before}${middle}${after}`;
  });
const anyText = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: "binary", maxLength: 60 }), withIds);
const anyDate = fc.integer({ min: 0, max: 4_102_444_800_000 });
const anyOffset = fc.integer({ min: -840, max: 720 });

describe("notification texts", () => {
  it("never hold 13 digits in a row nor a patient address, whatever they are given", () => {
    fc.assert(
      fc.property(anyText, anyText, anyDate, anyOffset, fc.array(anyText, { maxLength: 3 }), (name, reason, on, offset, rules) => {
        expectNoPatientIds(closedText(name));
        expectNoPatientIds(alreadyClosingText(name));
        expectNoPatientIds(reviewText(name));
        expectNoPatientIds(closeFailedText(name, reason));
        expectNoPatientIds(closeNotStartedText(reason));
        expectNoPatientIds(alreadyClosedText(name, on, offset, "fr"));
        expectNoPatientIds(alreadyClosedText(name, on, offset, "en-US"));
        expectNoPatientIds(overriddenText(rules, ["readReceipt", "noReply"]));
        for (const why of ["no-message", "not-patient", "several-patients", "not-ours", "invalid-ins"] as const) {
          expectNoPatientIds(notClosableText(why));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("name the patient when the name is known, else say « votre patient(e) »", () => {
    expect(say(closedText("Marie Durand"), "fr")).toBe("Échange clos : [FIN] envoyé à Marie Durand. Le patient ne peut plus répondre.");
    expect(say(closedText(""), "fr")).toBe("Échange clos : [FIN] envoyé à votre patient(e). Le patient ne peut plus répondre.");
    expect(say(closedText(""), "en")).toBe("Exchange closed: [FIN] sent to your patient. The patient can no longer reply.");
    // A "name" that is the address or holds the matricule is no name.
    expect(patientCalled(patient(VALID_INS[0]))).toEqual(NEUTRAL_PATIENT);
    expect(patientCalled(`Durand ${VALID_INS[0]}`)).toEqual(NEUTRAL_PATIENT);
    expect(patientCalled("2 55 08 14 168 025 38")).toEqual(NEUTRAL_PATIENT);
    expect(say(reviewText("Jean Dupont"), "en")).toContain("to Jean Dupont is ready");
  });

  it("keep the rest of a reason readable when they take the ids out", () => {
    expect(withoutPatientIds(`SMTP 550 <${patient(VALID_INS[1])}>: mailbox closed`, (t) => say(t, "fr"))).toBe("SMTP 550 <[adresse du patient]>: mailbox closed");
    expect(withoutPatientIds(`Rule for 2 53 07 2A 073 004 43`, (t) => say(t, "en"))).toBe("Rule for [INS number]");
    expect(withoutPatientIds("Call 01 23 45 67 89 on 25/11/2026 at 09:15", (t) => say(t, "en"))).toBe("Call 01 23 45 67 89 on 25/11/2026 at 09:15");
    // A long text without spaces is read once, not once per position.
    const long = `${"a".repeat(1_000_000)}@patient.mssante.fr ${"b".repeat(1_000_000)}`;
    expect(withoutPatientIds(long, (t) => say(t, "en"))).toBe(`[patient address] ${"b".repeat(1_000_000)}`);
  });
});

describe("why a close did not start, in the user's language", () => {
  it("says our own reasons in French and in English, never one in the other's words", () => {
    const noCopy = closeNotStartedText(noSentCopyReason());
    const background = closeNotStartedText(backgroundSendNotFoundReason());
    expect(say(noCopy, "fr")).toBe("L'échange n'est PAS clos : impossible de préparer le message [FIN] (aucune copie du message envoyé n'a été trouvée).");
    expect(say(noCopy, "en")).toBe("The exchange is NOT closed: the [FIN] message could not be prepared (no saved copy of the sent message was found).");
    expect(say(background, "fr")).toContain("envoyé en arrière-plan n'a été trouvé ni dans la boîte d'envoi");
    expect(say(background, "en")).toContain("sent in the background was found neither in the Outbox");
    expectNoPatientIds(noCopy);
    expectNoPatientIds(background);
  });
});
