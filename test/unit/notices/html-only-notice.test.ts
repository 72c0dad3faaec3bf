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
import { closedSentence, mail, PATIENT } from "./notice-builders.js";

const PLATFORM = "Mon espace santé <no-reply@patient.mssante.fr>";
const AUTO = "Auto-Submitted: auto-generated\r\n";
const HTML = "text/html; charset=utf-8";

describe("HTML-only closed-mailbox notice", () => {
  it("reads named entities (&eacute; &agrave; &ecirc; &ocirc; &quot;) as the accented sentence", async () => {
    const n = await classifyMessage(
      mail({
        from: PLATFORM,
        subject: "Échec de distribution : Résultats",
        extraHeaders: AUTO,
        contentType: HTML,
        body:
          `<html><body><p>Le message que vous avez envoy&eacute; &agrave; &quot;${PATIENT}&quot; n'a pas pu ` +
          "&ecirc;tre distribu&eacute; car la messagerie Mon espace Sant&eacute; de votre destinataire est " +
          "cl&ocirc;tur&eacute;e</p></body></html>",
      }),
    );
    expect(n.kind).toBe("bounce");
    // was: [{ address: PATIENT, reason: "other" }]
    expect(n.recipients.map((r) => [r.address, r.reason])).toEqual([[PATIENT, "mailbox-closed"]]);
  });

  it("reads a word cut by inline markup (<b>clô</b>turée) as one word", async () => {
    const n = await classifyMessage(
      mail({
        from: PLATFORM,
        subject: "Échec de distribution : Résultats",
        extraHeaders: AUTO,
        contentType: HTML,
        body: `<p>${closedSentence(PATIENT).replace("clôturée", "<b>clô</b>turée")}</p>`,
      }),
    );
    expect(n.kind).toBe("bounce");
    // was: reason "other"
    expect(n.recipients.map((r) => [r.address, r.reason])).toEqual([[PATIENT, "mailbox-closed"]]);
  });
});
