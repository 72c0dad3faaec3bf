/**
 * What the exchanges view shows of its lines: the facts read besides the headers (read
 * receipts, returns), the filters ("open, the patient wrote last", "open for more than N
 * days", a search on name, INS and subject), the order (latest message first) and the counts.
 */
import { bareMessageId, isReadReceipt, type NoticeRecord } from "../notice-records/index.js";
import type { ExchangeLine, LineMessage } from "./lines.js";

export const DAY_MS = 86_400_000;

/** A line with what the notices and the message headers add to it. */
export interface ExchangeRow extends ExchangeLine {
  /** The last message the user sent asked for a read receipt, none came back, and the patient has not written since. */
  readonly receiptAwaited: boolean;
  /** Stored bounces and delays about this patient. */
  readonly returns: number;
  /** Of those, the ones not marked handled. */
  readonly returnsToHandle: number;
}

/**
 * The message whose read receipt the line waits for, if any: the last one the user sent,
 * when the patient has not written after it (an answer says more than a receipt).
 */
export function receiptCandidate(line: ExchangeLine): LineMessage | null {
  const sent = line.lastToPatient;
  if (sent === null) return null;
  const answered = line.lastFromPatient;
  if (answered !== null && !(Number.isFinite(sent.date) && (!Number.isFinite(answered.date) || sent.date > answered.date))) return null;
  return sent;
}

export interface RowFacts {
  /** Message-IDs (bare) of the sent messages that asked for a read receipt. */
  readonly receiptAsked: ReadonlySet<string>;
  /** The stored notices. */
  readonly records: readonly NoticeRecord[];
  /** The tag key Thunderbird carries on a sent message the patient read (the notices' own tag). */
  readonly readTag: string;
}

/** The rows of the view: each line with its receipt and returns. */
export function withFacts(lines: readonly ExchangeLine[], facts: RowFacts): ExchangeRow[] {
  const readIds = new Set<string>();
  const returns = new Map<string, { all: number; toHandle: number }>();
  for (const record of facts.records) {
    if (record.kind === "receipt") {
      const original = bareMessageId(record.originalId);
      if (original !== null && isReadReceipt(record)) readIds.add(original);
      continue;
    }
    const seen = new Set<string>();
    for (const r of record.recipients) {
      if (r.ins === null || r.insValid !== true || seen.has(r.ins)) continue;
      seen.add(r.ins);
      const count = returns.get(r.ins) ?? { all: 0, toHandle: 0 };
      count.all += 1;
      if (record.handled === null) count.toHandle += 1;
      returns.set(r.ins, count);
    }
  }
  return lines.map((line) => {
    const candidate = receiptCandidate(line);
    const id = candidate === null ? null : bareMessageId(candidate.headerMessageId);
    const awaited = candidate !== null && id !== null && facts.receiptAsked.has(id) && !readIds.has(id) && !candidate.tags.includes(facts.readTag);
    const count = returns.get(line.ins) ?? { all: 0, toHandle: 0 };
    return { ...line, receiptAwaited: awaited, returns: count.all, returnsToHandle: count.toHandle };
  });
}

export interface ExchangeFilter {
  /** Open exchanges whose last message is the patient's. */
  readonly patientWroteLast: boolean;
  /** Open exchanges open for more than that many days; null: no such filter. */
  readonly openForMoreThanDays: number | null;
  /**
   * Words looked for in the name, the INS, the address and the subjects; a matricule, or a
   * part of one typed in groups, is looked for in the INS only (see `matchesSearch`).
   */
  readonly search: string;
}

export const NO_FILTER: ExchangeFilter = { patientWroteLast: false, openForMoreThanDays: null, search: "" };

/** Lower case, accents and extra spaces gone: what a search compares. */
export function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/** What may split a matricule typed by hand or copied from a document: spaces, dots, dashes. */
const INS_SEPARATORS = /[\s.-]/g;

/**
 * Whether the search is a matricule INS, or a part of one typed in groups ("2 55 08 14"):
 * INS characters only, with a digit, and either in several groups or as long as an INS body.
 */
function insSearch(search: string): string | null {
  const typed = search.replace(INS_SEPARATORS, "").toUpperCase();
  if (!/^[0-9AB]+$/.test(typed) || !/[0-9]/.test(typed)) return null;
  const groups = search.trim().split(INS_SEPARATORS).filter((g) => g !== "").length;
  return groups > 1 || typed.length >= 13 ? typed : null;
}

function matchesSearch(line: ExchangeLine, search: string): boolean {
  const words = folded(search).split(" ").filter((w) => w !== "");
  if (words.length === 0) return true;
  // A matricule is one run of characters, looked for in the INS only: its groups found here
  // and there (in another INS, a name, a subject) would show another patient's line.
  const ins = line.ins.toUpperCase();
  const typedIns = insSearch(search);
  if (typedIns !== null) return ins.includes(typedIns);
  const text = folded([line.name, line.address, line.last.subject, line.answer?.subject ?? ""].join(" "));
  // Each word is in the text, or in the INS (a short part of it).
  return words.every((w) => text.includes(w) || ins.includes(w.replace(/\./g, "").toUpperCase()));
}

/** Whether an open line has been open for more than `days` days at `now`. */
export function openLongerThan(line: ExchangeLine, days: number, now: number): boolean {
  return line.state.state === "open" && line.openSince !== null && now - line.openSince > days * DAY_MS;
}

export function matches(line: ExchangeLine, filter: ExchangeFilter, now: number): boolean {
  if (filter.patientWroteLast && !(line.state.state === "open" && line.last.writer === "patient")) return false;
  if (filter.openForMoreThanDays !== null && !openLongerThan(line, filter.openForMoreThanDays, now)) return false;
  return matchesSearch(line, filter.search);
}

function dateKey(date: number): number {
  return Number.isFinite(date) ? date : Number.NEGATIVE_INFINITY;
}

/** Latest message first; equal dates by INS. */
export function sortLines<T extends ExchangeLine>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => dateKey(b.last.date) - dateKey(a.last.date) || (a.ins < b.ins ? -1 : a.ins > b.ins ? 1 : 0));
}

export interface ExchangeCounts {
  readonly lines: number;
  readonly open: number;
  readonly patientWroteLast: number;
  readonly receiptsAwaited: number;
  readonly shown: number;
}

/** The lines to show, in order, and the counts (of every line, and of those shown). */
export function visibleRows(rows: readonly ExchangeRow[], filter: ExchangeFilter, now: number): { rows: ExchangeRow[]; counts: ExchangeCounts } {
  const shown = sortLines(rows.filter((row) => matches(row, filter, now)));
  const open = rows.filter((row) => row.state.state === "open");
  return {
    rows: shown,
    counts: {
      lines: rows.length,
      open: open.length,
      patientWroteLast: open.filter((row) => row.last.writer === "patient").length,
      receiptsAwaited: rows.filter((row) => row.receiptAwaited).length,
      shown: shown.length,
    },
  };
}

/** How many days the "open for more than" field means: a whole number from 0 to 3650, else null. */
export function daysFrom(input: string): number | null {
  const trimmed = input.trim();
  if (!/^\d{1,4}$/.test(trimmed)) return null;
  const days = Number(trimmed);
  return days <= 3650 ? days : null;
}


