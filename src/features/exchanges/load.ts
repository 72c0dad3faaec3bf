/**
 * The exchanges view's rows: the mail's headers grouped by patient (core), then, for the
 * few messages that need it, whether a read receipt was asked (one header read per line
 * at most), and the stored notices (receipts come back, returns per patient). Nothing new
 * is stored.
 */
import { listIdentities, type IdentityInfo } from "../../adapters/accounts.js";
import { getFullHeaders, getHeaders, hasGetHeaders } from "../../adapters/messages.js";
import { LineCollector, receiptCandidate, withFacts, type ExchangeRow } from "../../core/exchanges/index.js";
import { bareMessageId, type NoticeRecord } from "../../core/notice-records/index.js";
import { loadRecords } from "../notices/notice-store.js";
import { READ_TAG_KEY } from "../notices/process.js";
import { gatherMessages, type Gathered, type PageRead, type SkippedFolder } from "./gather.js";

export interface LoadDeps {
  identities(): Promise<IdentityInfo[]>;
  /** Every header that may belong to an exchange, each page told to `onPage` as it comes; the folders that could not be read. */
  messages(onPage: PageRead): Promise<Gathered>;
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
  messages: (onPage) => gatherMessages(onPage),
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

/** The lines drawn so far while the mail is read. */
export interface LoadProgress {
  /** Messages read so far. */
  readonly read: number;
  /** The rows of the messages read so far (read receipts are known only at the end: none said awaited yet). */
  readonly rows: readonly ExchangeRow[];
}

export interface Loaded {
  readonly rows: ExchangeRow[];
  /** Folders that could not be read: their messages are missing from the rows. */
  readonly skipped: SkippedFolder[];
}

/**
 * Every exchange with a patient found in the mail, with its receipt and returns; after each
 * page of messages read, the rows of what was read so far.
 */
export async function loadExchangeRows(deps: LoadDeps = realLoadDeps, onProgress: (progress: LoadProgress) => void = () => undefined): Promise<Loaded> {
  // Without the notices, a receipt come back would look awaited: say nothing of receipts then.
  const [identities, records] = await Promise.all([deps.identities(), deps.records().catch((): NoticeRecord[] | null => null)]);
  const context = { ownAddresses: identities.map((identity) => identity.email), now: deps.now() };
  const facts = { records: records ?? [], readTag: READ_TAG_KEY };
  // Each message read once, as its page comes; the lines so far drawn after each page.
  let collector = new LineCollector(context);
  let added = 0;
  const gathered = await deps.messages((read, page) => {
    collector.add(page);
    added += page.length;
    onProgress({ read, rows: withFacts(collector.result(), { ...facts, receiptAsked: new Set() }) });
  });
  if (added !== gathered.messages.length) {
    // The pages told did not hold every message: the lines are made again from the whole list.
    collector = new LineCollector(context);
    collector.add(gathered.messages);
  }
  const lines = collector.result();
  const asked = new Set<string>();
  if (records !== null) {
    const candidates = lines.map(receiptCandidate).filter((m) => m !== null);
    await eachLimited(candidates, async (message) => {
      const id = bareMessageId(message.headerMessageId);
      // A message that cannot be read is taken as asking nothing: no receipt is then said awaited.
      if (id !== null && (await deps.asksReceipt(message.id).catch(() => false))) asked.add(id);
    });
  }
  return { rows: withFacts(lines, { ...facts, receiptAsked: asked }), skipped: gathered.skipped };
}
