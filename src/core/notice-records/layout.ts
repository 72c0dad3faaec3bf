/**
 * How notice records lie in `storage.local`, and the migration of older layouts.
 *
 * Layout versions:
 * - 1: one key per notice, `notices.item:<Message-ID>`, holding a version-1 record; nothing
 *   else. Listing the records meant reading the whole of `storage.local`.
 * - 2: the same keys, holding version-2 records (`record.ts`), and one small index,
 *   `notices.index` = `{v: 2, ages: {<Message-ID>: <age origin, ms>}}`: which records exist
 *   and how old they are, so that listing and pruning read only the index and the records
 *   asked for.
 *
 * The migration reads every key once, turns version-1 records into version-2 records
 * (first stored = the time of the migration, recipients capped), drops values under a record
 * key that are no record at all (or whose dates cannot be read), leaves records of a newer version alone (a downgrade must
 * not destroy them), and builds the index. It never loses a readable record.
 */
import {
  keptRecipients,
  noticeRecordSchema,
  noticeRecordV1Schema,
  RECORD_PREFIX,
  RECORD_VERSION,
  recordKey,
  type NoticeRecord,
} from "./record.js";
import { ageOrigin } from "./retention.js";

export const LAYOUT_VERSION = 2;
export const INDEX_KEY = "notices.index";

export interface StoredIndex {
  readonly v: typeof LAYOUT_VERSION;
  readonly ages: Readonly<Record<string, number>>;
}

/** The stored index, or null when there is none of this layout (then the store is migrated). */
export function parseIndex(value: unknown): Map<string, number> | null {
  // Checked by hand: it is read on every listing and write, and may name thousands of notices.
  if (typeof value !== "object" || value === null) return null;
  const { v, ages } = value as { v?: unknown; ages?: unknown };
  if (v !== LAYOUT_VERSION || typeof ages !== "object" || ages === null || Array.isArray(ages)) return null;
  const out = new Map<string, number>();
  for (const [id, age] of Object.entries(ages)) {
    if (typeof age !== "number" || !Number.isFinite(age)) return null;
    out.set(id, age);
  }
  return out;
}

export function indexValue(ages: ReadonlyMap<string, number>): StoredIndex {
  return { v: LAYOUT_VERSION, ages: Object.fromEntries(ages) };
}

/**
 * A stored value as a current record: version 2 as it is, version 1 migrated (`now`: when
 * it is taken to have been stored), recipients capped; null for anything else.
 */
export function readStoredRecord(value: unknown, now: Date): NoticeRecord | null {
  const current = noticeRecordSchema.safeParse(value);
  if (current.success) return capped(current.data);
  const old = noticeRecordV1Schema.safeParse(value);
  if (!old.success) return null;
  return capped({ ...old.data, v: RECORD_VERSION, stored: now.toISOString(), moreRecipients: 0 });
}

function capped(record: NoticeRecord): NoticeRecord {
  const { recipients, moreRecipients } = keptRecipients(record.recipients, record.moreRecipients);
  return recipients.length === record.recipients.length ? record : { ...record, recipients, moreRecipients };
}

/** Whether a stored value is a record of a version this one does not know (left alone). */
function isNewerRecord(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const v = (value as { v?: unknown }).v;
  return typeof v === "number" && v > RECORD_VERSION;
}

export interface StoreMigration {
  /** Every readable record, at the current version. */
  readonly records: readonly NoticeRecord[];
  /** What to write: records that changed (version 1, recipients capped, misplaced key). */
  readonly write: Readonly<Record<string, NoticeRecord>>;
  /** Record keys to remove: values that are no record, and keys a record moved from. */
  readonly remove: readonly string[];
  /** The index of `records`. */
  readonly ages: ReadonlyMap<string, number>;
}

/** Migrates every record key of `all` (the whole of `storage.local`) to the current layout. */
export function migrateStore(all: Readonly<Record<string, unknown>>, now: Date): StoreMigration {
  const byId = new Map<string, NoticeRecord>();
  const write: Record<string, NoticeRecord> = {};
  const remove: string[] = [];
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(RECORD_PREFIX)) continue;
    const record = readStoredRecord(value, now);
    // A record whose dates cannot be read cannot be shown to be young enough: dropped.
    if (record === null || !Number.isFinite(ageOrigin(record))) {
      if (record !== null || !isNewerRecord(value)) remove.push(key);
      continue;
    }
    const rightKey = recordKey(record.id);
    if (key !== rightKey) remove.push(key);
    const known = byId.get(record.id);
    // Two keys for one notice: the one the user marked handled wins, else the first.
    if (known !== undefined && (known.handled !== null || record.handled === null)) continue;
    byId.set(record.id, record);
    if (key !== rightKey || value === null || typeof value !== "object" || !sameRecord(value, record)) write[rightKey] = record;
  }
  const records = [...byId.values()];
  const ages = new Map<string, number>();
  for (const r of records) ages.set(r.id, ageOrigin(r));
  return { records, write, remove: remove.filter((k) => write[k] === undefined), ages };
}

function sameRecord(value: object, record: NoticeRecord): boolean {
  return JSON.stringify(value) === JSON.stringify(record);
}
