/**
 * `compose.onAfterSend`: a message left (or failed to). On 147+ it carries the copies
 * Thunderbird saved (Sent folder), parsed like a displayed message.
 */
import { tb } from "./thunderbird.js";
import * as z from "zod/mini";
import { folderSchema, folderUsesOf } from "./closing-messages.js";
import { getMessage, messageHeaderSchema, type DisplayedMessage } from "./displayed-message.js";

const sendInfoSchema = z.object({
  mode: z._default(z.string(), ""),
  error: z.optional(z.string()),
  headerMessageId: z.optional(z.string()),
  messages: z._default(z.array(z.unknown()), () => []),
});

export interface AfterSend {
  readonly mode: string;
  readonly error: string | null;
  readonly headerMessageId: string | null;
  /** The saved copies of the sent message (empty when none was saved or not yet). */
  readonly copies: readonly DisplayedMessage[];
}

export function onAfterSend(listener: (tabId: number, info: AfterSend) => void): void {
  tb().compose.onAfterSend.addListener((tab, raw) => {
    if (tab.id === undefined) return;
    const parsed = sendInfoSchema.safeParse(raw);
    if (!parsed.success) return;
    const copies = parsed.data.messages
      .map((m) => messageHeaderSchema.safeParse(m))
      .flatMap((m) => (m.success ? [m.data] : []));
    listener(tab.id, {
      mode: parsed.data.mode,
      error: parsed.data.error ?? null,
      headerMessageId: parsed.data.headerMessageId ?? null,
      copies,
    });
  });
}

/** The saved copy of a sent message, found by its Message-ID (waits up to `timeoutMs` for it). */
export async function findSentCopy(headerMessageId: string, timeoutMs = 10_000): Promise<DisplayedMessage | null> {
  const deadline = Date.now() + timeoutMs;
  const bare = headerMessageId.replace(/^<|>$/g, "");
  for (;;) {
    const page = z
      .object({ messages: z._default(z.array(z.object({ id: z.number() })), () => []) })
      .safeParse(await messenger.messages.query({ headerMessageId: bare }));
    const first = page.success ? page.data.messages[0] : undefined;
    if (first !== undefined) return getMessage(first.id);
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A copy of a message, and the special uses of its folder (and of the folders above it). */
export interface StoredCopy {
  readonly message: DisplayedMessage;
  readonly folderUses: readonly (readonly string[])[];
}

/** Every copy of the message with that Message-ID, in any folder (Outbox, Sent, Trash…). */
export async function copiesOf(headerMessageId: string): Promise<StoredCopy[]> {
  const bare = headerMessageId.replace(/^<|>$/g, "");
  const page = z
    .object({ messages: z._default(z.array(z.unknown()), () => []) })
    .safeParse(await messenger.messages.query({ headerMessageId: bare }));
  const out: StoredCopy[] = [];
  for (const raw of page.success ? page.data.messages : []) {
    const message = messageHeaderSchema.safeParse(raw);
    if (!message.success) continue;
    const where = z.object({ folder: z.optional(folderSchema) }).safeParse(raw);
    out.push({ message: message.data, folderUses: await folderUsesOf(where.success ? where.data.folder : undefined) });
  }
  return out;
}
