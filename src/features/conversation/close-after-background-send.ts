/**
 * "Close after sending" when Thunderbird sends in the background (its "send in background"
 * setting): the message goes to the Outbox and leaves from there, its compose window closes,
 * and Thunderbird never says it was sent (no `onAfterSend`), nor its Message-ID. When the
 * compose window of a message to be closed after sending closes without that answer, the
 * message is looked for in the mail (in the Outbox, or already filed as sent: its exact
 * subject, to its patient, dated from the send on) and the close waits for it as for a
 * message sent later (`pending-close.ts`): the [FIN] follows once it is filed as sent, never
 * before it, nor alone. Not found: no [FIN], and the user is told. Only a window that closes
 * soon after the send was let go is taken for it (Thunderbird closes it as soon as the message
 * is in the Outbox); an answered send left no notes (`close-after-send.ts`).
 */
import { abortList, queryMessages } from "../../adapters/messages.js";
import {
  backgroundSendNotFoundReason,
  closedBySendInBackground,
  closeNotStartedText,
  notClosableText,
  pendingCloseText,
  sendNotKnownText,
  sentInBackground,
  SENT_DATE_SLACK_MS,
} from "../../core/conversation/index.js";
import type { Message } from "../../core/i18n/text.js";
import { getTabState, updateTabState } from "../compose/session-state.js";
import { folderUsesOf, toMillis } from "./closing-messages.js";
import { realCloseDeps } from "./close.js";
import { settlePendingCloses } from "./pending-close.js";
import { rememberPendingClose, type PendingClose } from "./pending-closes.js";

export interface BackgroundCloseDeps {
  /** Waits the moment Thunderbird takes to answer a send as it closes its window. */
  pause(): Promise<void>;
  /** The Message-ID of the message sent to `address` with `subject` at `sentAt`, in the Outbox or sent; null when not found. */
  find(address: string, subject: string, sentAt: number): Promise<string | null>;
  remember(pending: PendingClose): Promise<void>;
  /** Looks at the waiting closes now (the message may have left already). */
  settle(): Promise<unknown>;
  tell(text: Message): Promise<void>;
  /** The time now: when the compose window closed. */
  now(): number;
}

const wait = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/** Looks in the mail a few times (the message is moved from the Outbox to Sent as it leaves). */
async function findSent(address: string, subject: string, sentAt: number): Promise<string | null> {
  for (let tries = 0; tries < 5; tries++) {
    if (tries > 0) await wait(1_000);
    const page = await queryMessages({ subject, recipients: address });
    if (page === null) return null;
    if (page.next !== null) await abortList(page.next);
    const candidates = await Promise.all(
      page.headers
        .filter((m) => toMillis(m.date) >= sentAt - SENT_DATE_SLACK_MS)
        .map(async (m) => ({ headerMessageId: m.headerMessageId, subject: m.subject, date: toMillis(m.date), folderUses: await folderUsesOf(m.folder) })),
    );
    const found = sentInBackground(candidates, subject, sentAt);
    if (found !== null) return found;
  }
  return null;
}

const realDeps: BackgroundCloseDeps = {
  pause: () => wait(3_000),
  find: findSent,
  remember: (pending) => rememberPendingClose(pending),
  settle: () => settlePendingCloses(),
  tell: (text) => realCloseDeps.tell("close-conversation", text),
  now: () => Date.now(),
};

export type BackgroundCloseOutcome = "not-asked" | "answered" | "not-known" | "pending" | "not-found" | "several-patients";

/** Called as a compose tab closes, before its session memory is forgotten. */
export async function closeAfterBackgroundSend(tabId: number, deps: BackgroundCloseDeps = realDeps): Promise<BackgroundCloseOutcome> {
  const closedAt = deps.now();
  const state = await getTabState(tabId);
  const { sentAt, sentSubject, sentTo } = state;
  const several = state.sentToSeveral === true;
  if (state.closeAfterSend !== true || sentAt === undefined) return "not-asked";
  if (!several && (sentSubject === undefined || sentTo === undefined)) return "not-asked";
  if (!closedBySendInBackground(sentAt, closedAt)) {
    // The window stayed open long after the send was let go (refused without a word to the
    // add-on, or stopped after the guard) and the user closed it: not a send in the
    // background. Maybe it never went, maybe it did: no search, no [FIN], and said so plainly.
    await updateTabState(tabId, { closeAfterSend: undefined, sentAt: undefined, sentSubject: undefined, sentTo: undefined, sentToSeveral: undefined });
    await deps.tell(sendNotKnownText());
    return "not-known";
  }
  await deps.pause();
  // Answered meanwhile (`onAfterSend`): the close after sending took it (`close-after-send.ts`).
  if ((await getTabState(tabId)).closeAfterSend !== true) return "answered";
  await updateTabState(tabId, { closeAfterSend: undefined });
  if (several || sentSubject === undefined || sentTo === undefined) {
    // As when Thunderbird answers: a message to several patients closes no exchange.
    await deps.tell(notClosableText("several-patients"));
    return "several-patients";
  }
  // A search that fails (a damaged folder) is said as a message not found: no [FIN], and
  // the user knows the exchange is not closed.
  const found = await deps.find(sentTo, sentSubject, sentAt).catch(() => null);
  if (found === null) {
    await deps.tell(closeNotStartedText(backgroundSendNotFoundReason()));
    return "not-found";
  }
  await deps.remember({ headerMessageId: found.replace(/^<|>$/g, ""), patientAddress: sentTo });
  await deps.tell(pendingCloseText(""));
  await deps.settle();
  return "pending";
}
