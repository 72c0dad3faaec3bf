/** Menu entries: every toolbar action is also reachable from a menu. */
import { message } from "./i18n.js";

export function createComposeMenu(): void {
  messenger.menus.create({
    id: "open-patient-panel",
    title: message("menuComposeAction"),
    contexts: ["compose_body", "tools_menu"],
    command: "_execute_compose_action",
  });
}
