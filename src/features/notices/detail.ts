/**
 * What the panel shows on demand and does not store: the notice's own text (what the remote
 * server said), read again from the mail store, and the sent message's subject and names.
 */
import { getRawBytes } from "../../adapters/messages.js";
import { findByMessageId } from "./message-reads.js";
import { namesFromRecipients, type NoticeRecord, type SentInfo } from "../../core/notice-records/index.js";
import { CLASSIFIER_INPUT_BYTES, classifyMessage } from "../../core/notices/index.js";

export interface NoticeDetail {
  readonly subject: string | null;
  readonly status: string | null;
  /** The remote server's words, as the notice gives them (to be shown as text only). */
  readonly diagnostic: string | null;
  readonly reporter: string | null;
}

/** Reads the notice again; null when it is no longer in any folder. */
export async function loadNoticeDetail(record: NoticeRecord, index: number): Promise<NoticeDetail | null> {
  const [found] = await findByMessageId(record.id);
  if (found === undefined) return null;
  const notice = await classifyMessage(await getRawBytes(found.id, CLASSIFIER_INPUT_BYTES));
  const address = record.recipients[index]?.address.toLowerCase();
  const r = notice.recipients.find((x) => x.address.toLowerCase() === address) ?? notice.recipients[index] ?? null;
  return { subject: notice.subject, status: r?.status ?? null, diagnostic: r?.diagnostic ?? null, reporter: notice.reporter };
}

/** The sent message a notice is about: its subject and its recipients' names. */
export async function loadSentInfo(originalId: string): Promise<SentInfo | null> {
  const found = (await findByMessageId(originalId))[0];
  if (found === undefined) return null;
  return { subject: found.subject, names: namesFromRecipients(found.recipients) };
}
