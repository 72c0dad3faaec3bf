/**
 * Whether the conversation a message belongs to is closed, computed from the mail itself
 * (the messages sent to the patient, their dates and thread headers), so that it is the
 * same after a restart and on another computer.
 *
 * A conversation is closed by a message with the subject exactly `[FIN]` that one of the
 * user's identities really sent to the patient's address (see `closing-evidence.ts`: not a
 * draft, an Outbox or Trash copy, someone else's message, nor one dated in the future). For
 * a displayed message, the conversation is closed when such a message is in its thread (it
 * references the message, or they share an ancestor), or was sent at the same time or after
 * it. The earliest one found gives the date.
 */
import { provesClosing, type StoredClosing } from "./closing-evidence.js";
import { bracketId } from "./reply.js";

export interface ThreadedMessage {
  /** Message-ID, with or without angle brackets. */
  readonly headerMessageId: string;
  /** Milliseconds since 1970 (the `Date` header). */
  readonly date: number;
  /** The ids of its `In-Reply-To` and `References`. */
  readonly references: readonly string[];
}

/** A message of the store that may close the conversation, and where it is filed. */
export interface SentMessage extends ThreadedMessage, StoredClosing {}

/** Who the user is and when it is: what decides whether a stored [FIN] was really sent. */
export interface ClosingContext {
  /** The addresses of the user's identities. */
  readonly ownAddresses: readonly string[];
  /** Milliseconds since 1970. */
  readonly now: number;
}

export type ConversationState =
  | { readonly state: "open" }
  | { readonly state: "closed"; readonly on: number; readonly closingMessageId: string };

function ids(message: ThreadedMessage): Set<string> {
  return new Set([message.headerMessageId, ...message.references].map(bracketId).filter((id) => id !== ""));
}

/** True when `closing` answers `displayed` or one of its ancestors. */
export function sameThread(displayed: ThreadedMessage, closing: ThreadedMessage): boolean {
  const thread = ids(displayed);
  return closing.references.some((id) => thread.has(bracketId(id)));
}

export function conversationState(
  patientAddress: string,
  displayed: ThreadedMessage,
  sent: readonly SentMessage[],
  context: ClosingContext,
): ConversationState {
  let found: SentMessage | null = null;
  for (const message of sent) {
    if (!provesClosing(message, patientAddress, context.ownAddresses, context.now)) continue;
    const closes =
      bracketId(message.headerMessageId) === bracketId(displayed.headerMessageId) ||
      message.date >= displayed.date ||
      sameThread(displayed, message);
    if (closes && (found === null || message.date < found.date)) found = message;
  }
  return found === null ? { state: "open" } : { state: "closed", on: found.date, closingMessageId: bracketId(found.headerMessageId) };
}
