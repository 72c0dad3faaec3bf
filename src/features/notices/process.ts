/**
 * One message read as a possible delivery notice or read receipt: headers first (ordinary
 * mail costs no full read), then, for a candidate only, the start of the message (what the
 * classifier reads, about 1 MiB, however large the returned original) classified, a few
 * messages at a time. A notice is stored (ids and states only), tagged, and a read receipt
 * checked to come from the patient tags the sent message it answers ("read by the patient";
 * see `receipt.ts`). Nothing in the Trash, or below it, is recorded (`trash.ts`).
 */
import { ensureTopFolder, listAccounts } from "../../adapters/accounts.js";
import { message } from "../../adapters/i18n.js";
import {
  addTags,
  getRawBytes,
  listNextPage,
  moveMessages,
  type MessageInfo,
  type MessagePage,
} from "../../adapters/messages.js";
import { getHeaderFields } from "./message-reads.js";
import { saveRecord } from "./notice-store.js";
import { loadSettings } from "../settings/store.js";
import { ensureTags, type TagSpec } from "../tags.js";
import { isVerifiedRead, toRecord, type NoticeRecord } from "../../core/notice-records/index.js";
import { CLASSIFIER_INPUT_BYTES, classifyMessage, looksLikeNotice, type Notice } from "../../core/notices/index.js";
import { limitConcurrency } from "./limit.js";
import { checkReceipt } from "./receipt.js";
import { isInTrash } from "./trash.js";

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
  /** In the Trash (or below it): not read, not recorded, whatever it is. */
  | "in-trash"
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
const IN_TRASH: Processed = { outcome: "in-trash", record: null, fullRead: false, move: false };

function isPatientNotice(record: NoticeRecord): boolean {
  return record.recipients.some((r) => r.ins !== null);
}

/** What a message's headers said: ordinary, or a candidate to read (the start of it) and classify. */
export type Screened = { readonly candidate: boolean };

/** Reads a message's headers and decides whether it may be a notice. Rejects when the headers cannot be read. */
export async function screenMessage(msg: MessageInfo): Promise<Screened> {
  return { candidate: looksLikeNotice(await getHeaderFields(msg)) };
}

/**
 * Messages read at once, in this page, whatever asks (a scan, new mail): each read is the
 * message's first `CLASSIFIER_INPUT_BYTES` (about 1 MiB), held until it is classified.
 */
export const MAX_FULL_READS_IN_FLIGHT = 4;
const fullReads = limitConcurrency(MAX_FULL_READS_IN_FLIGHT);

/** Reads what the classifier looks at of a message (never more) and classifies it. */
function readAndClassify(messageId: number): Promise<Notice> {
  return fullReads(async () => classifyMessage(await getRawBytes(messageId, CLASSIFIER_INPUT_BYTES)));
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
    // A notice put in the Trash was forgotten then: it is not recorded again.
    if (await isInTrash(msg)) return IN_TRASH;
    fullRead = true;
    const notice = await readAndClassify(msg.id);
    const built = toRecord(notice, { messageId: msg.headerMessageId, accountId: msg.accountId, folderPath: msg.folderPath, date: msg.date });
    if (built === null) return { outcome: "not-notice", record: null, fullRead, move: false };
    const receipt = await checkReceipt(built, msg);
    const { record } = await saveRecord({ ...built, receiptCheck: receipt.check }, { months: actions.retentionMonths, now: new Date() });
    const patient = isPatientNotice(record);
    // The settings speak of undelivered mail: a receipt is not tagged "returned" (the sent
    // message it answers is tagged "read" instead), and a delay warning stays in sight
    // where it arrived, since the message may still be delivered.
    if (actions.tag && patient && record.kind !== "receipt") {
      await ensureTags(noticeTags());
      await addTags(msg, [NOTICE_TAG_KEY]);
    }
    // Only a receipt checked to come from the patient, about a message the user sent, marks it read.
    if (isVerifiedRead(record)) await markRead(receipt.sent);
    return { outcome: "notice", record, fullRead, move: actions.move && patient && record.kind === "bounce" };
  } catch {
    return { outcome: "error", record: null, fullRead, move: false };
  }
}

/** Tags the sent messages a verified receipt answers ("read by the patient"); how many were tagged. */
async function markRead(sent: readonly MessageInfo[]): Promise<number> {
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
