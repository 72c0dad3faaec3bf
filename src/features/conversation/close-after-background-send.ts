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
 * left no notes (`close-after-send.ts`). A message that was itself the [FIN] is never looked for
 * and nothing follows it; one to no patient, or to several, closes nothing and the user is told
 * so. Not found, or two as near: no [FIN], and the user is told the add-on cannot know whether
 * the message went. A window closed without its message sent (a draft, given up, refused): the
 * user is told no [FIN] will follow it. Thunderbird's answer may still come while all this
 * runs: the close is handed over (`close-hand-off.ts`), taken here only to conclude, after the
 * pause and after the search; taken by the answer first, nothing is done or said here.
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
import { NO_SEND_NOTES, updateTabState } from "../compose/session-state.js";
import { FIN_SUBJECT } from "../../core/compose/index.js";
import { oneAtATime, readCloseState, takeClose, takeCloseNow } from "./close-hand-off.js";
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

export type BackgroundCloseOutcome = "not-asked" | "dropped" | "answered" | "not-known" | "pending" | "was-fin" | "not-patient" | "several-patients";

/** Called as a compose tab closes, before its session memory is forgotten. */
export async function closeAfterBackgroundSend(tabId: number, deps: BackgroundCloseDeps = realDeps): Promise<BackgroundCloseOutcome> {
  const closedAt = deps.now();
  const before = await readCloseState(tabId);
  if (before.closeAfterSend !== true) return "not-asked";
  // Thunderbird answers a send as it closes its window (`onAfterSend`): nothing is concluded
  // before that answer had its moment. Answered meanwhile, the close after sending took it
  // (`close-after-send.ts`), or the answer forgot the notes of a send that did not go.
  await deps.pause();
  const state = await readCloseState(tabId);
  const { sentAt, sentSubject, sentTo } = state;
  if (state.closeAfterSend !== true) return "answered";
  if (sentAt === undefined || sentAt !== before.sentAt) return drop(tabId, deps);
  if (state.sentNoClose === "fin" || sentSubject === FIN_SUBJECT) {
    // The message was itself the [FIN]: no [FIN] follows it, and nothing more is said (as when
    // Thunderbird answers). Never looked for: the search would find the [FIN] itself.
    return conclude(tabId, sentAt, deps, null, "was-fin");
  }
  if (state.sentNoClose === "not-patient") {
    // To no patient (a colleague): whether or not it went, no exchange is closed after it; said
    // as when Thunderbird answers, never « not sent ».
    return conclude(tabId, sentAt, deps, notClosableText("not-patient"), "not-patient");
  }
  const several = state.sentNoClose === "several-patients";
  if (!several && (sentSubject === undefined || sentTo === undefined)) return drop(tabId, deps);
  if (!closedBySendInBackground(sentAt, closedAt, state.sentBytes ?? 0)) {
    // The window stayed open after the send was let go (refused without a word to the add-on,
    // or stopped after the guard) and the user closed it: not a send in the background. Maybe
    // it never went, maybe it did: no search, no [FIN], and said so plainly.
    return conclude(tabId, sentAt, deps, sendNotKnownText(), "not-known");
  }
  if (several || sentSubject === undefined || sentTo === undefined) {
    // As when Thunderbird answers: a message to several patients closes no exchange.
    return conclude(tabId, sentAt, deps, notClosableText("several-patients"), "several-patients");
  }
  // The close stays asked while the message is looked for: an answer arriving meanwhile takes it.
  const found = await deps.find(sentTo, sentSubject, sentAt).catch(() => null);
  const mine = await oneAtATime(() => takeFound(tabId, sentAt, found, deps.now()));
  if (mine.outcome === "dropped") return dropTaken(tabId, deps);
  if (mine.outcome !== "found") {
    if (mine.outcome === "not-known") await deps.tell(sendNotKnownText());
    return mine.outcome;
  }
  await deps.remember({ headerMessageId: bareId(mine.headerMessageId), patientAddress: sentTo });
  await deps.tell(pendingCloseText(""));
  await deps.settle();
  return "pending";
}

type Taken = { readonly outcome: "answered" | "dropped" | "not-known" } | { readonly outcome: "found"; readonly headerMessageId: string };

/**
 * The step that ends the search: takes the close, unless an answer took it meanwhile; when the
 * answer forgot the notes instead, the message did not go. Not found — or a message Thunderbird
 * answered for another window (never this one: its answer would have taken the close), or a
 * failed search: maybe the message went, maybe it was stopped after the guard and its window
 * closed at once. No [FIN], and said plainly: the add-on cannot know whether it was sent
 * (never « sent in the background », which may be false).
 */
async function takeFound(tabId: number, sentAt: number, found: string | null, now: number): Promise<Taken> {
  const taken = await takeCloseNow(tabId);
  if (taken === null) return { outcome: "answered" };
  if (taken.sentAt !== sentAt) return { outcome: "dropped" };
  if (found === null || (await wasAnswered(found, now))) return { outcome: "not-known" };
  return { outcome: "found", headerMessageId: found };
}

/**
 * Takes the close to say `text` of it (nothing when null): unless an answer took it meanwhile
 * ("answered"), or forgot the notes of a send that did not go (the window closed without its
 * message sent).
 */
async function conclude(
  tabId: number,
  sentAt: number,
  deps: BackgroundCloseDeps,
  text: Message | null,
  outcome: BackgroundCloseOutcome,
): Promise<BackgroundCloseOutcome> {
  const taken = await takeClose(tabId);
  if (taken === null) return "answered";
  if (taken.sentAt !== sentAt) return dropTaken(tabId, deps);
  await updateTabState(tabId, NO_SEND_NOTES);
  if (text !== null) await deps.tell(text);
  return outcome;
}

/**
 * The box ticked, but the window closed without a send let go (saved as a draft, given up,
 * blocked by the guard, or closed after a refusal): the close is not kept with a draft; if the
 * message is sent later, no [FIN] follows it; said so. (Unless an answer took it meanwhile.)
 */
async function drop(tabId: number, deps: BackgroundCloseDeps): Promise<BackgroundCloseOutcome> {
  return (await takeClose(tabId)) === null ? "answered" : dropTaken(tabId, deps);
}

async function dropTaken(tabId: number, deps: BackgroundCloseDeps): Promise<BackgroundCloseOutcome> {
  await updateTabState(tabId, NO_SEND_NOTES);
  await deps.tell(closeDroppedText());
  return "dropped";
}
