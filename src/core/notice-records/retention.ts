/**
 * How long notice records are kept, and how many: the pure rules. A record's age is counted
 * from the earlier of its notice's date and the moment it was first stored (a notice dated
 * in the future by a wrong clock is not kept longer for it). A record older than the
 * retention is dropped; past `RECORDS_MAX`, the oldest go first.
 */
import type { NoticeRecord } from "./record.js";

/** The most records kept; beyond it the oldest are dropped. */
export const RECORDS_MAX = 5000;

export const RETENTION_MONTHS_DEFAULT = 12;
export const RETENTION_MONTHS_MIN = 1;
export const RETENTION_MONTHS_MAX = 120;

/**
 * The time (ms since 1970) a record's age is counted from; `-Infinity` when neither date can
 * be read (such a record cannot be shown to be young enough, and is dropped).
 */
export function ageOrigin(record: Pick<NoticeRecord, "date" | "stored">): number {
  const times = [Date.parse(record.date), Date.parse(record.stored)].filter((t) => !Number.isNaN(t));
  return times.length === 0 ? Number.NEGATIVE_INFINITY : Math.min(...times);
}

/**
 * `months` calendar months before `now` (UTC), the day of the month kept or, when that month
 * is shorter, its last day: 31 March minus one month is 28 (or 29) February.
 */
export function retentionCutoff(now: Date | number, months: number): number {
  const d = new Date(now);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  const cutoff = new Date(d.getTime());
  cutoff.setUTCFullYear(year, month, day);
  return cutoff.getTime();
}

export interface RetentionRule {
  /** Records whose age origin is before `retentionCutoff(now, months)` are dropped. */
  readonly months: number;
  readonly now: Date | number;
  /** At most this many records kept (the youngest); `RECORDS_MAX` when absent. */
  readonly max?: number;
}

export interface Pruning {
  /** Ids kept. */
  readonly keep: readonly string[];
  /** Ids to drop: too old, then over the cap. */
  readonly drop: readonly string[];
}

/**
 * Which records to keep: `ages` gives each record's age origin (see `ageOrigin`) by id.
 * Nothing older than the retention survives; nothing younger is dropped unless there are
 * more than `max` of them, and then only the oldest (ties: the smaller id goes first).
 */
export function prune(ages: ReadonlyMap<string, number>, rule: RetentionRule): Pruning {
  const cutoff = retentionCutoff(rule.now, rule.months);
  const max = Math.max(0, rule.max ?? RECORDS_MAX);
  const young: [string, number][] = [];
  const drop: string[] = [];
  for (const [id, age] of ages) {
    if (age >= cutoff) young.push([id, age]);
    else drop.push(id);
  }
  if (young.length > max) {
    // Youngest first; the tail goes.
    young.sort(([ia, a], [ib, b]) => (a !== b ? b - a : ia < ib ? 1 : ia > ib ? -1 : 0));
    for (const [id] of young.splice(max)) drop.push(id);
  }
  return { keep: young.map(([id]) => id), drop };
}
