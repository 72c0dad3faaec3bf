/**
 * The message shown in a tab (`messageDisplay`) and the button of the message header
 * (`messageDisplayAction`). The only module that calls them; headers are parsed with the
 * one schema of `messages.ts`.
 */
import { tb } from "./thunderbird.js";
import type { Message } from "../core/i18n/text.js";
import { render } from "./i18n.js";
import { messageEntries, parseHeader, parseHeaders, type MessageHeader } from "./messages.js";

/** The one message displayed in the tab; null when none or several are shown. */
export async function displayedMessage(tabId: number): Promise<MessageHeader | null> {
  const list = messageEntries(await messenger.messageDisplay.getDisplayedMessages(tabId));
  const [only] = list;
  return list.length === 1 ? parseHeader(only) : null;
}

/** Calls `listener` with the tab and the messages now shown in it (one or several). */
export function onMessagesDisplayed(listener: (tabId: number, messages: MessageHeader[]) => void): void {
  // 153 gives a MessageList ({messages: [...]}), older versions an array.
  tb().messageDisplay.onMessagesDisplayed.addListener((tab, displayed) => {
    if (tab.id === undefined) return;
    listener(tab.id, parseHeaders(displayed));
  });
}

/** Shows a message (found by its Message-ID) in a tab; false when it is not in any folder. */
export async function openMessageById(headerMessageId: string): Promise<boolean> {
  try {
    await messenger.messageDisplay.open({ headerMessageId, location: "tab" });
    return true;
  } catch {
    return false;
  }
}

/**
 * The header button's state in one tab. It cannot be hidden per message, only enabled or
 * disabled per tab, with a label and a title (its tooltip): catalog texts, rendered here in
 * the user's language (a literal is refused by the compiler).
 */
export async function setActionState(tabId: number, enabled: boolean, title: Message, label?: Message): Promise<void> {
  await messenger.messageDisplayAction.setTitle({ tabId, title: render(title) });
  if (label !== undefined) await messenger.messageDisplayAction.setLabel({ tabId, label: render(label) });
  if (enabled) await messenger.messageDisplayAction.enable(tabId);
  else await messenger.messageDisplayAction.disable(tabId);
}

export function onActionClicked(listener: (tabId: number) => void): void {
  messenger.messageDisplayAction.onClicked.addListener((tab) => {
    if (tab.id !== undefined) listener(tab.id);
  });
}
