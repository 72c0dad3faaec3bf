/**
 * A [FIN] put in the Outbox because Thunderbird was offline ("Clore l'échange" from the
 * banner, the header button, the menu, the shortcut or the exchanges view): whenever
 * messages leave a folder (Thunderbird removes a message from the Outbox once it has sent
 * it), each waiting [FIN] is looked for again: filed as sent → the claim becomes `sent` (the
 * banners on screen then say closed); still in the Outbox → it keeps waiting; gone without a
 * sent copy (the user deleted it, or it was sent without any copy kept) → the claim is
 * released, so nothing says closed when no [FIN] is known to have gone.
 */
import { FIN_SUBJECT } from "../../core/compose/index.js";
import { pendingCloseStep } from "../../core/conversation/index.js";
import { queuedClosings, settleQueuedClosing } from "./closing-claims.js";
import { copiesOf, type StoredCopy } from "./sent-copies.js";

export interface QueuedDeps {
  list(): Promise<readonly { readonly headerMessageId: string; readonly fin: string }[]>;
  copies(headerMessageId: string): Promise<readonly Pick<StoredCopy, "folderUses">[]>;
  settle(headerMessageId: string, fin: string, sent: boolean, now: number): Promise<void>;
  /** Waits a moment before looking again (a sent copy may take a moment to be filed). */
  pause(): Promise<void>;
  /** How many more times to look for a [FIN] that is neither sent nor waiting, before giving up. */
  readonly retries: number;
  now(): number;
}

const realQueuedDeps: QueuedDeps = {
  list: queuedClosings,
  copies: copiesOf,
  settle: settleQueuedClosing,
  pause: () =>
    new Promise((resolve) => {
      setTimeout(resolve, 1_000);
    }),
  retries: 10,
  now: () => Date.now(),
};

export type QueuedOutcome = "sent" | "waiting" | "dropped";

/** Runs one look at a time. */
let queue: Promise<unknown> = Promise.resolve();

export function settleQueuedCloses(deps: QueuedDeps = realQueuedDeps): Promise<Map<string, QueuedOutcome>> {
  const run = queue.then(
    () => settle(deps),
    () => settle(deps),
  );
  queue = run.catch(() => undefined);
  return run;
}

async function settle(deps: QueuedDeps): Promise<Map<string, QueuedOutcome>> {
  const out = new Map<string, QueuedOutcome>();
  for (const { headerMessageId, fin } of await deps.list()) {
    const look = async (): Promise<ReturnType<typeof pendingCloseStep>> => pendingCloseStep((await deps.copies(fin)).map((c) => c.folderUses));
    let step = await look();
    for (let tries = 0; step.step === "drop" && tries < deps.retries; tries++) {
      await deps.pause();
      step = await look();
    }
    if (step.step === "wait") {
      out.set(headerMessageId, "waiting");
      continue;
    }
    const sent = step.step === "send";
    await deps.settle(headerMessageId, fin, sent, deps.now());
    out.set(headerMessageId, sent ? "sent" : "dropped");
  }
  return out;
}

export type FollowDeps = Pick<QueuedDeps, "copies" | "pause" | "retries">;

const realFollowDeps: FollowDeps = realQueuedDeps;

/**
 * Of the messages just deleted, the [FIN] whose sent copy is filed (a [FIN] leaving the
 * Outbox: Thunderbird deletes it there once sent, and files its copy a moment later). Found
 * from the mail alone, so it holds for a [FIN] queued before a restart, or by Send Later.
 */
export async function finsNowSent(deleted: readonly { readonly headerMessageId: string; readonly subject: string }[], deps: FollowDeps = realFollowDeps): Promise<string[]> {
  const out: string[] = [];
  for (const message of deleted) {
    if (message.subject !== FIN_SUBJECT || message.headerMessageId === "") continue;
    const look = async (): Promise<ReturnType<typeof pendingCloseStep>> =>
      pendingCloseStep((await deps.copies(message.headerMessageId)).map((c) => c.folderUses));
    let step = await look();
    for (let tries = 0; step.step === "drop" && tries < deps.retries; tries++) {
      await deps.pause();
      step = await look();
    }
    if (step.step === "send") out.push(message.headerMessageId);
  }
  return out;
}
