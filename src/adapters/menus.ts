/** Menu entries: every toolbar action is also reachable from a menu. */
import { message } from "./i18n.js";

export const COMPOSE_MENU_ID = "open-patient-panel";

export function createComposeMenu(): void {
  messenger.menus.create({
    id: COMPOSE_MENU_ID,
    title: message("menuComposeAction"),
    contexts: ["compose_body", "tools_menu"],
    command: "_execute_compose_action",
  });
}
