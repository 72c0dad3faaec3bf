/**
 * "Clore l'échange" in one click: the closing reply to the patient of the displayed (or
 * selected) message — to the patient only, from the identity the patient wrote to, subject
 * exactly `[FIN]`, threaded, the closing text of the settings, the user's receipt default —
 * then sent, once, however many clicks arrive. The compose side's send guard runs on it as
 * on any message (`onBeforeSend`). With `reviewBeforeClosing`, the reply is only prepared.
 *
 * Every effect goes through `CloseDeps` (real adapters by default) so that the use case is
 * tested without Thunderbird.
 */
import {
  claimClosing,
  claimKeyOf,
  markClosingQueued,
  markClosingSent,
  releaseClosing,
  type Claim,
} from "./closing-claims.js";
import type { MessageHeader } from "../../adapters/messages.js";
import { uiLocale } from "../../adapters/i18n.js";
import { listIdentities, type IdentityInfo } from "../../adapters/accounts.js";
import { notify } from "../../adapters/notifications.js";
import { beginReplyToSender, isPlainText, sendConfirmed, setReplyFields, type ReplyFields, type SendResult } from "../../adapters/compose.js";
import { updateTabState } from "../compose/session-state.js";
import { loadSettings } from "../settings/store.js";
import { focusTab } from "../../adapters/tabs.js";
import {
  alreadyClosedText,
  alreadyClosingText,
  buildClosingReply,
  closedText,
  closeFailedText,
  closeNotStartedText,
  closeBackgroundText,
  closeQueuedText,
  closingIdentity,
  conversationPatient,
  notClosableText,
  reviewText,
  textToHtml,
  waitingSince,
} from "../../core/conversation/index.js";
import type { ConversationPatient, ConversationState } from "../../core/conversation/index.js";
import type { Message } from "../../core/i18n/text.js";
import type { Settings } from "../../core/settings/index.js";
import { closingCandidatesTo } from "./closing-messages.js";
import { exchangeStateOf, offsetAt } from "./state.js";

export interface CloseDeps {
  identities(): Promise<IdentityInfo[]>;
  settings(): Promise<Pick<Settings, "closingTemplate" | "readReceiptDefault" | "reviewBeforeClosing">>;
  /** The exchange's state computed from the mail (a [FIN] one of `ownAddresses` really sent closes it). */
  state(message: MessageHeader, patient: ConversationPatient, ownAddresses: readonly string[], now: number): Promise<ConversationState>;
  /**
   * The date of a [FIN] to the patient from one of `ownAddresses` waiting in the Outbox (sent
   * later, or Thunderbird offline), found in the mail, so after a restart too; null when none.
   */
  waitingFin(patient: ConversationPatient, ownAddresses: readonly string[], now: number): Promise<number | null>;
  claim(headerMessageId: string, now: number): Promise<Claim | null>;
  markSent(headerMessageId: string, now: number): Promise<void>;
  /** The [FIN] waits in the Outbox (`fin`: its Message-ID): not sent yet. */
  markQueued(headerMessageId: string, now: number, fin: string): Promise<void>;
  release(headerMessageId: string): Promise<void>;
  beginReply(messageId: number, identityId: string | null): Promise<number>;
  isPlainText(tabId: number): Promise<boolean>;
  setFields(tabId: number, fields: ReplyFields): Promise<void>;
  /** Tells the compose side the options of this message were chosen (no defaults re-applied). */
  settleOptions(tabId: number): Promise<void>;
  /**
   * Sends as Thunderbird's Send button does (now; offline, into the Outbox; through the Outbox
   * when Thunderbird sends in the background), and rejects when nothing went — a send the
   * server refused included (`sendConfirmed`).
   */
  send(tabId: number): Promise<SendResult>;
  focus(tabId: number): Promise<void>;
  tell(id: string, text: Message): Promise<void>;
  now(): number;
}

export const realCloseDeps: CloseDeps = {
  identities: listIdentities,
  settings: async () => (await loadSettings()).values,
  state: (message, patient, ownAddresses, now) => exchangeStateOf(message, patient, { ownAddresses, now }),
  waitingFin: async (patient, ownAddresses, now) => waitingSince(await closingCandidatesTo(patient.address), patient.address, ownAddresses, now),
  claim: claimClosing,
  markSent: markClosingSent,
  markQueued: markClosingQueued,
  release: releaseClosing,
  beginReply: beginReplyToSender,
  isPlainText,
  setFields: setReplyFields,
  settleOptions: async (tabId) => {
    await updateTabState(tabId, { optionsSettled: true });
  },
  send: (tabId) => sendConfirmed(tabId),
  focus: focusTab,
  tell: (id, text) => notify(id, text),
  now: () => Date.now(),
};

export type CloseOutcome =
  | { readonly outcome: "sent"; readonly composeTabId: number; readonly sentMessageId: string }
  | { readonly outcome: "review"; readonly composeTabId: number }
  /**
   * Thunderbird is offline (or sends in the background): the [FIN] waits in the Outbox; the
   * exchange is not closed until it leaves.
   */
  | { readonly outcome: "queued"; readonly composeTabId: number; readonly queuedMessageId: string }
  | { readonly outcome: "not-closable"; readonly reason: string }
  | { readonly outcome: "duplicate"; readonly claim: Claim }
  | { readonly outcome: "already-closed"; readonly on: number }
  | { readonly outcome: "not-started"; readonly error: string }
  | { readonly outcome: "send-failed"; readonly composeTabId: number; readonly error: string };

