/**
 * A table whose header row labels a sender's column (sender-columns.ts): shapes beside those
 * of break-s19 — quoted cells, rows that do not fit the header, ruled lines, tabs under labels
 * aligned with spaces, labels of other languages, the returned message's header shown as a
 * table, rows that say delivered — and the sender's address named again elsewhere.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import {
  addresses,
  failedLowerCase as failed,
  hospitalEnglish as english,
  hospitalFrench as french,
  LAB,
  PATIENT,
  PATIENT2,
  SHARED,
} from "./notice-builders.js";

describe("cells between double quotes", () => {
  it("a CSV cell with doubled quotes and a comma « \"Dupont \"\"Jo\"\", Jeanne\" <PATIENT> »: the patient only", async () => {
    const raw = english([
      "Your message could not be delivered.",
      "",
      "Recipient,Sender,Status",
      `"Dupont ""Jo"", Jeanne" <${PATIENT}>,${SHARED},550 5.1.1 user unknown`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });
  it("a semicolon inside a quoted cell « \"Martin; cabinet\" <SHARED> ; PATIENT ; … »: the patient only", async () => {
    const raw = french([
      "Votre message n'a pas pu être remis.",
      "",
      "Expéditeur ; Destinataire ; Code",
      `"Martin; cabinet" <${SHARED}> ; ${PATIENT} ; 550 5.1.1`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });
  it("a quote left open before the cells: the row is read as any line, the sender's address from the row above left out", async () => {
    const raw = french([
      "Votre message n'a pas pu être remis.",
      "",
      "Expéditeur ; Destinataire ; Code",
      `${SHARED} ; ${PATIENT2} ; 552 5.2.2`,
      `"${SHARED} ; ${PATIENT} ; 550 5.1.1`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT2, PATIENT]);
  });
});

describe("rows that do not fit the header", () => {
  it("a row with one cell more than the header (a reason holding « ; »): its patient still fails", async () => {
    const raw = french([
      "Votre message n'a pas pu être remis.",
      "",
      "Expéditeur ; Destinataire ; Motif",
      `${SHARED} ; ${PATIENT} ; 550 5.1.1 ; destinataire inconnu`,
    ]);
    expect(await failed(raw)).toContain(PATIENT);
  });
  it("a Markdown table « | From | To | Status | » with its outer pipes: the patient only", async () => {
    const raw = english([
      "Your message could not be delivered.",
      "",
      "| From | To | Status |",
      "|------|----|--------|",
      `| ${SHARED} | ${PATIENT} | 550 5.1.1 user unknown |`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });
  it("a row ending with its separator under a header that does not: still read by its columns", async () => {
    const raw = french([
      "Votre message n'a pas pu être remis.",
      "",
      "Expéditeur;Destinataire;Code",
      `${SHARED};${PATIENT};550 5.1.1;`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });
  it("the sender's address in both columns (a message sent to itself): it failed", async () => {
    const raw = french([
      "Votre message n'a pas pu être remis.",
      "",
      "Expéditeur ; Destinataire ; Code",
      `${SHARED} ; ${SHARED} ; 552 5.2.2 boîte pleine`,
    ]);
    expect(await failed(raw)).toEqual([SHARED]);
  });
});

describe("ruled lines", () => {
  it("a box table: a border above the header and a ruled line under it, the patient only", async () => {
    const raw = english([
      "Your message could not be delivered.",
      "",
      "+--------+--------+--------+",
      "| Sender | Recipient | Status |",
      "+========+========+========+",
      `| ${SHARED} | ${PATIENT} | 550 5.1.1 |`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });
  it("a ruled line between every row: the rows past the second are read as any line, the sender still left out", async () => {
    const raw = french([
      "Votre message n'a pas pu être remis.",
      "",
      "Expéditeur | Destinataire | Code",
      "-----------|--------------|-----",
      `${SHARED} | ${PATIENT2} | 552 5.2.2`,
      "-----------|--------------|-----",
      `${SHARED} | ${PATIENT} | 550 5.1.1`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT2, PATIENT]);
  });
});

describe("tables aligned with spaces", () => {
  it("tabs that do not reach the labels' stops: the row is refused, the sender from the row above left out", async () => {
    const raw = french([
      "Votre message n'a pas pu être remis.",
      "",
      `${"Expéditeur".padEnd(48)}${"Destinataire".padEnd(48)}Code`,
      `${SHARED.padEnd(48)}${PATIENT2.padEnd(48)}552 5.2.2`,
      `${SHARED}\t${PATIENT}\t550 5.1.1`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT2, PATIENT]);
  });
  it("labels right-aligned over their columns: each cell pairs with its own label", async () => {
    const raw = french([
      "Votre message n'a pas pu être remis.",
      "",
      `${"Expéditeur".padStart(40)}  ${"Destinataire".padStart(40)}  Code`,
      `${SHARED.padStart(40)}  ${PATIENT.padStart(40)}  550 5.1.1`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });
  it("a row whose first cell runs under two labels: refused, read as any line", async () => {
    const n = await classifyMessage(
      french(["Votre message n'a pas pu être remis.", "", "Expéditeur  Destinataire  Code", `${SHARED}  ${PATIENT}  550 5.1.1`]),
    );
    expect(addresses(n)).toContain(PATIENT);
  });
});

describe("labels in other languages", () => {
  it.each([
    ["Italian « Da | A | Stato »", "Da | A | Stato"],
    ["Dutch « Van ; Aan ; Status »", "Van ; Aan ; Status"],
    ["Spanish « Remitente ; Destinatario ; Estado »", "Remitente ; Destinatario ; Estado"],
    ["German « Von | Empfänger | Status »", "Von | Empfänger | Status"],
  ])("%s: the patient only", async (_name, header) => {
    const separator = header.includes("|") ? "|" : ";";
    const raw = english(["Delivery failed.", "", header, `${SHARED} ${separator} ${PATIENT} ${separator} 550 5.1.1`]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });
});

describe("the returned message's header shown as a table", () => {
  it("« From | To | Subject » with nobody else named: its To is taken as the notice's recipient", async () => {
    const raw = english(["Your message could not be delivered.", "", "From | To | Subject", `${SHARED} | ${PATIENT} | Résultats`]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });
  it("« From | To | Subject | Status »: a column of outcome makes it a report, each To fails", async () => {
    const raw = english([
      `Your message could not be delivered to ${PATIENT}.`,
      "",
      "From | To | Subject | Status",
      `${SHARED} | ${PATIENT2} | Résultats | 550 5.1.1 user unknown`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT, PATIENT2]);
  });
  it("« Message d'origine : / De ; À ; Date » under a notice naming the patient: the lab in À is not failed", async () => {
    const raw = french([
      `Votre message n'a pas pu être remis à ${PATIENT} : 550 5.1.1 destinataire inconnu.`,
      "",
      "Message d'origine :",
      "De ; À ; Date",
      `${SHARED} ; ${LAB} ; 03/12/2026`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });
});

describe("rows that say delivered", () => {
  it("a row « 250 2.1.5 ok » beside a failed one: only the failed one", async () => {
    const raw = english([
      "Delivery report.",
      "",
      "From | To | Status",
      `${SHARED} | ${LAB} | 250 2.1.5 ok`,
      `${SHARED} | ${PATIENT} | 550 5.1.1 user unknown`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });
  it("a row that holds a success code and a failure code: still failed", async () => {
    const raw = french([
      "Rapport de remise.",
      "",
      "Expéditeur ; Destinataire ; Statut",
      `${SHARED} ; ${PATIENT} ; 250 2.0.0 relayé puis 550 5.1.1 refusé`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });
});

describe("a key-value block is no table", () => {
  it("« De   Cabinet Martin » above « Copie   SHARED   (secrétariat) »: the practice is not reported", async () => {
    const raw = french([
      `Votre message n'a pas pu être remis à ${PATIENT} : 550 5.1.1 destinataire inconnu.`,
      "",
      "De          Cabinet Martin",
      `Copie       ${SHARED}   (secrétariat)`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });
});

describe("tables quoted with « > »", () => {
  it("a table quoted twice (« >> ») and aligned with spaces: the patient only", async () => {
    const raw = french([
      "Votre message n'a pas pu être remis.",
      "",
      `>> ${"Expéditeur".padEnd(40)}${"Destinataire".padEnd(40)}Code`,
      `>> ${SHARED.padEnd(40)}${PATIENT.padEnd(40)}550 5.1.1`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });
  it("a quoted table whose recipient column comes first (« > Destinataire | Expéditeur »): the patient only", async () => {
    const raw = english([
      "Your message could not be delivered.",
      "",
      "> Recipient | Sender | Status",
      `> ${PATIENT} | ${SHARED} | 550 5.1.1 user unknown`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });
  it("quote marks before an unquoted header: the quoted row is read against it all the same", async () => {
    const raw = french([
      "Votre message n'a pas pu être remis.",
      "",
      "Expéditeur ; Destinataire ; Code",
      `> ${SHARED} ; ${PATIENT} ; 550 5.1.1`,
    ]);
    expect(await failed(raw)).toEqual([PATIENT]);
  });
});
