/**
 * "Close after sending" (compose popup): the message leaves first; once Thunderbird says
 * it was sent, the [FIN] to its patient follows, as a reply to the sent copy — two
 * messages, in that order. Nothing is sent when the first one failed, or was itself the
 * [FIN]; a message to several patients is not closed (and the user is told, as for the button).
 *
 * With "Send Later" the message only went to the Outbox: the close waits (`pending-close.ts`)
 * and the [FIN] follows once the message has really been sent, never before it nor alone.
 */
import type { AfterSend } from "../../adapters/compose.js";
import { findSentCopy } from "./sent-copies.js";
import { rememberPendingClose, type PendingClose } from "./pending-closes.js";
import { rememberAnsweredSend } from "./answered-sends.js";
import { getTabState, SEND_NOTES_BUT_NO_CLOSE, updateTabState } from "../compose/session-state.js";
import { oneAtATime, takeCloseNow } from "./close-hand-off.js";
import { FIN_SUBJECT } from "../../core/compose/index.js";
import {
  bareId,
  bracketId,
  closeNotStartedText,
  noSentCopyReason,
  closingSendMode,
  conversationPatient,
  notClosableText,
  pendingCloseText,
  sendAnswer,
  type SendMode,
} from "../../core/conversation/index.js";
import { closeConversation, realCloseDeps, type CloseDeps, type CloseOutcome } from "./close.js";

export type AfterSendOutcome =
  | CloseOutcome
  | { readonly outcome: "not-asked" }
  | { readonly outcome: "send-failed-first" }
  /** Answered "sent now" without a Message-ID: the server refused it; the close stays asked for the next send. */
  | { readonly outcome: "not-sent" }
  | { readonly outcome: "was-fin" }
  | { readonly outcome: "pending"; readonly pending: PendingClose };

export async function closeAfterSend(
  tabId: number,
  info: AfterSend,
  deps: CloseDeps = realCloseDeps,
  findCopy: (headerMessageId: string) => ReturnType<typeof findSentCopy> = findSentCopy,
  remember: (pending: PendingClose) => Promise<void> = rememberPendingClose,
): Promise<AfterSendOutcome> {
  // Handed in at once (before anything is awaited), so that the closing of the window, looking
  // after this answer started, finds it done (close-hand-off.ts).
  const taken = await oneAtATime(() => takeOnAnswer(tabId, info));
  if (!("sendMode" in taken)) return taken;
  const { sendMode, wasFin } = taken;
  const copy = info.copies[0] ?? (info.headerMessageId === null ? null : await findCopy(info.headerMessageId));
  // No copy to read: the guard's note says whether what left was the [FIN] itself (nothing to follow).
  if (copy === null && wasFin) return { outcome: "was-fin" };
  if (copy === null) {
    await deps.tell("close-conversation", closeNotStartedText(noSentCopyReason()));
    return { outcome: "not-started", error: "no saved copy" };
  }
  if (copy.subject === FIN_SUBJECT) return { outcome: "was-fin" };
  if (sendMode === "sendNow") return closeConversation(copy, deps);

  // Sent later: only the Message-ID and the patient's address are kept, until it leaves.
  const lookup = conversationPatient(copy, (await deps.identities()).map((identity) => identity.email));
  if (!lookup.ok) {
    await deps.tell("close-conversation", notClosableText(lookup.reason));
    return { outcome: "not-closable", reason: lookup.reason };
  }
  const pending: PendingClose = { headerMessageId: bareId(bracketId(copy.headerMessageId)), patientAddress: lookup.patient.address };
  await remember(pending);
  await deps.tell("close-conversation", pendingCloseText(lookup.patient.name));
  return { outcome: "pending", pending };
}

/**
 * The answer's step, one at a time with the closing of the window: forgets the guard's notes,
 * notes the Message-ID answered, and takes the close when the message went.
 */
async function takeOnAnswer(
  tabId: number,
  info: AfterSend,
): Promise<AfterSendOutcome | { readonly sendMode: SendMode; readonly wasFin: boolean }> {
  // Answered: whatever became of it, this send was not one in the background (those are never
  // answered), so its notes must not make the window's closing look like one
  // (close-after-background-send.ts). Forgotten first, once read whether the guard saw the
  // message leave as the [FIN] itself (told when no copy can be read).
  await updateTabState(tabId, SEND_NOTES_BUT_NO_CLOSE);
  const wasFin = (await getTabState(tabId)).sentNoClose === "fin";
  await updateTabState(tabId, { sentNoClose: undefined });
  // Whatever this window asked, the message it sent is never another window's send in the
  // background: remembered a short while, in session memory, for their closing
  // (answered-sends.ts). (A draft or template saved is no send: its Message-ID is not noted.)
  const answer = sendAnswer(info.mode, info.error, info.headerMessageId, info.copies.length);
  if (answer === "sent") {
    const ids = [info.headerMessageId ?? "", ...info.copies.map((copy) => copy.headerMessageId)];
    await rememberAnsweredSend(ids).catch((error: unknown) => {
      console.error("MSSanté Patient: noting an answered send failed", error);
    });
  }
  const state = await getTabState(tabId);
  if (state.closeAfterSend !== true) return { outcome: "not-asked" };
  const sendMode = closingSendMode(info.mode);
  if (answer === "failed" || sendMode === null) return { outcome: "send-failed-first" };
  // Refused by the server: Thunderbird gives the Message-ID of a message that went before it
  // ends the send, so none means none went. The message stays in its window (Thunderbird's
  // alert says why); the close stays asked for its next send, and nothing more is said.
  if (answer === "unconfirmed") return { outcome: "not-sent" };
  return (await takeCloseNow(tabId)) === null ? { outcome: "not-asked" } : { sendMode, wasFin };
}
