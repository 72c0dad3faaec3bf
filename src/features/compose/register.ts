/**
 * Writing to a patient: the send guard on `compose.onBeforeSend`, its memory of a compose tab
 * dropped when the tab closes, and the compose popup's entry in the Tools and context menus
 * (the popup itself is the manifest's compose action, `Alt+Shift+P`).
 */
import { onBeforeSend } from "../../adapters/compose.js";
import { COMPOSE_MENU_ID, createComposeMenu } from "./compose-menu.js";
import { forgetTab } from "./session-state.js";
import { onTabClosed } from "../../adapters/tabs.js";
import type { Feature } from "../feature.js";
import { guardSendSafely } from "./send-guard.js";

export const composeFeature: Feature = {
  id: "compose",
  commands: [],
  menus: [COMPOSE_MENU_ID],
  register() {
    onBeforeSend((tabId, _windowId, details) => guardSendSafely(tabId, details));
    onTabClosed((tabId) => {
      void forgetTab(tabId);
    });
  },
  install() {
    createComposeMenu();
  },
  startup() {
    // The guard needs nothing at start: it reads everything when a message is sent.
  },
};
