/**
 * The copies of a sent message that the mail store holds, found by its Message-ID: the
 * one filed after a send (waited for a moment), and every copy with where it is filed
 * (Outbox, Sent, Trash…), for "close after sending".
 */
import { getMessage, queryMessages, type MessageHeader } from "../../adapters/messages.js";
import { bareId } from "../../core/conversation/index.js";
import { folderUsesOf } from "./closing-messages.js";

/** The saved copy of a sent message, found by its Message-ID (waits up to `timeoutMs` for it). */
export async function findSentCopy(headerMessageId: string, timeoutMs = 10_000): Promise<MessageHeader | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = await queryMessages({ headerMessageId: bareId(headerMessageId) });
    const first = page?.headers[0];
    if (first !== undefined) return getMessage(first.id);
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A copy of a message, and the special uses of its folder (and of the folders above it). */
export interface StoredCopy {
  readonly message: MessageHeader;
  readonly folderUses: readonly (readonly string[])[];
}

/** Every copy of the message with that Message-ID, in any folder (Outbox, Sent, Trash…). */
export async function copiesOf(headerMessageId: string): Promise<StoredCopy[]> {
  const page = await queryMessages({ headerMessageId: bareId(headerMessageId) });
  const out: StoredCopy[] = [];
  for (const message of page?.headers ?? []) out.push({ message, folderUses: await folderUsesOf(message.folder) });
  return out;
}
