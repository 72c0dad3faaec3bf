/**
 * The [FIN] that waits for a message sent later ("close after sending" with Send Later):
 * whenever messages leave a folder (Thunderbird removes a message from the Outbox once it
 * has sent it) and when Thunderbird starts, each waiting close is looked at again: its
 * message filed as sent → the [FIN] follows now, in reply to that sent copy; still in the
 * Outbox → it keeps waiting; gone without being sent → no [FIN], the user is told. A close
 * is forgotten before its [FIN] is sent, so that it is sent once. A close that has waited
 * more than `PENDING_CLOSE_MAX_DAYS` days is given up (the patient's address it keeps is
 * erased), and the user told once; one stored without a date is counted from when it is
 * first seen. This runs before each look, and when the background page starts or wakes.
 * A message sent later may leave after a [FIN] (another message's, or one the user sent
 * meanwhile) while its Date header says when it was queued: its [FIN] is never skipped as
 * "already closed".
 */
import { copiesOf, type StoredCopy } from "./sent-copies.js";
import { forgetPendingClose, pendingCloses, rememberPendingClose, type PendingClose, type StoredPendingClose } from "./pending-closes.js";
import {
  PENDING_CLOSE_MAX_DAYS,
  pendingCloseDated,
  pendingCloseExpired,
  pendingCloseStep,
  pendingDroppedText,
  pendingExpiredText,
} from "../../core/conversation/index.js";
import type { Message } from "../../core/i18n/text.js";
import { closeConversation, realCloseDeps, type CloseDeps, type CloseOutcome } from "./close.js";

export interface PendingDeps {
  list(): Promise<StoredPendingClose[]>;
  forget(headerMessageId: string): Promise<void>;
  copies(headerMessageId: string): Promise<StoredCopy[]>;
  /** Waits a moment before looking again (a sent copy may take a moment to be filed). */
  pause(): Promise<void>;
  /** How many more times to look for a copy that is neither sent nor waiting, before giving up. */
  readonly retries: number;
}

const realPendingDeps: PendingDeps = {
  list: pendingCloses,
  forget: forgetPendingClose,
  copies: copiesOf,
  pause: () =>
    new Promise((resolve) => {
      setTimeout(resolve, 1_000);
    }),
  retries: 10,
};

export interface ExpiryDeps {
  list(): Promise<StoredPendingClose[]>;
  forget(headerMessageId: string): Promise<void>;
  /** Stores the close again, dated `since`. */
  date(pending: PendingClose, since: Date): Promise<void>;
  tell(text: Message): Promise<void>;
  now(): Date;
}

export const realExpiryDeps: ExpiryDeps = {
  list: pendingCloses,
  forget: forgetPendingClose,
  date: rememberPendingClose,
  tell: (text) => realCloseDeps.tell("close-conversation", text),
  now: () => new Date(),
};

export type PendingOutcome =
  | { readonly headerMessageId: string; readonly outcome: "waiting" }
  | { readonly headerMessageId: string; readonly outcome: "dropped" }
  | { readonly headerMessageId: string; readonly outcome: "closed"; readonly close: CloseOutcome };

/** Runs one look at a time: two events close together must not send two [FIN]. */
let queue: Promise<unknown> = Promise.resolve();

function queued<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

export function settlePendingCloses(
  deps: PendingDeps = realPendingDeps,
  closeDeps: CloseDeps = realCloseDeps,
  expiryDeps: ExpiryDeps = realExpiryDeps,
): Promise<PendingOutcome[]> {
  return queued(async () => {
    await expire(expiryDeps);
    return settle(deps, closeDeps);
  });
}

/**
 * Looks again at each waiting close without giving any up: at start-up, where the event
 * page's own start has just given up those that waited too long (`expirePendingCloses`).
 */
export function settlePendingClosesAtStartup(deps: PendingDeps = realPendingDeps, closeDeps: CloseDeps = realCloseDeps): Promise<PendingOutcome[]> {
  return queued(() => settle(deps, closeDeps));
}

/**
 * Gives up the closes that have waited too long (the user told once, naming no patient) and
 * dates those stored without a date. The Message-IDs given up.
 */
export function expirePendingCloses(deps: ExpiryDeps = realExpiryDeps): Promise<string[]> {
  return queued(() => expire(deps));
}

async function expire(deps: ExpiryDeps): Promise<string[]> {
  const now = deps.now();
  const dropped: string[] = [];
  for (const pending of await deps.list()) {
    if (!pendingCloseDated(pending.since, now)) {
      await deps.date(pending, now);
      continue;
    }
    if (!pendingCloseExpired(pending.since, now)) continue;
    await deps.forget(pending.headerMessageId);
    dropped.push(pending.headerMessageId);
  }
  if (dropped.length > 0) await deps.tell(pendingExpiredText(dropped.length, PENDING_CLOSE_MAX_DAYS));
  return dropped;
}

async function settle(deps: PendingDeps, closeDeps: CloseDeps): Promise<PendingOutcome[]> {
  const out: PendingOutcome[] = [];
  for (const pending of await deps.list()) {
    let copies = await deps.copies(pending.headerMessageId);
    let step = pendingCloseStep(copies.map((c) => c.folderUses));
    for (let tries = 0; step.step === "drop" && tries < deps.retries; tries++) {
      await deps.pause();
      copies = await deps.copies(pending.headerMessageId);
      step = pendingCloseStep(copies.map((c) => c.folderUses));
    }
    if (step.step === "wait") {
      out.push({ headerMessageId: pending.headerMessageId, outcome: "waiting" });
      continue;
    }
    await deps.forget(pending.headerMessageId);
    const sent = step.step === "send" ? copies[step.copy] : undefined;
    if (sent === undefined) {
      await closeDeps.tell("close-conversation", pendingDroppedText(""));
      out.push({ headerMessageId: pending.headerMessageId, outcome: "dropped" });
      continue;
    }
    out.push({ headerMessageId: pending.headerMessageId, outcome: "closed", close: await closeConversation(sent.message, closeDeps, { evenIfClosed: true }) });
  }
  return out;
}
