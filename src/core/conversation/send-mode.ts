/**
 * "Close after sending" when the message did not leave at once. Sent now: the [FIN] is sent
 * right after it. Sent later (put in the Outbox): the [FIN] must not go before it, nor
 * without it — and Thunderbird, sending the Outbox, goes on with the next message when one
 * is refused, so a [FIN] queued behind it could leave alone. So the [FIN] waits: the add-on
 * remembers the message (its Message-ID and the patient's address only) and sends the
 * [FIN] once a copy of that message is filed as sent; a message that left the Outbox
 * without being sent (deleted, moved) gets no [FIN], and the user is told.
 */
import { filedAsSent, placeOf } from "./closing-evidence.js";
import { bareId } from "./reply.js";

export type SendMode = "sendNow" | "sendLater";

/** How the message that is to be closed left (`compose.onAfterSend`'s mode); null: not a send. */
export function closingSendMode(firstMode: string): SendMode | null {
  // Thunderbird before 102 gave no mode: it was a send now.
  if (firstMode === "" || firstMode === "sendNow") return "sendNow";
  if (firstMode === "sendLater") return "sendLater";
  return null;
}

/**
 * What to do with a waiting close, from where the copies of its message are now (the
 * special uses of each copy's folder and of the folders above, as in `StoredClosing`):
 * - `send`: a copy is filed as sent (a Sent folder…): the message left, the [FIN] may follow
 *   (`copy` is the index of that copy, to reply to);
 * - `wait`: it still waits in the Outbox;
 * - `drop`: it is neither sent nor waiting (deleted, moved elsewhere, or sent without any
 *   copy kept): no [FIN].
 */
export type PendingStep = { readonly step: "send"; readonly copy: number } | { readonly step: "wait" } | { readonly step: "drop" };

export function pendingCloseStep(copies: readonly (readonly (readonly string[])[])[]): PendingStep {
  const sent = copies.findIndex((uses) => filedAsSent(uses));
  if (sent >= 0) return { step: "send", copy: sent };
  if (copies.some((uses) => (uses[0] ?? []).includes("outbox"))) return { step: "wait" };
  return { step: "drop" };
}

/**
 * What Thunderbird's answer to a send (`compose.onAfterSend`) says of it:
 * - `sent`: it went (sent now with its Message-ID or a saved copy; or put in the Outbox);
 * - `failed`: it did not go (an error, or not a send);
 * - `unconfirmed`: "sent now" without a Message-ID nor a copy — what Thunderbird 153 answers
 *   when the server refused the message (it stays in its window, with Thunderbird's alert).
 * Any answer at all says the send was not one in the background: those are never answered.
 */
export type SendAnswer = "sent" | "failed" | "unconfirmed";

export function sendAnswer(mode: string, error: string | null, headerMessageId: string | null, copies: number): SendAnswer {
  const sendMode = closingSendMode(mode);
  if (error !== null || sendMode === null) return "failed";
  if (sendMode === "sendNow" && (headerMessageId === null || headerMessageId === "") && copies === 0) return "unconfirmed";
  return "sent";
}

/**
 * How long after the send guard let a message go its compose window may close and still be
 * a send in the background: Thunderbird closes it as soon as the message is built and in the
 * Outbox. Measured on Thunderbird 153 (2 cores, headless): 60–170 ms for a short message,
 * 4.6 s with a 15 MB file (about 20 × 10⁶ bytes encoded), the time growing with the size. So:
 * 5 s, plus 1 s per 10⁶ encoded bytes (about four times what was measured; 30 s for a message
 * of 25 Mo). A window closed later stayed open after the send (refused, or stopped after the
 * guard by another add-on or one of Thunderbird's own questions) and was closed by the user: no
 * send in the background can be assumed.
 */
export const BACKGROUND_CLOSE_MS = 5_000;
export const BACKGROUND_CLOSE_MS_PER_MB = 1_000;

/** The time a message of `bytes` (encoded, estimated) may take to be built and put in the Outbox. */
export function backgroundCloseWindow(bytes: number): number {
  const size = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  return BACKGROUND_CLOSE_MS + Math.ceil((size / 1_000_000) * BACKGROUND_CLOSE_MS_PER_MB);
}

/**
 * Whether a compose window closed at `closedAt` may be Thunderbird's own closing after the send
 * of a message of `bytes` (encoded, estimated by the guard) let go at `sentAt`.
 */
export function closedBySendInBackground(sentAt: number, closedAt: number, bytes = 0): boolean {
  const after = closedAt - sentAt;
  return after >= 0 && after <= backgroundCloseWindow(bytes);
}

/** A message found in the mail that may be the one just sent in the background. */
export interface SentCandidate {
  readonly headerMessageId: string;
  readonly subject: string;
  /** Its Date header, in milliseconds (NaN when unreadable). */
  readonly date: number;
  /** As in `StoredClosing`: the special uses of its folder, then of the folders above. */
  readonly folderUses: readonly (readonly string[])[];
}

/** How long before the send its Date header may be (the Date is set as the message is built). */
export const SENT_DATE_SLACK_MS = 2 * 60_000;

/**
 * How far from the send a message found in the mail may be dated and still be the one let go:
 * Thunderbird dates it as it sends it, just after the send guard let it go, to the second. An
 * earlier message with the same subject (sent before, already filed) is not it, nor one dated
 * far after (another computer's clock).
 */
export const BACKGROUND_DATE_BEFORE_MS = 5_000;
export const BACKGROUND_DATE_AFTER_MS = 10 * 60_000;

/** A message's Date header has whole seconds only: the send time as its Date header would read it. */
export function toTheSecond(at: number): number {
  return Math.floor(at / 1_000) * 1_000;
}

/**
 * "Close after sending" when Thunderbird sends in the background: it never says the message
 * left, nor its Message-ID; the message is found in the mail instead — in the Outbox, or
 * already filed as sent — by its exact subject, dated at the send (see above). Its Date header
 * has whole seconds only, so it is compared with the send cut to the second, and a message
 * dated that second or the next is as near as can be told: the one dated nearest; null when
 * there is none (a draft or a copy elsewhere is not it), or when two messages are as near (two windows sent within the same second or so: which one is this
 * window's cannot be told, and a [FIN] tied to the other would close the exchange after the
 * wrong message).
 */
export function sentInBackground(candidates: readonly SentCandidate[], subject: string, sentAt: number): string | null {
  const sentSecond = toTheSecond(sentAt);
  let best: { readonly id: string; readonly distance: number } | null = null;
  let tied = false;
  for (const candidate of candidates) {
    if (candidate.subject !== subject || candidate.headerMessageId === "") continue;
    const off = candidate.date - sentSecond;
    if (!(off >= -BACKGROUND_DATE_BEFORE_MS && off <= BACKGROUND_DATE_AFTER_MS)) continue;
    const inOutbox = placeOf(candidate.folderUses).includes("outbox");
    if (!inOutbox && !filedAsSent(candidate.folderUses)) continue;
    // Dated the send's second or the next one (building the message takes a moment): as near.
    const distance = off < 0 ? -off : Math.max(0, off - 1_000);
    const id = bareId(candidate.headerMessageId);
    if (best === null || distance < best.distance) {
      best = { id: candidate.headerMessageId, distance };
      tied = false;
    } else if (distance === best.distance && id !== bareId(best.id)) {
      // (The same message twice — its copy in the Outbox and in Sent as it leaves — is no tie.)
      tied = true;
    }
  }
  return best === null || tied ? null : best.id;
}
