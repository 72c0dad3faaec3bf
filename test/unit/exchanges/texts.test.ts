/** The exchanges view's words, in French and English: the line, the confirmation, the outcomes, the counts. */
import { describe, expect, it } from "vitest";
import { say } from "../../../src/core/i18n/catalogs.js";
import {
  buildLines,
  closeButtonName,
  closeResultText,
  confirmText,
  countsText,
  insLabel,
  lastMessageText,
  patientLabel,
  readDoneText,
  readingText,
  returnsText,
  skippedText,
  stateText,
  type DateStyle,
  type ExchangeLine,
} from "../../../src/core/exchanges/index.js";
import { A, B, DAY, fin, fromPatient, NOW, OWN, toPatient } from "./fixtures.js";

const FR: DateStyle = { locale: "fr-FR", offsetAt: () => 0 };
const EN: DateStyle = { locale: "en-GB", offsetAt: () => 0 };
const [open, closed] = ((): [ExchangeLine, ExchangeLine] => {
  const lines = buildLines(
    [
      fromPatient(A, Date.UTC(2026, 10, 20, 9, 15), { subject: "Question sur mon traitement" }),
      toPatient(B, Date.UTC(2026, 9, 1), { subject: "Résultats", recipients: [`<${B}@patient.mssante.fr>`] }),
      fin(B, Date.UTC(2026, 9, 2), { recipients: [`<${B}@patient.mssante.fr>`] }),
    ],
    { ownAddresses: OWN, now: NOW },
  );
  const a = lines.find((l) => l.ins === A);
  const b = lines.find((l) => l.ins === B);
  if (a === undefined || b === undefined) throw new Error("lines missing");
  return [a, b];
})();

describe("exchanges texts", () => {
  it("the patient, the INS in groups, the last message and its writer", () => {
    expect(say(patientLabel(open), "fr")).toBe("Marie Durand");
    expect(say(patientLabel(closed), "fr")).toBe("Patient (nom inconnu)");
    expect(say(insLabel(open), "fr")).toBe("INS 2 95 10 99 126 111 93");
    const last = lastMessageText(open.last, FR);
    expect([say(last.date, "fr"), say(last.subject, "fr"), say(last.writer, "fr")]).toEqual(["20/11/2026", "« Question sur mon traitement »", "écrit par le patient"]);
    const lastEn = lastMessageText(closed.last, EN);
    expect([say(lastEn.date, "en"), say(lastEn.subject, "en"), say(lastEn.writer, "en")]).toEqual(["02/10/2026", "“[FIN]”", "written by you"]);
    expect(say(lastMessageText({ ...open.last, subject: " ", date: Number.NaN }, FR).subject, "fr")).toBe("(sans objet)");
    expect(say(lastMessageText({ ...open.last, date: Number.NaN }, FR).date, "fr")).toBe("date inconnue");
  });

  it("open since, closed on", () => {
    expect(say(stateText(open, FR), "fr")).toBe("Ouvert depuis le 20/11/2026");
    expect(say(stateText(closed, FR), "fr")).toBe("Clos le 02/10/2026");
    expect(say(stateText(closed, EN), "en")).toBe("Closed on 02/10/2026");
  });

  it("returns, counted with those to handle", () => {
    expect(returnsText({ returns: 0, returnsToHandle: 0 })).toBeNull();
    const text = returnsText({ returns: 2, returnsToHandle: 1 });
    expect(text === null ? "" : say(text, "fr")).toBe("2 retours (1 à traiter)");
    const one = returnsText({ returns: 1, returnsToHandle: 0 });
    expect(one === null ? "" : say(one, "en")).toBe("1 return (0 to handle)");
  });

  it("the close button names the patient; the confirmation names the patient and the message it answers", () => {
    expect(say(closeButtonName(open), "fr")).toBe("Clore l'échange avec Marie Durand (INS 2 95 10 99 126 111 93)");
    const answer = open.answer;
    if (answer === null) throw new Error("no answer");
    const fr = confirmText(open, answer, FR);
    expect(say(fr.heading, "fr")).toBe("Clore l'échange avec Marie Durand ?");
    expect(say(fr.body, "fr")).toBe(
      "Un message d'objet exactement [FIN] sera envoyé à Marie Durand (INS 2 95 10 99 126 111 93), en réponse à son message « Question sur mon traitement » du 20/11/2026. Le patient ne pourra plus vous répondre.",
    );
    const own = closed.answer;
    if (own === null) throw new Error("no answer");
    expect(say(confirmText(closed, own, EN).body, "en")).toContain("following your message “Résultats” of 01/10/2026");
  });

  it("what a close did", () => {
    expect(say(closeResultText(open, { result: "sent" }, FR), "fr")).toBe("Échange avec Marie Durand clos : le message [FIN] est parti.");
    expect(say(closeResultText(open, { result: "already-closed", on: NOW - DAY }, FR), "fr")).toBe("L'échange avec Marie Durand était déjà clos le 29/11/2026 : rien n'a été envoyé.");
    expect(say(closeResultText(open, { result: "failed", error: "Send aborted\nby an onBeforeSend event" }, EN), "en")).toContain("did not complete: Send aborted by an onBeforeSend event.");
    for (const result of ["review", "duplicate", "gone", "not-closable"] as const) expect(say(closeResultText(open, { result }, FR), "fr")).toContain("Marie Durand");
  });

  it("counts, with plurals", () => {
    expect(say(countsText({ lines: 3, open: 1, patientWroteLast: 1, receiptsAwaited: 0, shown: 3 }), "fr")).toBe(
      "3 échanges, 1 ouvert dont 1 où le patient a écrit en dernier ; 0 accusé de lecture attendu. Affichés : 3 échanges.",
    );
    expect(say(countsText({ lines: 1, open: 0, patientWroteLast: 0, receiptsAwaited: 2, shown: 1 }), "en")).toBe(
      "1 exchange, 0 open of which 0 where the patient wrote last; 2 read receipts awaited. Shown: 1 exchange.",
    );
  });
});

describe("reading the mail, and the folders that could not be read", () => {
  const counts = { lines: 3, open: 2, patientWroteLast: 1, receiptsAwaited: 0, shown: 3 };

  it("how many messages were read, numbers written by Intl in the interface's language", () => {
    expect(say(readingText(12000, "fr-FR"), "fr")).toBe("Lecture de votre messagerie… 12\u202f000 messages lus");
    expect(say(readingText(1, "fr-FR"), "fr")).toBe("Lecture de votre messagerie… 1 message lu");
    expect(say(readingText(12000, "en-GB"), "en")).toBe("Reading your mail… 12,000 messages read");
    expect(say(readDoneText(12000, counts, "en-GB"), "en")).toMatch(/^Reading done: 12,000 messages read\. 3 exchanges, /);
  });

  it("the folders named, at most five, then how many others; none: no note", () => {
    expect(skippedText([])).toBeNull();
    const one = skippedText([{ accountName: "Cabinet", path: "Archives/2024" }]);
    expect(one === null ? "" : say(one, "fr")).toBe("1 dossier n'a pas pu être lu : « Archives/2024 (Cabinet) ». Ses messages manquent à cette liste.");
    const seven = skippedText(Array.from({ length: 7 }, (_, i) => ({ accountName: "Cabinet", path: `F${i}` })));
    const text = seven === null ? "" : say(seven, "en");
    expect(text).toMatch(/^7 folders could not be read: /);
    expect(text).toContain("F4 (Cabinet)");
    expect(text).not.toContain("F5");
    expect(text).toContain("2 others");
  });
});
