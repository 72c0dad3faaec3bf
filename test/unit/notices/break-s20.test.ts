/**
 * Hostile notices against the sender's table column (sender-columns.ts) and the doctor's title
 * before a namesake patient (formats/named-recipients.ts): a success code quoted from an earlier
 * step, a queue identifier read as a reply code, « De » meaning a time, a patient who is the
 * sender of another row, rows cut by the notice's wrapping at 76 characters, tables quoted with
 * « > » or turned from HTML, « Dr » and « Pr » inside a patient's own name, and 256 KB of
 * hostile table text. Cases found wrong are kept as `it.fails`, each with the harm it does; the
 * first three found (a refusal said in words beside a quoted 2.x.x, a queue identifier) and the
 * tables quoted with « > » are mended.
 */
import { describe, expect, it } from "vitest";
import { textRecipients } from "../../../src/core/notices/plaintext.js";
import { displayNameNotice, failedAddresses, FRENCH_HEADING, FRENCH_WHY } from "./display-name-notice.js";
import {
  DOCTOR,
  failedLowerCase as failed,
  hospitalEnglish as english,
  hospitalFrench as french,
  HOSPITAL_POSTMASTER,
  LAB,
  mail,
  PATIENT,
  PATIENT2,
  SHARED,
} from "./notice-builders.js";

/** An Exchange notice in French naming one failed recipient by display name. */
function exchange(name: string): string {
  return `${FRENCH_HEADING}${name} le 03/12/2026 10:00\r\n${FRENCH_WHY}`;
}

