/**
 * How the [FIN] of "close after sending" leaves, from how the message it closes left
 * (`compose.onAfterSend`'s mode). Sent now: the [FIN] is sent now, after it. Sent later (put
 * in the Outbox): the [FIN] is put in the Outbox too, behind it, so that Thunderbird sends it
 * only when it sends the Outbox, in the Outbox's order: the original first, then the
 * [FIN], never before it. Anything
 * else (a draft, a template saved) was not a send: no [FIN].
 */
export type SendMode = "sendNow" | "sendLater";

export function closingSendMode(firstMode: string): SendMode | null {
  // Thunderbird before 102 gave no mode: it was a send now.
  if (firstMode === "" || firstMode === "sendNow") return "sendNow";
  if (firstMode === "sendLater") return "sendLater";
  return null;
}
