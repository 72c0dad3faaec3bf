/**
 * The state of the exchange a displayed message belongs to, computed from the mail itself
 * (the `[FIN]` messages the user's identities really sent to the patient, their dates and
 * thread headers): the same after a restart of Thunderbird and on another computer that
 * holds the same mail. Which stored [FIN] prove a closing is the core's rule
 * (`core/conversation/closing-evidence.ts`); only those are read further.
 */
import { closingCandidatesTo, threadReferences, toMillis, type ClosingCandidate } from "./closing-messages.js";
import type { MessageHeader } from "../../adapters/messages.js";
import {
  conversationState,
  provesClosing,
  type ClosingContext,
  type ConversationPatient,
  type ConversationState,
} from "../../core/conversation/index.js";

export interface StateDeps {
  /** Every message in the store with the subject [FIN] to that patient, wherever it is. */
  closings(patientAddress: string): Promise<ClosingCandidate[]>;
  references(messageId: number): Promise<string[]>;
}

export const realStateDeps: StateDeps = {
  closings: closingCandidatesTo,
  references: threadReferences,
};

export async function exchangeStateOf(
  message: MessageHeader,
  patient: ConversationPatient,
  context: ClosingContext,
  deps: StateDeps = realStateDeps,
): Promise<ConversationState> {
  const date = toMillis(message.date);
  const candidates = await deps.closings(patient.address);
  const proofs = candidates.filter((candidate) => provesClosing(candidate, patient.address, context.ownAddresses, context.now));
  // A [FIN] dated before the displayed message closes it only in the same thread: only
  // then are thread headers read, the displayed message's and that [FIN]'s.
  const earlier = (closing: ClosingCandidate): boolean => !(closing.date >= date);
  const needThread = proofs.some(earlier);
  const references = needThread ? await deps.references(message.id).catch(() => []) : [];
  const sent = await Promise.all(
    proofs.map(async (closing) => ({
      ...closing,
      references: earlier(closing) ? await deps.references(closing.id).catch(() => []) : [],
    })),
  );
  return conversationState(patient.address, { headerMessageId: message.headerMessageId, date, references }, sent, context);
}

/** The time zone offset (minutes, as `Date#getTimezoneOffset`) at that moment, here. */
export function offsetAt(ms: number): number {
  return new Date(ms).getTimezoneOffset();
}
