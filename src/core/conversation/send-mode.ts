/**
 * "Close after sending" when the message did not leave at once. Sent now: the [FIN] is sent
 * right after it. Sent later (put in the Outbox): the [FIN] must not go before it, nor
 * without it — and Thunderbird, sending the Outbox, goes on with the next message when one
 * is refused, so a [FIN] queued behind it could leave alone. So the [FIN] waits: the add-on
 * remembers the message (its Message-ID and the patient's address only) and sends the
 * [FIN] once a copy of that message is filed as sent; a message that left the Outbox
 * without being sent (deleted, moved) gets no [FIN], and the user is told.
 */
import { filedAsSent } from "./closing-evidence.js";

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
