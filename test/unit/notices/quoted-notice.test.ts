/**
 * Issue 11: shapes of the patient platform's closed-mailbox notice, and of
 * messages that merely quote it, that are misread.
 *
 * 1. An HTML-only notice whose accents are written as named entities (`&eacute;`, `&agrave;`,
 *    `&ocirc;`), or whose markup cuts a word (`<b>clô</b>turée`), is a bounce with reason
 *    `other` instead of `mailbox-closed`: the professional is not told that resending will
 *    fail and that another channel is needed. Numeric entities (`&#233;`) are read correctly.
 *    Expected: `mailbox-closed`.
 * 2. A person who quotes the notice — a secretary replying "Re:" with `> ` quoted lines, a
 *    colleague forwarding it Outlook-style (`De : … Envoyé : … Objet :` block) under a new
 *    subject — produces a bounce with a closed mailbox for that patient (a false alarm: the
 *    add-on records it and tells the professional). A patient writing the sentence in their
 *    own message is even reported as a bounce with no recipient. Expected: not a bounce
 *    (`kind: "none"`); only the platform's or a mail system's own notice counts.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import { closedSentence, DOCTOR, mail, PATIENT } from "./notice-builders.js";

const PLATFORM = "Mon espace santé <no-reply@patient.mssante.fr>";
const AUTO = "Auto-Submitted: auto-generated\r\n";
const SECRETARY = "Secrétariat <secretariat@cabinet.mssante.fr>";

describe("a person quoting the notice is not a notice", () => {
  it("a reply (Re:) that quotes the sentence with '> ' is not a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: SECRETARY,
        subject: "Re: Échec de distribution : Résultats",
        body:
          "Merci, je préviens le patient par téléphone.\r\n\r\n" +
          "Le 01/12/2025 à 10:00, Mon espace santé a écrit :\r\n" +
          `> ${closedSentence(PATIENT)}\r\n`,
      }),
    );
    // was: bounce, mailbox-closed for PATIENT
    expect(n.kind).toBe("none");
  });

  it("an Outlook-style forward under a new subject (De : / Envoyé : / Objet : block) is not a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: SECRETARY,
        subject: "Message pour vous",
        body:
          "Bonjour Docteur,\r\n\r\n" +
          `De : ${PLATFORM}\r\n` +
          "Envoyé : lundi 1 décembre 2025 10:00\r\n" +
          `À : ${DOCTOR}\r\n` +
          "Objet : Échec de distribution : Résultats\r\n\r\n" +
          `${closedSentence(PATIENT)}\r\n`,
      }),
    );
    // was: bounce, mailbox-closed for PATIENT
    expect(n.kind).toBe("none");
  });

  it("a patient's own message that contains the sentence is not a bounce", async () => {
    const n = await classifyMessage(
      mail({
        from: `Patient <${PATIENT}>`,
        subject: "Question",
        body: `Bonjour docteur, un proche a reçu ceci : ${closedSentence("146026322000196@patient.mssante.fr")}. Est-ce normal ?`,
      }),
    );
    // was: bounce with no recipient at all
    expect(n.kind).toBe("none");
  });

  it("the platform's own notice, and one sent automatically by another system, are still bounces", async () => {
    for (const from of [PLATFORM, "Notifications <notifications@hopital.example.fr>"]) {
      const n = await classifyMessage(
        mail({ from, subject: "Message non distribué", extraHeaders: AUTO, body: closedSentence(PATIENT) }),
      );
      expect(n.kind).toBe("bounce");
      expect(n.recipients.map((r) => [r.address, r.reason])).toEqual([[PATIENT, "mailbox-closed"]]);
    }
  });

  it("the platform's sentence from a French no-reply mailbox without Auto-Submitted is still a bounce", async () => {
    const n = await classifyMessage(
      mail({ from: "Mon espace santé <ne-pas-repondre@monespacesante.fr>", subject: "Information", body: closedSentence(PATIENT) }),
    );
    expect(n.recipients.map((r) => [r.address, r.reason])).toEqual([[PATIENT, "mailbox-closed"]]);
  });
});
