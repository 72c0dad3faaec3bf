/**
 * "Close after sending" (compose popup): the message leaves first; once Thunderbird says
 * it was sent, the [FIN] to its patient follows, as a reply to the sent copy — two
 * messages, in that order. With "Send Later" the message only went to the Outbox: the
 * [FIN] is then put in the Outbox too, right behind it (a reply to the Outbox copy), and
 * leaves when Thunderbird sends the Outbox, after it — never before it, never on its own
 * while the message waits. Nothing is kept by the add-on: the Outbox holds both across a
 * restart. Nothing is sent when the first one failed, or was itself the [FIN]; a message to
 * several patients is not closed (and the user is told, as for the button).
 */
import { findSentCopy, type AfterSend } from "../../adapters/after-send.js";
import { getTabState, updateTabState } from "../../adapters/session-state.js";
import { FIN_SUBJECT } from "../../core/compose/index.js";
import { closeNotStartedText, closingSendMode } from "../../core/conversation/index.js";
import { closeConversation, realCloseDeps, type CloseDeps, type CloseOutcome } from "./close.js";

export type AfterSendOutcome = CloseOutcome | { readonly outcome: "not-asked" } | { readonly outcome: "send-failed-first" } | { readonly outcome: "was-fin" };

export async function closeAfterSend(
  tabId: number,
  info: AfterSend,
  deps: CloseDeps = realCloseDeps,
  findCopy: (headerMessageId: string) => ReturnType<typeof findSentCopy> = findSentCopy,
): Promise<AfterSendOutcome> {
  const state = await getTabState(tabId);
  if (state.closeAfterSend !== true) return { outcome: "not-asked" };
  const sendMode = closingSendMode(info.mode);
  if (info.error !== null || sendMode === null) return { outcome: "send-failed-first" };
  await updateTabState(tabId, { closeAfterSend: undefined });
  const copy = info.copies[0] ?? (info.headerMessageId === null ? null : await findCopy(info.headerMessageId));
  if (copy === null) {
    await deps.tell("close-conversation", closeNotStartedText("no saved copy of the sent message"));
    return { outcome: "not-started", error: "no saved copy" };
  }
  if (copy.subject === FIN_SUBJECT) return { outcome: "was-fin" };
  return closeConversation(copy, deps, { sendMode });
}
