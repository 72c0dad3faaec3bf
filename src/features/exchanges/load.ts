/**
 * The exchanges view's rows: the mail's headers grouped by patient (core), then, for the
 * few messages that need it, whether a read receipt was asked (one header read per line
 * at most), and the stored notices (receipts come back, returns per patient). Nothing new
 * is stored.
 */
import { listIdentities, type IdentityInfo } from "../../adapters/accounts.js";
import { getFullHeaders, getHeaders, hasGetHeaders } from "../../adapters/messages.js";
import { buildLines, receiptCandidate, withFacts, type ExchangeMessage, type ExchangeRow } from "../../core/exchanges/index.js";
import { bareMessageId, type NoticeRecord } from "../../core/notice-records/index.js";
import { loadRecords } from "../notices/notice-store.js";
import { READ_TAG_KEY } from "../notices/process.js";
import { gatherMessages } from "./gather.js";

export interface LoadDeps {
  identities(): Promise<IdentityInfo[]>;
  /** Every header that may belong to an exchange; `onProgress` told how many were read so far. */
  messages(onProgress: (read: number) => void): Promise<ExchangeMessage[]>;
  /** Whether the message asked for a read receipt (`Disposition-Notification-To`). */
  asksReceipt(messageId: number): Promise<boolean>;
  records(): Promise<NoticeRecord[]>;
  now(): number;
}

async function asksReceipt(messageId: number): Promise<boolean> {
  const fields = hasGetHeaders() ? await getHeaders(messageId) : await getFullHeaders(messageId);
  return fields.some((field) => field.name.toLowerCase() === "disposition-notification-to" && field.value.trim() !== "");
}

export const realLoadDeps: LoadDeps = {
  identities: listIdentities,
  messages: (onProgress) => gatherMessages(onProgress),
  asksReceipt,
  records: loadRecords,
  now: () => Date.now(),
};

/** Header reads at once: enough to overlap, few enough not to flood Thunderbird. */
const READS_AT_ONCE = 8;

async function eachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, items.length) }, worker));
}

/** Every exchange with a patient found in the mail, with its receipt and returns. */
export async function loadExchangeRows(deps: LoadDeps = realLoadDeps, onProgress: (read: number) => void = () => undefined): Promise<ExchangeRow[]> {
  const [identities, messages] = await Promise.all([deps.identities(), deps.messages(onProgress)]);
  const lines = buildLines(messages, { ownAddresses: identities.map((identity) => identity.email), now: deps.now() });
  const asked = new Set<string>();
  const candidates = lines.map(receiptCandidate).filter((m) => m !== null);
  await eachLimited(candidates, async (message) => {
    const id = bareMessageId(message.headerMessageId);
    // A message that cannot be read is taken as asking nothing: no receipt is then said awaited.
    if (id !== null && (await deps.asksReceipt(message.id).catch(() => false))) asked.add(id);
  });
  // Without the notices, a receipt come back would look awaited: say nothing of receipts then.
  const records = await deps.records().catch((): NoticeRecord[] | null => null);
  return withFacts(lines, { receiptAsked: records === null ? new Set() : asked, records: records ?? [], readTag: READ_TAG_KEY });
}
