/**
 * The notices the add-on found, kept in `storage.local`: one key per notice
 * (`notices.item:<Message-ID>`) and a small index (`notices.index`: which notices exist and
 * how old they are), laid out and migrated as `core/notice-records/layout.ts` says. Listing
 * reads the index and the records it names, never the whole of `storage.local`.
 *
 * The background and the panel both write. Every change of the index (and of a record
 * together with it) is made under one Web Lock, shared by every page of the add-on, so that
 * no writer overwrites another's index. Only ids, kinds, reasons and states are kept (see
 * `core/notice-records`).
 */
import { onLocalStorageChanged, storageLocal } from "../../adapters/storage.js";
import * as z from "zod/mini";
import {
  ageOrigin,
  INDEX_KEY,
  indexValue,
  mergeRecord,
  migrateStore,
  parseIndex,
  prune,
  readStoredRecord,
  RECORD_PREFIX,
  recordKey,
  type NoticeRecord,
  type RetentionRule,
} from "../../core/notice-records/index.js";

const LOCK_NAME = "mssante-patient:notice-records";
let fallbackChain: Promise<unknown> = Promise.resolve();

/** Runs `task` alone among every page of the add-on (one page only where Web Locks are missing). */
function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  if (locks !== undefined) return locks.request(LOCK_NAME, task);
  const run = fallbackChain.then(task, task);
  fallbackChain = run.catch(() => undefined);
  return run;
}

async function readIndex(): Promise<Map<string, number> | null> {
  const stored: Record<string, unknown> = await storageLocal.get(INDEX_KEY);
  return parseIndex(stored[INDEX_KEY]);
}

/** Reads everything once, migrates the records and writes the index. Under the lock. */
async function migrate(now: Date): Promise<Map<string, number>> {
  const all: Record<string, unknown> = await storageLocal.get();
  const migration = migrateStore(all, now);
  if (migration.remove.length > 0) await storageLocal.remove([...migration.remove]);
  await storageLocal.set({ ...migration.write, [INDEX_KEY]: indexValue(migration.ages) });
  return new Map(migration.ages);
}

/** Under the lock. */
async function indexOrMigrate(now: Date): Promise<Map<string, number>> {
  return (await readIndex()) ?? migrate(now);
}

/**
 * Makes sure the store has the current layout (migrating an older one). `rebuild`: reads
 * every key again and rebuilds the index even when there is one (after an update of the
 * add-on, for records an older version may have written meanwhile).
 */
