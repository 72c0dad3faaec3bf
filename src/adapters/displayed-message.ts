/**
 * The message shown in a tab (`messageDisplay`) and messages by id (`messages`), parsed:
 * only the header fields the conversation features need.
 */
import { tb } from "./thunderbird.js";
import * as z from "zod/mini";

const addressList = z._default(z.array(z.string()), () => []);

export const messageHeaderSchema = z.object({
  /** Per-session number of Thunderbird, not the Message-ID header. */
  id: z.number(),
  headerMessageId: z._default(z.string(), ""),
  author: z._default(z.string(), ""),
  recipients: addressList,
  ccList: addressList,
  bccList: addressList,
  subject: z._default(z.string(), ""),
  date: z.optional(z.union([z.date(), z.number(), z.string()])),
});

export type DisplayedMessage = z.output<typeof messageHeaderSchema>;

function parseHeader(raw: unknown): DisplayedMessage | null {
  const parsed = messageHeaderSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** A list of messages as Thunderbird gives it: an array (up to 127), a MessageList (128+). */
function messageArray(raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw as unknown[];
  return z.object({ messages: z._default(z.array(z.unknown()), () => []) }).safeParse(raw).data?.messages ?? [];
}

/** The one message displayed in the tab; null when none or several are shown. */
export async function displayedMessage(tabId: number): Promise<DisplayedMessage | null> {
  const list = messageArray(await messenger.messageDisplay.getDisplayedMessages(tabId));
  const [only] = list;
  return list.length === 1 ? parseHeader(only) : null;
}

export async function getMessage(messageId: number): Promise<DisplayedMessage | null> {
  return parseHeader(await messenger.messages.get(messageId));
}

/** Calls `listener` with the tab and the messages now shown in it (one or several). */
export function onMessagesDisplayed(listener: (tabId: number, messages: DisplayedMessage[]) => void): void {
  // 153 gives a MessageList ({messages: [...]}), older versions an array.
  tb().messageDisplay.onMessagesDisplayed.addListener((tab, displayed) => {
    if (tab.id === undefined) return;
    const messages = messageArray(displayed)
      .map(parseHeader).filter((m): m is DisplayedMessage => m !== null);
    listener(tab.id, messages);
  });
}
