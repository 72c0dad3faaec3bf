/**
 * The messages Thunderbird said it sent (`compose.onAfterSend`), kept a short while so that a
 * close after a send in the background never takes one of them for its own message: a send in
 * the background is never answered, so an answered message is another window's (or an earlier
 * send's). Kept in `storage.session` only (memory, gone when Thunderbird quits): one key per
 * message, `answeredSend:<Message-ID>` → when it was answered; nothing else about it.
 */
import { storageSession } from "../../adapters/storage.js";
import { bareId } from "../../core/conversation/index.js";
import * as z from "zod/mini";

const PREFIX = "answeredSend:";

/**
 * How long an answered message is remembered: as long as a message found for a send in the
 * background may be dated after it (`BACKGROUND_DATE_AFTER_MS`, 10 minutes).
 */
export const ANSWERED_KEEP_MS = 10 * 60_000;

/** Notes the Message-IDs of an answered send, and forgets those noted too long ago. */
export async function rememberAnsweredSend(headerMessageIds: readonly string[], at: number = Date.now()): Promise<void> {
  const ids = headerMessageIds.map((id) => bareId(id.trim())).filter((id) => id !== "");
  await forgetStale(at);
  if (ids.length > 0) await storageSession.set(Object.fromEntries(ids.map((id) => [PREFIX + id, at])));
}

/** Removes the notes that are no longer fresh (see `fresh`). */
async function forgetStale(now: number): Promise<Record<string, unknown>> {
  const all = await storageSession.get();
  const stale = Object.entries(all)
    .filter(([key, when]) => key.startsWith(PREFIX) && !fresh(when, now))
    .map(([key]) => key);
  if (stale.length > 0) await storageSession.remove(stale);
  return all;
}

/**
 * Noted less than `ANSWERED_KEEP_MS` from now, before or after: a note dated further ahead
 * (the clock was set back since) would otherwise be kept for as long as the clock went back.
 */
function fresh(when: unknown, now: number): boolean {
  const at = z.number().safeParse(when);
  return at.success && Math.abs(now - at.data) <= ANSWERED_KEEP_MS;
}

/**
 * Whether Thunderbird answered a send of this message lately (so it was no send in the
 * background). Notes no longer fresh are forgotten on the way.
 */
export async function wasAnswered(headerMessageId: string, now: number = Date.now()): Promise<boolean> {
  const all = await forgetStale(now);
  return fresh(all[PREFIX + bareId(headerMessageId.trim())], now);
}
