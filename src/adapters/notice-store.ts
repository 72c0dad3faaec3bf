/**
 * The notices the add-on found, kept in `storage.local`, one key per notice
 * (`notices.item:<Message-ID>`), so that the background and the panel never overwrite each
 * other's notices. Only ids and states are kept (see `core/notice-records`).
 */
import { mergeRecord, parseRecord, RECORD_PREFIX, recordKey, type NoticeRecord } from "../core/notice-records/index.js";

export async function loadRecords(): Promise<NoticeRecord[]> {
  const all: Record<string, unknown> = await messenger.storage.local.get();
  const out: NoticeRecord[] = [];
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(RECORD_PREFIX)) continue;
    const record = parseRecord(value);
    if (record !== null) out.push(record);
  }
  return out;
}

export async function loadRecord(noticeId: string): Promise<NoticeRecord | null> {
  const key = recordKey(noticeId);
  const stored: Record<string, unknown> = await messenger.storage.local.get(key);
  return parseRecord(stored[key]);
}

/** Stores a classified notice; what the user marked handled stays so. */
export async function saveRecord(record: NoticeRecord): Promise<NoticeRecord> {
  const merged = mergeRecord(await loadRecord(record.id), record);
  await messenger.storage.local.set({ [recordKey(record.id)]: merged });
  return merged;
}

/** Marks a notice handled (or not); false when it is not stored. */
export async function setHandled(noticeId: string, handled: boolean, now: Date = new Date()): Promise<boolean> {
  const record = await loadRecord(noticeId);
  if (record === null) return false;
  await messenger.storage.local.set({ [recordKey(noticeId)]: { ...record, handled: handled ? now.toISOString() : null } });
  return true;
}

/** Called whenever a stored notice changes (in any page). */
export function onRecordsChanged(listener: () => void): void {
  messenger.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && Object.keys(changes).some((k) => k.startsWith(RECORD_PREFIX))) listener();
  });
}
