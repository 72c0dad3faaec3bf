/**
 * What is stored about patients stays only as long as it should:
 * - a notice is forgotten as soon as its message is moved to the Trash or a folder below it
 *   (and never recorded again from there, `trash.ts`; emptying the Trash
 *   does not always tell which messages went; a message restored from the Trash is found
 *   again by the next scan), and when its message is deleted for good;
 * - a close waiting for a message sent later is given up after 30 days (see
 *   `conversation/pending-close.ts`);
 * - notices older than the retention setting, and past the cap the oldest, are dropped when
 *   the background page starts or wakes, and whenever a notice is stored;
 * - a notice whose message no longer exists anywhere (deleted while the add-on was not
 *   running, its folder or account removed) is found by a check of every stored notice,
 *   spread over the background page's wakes, at most one full pass a day.
 */
import { listNextPage, type MessageInfo, type MessagePage } from "../../adapters/messages.js";
import { findByMessageId } from "./message-reads.js";
import { isInTrash } from "./trash.js";
import {
  ensureRecordStore,
  loadCheckState,
  pruneRecords,
  removeRecords,
  saveCheckState,
  storedNoticeIds,
  type CheckState,
} from "./notice-store.js";
import { loadSettings } from "../settings/store.js";
import { bareMessageId, type RetentionRule } from "../../core/notice-records/index.js";

/** Notices whose message is looked for, per wake of the background page (each look-up searches every folder). */
export const CHECK_BATCH = 25;
/** A full pass of the check starts at most this often. */
export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;
export async function retentionRule(now: Date = new Date()): Promise<RetentionRule> {
  const { values } = await loadSettings();
  return { months: values.noticeRetentionMonths, now };
}

/** Messages deleted for good: their notices are forgotten, unless a copy is still somewhere. */
export async function forgetDeletedNotices(first: MessagePage): Promise<string[]> {
  const deleted = new Map<string, Set<number>>();
  let page = first;
  for (;;) {
    for (const m of page.messages) {
      const id = bareMessageId(m.headerMessageId);
      if (id !== null) deleted.set(id, (deleted.get(id) ?? new Set()).add(m.id));
    }
    if (page.next === null) break;
    page = await listNextPage(page.next);
  }
  if (deleted.size === 0) return [];
  const stored = new Set(await storedNoticeIds());
  const gone: string[] = [];
  for (const [id, messageIds] of deleted) {
    if (!stored.has(id)) continue;
    // The deleted message itself may still be listed while Thunderbird removes it.
    const copies = (await findByMessageId(id).catch(() => null))?.filter((m) => !messageIds.has(m.id));
    if (copies !== undefined && copies.length === 0) gone.push(id);
  }
  return removeRecords(gone);
}

/**
 * Messages moved: the notices of those now in a Trash folder, or in a folder below it, are
 * forgotten. The ids forgotten.
 */
export async function forgetTrashedNotices(first: MessagePage): Promise<string[]> {
  const moved = new Map<string, MessageInfo[]>();
  let page = first;
  for (;;) {
    for (const m of page.messages) {
      const id = bareMessageId(m.headerMessageId);
      if (id !== null) moved.set(id, [...(moved.get(id) ?? []), m]);
    }
    if (page.next === null) break;
    page = await listNextPage(page.next);
  }
  if (moved.size === 0) return [];
  const stored = new Set(await storedNoticeIds());
  const trashed: string[] = [];
  // Only the stored notices are looked at: where a folder lies may take a call to Thunderbird.
  for (const [id, messages] of moved) {
    if (!stored.has(id)) continue;
    for (const m of messages) {
      if (await isInTrash(m).catch(() => false)) {
        trashed.push(id);
        break;
      }
    }
  }
  return removeRecords(trashed);
}

/**
 * Looks for the messages of the next `CHECK_BATCH` stored notices and forgets those found
 * nowhere; a notice whose search fails is kept. The ids forgotten.
 */
export async function checkNoticesExist(now: Date = new Date(), batch = CHECK_BATCH): Promise<string[]> {
  const state = await loadCheckState();
  if (state.after === null && now.getTime() - state.passEnded < CHECK_INTERVAL_MS && state.passEnded <= now.getTime()) return [];
  const ids = (await storedNoticeIds()).sort();
  const after = state.after;
  const todo = ids.filter((id) => after === null || id > after).slice(0, batch);
  const gone: string[] = [];
  for (const id of todo) {
    const found = await findByMessageId(id).catch(() => null);
    if (found !== null && found.length === 0) gone.push(id);
  }
  const last = todo.at(-1);
  const finished = last === undefined || ids.at(-1) === last;
  const next: CheckState = finished ? { passEnded: now.getTime(), after: null } : { passEnded: state.passEnded, after: last };
  await saveCheckState(next);
  return removeRecords(gone);
}

export interface Maintenance {
  /** Notices dropped for their age or over the cap. */
  readonly pruned: number;
  /** Notices whose message was found nowhere. */
  readonly missing: number;
}

/**
 * Run each time the background page starts or wakes: migrates an older store, prunes and
 * checks the next batch of notices. `rebuild` after an update of the add-on.
 */
export async function maintainNotices(options: { now?: Date; rebuild?: boolean } = {}): Promise<Maintenance> {
  const now = options.now ?? new Date();
  await ensureRecordStore({ now, ...(options.rebuild === undefined ? {} : { rebuild: options.rebuild }) });
  const pruned = await pruneRecords(await retentionRule(now));
  const missing = await checkNoticesExist(now);
  return { pruned: pruned.length, missing: missing.length };
}
