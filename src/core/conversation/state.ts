/**
 * Whether the conversation a message belongs to is closed, computed from the mail itself
 * (the messages sent to the patient, their dates and thread headers), so that it is the
 * same after a restart and on another computer.
 *
 * A conversation is closed by a message with the subject exactly `[FIN]` sent to the
 * patient's address. For a displayed message, the conversation is closed when such a
 * message is in its thread (it references the message, or they share an ancestor), or was
 * sent at the same time or after it. The earliest one found gives the date.
 */
import { FIN_SUBJECT, parseRecipients } from "../compose/index.js";
import { bracketId } from "./reply.js";

export interface ThreadedMessage {
  /** Message-ID, with or without angle brackets. */
  readonly headerMessageId: string;
  /** Milliseconds since 1970 (the `Date` header). */
  readonly date: number;
  /** The ids of its `In-Reply-To` and `References`. */
  readonly references: readonly string[];
}

export interface SentMessage extends ThreadedMessage {
  readonly subject: string;
  readonly recipients: readonly string[];
  readonly ccList: readonly string[];
  readonly bccList: readonly string[];
}

export type ConversationState =
  | { readonly state: "open" }
  | { readonly state: "closed"; readonly on: number; readonly closingMessageId: string };

function sentTo(message: SentMessage, patientAddress: string): boolean {
  const wanted = patientAddress.trim().toLowerCase();
  return [...message.recipients, ...message.ccList, ...message.bccList]
    .flatMap((field) => parseRecipients(field))
    .some((mailbox) => mailbox.address.trim().toLowerCase() === wanted);
}

function ids(message: ThreadedMessage): Set<string> {
  return new Set([message.headerMessageId, ...message.references].map(bracketId).filter((id) => id !== ""));
}

/** True when `closing` answers `displayed` or one of its ancestors. */
export function sameThread(displayed: ThreadedMessage, closing: ThreadedMessage): boolean {
  const thread = ids(displayed);
  return closing.references.some((id) => thread.has(bracketId(id)));
}

/** Whether a message is a closing one for that patient (subject exactly `[FIN]`, to the patient). */
export function isClosingMessage(message: SentMessage, patientAddress: string): boolean {
  return message.subject === FIN_SUBJECT && sentTo(message, patientAddress);
}

export function conversationState(
  patientAddress: string,
  displayed: ThreadedMessage,
  sent: readonly SentMessage[],
): ConversationState {
  let found: SentMessage | null = null;
  for (const message of sent) {
    if (!isClosingMessage(message, patientAddress)) continue;
    const closes =
      bracketId(message.headerMessageId) === bracketId(displayed.headerMessageId) ||
      message.date >= displayed.date ||
      sameThread(displayed, message);
    if (closes && (found === null || message.date < found.date)) found = message;
  }
  return found === null ? { state: "open" } : { state: "closed", on: found.date, closingMessageId: bracketId(found.headerMessageId) };
}
