/**
 * What the exchanges view shows: the receipt awaited, the returns per patient, the filters
 * ("open, the patient wrote last", "open for more than N days", search), the order, the counts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildLines,
  daysFrom,
  matches,
  NO_FILTER,
  receiptCandidate,
  sortLines,
  visibleRows,
  withFacts,
  type ExchangeLine,
  type ExchangeRow,
  type RowFacts,
} from "../../../src/core/exchanges/index.js";
import { checkIns } from "../../../src/core/ins/index.js";
import type { NoticeRecord } from "../../../src/core/notice-records/index.js";
import { patient } from "../compose/fixtures.js";
import { A, arbMailbox, B, C, DAY, fin, fromPatient, NOW, OWN, toPatient } from "./fixtures.js";

const context = { ownAddresses: OWN, now: NOW };
const NO_FACTS: RowFacts = { receiptAsked: new Set(), records: [], readTag: "mssante-lu-patient" };
const rows = (lines: readonly ExchangeLine[], facts: RowFacts = NO_FACTS): ExchangeRow[] => withFacts(lines, facts);
const only = (all: readonly ExchangeRow[], ins: string): ExchangeRow => {
  const found = all.find((r) => r.ins === ins);
  if (found === undefined) throw new Error(`no row ${ins}`);
  return found;
};

function record(fields: Partial<NoticeRecord> & Pick<NoticeRecord, "id" | "kind">, ins: string | null, extra: Partial<NoticeRecord["recipients"][number]> = {}): NoticeRecord {
  return {
    v: 2,
    date: new Date(NOW).toISOString(),
    accountId: null,
    folderPath: null,
    originalId: null,
    originalDate: null,
    receiptCheck: null,
    handled: null,
    stored: new Date(NOW).toISOString(),
    moreRecipients: 0,
    recipients: [
      {
        address: ins === null ? "someone@example.fr" : patient(ins),
        action: "failed",
        status: "5.2.1",
        reason: "mailbox-closed",
        ins,
        insValid: ins === null ? null : true,
        disposition: null,
        dispositionError: false,
        date: null,
        ...extra,
      },
    ],
    ...fields,
  };
}

describe("read receipts and returns", () => {
  const sent = toPatient(A, NOW - 2 * DAY, { headerMessageId: "sent-1@medecin.mssante.fr" });
  const lines = buildLines([fromPatient(A, NOW - 3 * DAY), sent], context);

  it("a receipt asked on the last message sent, none come back: awaited", () => {
    const asked = { ...NO_FACTS, receiptAsked: new Set(["sent-1@medecin.mssante.fr"]) };
    expect(only(rows(lines, asked), A).receiptAwaited).toBe(true);
    // Not asked: nothing awaited.
    expect(only(rows(lines), A).receiptAwaited).toBe(false);
  });

  it("a read receipt about that message, or the sent message tagged as read, ends the wait", () => {
    const receipt = record({ id: "mdn-1@patient.mssante.fr", kind: "receipt", originalId: "<sent-1@medecin.mssante.fr>" }, A, { disposition: "displayed", action: null });
    const asked = new Set(["sent-1@medecin.mssante.fr"]);
    expect(only(rows(lines, { ...NO_FACTS, receiptAsked: asked, records: [receipt] }), A).receiptAwaited).toBe(false);
    const tagged = buildLines([fromPatient(A, NOW - 3 * DAY), { ...sent, tags: ["mssante-lu-patient"] }], context);
    expect(only(rows(tagged, { ...NO_FACTS, receiptAsked: asked }), A).receiptAwaited).toBe(false);
    // A receipt saying "deleted" is no proof of reading: still awaited.
    const deleted = record({ id: "mdn-2@patient.mssante.fr", kind: "receipt", originalId: "sent-1@medecin.mssante.fr" }, A, { disposition: "deleted" });
    expect(only(rows(lines, { ...NO_FACTS, receiptAsked: asked, records: [deleted] }), A).receiptAwaited).toBe(true);
  });

  it("the patient wrote after the message: no receipt is awaited from it", () => {
    const answered = buildLines([sent, fromPatient(A, NOW - DAY)], context);
    expect(receiptCandidate(only(rows(answered), A))).toBeNull();
    expect(only(rows(answered, { ...NO_FACTS, receiptAsked: new Set(["sent-1@medecin.mssante.fr"]) }), A).receiptAwaited).toBe(false);
  });

  it("returns: the stored bounces and delays of that patient, and how many are still to handle", () => {
    const records = [
      record({ id: "b1@mx", kind: "bounce" }, A),
      record({ id: "b2@mx", kind: "delay", handled: new Date(NOW).toISOString() }, A),
      record({ id: "b3@mx", kind: "bounce" }, B),
      record({ id: "b4@mx", kind: "bounce" }, null),
      record({ id: "r1@mx", kind: "receipt" }, A, { disposition: "displayed" }),
    ];
    const row = only(rows(lines, { ...NO_FACTS, records }), A);
    expect([row.returns, row.returnsToHandle]).toEqual([2, 1]);
  });
});

describe("filters, order and counts", () => {
  const mailbox = [
    // A: open, the patient wrote last, for 40 days.
    fromPatient(A, NOW - 40 * DAY, { subject: "Question sur mon traitement" }),
    toPatient(A, NOW - 39 * DAY),
    fromPatient(A, NOW - 2 * DAY),
    // B: open, the user wrote last, for 5 days.
    fromPatient(B, NOW - 5 * DAY, { author: `Paul Girard <${patient(B)}>`, subject: "Rendez-vous" }),
    toPatient(B, NOW - 4 * DAY, { recipients: [`Paul Girard <${patient(B)}>`], subject: "Re: Rendez-vous" }),
    // C: closed.
    fromPatient(C, NOW - 60 * DAY, { author: `Élodie Bérard <${patient(C)}>`, subject: "Ordonnance" }),
    fin(C, NOW - 50 * DAY, { recipients: [`Élodie Bérard <${patient(C)}>`] }),
  ];
  const all = rows(buildLines(mailbox, context));

  it("open, the patient wrote last", () => {
    expect(visibleRows(all, { ...NO_FILTER, patientWroteLast: true }, NOW).rows.map((r) => r.ins)).toEqual([A]);
  });

  it("open for more than N days (N editable): counted from the first message of the open exchange", () => {
    const open = (days: number): string[] => visibleRows(all, { ...NO_FILTER, openForMoreThanDays: days }, NOW).rows.map((r) => r.ins);
    expect(open(30)).toEqual([A]);
    expect(open(4)).toEqual([A, B]);
    expect(open(40)).toEqual([]);
    expect(open(0)).toEqual([A, B]);
  });

  it("search: name (any case, accents or not), INS (grouped or not), subject", () => {
    const found = (search: string): string[] => visibleRows(all, { ...NO_FILTER, search }, NOW).rows.map((r) => r.ins);
    expect(found("girard")).toEqual([B]);
    expect(found("elodie berard")).toEqual([C]);
    expect(found(C.slice(0, 7))).toEqual([C]);
    expect(found("2 53 07 2B")).toEqual([C]);
    expect(found("2.53.07.2b")).toEqual([C]);
    expect(found("traitement")).toEqual([]);
    expect(found("rendez")).toEqual([B]);
    expect(found("")).toEqual([A, B, C]);
  });

  it("the latest message first; counts of every line and of those shown", () => {
    const view = visibleRows(all, NO_FILTER, NOW);
    expect(view.rows.map((r) => r.ins)).toEqual([A, B, C]);
    expect(view.counts).toEqual({ lines: 3, open: 2, patientWroteLast: 1, receiptsAwaited: 0, shown: 3 });
    expect(visibleRows(all, { ...NO_FILTER, patientWroteLast: true }, NOW).counts.shown).toBe(1);
  });

  it("every filter keeps only lines that pass it; the order is by date, whatever the mailbox", () => {
    fc.assert(
      fc.property(
        arbMailbox,
        fc.record({ patientWroteLast: fc.boolean(), openForMoreThanDays: fc.option(fc.integer({ min: 0, max: 400 })), search: fc.constantFrom("", "marie", "sujet", "2", "zzz") }),
        (mailbox, filter) => {
          const list = rows(buildLines(mailbox, context));
          const view = visibleRows(list, filter, NOW);
          expect(view.counts.lines).toBe(list.length);
          expect(view.counts.shown).toBe(view.rows.length);
          expect(view.rows.length).toBe(list.filter((r) => matches(r, filter, NOW)).length);
          for (const row of view.rows) {
            if (filter.patientWroteLast) expect([row.state.state, row.last.writer]).toEqual(["open", "patient"]);
            if (filter.openForMoreThanDays !== null) {
              expect(row.state.state).toBe("open");
              expect(NOW - (row.openSince ?? NOW)).toBeGreaterThan(filter.openForMoreThanDays * DAY);
            }
          }
          const dates = view.rows.map((r) => (Number.isFinite(r.last.date) ? r.last.date : -Infinity));
          expect(dates).toEqual([...dates].sort((x, y) => y - x));
          expect(sortLines(view.rows)).toEqual(view.rows);
        },
      ),
    );
  });

  it("the number of days is a whole number from 0 to 3650", () => {
    expect(daysFrom("30")).toBe(30);
    expect(daysFrom(" 0 ")).toBe(0);
    for (const bad of ["", "-1", "1.5", "abc", "3651", "1e3"]) expect(daysFrom(bad)).toBeNull();
  });
});

describe("searching a matricule INS", () => {
  const MARIE = "255081416802538";
  /** Another key-valid INS (man, born February 1968, département 55) whose digits hold every group of Marie's. */
  const BODY = "1680255081438";
  const OTHER = BODY + String(97 - (Number(BODY) % 97)).padStart(2, "0");
  const search = (list: readonly ExchangeRow[], text: string): string[] => visibleRows(list, { ...NO_FILTER, search: text }, NOW).rows.map((r) => r.ins);

  it("a full INS typed in groups finds that patient only, not one whose INS holds each group elsewhere", () => {
    expect(checkIns(OTHER).valid).toBe(true);
    const list = rows(
      buildLines(
        [
          fromPatient(MARIE, NOW - 3 * DAY, { subject: "Question sur mon traitement" }),
          fromPatient(OTHER, NOW - 2 * DAY, { author: `Jean Petit <${patient(OTHER)}>`, subject: "Rendez-vous" }),
        ],
        context,
      ),
    );
    expect(search(list, "2 55 08 14 168 025 38")).toEqual([MARIE]);
    expect(search(list, "2.55.08.14.168.025.38")).toEqual([MARIE]);
    expect(search(list, "2-55-08-14-168-025-38")).toEqual([MARIE]);
    expect(search(list, MARIE)).toEqual([MARIE]);
    expect(search(list, "1 68 02 55")).toEqual([OTHER]);
    // Words that are not an INS are still looked for one by one, anywhere.
    expect(search(list, "petit rendez")).toEqual([OTHER]);
  });

  it("a subject or a name holding another patient's INS does not make a search for that INS find the line", () => {
    const list = rows(
      buildLines(
        [
          fromPatient(A, NOW - 3 * DAY, { subject: `Pour mon fils ${B}` }),
          fromPatient(C, NOW - 2 * DAY, { author: `"Élodie ${B}" <${patient(C)}>` }),
          fromPatient(B, NOW - DAY, { author: `Paul Girard <${patient(B)}>` }),
        ],
        context,
      ),
    );
    expect(search(list, B)).toEqual([B]);
    expect(search(list, B.replace(/^(.)(..)(..)(..)(...)(...)(..)$/, "$1 $2 $3 $4 $5 $6 $7"))).toEqual([B]);
  });

  it("a display name that is another INS does not make the search for that INS find the line", () => {
    const list = rows(buildLines([fromPatient(MARIE, NOW - 3 * DAY, { author: `"253072A07300443" <${patient(MARIE)}>` })], context));
    expect(search(list, "253072A07300443")).toEqual([]);
  });

  it("for every mailbox, a line's INS typed in any groups finds that line, and only it", () => {
    fc.assert(
      fc.property(arbMailbox, fc.nat(), fc.array(fc.constantFrom(" ", ".", "", "  ", "-"), { minLength: 14, maxLength: 14 }), (mailbox, pick, separators) => {
        const list = rows(buildLines(mailbox, context));
        const line = list[pick % Math.max(list.length, 1)];
        if (line === undefined) return;
        const typed = Array.from(line.ins, (ch, i) => ch + (separators[i] ?? "")).join("");
        expect(search(list, typed)).toEqual([line.ins]);
        expect(search(list, typed.toLowerCase())).toEqual([line.ins]);
      }),
    );
  });
});
