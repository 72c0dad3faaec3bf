/**
 * The state of the exchange a displayed message belongs to, computed from the mail itself
 * (the `[FIN]` messages to the patient in the store, their dates and thread headers): the
 * same after a restart of Thunderbird and on another computer that holds the same mail.
 */
import { closingMessagesTo, threadReferences, toMillis } from "../../adapters/closing-messages.js";
import type { DisplayedMessage } from "../../adapters/displayed-message.js";
import {
  conversationState,
  type ConversationPatient,
  type ConversationState,
  type SentMessage,
} from "../../core/conversation/index.js";

export interface StateDeps {
  closings(patientAddress: string, threadsBefore: number): Promise<SentMessage[]>;
  references(messageId: number): Promise<string[]>;
}

export const realStateDeps: StateDeps = {
  closings: closingMessagesTo,
  references: threadReferences,
};

export async function exchangeStateOf(
  message: DisplayedMessage,
  patient: ConversationPatient,
  deps: StateDeps = realStateDeps,
): Promise<ConversationState> {
  const date = toMillis(message.date);
  const closings = await deps.closings(patient.address, date);
  // The displayed message's thread matters only for a [FIN] dated before it.
  const needThread = closings.some((closing) => !(closing.date >= date));
  const references = needThread ? await deps.references(message.id).catch(() => []) : [];
  return conversationState(patient.address, { headerMessageId: message.headerMessageId, date, references }, closings);
}

/** The time zone offset (minutes, as `Date#getTimezoneOffset`) at that moment, here. */
export function offsetAt(ms: number): number {
  return new Date(ms).getTimezoneOffset();
}
