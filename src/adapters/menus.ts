/**
 * Menu entries (`menus`) and keyboard commands (`commands`): creating an entry, its clicks
 * and its showing with the messages selected, and the commands pressed. The only module
 * that calls `messenger.menus` and `messenger.commands`; the entries themselves (ids,
 * titles, where they show) belong to the features.
 */
import { tb } from "./thunderbird.js";
import * as z from "zod/mini";
import type { Message } from "../core/i18n/text.js";
import { render } from "./i18n.js";
import { parseHeader, type MessageHeader } from "./messages.js";

/** Where an entry shows: the message list, the compose body, the Tools menu. */
export type MenuContext = "message_list" | "compose_body" | "tools_menu";

export interface MenuEntry {
  readonly id: string;
  /** A catalog text, rendered here in the user's language (a literal is refused by the compiler). */
  readonly title: Message;
  readonly contexts: readonly MenuContext[];
  /** A command of the manifest the entry runs (e.g. `_execute_compose_action`). */
  readonly command?: string;
}

/** Creates an entry (menu entries last as long as the add-on: create them on install). */
export function createMenu(entry: MenuEntry): void {
  messenger.menus.create({
    id: entry.id,
    title: render(entry.title),
    contexts: [...entry.contexts],
    ...(entry.command === undefined ? {} : { command: entry.command }),
  });
}

const infoSchema = z.looseObject({
  menuItemId: z.optional(z.union([z.string(), z.number()])),
  menuIds: z.optional(z.array(z.union([z.string(), z.number()]))),
  selectedMessages: z.optional(z.looseObject({ messages: z._default(z.array(z.unknown()), () => []) })),
});

function selected(info: z.output<typeof infoSchema>): MessageHeader[] {
  return (info.selectedMessages?.messages ?? []).map(parseHeader).filter((m): m is MessageHeader => m !== null);
}

/** Clicks on the entry `menuId`, with the messages selected (none outside the message list). */
export function onMenuClicked(menuId: string, listener: (messages: MessageHeader[]) => void): void {
  messenger.menus.onClicked.addListener((raw) => {
    const info = infoSchema.safeParse(raw);
    if (info.success && info.data.menuItemId === menuId) listener(selected(info.data));
  });
}

/** What `onMenuShown` may do to the entry while its menu is open. */
export interface ShownEntryUpdate {
  readonly enabled: boolean;
  /** A catalog text, rendered here (a menu entry has no tooltip: its title says why it is off). */
  readonly title: Message;
}

/**
 * When a menu opens with the entry `menuId` in it: the selection, and a function that sets
 * the entry's state and title and shows them at once (`menus.refresh`). That function does
 * nothing, and answers false, when that menu was closed (or another opened) in the
 * meantime: applied late, the change would show in the next menu before its own.
 */
export function onMenuShown(menuId: string, listener: (messages: MessageHeader[], update: (change: ShownEntryUpdate) => Promise<boolean>) => void): void {
  // Menus opened and hidden since this listener was registered.
  let showings = 0;
  messenger.menus.onHidden.addListener(() => {
    showings++;
  });
  messenger.menus.onShown.addListener((raw) => {
    showings++;
    const showing = showings;
    const info = infoSchema.safeParse(raw);
    if (!info.success || !(info.data.menuIds ?? []).includes(menuId)) return;
    listener(selected(info.data), async (change) => {
      if (showing !== showings) return false;
      await messenger.menus.update(menuId, { enabled: change.enabled, title: render(change.title) });
      if (showing !== showings) return false;
      await messenger.menus.refresh();
      return true;
    });
  });
}

/** The keyboard command `name` of the manifest, with the tab it was pressed in. */
export function onCommand(name: string, listener: (tabId: number) => void): void {
  tb().commands.onCommand.addListener((command, tab) => {
    if (command === name && tab?.id !== undefined) listener(tab.id);
  });
}
