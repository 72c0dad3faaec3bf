/**
 * The banners' real effects: the settings, the user's identities, the displayed message's
 * headers, the notice it is (stored, or classified now and stored as on arrival — without
 * tagging or moving it: displaying a message changes nothing in the mail store; not stored
 * when the message is in the Trash, Junk, Drafts…), and the
 * exchange's state with who closed it.
 */
import { listIdentities } from "../../adapters/accounts.js";
import { uiLocale } from "../../adapters/i18n.js";
import { getFullHeaders, getHeaders, getRawBytes, hasGetHeaders, messageInfoOf, type MessageHeader } from "../../adapters/messages.js";
import type { DateContext } from "../../core/banners/index.js";
import { bareMessageId, keepsNoticesIn, toRecord, type NoticeRecord } from "../../core/notice-records/index.js";
import { bracketId, waitingSince } from "../../core/conversation/index.js";
import { CLASSIFIER_INPUT_BYTES, classifyMessage, looksLikeNotice, type HeaderField } from "../../core/notices/index.js";
import { claimKeyOf, closingClaim } from "../conversation/closing-claims.js";
import { closingCandidatesTo, folderUsesOf, threadReferences, type ClosingCandidate } from "../conversation/closing-messages.js";
import { exchangeStateOf, offsetAt } from "../conversation/state.js";
import { loadSentInfo } from "../notices/detail.js";
import { loadRecord, saveRecord } from "../notices/notice-store.js";
import { checkReceipt } from "../notices/receipt.js";
import { loadSettings } from "../settings/store.js";
import type { BannerDeps, FoundNotice, StateAndCloser } from "./banner-for.js";

/** The header fields of one message: `getHeaders` (147+), else those of `getFull` (140). */
async function headersOf(message: MessageHeader): Promise<HeaderField[]> {
  return hasGetHeaders() ? getHeaders(message.id) : getFullHeaders(message.id);
}

/** The record of the notice the message is: the stored one, else classified now (and stored). */
async function noticeOf(message: MessageHeader, headers: readonly HeaderField[]): Promise<FoundNotice | null> {
  const id = bareMessageId(message.headerMessageId);
  if (id === null) return null;
  let record = await loadRecord(id);
  if (record === null) {
    if (!looksLikeNotice(headers)) return null;
    const notice = await classifyMessage(await getRawBytes(message.id, CLASSIFIER_INPUT_BYTES));
    const info = messageInfoOf(message);
    const built = toRecord(notice, { messageId: message.headerMessageId, accountId: info.accountId, folderPath: info.folderPath, date: info.date });
    if (built === null) return null;
    const receipt = await checkReceipt(built, info);
    const classified = { ...built, receiptCheck: receipt.check };
    // In the Trash (its record was erased when it was put there), Junk, Drafts…: explained
    // from what is read, never stored again.
    if (!keepsNoticesIn(await folderUsesOf(message.folder))) return { record: classified, name: await recipientName(classified), stored: false };
    const { values } = await loadSettings();
    record = (await saveRecord(classified, { months: values.noticeRetentionMonths, now: new Date() })).record;
  }
  return { record, name: await recipientName(record), stored: true };
}

/** The display name the sent message gives the recipient the notice speaks of; null when none. */
async function recipientName(record: NoticeRecord): Promise<string | null> {
  const address = (record.recipients.find((r) => r.ins !== null) ?? record.recipients[0])?.address.toLowerCase();
  if (record.originalId === null || address === undefined) return null;
  const sent = await loadSentInfo(record.originalId).catch(() => null);
  return sent?.names.get(address) ?? null;
}

/** The state, and the `From` of the [FIN] that closed the exchange (read from the candidates the state looked at). */
async function stateAndCloser(
  message: MessageHeader,
  patient: Parameters<BannerDeps["state"]>[1],
  ownAddresses: readonly string[],
  now: number,
): Promise<StateAndCloser> {
  const seen: ClosingCandidate[] = [];
  const state = await exchangeStateOf(message, patient, { ownAddresses, now }, {
    closings: async (address) => {
      const found = await closingCandidatesTo(address);
      seen.push(...found);
      return found;
    },
    references: threadReferences,
  });
  if (state.state !== "closed") {
    // A [FIN] waiting in the Outbox (sent later, or offline) closes nothing yet: said so.
    const since = waitingSince(seen, patient.address, ownAddresses, now);
    return since === null ? { state, closedBy: "" } : { state, closedBy: "", waitingSince: since };
  }
  const closing = seen.find((c) => bracketId(c.headerMessageId) === state.closingMessageId);
  return { state, closedBy: closing?.author ?? "" };
}

export function dateContext(now: number): DateContext {
  return { locale: uiLocale(), offsetAt, year: new Date(now).getFullYear() };
}

export const realBannerDeps: BannerDeps = {
  settings: async () => (await loadSettings()).values,
  ownAddresses: async () => (await listIdentities()).map((identity) => identity.email),
  headers: headersOf,
  notice: noticeOf,
  state: stateAndCloser,
  finClaim: async (message) => {
    // Keyed as the close keys it (the messages API gives the Message-ID without brackets).
    const claim = await closingClaim(claimKeyOf(message));
    return claim === null || claim.status === "preparing" ? null : { status: claim.status, at: claim.at };
  },
  now: () => Date.now(),
  dates: dateContext,
};
