/**
 * "Clore…" on a line of the exchanges view, once the user confirmed: the message the line
 * named is read again by its number (it must still be there, the same message), then the one
 * close use case runs on it (`closeConversation`: to the patient only, from the right
 * identity, subject exactly [FIN], one message however many clicks).
 */
import { getMessage, type MessageHeader } from "../../adapters/messages.js";
import { bracketId } from "../../core/conversation/index.js";
import type { CloseResult, LineMessage } from "../../core/exchanges/index.js";
import { closeConversation, realCloseDeps, type CloseDeps, type CloseOutcome } from "../conversation/close.js";

export interface CloseLineDeps {
  message(id: number): Promise<MessageHeader | null>;
  close(message: MessageHeader): Promise<CloseOutcome>;
}

export function realCloseLineDeps(closeDeps: CloseDeps = realCloseDeps): CloseLineDeps {
  return { message: getMessage, close: (message) => closeConversation(message, closeDeps) };
}

export async function closeFromLine(answer: Pick<LineMessage, "id" | "headerMessageId">, deps: CloseLineDeps = realCloseLineDeps()): Promise<CloseResult> {
  const message = await deps.message(answer.id);
  // Message numbers hold for one session: the one found must be the message the user saw.
  if (message === null || bracketId(message.headerMessageId) !== bracketId(answer.headerMessageId)) return { result: "gone" };
  const outcome = await deps.close(message);
  switch (outcome.outcome) {
    case "sent":
      return { result: "sent" };
    case "review":
      return { result: "review" };
    case "already-closed":
      return { result: "already-closed", on: outcome.on };
    case "duplicate":
      return { result: "duplicate" };
    case "not-closable":
      return { result: "not-closable" };
    case "not-started":
    case "send-failed":
      return { result: "failed", error: outcome.error };
  }
}
