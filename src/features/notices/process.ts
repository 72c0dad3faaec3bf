/**
 * One message read as a possible delivery notice or read receipt: headers first (ordinary
 * mail costs no full read), then, for a candidate only, the whole message classified. A
 * notice is stored (ids and states only), tagged, and a read receipt tags the sent message
 * it answers ("read by the patient").
 */
import { ensureTopFolder, listAccounts } from "../../adapters/folders.js";
import { message } from "../../adapters/i18n.js";
import {
  addTags,
  findByMessageIdPreferring,
  getHeaderFields,
  getRawBytes,
  listNextPage,
  moveMessages,
  type MessageInfo,
  type MessagePage,
} from "../../adapters/messages.js";
import { saveRecord } from "../../adapters/notice-store.js";
import { loadSettings } from "../../adapters/settings.js";
import { ensureTags, type TagSpec } from "../../adapters/tags.js";
import { isReadReceipt, toRecord, type NoticeRecord } from "../../core/notice-records/index.js";
import { classifyMessage, looksLikeNotice } from "../../core/notices/index.js";

/** Tag keys: stable, so that a filter or a saved search can rely on them. */
export const NOTICE_TAG_KEY = "mssante-retour";
export const READ_TAG_KEY = "mssante-lu-patient";

export function noticeTags(): TagSpec[] {
  return [
    { key: NOTICE_TAG_KEY, label: message("tagNotice"), color: "#C62828" },
    { key: READ_TAG_KEY, label: message("tagReadByPatient"), color: "#2E7D32" },
  ];
}

/** What the add-on does with a notice, from the settings. */
export interface NoticeActions {
  readonly tag: boolean;
  readonly move: boolean;
  readonly folderName: string;
  /** How long a notice is kept, in months (older ones are not stored). */
  readonly retentionMonths: number;
}

export async function noticeActions(): Promise<NoticeActions> {
  const { values } = await loadSettings();
  return { tag: values.bounceTag, move: values.bounceMove, folderName: values.bounceFolderName, retentionMonths: values.noticeRetentionMonths };
}

export type Outcome =
  /** Decided from the headers alone: not a notice. */
  | "ordinary"
  /** Read in full, and not a notice after all. */
  | "not-notice"
  | "notice"
  /** Could not be read. */
  | "error";

export interface Processed {
  readonly outcome: Outcome;
  readonly record: NoticeRecord | null;
  /** Whether the whole message was read. */
  readonly fullRead: boolean;
  /** The notice should go to the notices folder (the caller moves, in batches). */
  readonly move: boolean;
}

const ORDINARY: Processed = { outcome: "ordinary", record: null, fullRead: false, move: false };

function isPatientNotice(record: NoticeRecord): boolean {
  return record.recipients.some((r) => r.ins !== null);
}

/** What a message's headers said: ordinary, or a candidate whose whole message is already asked for. */
export type Screened = { readonly candidate: false } | { readonly candidate: true; readonly raw: Promise<Uint8Array> };

/**
 * Reads a message's headers, decides, and for a candidate asks for the whole message at
 * once, without waiting to be asked: a scan screens a page's candidates together, so their
 * full reads overlap. Rejects when the headers cannot be read.
 */
export async function screenMessage(msg: MessageInfo): Promise<Screened> {
  const fields = await getHeaderFields(msg);
  if (!looksLikeNotice(fields)) return { candidate: false };
  const raw = getRawBytes(msg.id);
  raw.catch(() => undefined); // read (and its failure reported) by processMessage
  return { candidate: true, raw };
}

/**
 * Classifies one message and acts on what it is. Never throws. `screened`: the message
 * already screened by the caller (a scan screens a whole page at once); screened here when
 * absent.
 */
