/**
 * Writing to a patient: the send guard on `compose.onBeforeSend`, its memory of a compose tab
 * dropped when the tab closes (once a close after a send in the background has been looked
 * after), and the compose popup's entry in the Tools and context menus (the popup itself is
 * the manifest's compose action, `Alt+Shift+P`).
 */
import { onBeforeSend } from "../../adapters/compose.js";
import { COMPOSE_MENU_ID, createComposeMenu } from "./compose-menu.js";
import { forgetTab } from "./session-state.js";
import { onTabClosed } from "../../adapters/tabs.js";
import type { Feature } from "../feature.js";
import { guardSendSafely } from "./send-guard.js";
import { closeAfterBackgroundSend } from "../conversation/close-after-background-send.js";

export const composeFeature: Feature = {
  id: "compose",
  commands: [],
  menus: [COMPOSE_MENU_ID],
  register() {
    onBeforeSend((tabId, _windowId, details) => guardSendSafely(tabId, details));
    onTabClosed((tabId) => {
      // A message to close after sending that Thunderbird sent in the background: its [FIN]
      // follows it; then the tab's memory is forgotten.
      void closeAfterBackgroundSend(tabId)
        .catch((error: unknown) => {
          console.error("MSSanté Patient: closing the exchange after a send in the background failed", error);
        })
        .finally(() => forgetTab(tabId));
    });
  },
  install() {
    createComposeMenu();
  },
  startup() {
    // The guard needs nothing at start: it reads everything when a message is sent.
  },
};