describe("withstood", () => {
  it("a failed row quoting « 250 2.1.5 Ok » from the RCPT step then « 550 5.1.1 »: the patient fails", async () => {
    const raw = french([
      "Votre message n'a pas pu être remis.",
      "",
      "Expéditeur ; Destinataire ; Statut",
      `${SHARED} ; ${PATIENT} ; RCPT: 250 2.1.5 Ok, DATA: 550 5.1.1 user unknown`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });

  it("« 2.0.0 then 5.0.0 error » in a row: not delivered, the patient fails", async () => {
    const raw = english(["Delivery report.", "", "From | To | Status", `${SHARED} | ${PATIENT} | 2.0.0 then 5.0.0 error`]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });

  it("a delivered row « 250 2.0.0 delivered » beside a failed one: only the failed patient", async () => {
    const raw = english([
      "Your message could not be delivered.",
      "",
      "From | To | Status",
      `${SHARED} | ${PATIENT} | 550 5.1.1 user unknown`,
      `${SHARED} | ${PATIENT2} | 250 2.0.0 delivered`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });

  it("« De » and « À » as the times of the attempts (« Destinataire ; De ; À ; Statut »): the patient fails", async () => {
    const raw = french([
      "Votre message n'a pas pu être remis.",
      "",
      "Destinataire ; De ; À ; Statut",
      `${PATIENT} ; 01/12 10:00 ; 01/12 14:00 ; 4.4.1 délai dépassé`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });

  it("a table aligned with spaces whose cells do not stand under their labels: the patient still fails", async () => {
    const raw = english([
      "Your message could not be delivered.",
      "",
      "From                                To                                 Status",
      `${SHARED}  ${PATIENT}  550 5.1.1`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });

  it("the returned message's « From | To | Subject » under « Original message: » after the failed recipient: that one only", async () => {
    const raw = english([
      "Your message could not be delivered to the following recipient:",
      PATIENT2,
      "",
      "Original message:",
      "From | To | Subject",
      `${SHARED} | ${PATIENT} | Résultats`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT2]);
  });

  it("From « Dr Jean Martin », the notice writes the namesake patient « Jean Martin » without a title: the patient", async () => {
    const raw = displayNameNotice({ from: `Dr Jean Martin <${DOCTOR}>`, notice: exchange("Jean Martin"), to: `Jean Martin <${PATIENT}>` });
    expect(await failedAddresses(raw)).toEqual([PATIENT]);
  });

  it("« Pr. » (prénom) in the patient's own display name, written so by the notice: the patient", async () => {
    const raw = displayNameNotice({ from: `Jean Martin <${DOCTOR}>`, notice: exchange("Pr. Jean Martin"), to: `Pr. Jean Martin <${PATIENT}>` });
    expect(await failedAddresses(raw)).toEqual([PATIENT]);
  });

  it("« Dr » as a word of the patient's name after the surname (« Martin Dr »): the patient", async () => {
    const raw = displayNameNotice({ from: `Dr Martin <${DOCTOR}>`, notice: exchange("Martin Dr"), to: `Martin Dr <${PATIENT}>` });
    expect(await failedAddresses(raw)).toEqual([PATIENT]);
  });

  it("256 KB of table rows under wide headers, quotes, ruled lines and tabs: read in linear time", () => {
    const shapes = [
      `Expéditeur ; Destinataire ; Statut ; ${"x;".repeat(900)}\n${"a@b.fr ; c@d.fr ; 550\n".repeat(29)}\n`,
      `From${" ".repeat(1990)}To\n${`a@b.fr${"  x".repeat(660)}\n`.repeat(30)}\n`,
      `From;To;Status\n${`${'"'.repeat(1990)}a@b.fr\n`.repeat(30)}\n`,
      `From | To\n${"a@b.fr | c@d.fr\n----\n".repeat(15)}\n`,
      `From\t\tTo\n${`${"\t".repeat(1990)}a@b.fr\n`.repeat(30)}\n`,
      `From ; To\n${"@\n".repeat(40)}`,
    ];
    for (const unit of shapes) {
      const text = unit.repeat(Math.ceil((256 * 1024) / unit.length)).slice(0, 256 * 1024);
      const found = textRecipients(text, { exclude: new Set(), fromDomain: null });
      expect(found.length).toBeLessThanOrEqual(1000);
    }
  });
});

describe("found", () => {
  // Harm: a failed patient dropped. The row's only code is the 2.1.5 the RCPT step gave; the
  // refusal after DATA is said in words, and rowDelivered reads the row as delivered.
  it("« 250 2.1.5 Ok (RCPT) puis refus après DATA : boîte pleine »: the patient fails", async () => {
    const raw = french([
      "Votre message n'a pas pu être remis.",
      "",
      "Expéditeur ; Destinataire ; Statut",
      `${SHARED} ; ${PATIENT} ; 250 2.1.5 Ok (RCPT) puis refus après DATA : boîte pleine`,
      `${SHARED} ; ${PATIENT2} ; 550 5.1.1 utilisateur inconnu`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT, PATIENT2]);
  });

  // Harm: a failed patient dropped, and the notice then names nobody: the Code column holds the
  // RCPT step's success, the Motif column the refusal in words.
  it("« Code » 250 2.1.5 and « Motif » « boîte aux lettres pleine, message refusé »: the patient fails", async () => {
    const raw = french([
      "Votre message n'a pas pu être remis.",
      "",
      "Expéditeur ; Destinataire ; Code ; Motif",
      `${SHARED} ; ${PATIENT} ; 250 2.1.5 ; boîte aux lettres pleine, message refusé`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });

  // Harm: a delivered patient listed as failed. FAILURE_REPLY takes « 548 » of the Postfix queue
  // identifier « 548A3C0F12 » for a refusal's reply code.
  it("a delivered row « 250 2.0.0 Ok: queued as 548A3C0F12 »: only the other patient fails", async () => {
    const raw = english([
      "Delivery report.",
      "",
      "From | To | Status",
      `${SHARED} | ${PATIENT} | 250 2.0.0 Ok: queued as 548A3C0F12`,
      `${SHARED} | ${PATIENT2} | 550 5.1.1 user unknown`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT2]);
  });

  // Harm: a failed patient dropped. The relay's report lists the patient's own reply (the patient
  // in the sender's column) and, in its details, the doctor's message to the patient that failed:
  // an address once in a sender's column is left out everywhere else.
  it.fails("the patient is the sender of one row and failed in the details below: the patient fails too", async () => {
    const raw = french([
      "Rapport des messages non remis.",
      "",
      "Expéditeur ; Destinataire ; Statut",
      `${PATIENT} ; ${LAB} ; 552 5.2.2 boîte pleine`,
      "",
      "Détails :",
      `${PATIENT} : 550 5.1.1 utilisateur inconnu`,
    ]);
    expect((await failed(raw)).sort()).toEqual([PATIENT, LAB].sort());
  });

  // Harm: a failed patient dropped and the sender's own address listed. The patient's row has a
  // cell more than the header (« unsure »), so neither its sender nor its recipient is placed by
  // column; the patient, in a sender's column above, is then left out.
  it.fails("the patient sender of one row and recipient of a row with one cell too many: lab and patient, not the sender", async () => {
    const raw = french([
      "Rapport des messages non remis.",
      "",
      "Expéditeur ; Destinataire ; Statut",
      `${PATIENT} ; ${LAB} ; 552 5.2.2 boîte pleine`,
      `${SHARED} ; ${PATIENT} ; 550 5.1.1 ; utilisateur inconnu`,
    ]);
    expect((await failed(raw)).sort()).toEqual([PATIENT, LAB].sort());
  });

  // Harm: the sender's own address listed as failed. The row wrapped at 76 characters after the
  // recipient's cell has too few cells: every address on it is read as a failed recipient's.
  it.fails("a row wrapped at 76 characters after the recipient's cell: the patient only", async () => {
    const raw = french([
      "Votre message n'a pas pu être remis.",
      "",
      "Expéditeur ; Destinataire ; Code ; Motif",
      `${SHARED} ; ${PATIENT} ;`,
      "550 5.1.1 ; Destinataire inconnu",
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });

  // Harm: the sender's own address listed as failed. The row wrapped after the sender's cell.
  it.fails("a row wrapped after the sender's cell: the patient only", async () => {
    const raw = french([
      "Votre message n'a pas pu être remis.",
      "",
      "Expéditeur ; Destinataire ; Code ; Motif",
      `${SHARED} ;`,
      `${PATIENT} ; 550 5.1.1 ; Destinataire inconnu`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });

  // Harm: the sender's own address listed as failed. « > Expéditeur » is no label: the quote
  // mark is not stripped from the header's cells.
  it("a table quoted with « > » (« > Expéditeur ; Destinataire ; Code »): the patient only", async () => {
    const raw = french([
      "Votre message n'a pas pu être remis.",
      "",
      "> Expéditeur ; Destinataire ; Code",
      `> ${SHARED} ; ${PATIENT} ; 550 5.1.1`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });

  // Harm: the failed patient dropped and the sender's own address listed in its place.
  it("a table quoted with « > » (« > From | To | Status »): the patient only", async () => {
    const raw = english([
      "Your message could not be delivered.",
      "",
      "> From | To | Status",
      `> ${SHARED} | ${PATIENT} | 550 5.1.1 user unknown`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });

  // Harm: the failed patient dropped and the sender's own address listed. The HTML table turned
  // to text puts a blank line between its rows, where headerAbove stops looking for the header,
  // and its cells are not aligned under the labels.
  it.fails("an HTML table « Expéditeur | Destinataire | Statut » turned to text: the patient only", async () => {
    const html =
      "<html><body><p>Votre message n'a pas pu être remis.</p><table>" +
      "<tr><th>Expéditeur</th><th>Destinataire</th><th>Statut</th></tr>" +
      `<tr><td>${SHARED}</td><td>${PATIENT}</td><td>550 5.1.1 utilisateur inconnu</td></tr>` +
      "</table></body></html>";
    const raw = mail({
      from: HOSPITAL_POSTMASTER,
      subject: "Message non remis : Résultats",
      extraHeaders: "Auto-Submitted: auto-replied\r\n",
      contentType: "text/html; charset=utf-8",
      body: html,
    });
    expect(await failed(raw)).toEqual([PATIENT]);
  });
});
