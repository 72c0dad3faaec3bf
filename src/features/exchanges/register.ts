/**
 * The exchanges view's listeners, registered synchronously by the background page: the
 * Tools menu entry and the keyboard command open the view (a tab); the view's closes run
 * here, beside the header button's, so that one [FIN] goes however a close is asked for.
 */
import { onCommand, onMenuClicked } from "../../adapters/menus.js";
import type { Feature } from "../feature.js";
import { answerCloseRequests } from "./close-line.js";
import { createExchangesMenu, EXCHANGES_COMMAND, EXCHANGES_MENU_ID, openExchangesView } from "./open.js";

function open(): void {
  openExchangesView().catch((error: unknown) => {
    console.error("MSSanté Patient: opening the exchanges view failed", error);
  });
}

/** The exchanges with patients, one line each (Tools menu, `Alt+Shift+E`, the returns panel's link). */
export const exchangesFeature: Feature = {
  id: "exchanges",
  commands: [EXCHANGES_COMMAND],
  menus: [EXCHANGES_MENU_ID],
  register() {
    onMenuClicked(EXCHANGES_MENU_ID, open);
    onCommand(EXCHANGES_COMMAND, open);
    answerCloseRequests();
  },
  install() {
    createExchangesMenu();
  },
  startup() {
    // Nothing runs at start: the view reads the mail when it opens.
  },
};
