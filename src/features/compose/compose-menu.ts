/** The compose popup's entry in the compose window's context menu and the Tools menu: every toolbar action is also reachable from a menu. */
import { msg } from "../../core/i18n/text.js";
import { createMenu } from "../../adapters/menus.js";

export const COMPOSE_MENU_ID = "open-patient-panel";

export function createComposeMenu(): void {
  createMenu({
    id: COMPOSE_MENU_ID,
    title: msg("menuComposeAction"),
    contexts: ["compose_body", "tools_menu"],
    command: "_execute_compose_action",
  });
}
