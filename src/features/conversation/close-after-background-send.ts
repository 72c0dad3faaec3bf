/**
 * "Close after sending" when Thunderbird sends in the background (its "send in background"
 * setting): the message goes to the Outbox and leaves from there, its compose window closes,
 * and Thunderbird never says it was sent (no `onAfterSend`), nor its Message-ID. When the
 * compose window of a message to be closed after sending closes without that answer, the
 * message is looked for in the mail (in the Outbox, or already filed as sent: its exact
 * subject, to its patient, dated at the send to the second) and the close waits for it as for
 * a message sent later (`pending-close.ts`): the [FIN] follows once it is filed as sent, never
 * before it, nor alone. Only a window that closes soon after the send was let go is taken for
 * it (Thunderbird closes it as soon as the message is in the Outbox: `backgroundCloseWindow`);
 * a message Thunderbird answered is another window's (`answered-sends.ts`); an answered send
 * left no notes (`close-after-send.ts`). Not found, or two as near: no [FIN], and the user is
 * told the add-on cannot know whether the message went. A window closed without its message
 * sent (a draft, given up, refused): the user is told no [FIN] will follow it.
 */
import { abortList, queryMessages } from "../../adapters/messages.js";
import {
  bareId,
  closedBySendInBackground,
  closeDroppedText,
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
import { wasAnswered } from "./answered-sends.js";
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
    const now = Date.now();
    const mine = await Promise.all(page.headers.map(async (m) => !(await wasAnswered(m.headerMessageId, now))));
    const candidates = await Promise.all(
      page.headers
        // A message Thunderbird answered was another window's (a send in the background is never answered).
        .filter((m, i) => mine[i] === true && toMillis(m.date) >= sentAt - SENT_DATE_SLACK_MS)
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

export type BackgroundCloseOutcome = "not-asked" | "dropped" | "answered" | "not-known" | "pending" | "several-patients";

const NO_NOTES = { sentAt: undefined, sentSubject: undefined, sentTo: undefined, sentBytes: undefined, sentToSeveral: undefined } as const;

/** Called as a compose tab closes, before its session memory is forgotten. */
export async function closeAfterBackgroundSend(tabId: number, deps: BackgroundCloseDeps = realDeps): Promise<BackgroundCloseOutcome> {
  const closedAt = deps.now();
  const state = await getTabState(tabId);
  const { sentAt, sentSubject, sentTo } = state;
  const several = state.sentToSeveral === true;
  if (state.closeAfterSend !== true) return "not-asked";
  if (sentAt === undefined) return dropIfStillAsked(tabId, deps);
  if (!several && (sentSubject === undefined || sentTo === undefined)) return dropIfStillAsked(tabId, deps);
  if (!closedBySendInBackground(sentAt, closedAt, state.sentBytes ?? 0)) {
    // The window stayed open after the send was let go (refused without a word to the add-on,
    // or stopped after the guard) and the user closed it: not a send in the background. Maybe
    // it never went, maybe it did: no search, no [FIN], and said so plainly.
    await updateTabState(tabId, { closeAfterSend: undefined, ...NO_NOTES });
    await deps.tell(sendNotKnownText());
    return "not-known";
  }
  await deps.pause();
  const after = await getTabState(tabId);
  // Answered meanwhile (`onAfterSend`): the close after sending took it (`close-after-send.ts`).
  if (after.closeAfterSend !== true) return "answered";
  // Answered meanwhile without the close being taken (refused, or not a send): the answer
  // forgot the notes; the window closed without its message sent.
  if (after.sentAt !== sentAt) return drop(tabId, deps);
  await updateTabState(tabId, { closeAfterSend: undefined });
  if (several || sentSubject === undefined || sentTo === undefined) {
    // As when Thunderbird answers: a message to several patients closes no exchange.
    await deps.tell(notClosableText("several-patients"));
    return "several-patients";
  }
  // Not found — or a message Thunderbird answered for another window (never this one: a send in
  // the background is never answered), or a failed search: maybe the message went, maybe it was
  // stopped after the guard and its window closed at once. No [FIN], and said plainly: the
  // add-on cannot know whether it was sent (never « sent in the background », which may be false).
  const found = await deps.find(sentTo, sentSubject, sentAt).catch(() => null);
  if (found === null || (await wasAnswered(found, deps.now()))) {
    await deps.tell(sendNotKnownText());
    return "not-known";
  }
  await deps.remember({ headerMessageId: bareId(found), patientAddress: sentTo });
  await deps.tell(pendingCloseText(""));
  await deps.settle();
  return "pending";
}

/**
 * The box ticked, but the window closed without a send let go (saved as a draft, given up,
 * blocked by the guard, or closed after a refusal) — unless the answer to a send that went is
 * still on its way (Thunderbird answers as it closes the window): looked at again after the pause.
 */
async function dropIfStillAsked(tabId: number, deps: BackgroundCloseDeps): Promise<BackgroundCloseOutcome> {
  await deps.pause();
  if ((await getTabState(tabId)).closeAfterSend !== true) return "answered";
  return drop(tabId, deps);
}

/** The close is not kept with a draft: if the message is sent later, no [FIN] follows it; said so. */
async function drop(tabId: number, deps: BackgroundCloseDeps): Promise<BackgroundCloseOutcome> {
  await updateTabState(tabId, { closeAfterSend: undefined, ...NO_NOTES });
  await deps.tell(closeDroppedText());
  return "dropped";
}
