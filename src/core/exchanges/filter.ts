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
  /** Words looked for in the name, the INS (spaces and dots ignored), the address and the subjects. */
  readonly search: string;
}

export const NO_FILTER: ExchangeFilter = { patientWroteLast: false, openForMoreThanDays: null, search: "" };

/** Lower case, accents and extra spaces gone: what a search compares. */
export function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

function matchesSearch(line: ExchangeLine, search: string): boolean {
  const words = folded(search).split(" ").filter((w) => w !== "");
  if (words.length === 0) return true;
  const text = folded([line.name, line.address, line.last.subject, line.answer?.subject ?? ""].join(" "));
  const ins = line.ins.toLowerCase();
  // Each word is in the text, or (an INS typed in groups, "2 55 08…") the digits typed are in the INS.
  if (words.every((w) => text.includes(w) || ins.includes(w.replace(/\./g, "")))) return true;
  const typed = folded(search).replace(/[\s.]/g, "");
  return /^[0-9ab]+$/.test(typed) && ins.includes(typed);
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