export async function processMessage(msg: MessageInfo, actions: NoticeActions, screened?: Promise<Screened>): Promise<Processed> {
  let fullRead = false;
  try {
    const screening = await (screened ?? screenMessage(msg));
    if (!screening.candidate) return ORDINARY;
    fullRead = true;
    const notice = await classifyMessage(await screening.raw);
    const built = toRecord(notice, { messageId: msg.headerMessageId, accountId: msg.accountId, folderPath: msg.folderPath, date: msg.date });
    if (built === null) return { outcome: "not-notice", record: null, fullRead, move: false };
    const { record } = await saveRecord(built, { months: actions.retentionMonths, now: new Date() });
    const patient = isPatientNotice(record);
    // The settings speak of undelivered mail: a receipt is not tagged "returned" (the sent
    // message it answers is tagged "read" instead), and a delay warning stays in sight
    // where it arrived, since the message may still be delivered.
    if (actions.tag && patient && record.kind !== "receipt") {
      await ensureTags(noticeTags());
      await addTags(msg, [NOTICE_TAG_KEY]);
    }
    if (isReadReceipt(record) && record.originalId !== null) await markSentMessageRead(record, msg.headerMessageId);
    return { outcome: "notice", record, fullRead, move: actions.move && patient && record.kind === "bounce" };
  } catch {
    return { outcome: "error", record: null, fullRead, move: false };
  }
}

/** The Sent folders' ids, asked for at most once a minute (a scan may meet many receipts). */
let sentFoldersCache: { readonly at: number; readonly ids: Promise<string[]> } | null = null;

function sentFolderIds(now = Date.now()): Promise<string[]> {
  if (sentFoldersCache === null || now - sentFoldersCache.at > 60_000) {
    const ids = listAccounts()
      .then((accounts) => accounts.flatMap((a) => a.folders.filter((f) => f.specialUse.includes("sent")).map((f) => f.id)))
      .catch(() => []);
    sentFoldersCache = { at: now, ids };
  }
  return sentFoldersCache.ids;
}

/**
 * Tags the sent message a read receipt answers ("read by the patient"): looked for in the
 * Sent folders first, where it nearly always is; anywhere else (an archive) when it is not there.
 */
export async function markSentMessageRead(record: NoticeRecord, receiptMessageId: string): Promise<number> {
  if (record.originalId === null || !record.recipients.some((r) => r.ins !== null)) return 0;
  const found = await findByMessageIdPreferring(record.originalId, await sentFolderIds());
  const sent = found.filter((m) => m.headerMessageId !== receiptMessageId);
  if (sent.length === 0) return 0;
  await ensureTags(noticeTags());
  let tagged = 0;
  for (const m of sent) if (await addTags(m, [READ_TAG_KEY])) tagged++;
  return tagged;
}

/** Moves notices to the notices folder of their account (created when missing). */
export async function moveToNoticesFolder(byAccount: ReadonlyMap<string, readonly number[]>, folderName: string): Promise<void> {
  if (byAccount.size === 0) return;
  const accounts = await listAccounts();
  for (const [accountId, ids] of byAccount) {
    const account = accounts.find((a) => a.id === accountId);
    if (account === undefined || ids.length === 0) continue;
    try {
      const folder = await ensureTopFolder(account, folderName);
      if (folder !== null) await moveMessages(ids, folder);
    } catch {
      // left where it is: the panel still lists it
    }
  }
}

/** New mail: every message classified as it arrives. */
export async function processNewMail(messages: readonly MessageInfo[]): Promise<Processed[]> {
  if (messages.length === 0) return [];
  const actions = await noticeActions();
  const results: Processed[] = [];
  const toMove = new Map<string, number[]>();
  for (const m of messages) {
    const result = await processMessage(m, actions);
    results.push(result);
    if (result.move && m.accountId !== null) toMove.set(m.accountId, [...(toMove.get(m.accountId) ?? []), m.id]);
  }
  await moveToNoticesFolder(toMove, actions.folderName);
  return results;
}

/**
 * New mail as Thunderbird announces it: a list handed over a page at a time (100 messages a
 * page unless configured otherwise), so a large delivery comes as several pages. Every page
 * is classified, in order.
 */
export async function processNewMailList(first: MessagePage): Promise<Processed[]> {
  const results: Processed[] = [];
  let page = first;
  for (;;) {
    results.push(...(await processNewMail(page.messages)));
    if (page.next === null) return results;
    page = await listNextPage(page.next);
  }
}