const NOTIFICATION_ID = "close-conversation";

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface CloseOptions {
  /**
   * The [FIN] goes even when the mail says the exchange is already closed: the message it
   * answers has just left (sent later), maybe after an earlier [FIN] — its Date header is
   * when it was queued, so the state cannot tell. A second [FIN] is harmless; a patient
   * able to reply while the user believes the exchange closed is not. The claim still
   * stops a second [FIN] for the same message.
   */
  readonly evenIfClosed?: boolean;
}

export async function closeConversation(message: MessageHeader, deps: CloseDeps = realCloseDeps, options: CloseOptions = {}): Promise<CloseOutcome> {
  const identities = await deps.identities();
  const ownAddresses = identities.map((identity) => identity.email);
  const lookup = conversationPatient(message, ownAddresses);
  if (!lookup.ok) {
    await deps.tell(NOTIFICATION_ID, notClosableText(lookup.reason));
    return { outcome: "not-closable", reason: lookup.reason };
  }
  const { patient } = lookup;
  // After a restart the session's claims are gone: the mail itself says the exchange is closed.
  const state: ConversationState =
    options.evenIfClosed === true ? { state: "open" } : await deps.state(message, patient, ownAddresses, deps.now()).catch((): ConversationState => ({ state: "open" }));
  if (state.state === "closed") {
    await deps.tell(NOTIFICATION_ID, alreadyClosedText(patient.name, state.on, offsetAt(state.on), uiLocale()));
    return { outcome: "already-closed", on: state.on };
  }
  // A [FIN] already waiting in the Outbox (sent later, or queued offline before a restart,
  // when the session's claims are gone): another close would only queue a second one. This
  // holds for a close after sending too: that [FIN] leaves after its message and closes it.
  const since = await deps.waitingFin(patient, ownAddresses, deps.now()).catch(() => null);
  if (since !== null) {
    await deps.tell(NOTIFICATION_ID, alreadyClosingText(patient.name));
    return { outcome: "duplicate", claim: { status: "queued", at: since } };
  }
  const claimKey = claimKeyOf(message);
  const existing = await deps.claim(claimKey, deps.now());
  if (existing !== null) {
    await deps.tell(NOTIFICATION_ID, alreadyClosingText(patient.name));
    return { outcome: "duplicate", claim: existing };
  }

  let composeTabId: number;
  let review: boolean;
  try {
    const settings = await deps.settings();
    review = settings.reviewBeforeClosing;
    const reply = buildClosingReply({
      patient,
      template: settings.closingTemplate,
      readReceiptDefault: settings.readReceiptDefault,
      inReplyTo: message.headerMessageId,
      references: [],
    });
    const identity = closingIdentity(message, patient.direction, identities);
    composeTabId = await deps.beginReply(message.id, identity?.id ?? null);
    const plain = await deps.isPlainText(composeTabId);
    await deps.setFields(composeTabId, {
      to: reply.to,
      cc: reply.cc,
      bcc: reply.bcc,
      subject: reply.subject,
      returnReceipt: reply.returnReceipt,
      ...(plain ? { plainTextBody: reply.text } : { body: textToHtml(reply.text) }),
    });
    await deps.settleOptions(composeTabId);
  } catch (error) {
    // A compose window may be open, half-filled: it stays, nothing was sent.
    await deps.release(claimKey);
    await deps.tell(NOTIFICATION_ID, closeNotStartedText(errorText(error)));
    return { outcome: "not-started", error: errorText(error) };
  }

  if (review) {
    // The user sends (or not) from the compose window; another click may prepare another.
    await deps.release(claimKey);
    await deps.focus(composeTabId).catch(() => undefined);
    await deps.tell(NOTIFICATION_ID, reviewText(patient.name));
    return { outcome: "review", composeTabId };
  }

  let result: SendResult;
  try {
    // A send the server refused is a failure here too, never a close (`sendConfirmed`).
    result = await deps.send(composeTabId);
  } catch (error) {
    // The compose window stays open with the message: nothing is lost, the user may send it.
    await deps.release(claimKey);
    await deps.focus(composeTabId).catch(() => undefined);
    await deps.tell(NOTIFICATION_ID, closeFailedText(patient.name, errorText(error)));
    return { outcome: "send-failed", composeTabId, error: errorText(error) };
  }
  if (result.queued) {
    // Nothing has left: the claim says so (the banner, the exchanges view and another click
    // see a [FIN] waiting, never a closed exchange) until the [FIN] leaves the Outbox
    // (`queued-closes.ts`). Without its Message-ID it cannot be followed: a claim kept
    // "preparing" still stops a second [FIN] in this session.
    // Sent in the background, Thunderbird says neither its Message-ID nor when it left: the
    // mail says it (the [FIN] waiting in the Outbox, then filed as sent).
    if (result.headerMessageId !== "") await deps.markQueued(claimKey, deps.now(), result.headerMessageId);
    await deps.tell(NOTIFICATION_ID, result.background === true ? closeBackgroundText(patient.name) : closeQueuedText(patient.name));
    return { outcome: "queued", composeTabId, queuedMessageId: result.headerMessageId };
  }
  await deps.markSent(claimKey, deps.now());
  await deps.tell(NOTIFICATION_ID, closedText(patient.name));
  return { outcome: "sent", composeTabId, sentMessageId: result.headerMessageId };
}