export async function ensureRecordStore(options: { rebuild?: boolean; now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const index = await exclusive(() => (options.rebuild === true ? migrate(now) : indexOrMigrate(now)));
  return index.size;
}

/** The ids of the stored notices. */
export async function storedNoticeIds(): Promise<string[]> {
  const index = await exclusive(() => indexOrMigrate(new Date()));
  return [...index.keys()];
}

async function readRecords(ids: readonly string[]): Promise<NoticeRecord[]> {
  if (ids.length === 0) return [];
  const stored: Record<string, unknown> = await storageLocal.get(ids.map(recordKey));
  const now = new Date();
  const out: NoticeRecord[] = [];
  for (const id of ids) {
    const record = readStoredRecord(stored[recordKey(id)], now);
    if (record !== null) out.push(record);
  }
  return out;
}

/** Every stored notice: the index, then the records it names. */
export async function loadRecords(): Promise<NoticeRecord[]> {
  return readRecords(await storedNoticeIds());
}

/** One stored notice by its id (its Message-ID without brackets); null when none is stored. */
export async function loadRecord(noticeId: string): Promise<NoticeRecord | null> {
  const key = recordKey(noticeId);
  const stored: Record<string, unknown> = await storageLocal.get(key);
  return readStoredRecord(stored[key], new Date());
}

/**
 * Stores a classified notice (what the user marked handled stays so), then prunes by the
 * rule: a notice already older than the retention is not kept at all. The stored (merged)
 * record, and whether it was kept.
 */
export async function saveRecord(record: NoticeRecord, rule: RetentionRule): Promise<{ record: NoticeRecord; kept: boolean }> {
  return exclusive(async () => {
    const index = await indexOrMigrate(new Date(rule.now));
    const merged = mergeRecord(await loadRecord(record.id), record);
    index.set(merged.id, ageOrigin(merged));
    const { drop } = prune(index, rule);
    for (const id of drop) index.delete(id);
    const kept = index.has(merged.id);
    const gone = drop.map(recordKey);
    if (gone.length > 0) await storageLocal.remove(gone);
    await storageLocal.set({ ...(kept ? { [recordKey(merged.id)]: merged } : {}), [INDEX_KEY]: indexValue(index) });
    return { record: merged, kept };
  });
}

/** Marks a notice handled (or not); false when it is not stored. */
export async function setHandled(noticeId: string, handled: boolean, now: Date = new Date()): Promise<boolean> {
  return exclusive(async () => {
    const record = await loadRecord(noticeId);
    if (record === null) return false;
    await storageLocal.set({ [recordKey(noticeId)]: { ...record, handled: handled ? now.toISOString() : null } });
    return true;
  });
}

/** Forgets these notices; the ids that were stored. */
export async function removeRecords(ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return exclusive(async () => {
    const index = await indexOrMigrate(new Date());
    const removed = ids.filter((id) => index.delete(id));
    // Removed even when the index did not name them: no record of them must stay.
    await storageLocal.remove(ids.map(recordKey));
    if (removed.length > 0) await storageLocal.set({ [INDEX_KEY]: indexValue(index) });
    return removed;
  });
}

/** Drops what the rule does not keep; the ids dropped. */
export async function pruneRecords(rule: RetentionRule): Promise<string[]> {
  return exclusive(async () => {
    const index = await indexOrMigrate(new Date(rule.now));
    const { drop } = prune(index, rule);
    if (drop.length === 0) return [];
    for (const id of drop) index.delete(id);
    await storageLocal.remove(drop.map(recordKey));
    await storageLocal.set({ [INDEX_KEY]: indexValue(index) });
    return [...drop];
  });
}

/**
 * Keeps `records` (by id) up to date for a page: read once (index, then those records), then
 * changed from what `storage.onChanged` carries, without reading storage again. `onChange`
 * is called after the first read and after every change.
 */
export async function watchRecords(records: Map<string, NoticeRecord>, onChange: () => void): Promise<void> {
  const touched = new Set<string>();
  let loaded = false;
  onLocalStorageChanged((changes) => {
    let changed = false;
    const now = new Date();
    for (const [key, change] of changes) {
      if (!key.startsWith(RECORD_PREFIX)) continue;
      const record = readStoredRecord(change.newValue, now);
      const id = key.slice(RECORD_PREFIX.length);
      if (record === null) records.delete(id);
      else records.set(record.id, record);
      touched.add(id);
      changed = true;
    }
    if (changed && loaded) onChange();
  });
  for (const record of await loadRecords()) if (!touched.has(record.id)) records.set(record.id, record);
  loaded = true;
  onChange();
}

const CHECK_STATE_KEY = "notices.check";

const checkStateSchema = z.object({
  /** When the last full pass ended (ms), or 0. */
  passEnded: z.number(),
  /** The last id checked in the pass under way, or null between passes. */
  after: z.nullable(z.string()),
});

/** Where the check that every stored notice's message still exists has got to. */
export type CheckState = z.output<typeof checkStateSchema>;

export async function loadCheckState(): Promise<CheckState> {
  const stored: Record<string, unknown> = await storageLocal.get(CHECK_STATE_KEY);
  const parsed = checkStateSchema.safeParse(stored[CHECK_STATE_KEY]);
  return parsed.success ? parsed.data : { passEnded: 0, after: null };
}

export async function saveCheckState(state: CheckState): Promise<void> {
  await storageLocal.set({ [CHECK_STATE_KEY]: state });
}
