/**
 * The "Clore l'échange" entry of the message list's context menu: created once, kept in
 * step with the selection when the menu opens, and its clicks reported with the one
 * message selected.
 */
import { tb } from "./thunderbird.js";
import * as z from "zod/mini";
import { messageHeaderSchema, type DisplayedMessage } from "./displayed-message.js";
import { message } from "./i18n.js";

export const CLOSE_MENU_ID = "close-conversation";

export function createCloseMenu(): void {
  messenger.menus.create({ id: CLOSE_MENU_ID, title: message("menuCloseConversation"), contexts: ["message_list"] });
}

const infoSchema = z.looseObject({
  menuItemId: z.optional(z.union([z.string(), z.number()])),
  menuIds: z.optional(z.array(z.union([z.string(), z.number()]))),
  selectedMessages: z.optional(z.looseObject({ messages: z._default(z.array(z.unknown()), () => []) })),
});

function selected(raw: unknown): DisplayedMessage[] {
  const info = infoSchema.safeParse(raw);
  if (!info.success) return [];
  return (info.data.selectedMessages?.messages ?? [])
    .map((m) => messageHeaderSchema.safeParse(m))
    .flatMap((parsed) => (parsed.success ? [parsed.data] : []));
}

export function onCloseMenuClicked(listener: (messages: DisplayedMessage[]) => void): void {
  messenger.menus.onClicked.addListener((info) => {
    if (info.menuItemId === CLOSE_MENU_ID) listener(selected(info));
  });
}

/** When the menu opens with our entry in it: the selection, and a function to update the entry. */
export function onCloseMenuShown(
  listener: (messages: DisplayedMessage[], update: (enabled: boolean) => Promise<void>) => void,
): void {
  messenger.menus.onShown.addListener((info) => {
    const parsed = infoSchema.safeParse(info);
    if (!parsed.success || !(parsed.data.menuIds ?? []).includes(CLOSE_MENU_ID)) return;
    listener(selected(info), async (enabled) => {
      await messenger.menus.update(CLOSE_MENU_ID, { enabled });
      await messenger.menus.refresh();
    });
  });
}

/** The add-on's keyboard shortcut for closing, with the tab it was pressed in. */
export const CLOSE_COMMAND = "close-conversation";

export function onCloseCommand(listener: (tabId: number) => void): void {
  tb().commands.onCommand.addListener((command, tab) => {
    if (command === CLOSE_COMMAND && tab?.id !== undefined) listener(tab.id);
  });
}
