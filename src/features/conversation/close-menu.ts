/**
 * The "Clore l'échange" entry of the message list's context menu, and the keyboard command
 * of the same name (manifest `commands`).
 */
import { msg } from "../../core/i18n/text.js";
import { createMenu } from "../../adapters/menus.js";

export const CLOSE_MENU_ID = "close-conversation";

/** The add-on's keyboard shortcut for closing. */
export const CLOSE_COMMAND = "close-conversation";

export function createCloseMenu(): void {
  createMenu({ id: CLOSE_MENU_ID, title: msg("menuCloseConversation"), contexts: ["message_list"] });
}
