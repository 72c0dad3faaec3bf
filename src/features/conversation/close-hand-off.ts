/**
 * Who takes a compose tab's « Clore après l'envoi »: Thunderbird's answer to its send
 * (`close-after-send.ts`) or the closing of its window after a send in the background
 * (`close-after-background-send.ts`). Both may run at once, in any order, in the background
 * page. The close asked (`closeAfterSend` in the tab's session memory) is the claim: a path
 * takes it by forgetting it, read and forgotten in one step, so that of the two only one finds
 * it still asked: one [FIN] at most for a send, and none left to the other when one took it.
 *
 * The steps of both paths that read or change what an answer changes (the guard's notes, the
 * close asked) run one at a time in this page (the one page where both run, so one queue in its
 * memory is enough): an answer is never seen half done. The background close keeps the close
 * asked while it waits and searches, so that an answer arriving meanwhile can still take it.
 */
import { getTabState, updateTabState, type TabState } from "../compose/session-state.js";

/** Runs one step at a time within this page. */
let queue: Promise<unknown> = Promise.resolve();

/** Runs `step` once every step handed in before it has ended, alone (never nest them). */
export function oneAtATime<T>(step: () => Promise<T>): Promise<T> {
  const run = queue.then(step, step);
  queue = run.catch(() => undefined);
  return run;
}

/** The tab's state, read between two steps (never half way through an answer). */
export function readCloseState(tabId: number): Promise<TabState> {
  return oneAtATime(() => getTabState(tabId));
}

/**
 * Takes the tab's close when it is still asked: forgets it and gives the state it was taken
 * with (the guard's notes as they were then); null when it was no longer asked (taken already,
 * or unticked). Only inside a step of `oneAtATime`.
 */
export async function takeCloseNow(tabId: number): Promise<TabState | null> {
  const state = await getTabState(tabId);
  if (state.closeAfterSend !== true) return null;
  await updateTabState(tabId, { closeAfterSend: undefined });
  return state;
}

/** `takeCloseNow` as a step of its own. */
export function takeClose(tabId: number): Promise<TabState | null> {
  return oneAtATime(() => takeCloseNow(tabId));
}
