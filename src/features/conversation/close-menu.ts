/**
 * The "Clore l'échange" entry of the message list's context menu, and the keyboard command
 * of the same name (manifest `commands`). The entry follows the selection like the header
 * button (same state, `actionViewFor`): disabled on a closed exchange, a message that is not
 * a patient's, or several messages, with the reason in its title (« Clore l'échange — déjà
 * clos le 25/11/2026 »); its own title again when it can close.
 */
import { CLOSE_MENU_TITLE } from "../../core/conversation/index.js";
import { createMenu, onMenuShown } from "../../adapters/menus.js";
import { closeMenuViewFor } from "./action-state.js";

export const CLOSE_MENU_ID = "close-conversation";

/** The add-on's keyboard shortcut for closing. */
export const CLOSE_COMMAND = "close-conversation";

export function createCloseMenu(): void {
  createMenu({ id: CLOSE_MENU_ID, title: CLOSE_MENU_TITLE, contexts: ["message_list"] });
}

/**
 * Each time the menu opens on the entry: its state for the messages selected, applied while
 * that menu is still open (a state worked out after it closed is dropped by the adapter).
 */
export function followSelectionInCloseMenu(report: (error: unknown) => void): void {
  onMenuShown(CLOSE_MENU_ID, (messages, update) => {
    void (async () => {
      await update(await closeMenuViewFor(messages, Date.now()));
    })().catch(report);
  });
}
