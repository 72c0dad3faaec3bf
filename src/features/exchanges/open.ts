/**
 * Opening the exchanges view (a tab of the add-on) from the Tools menu, its keyboard
 * command and the returns panel's link: the tab already open is brought forward (its id
 * kept in `storage.session`), else one is opened.
 */
import { msg } from "../../core/i18n/text.js";
import { createMenu } from "../../adapters/menus.js";
import { storageSession } from "../../adapters/storage.js";
import { openTab, showTab, tabUrl } from "../../adapters/tabs.js";

export const EXCHANGES_PAGE = "pages/exchanges/exchanges.html";
export const EXCHANGES_MENU_ID = "open-exchanges";
/** The manifest's keyboard command. */
export const EXCHANGES_COMMAND = "open-exchanges";
const TAB_KEY = "exchanges.tab";

/** Brings the view's tab forward, or opens it. */
export async function openExchangesView(): Promise<void> {
  const known = (await storageSession.get(TAB_KEY))[TAB_KEY];
  if (typeof known === "number") {
    try {
      const url = await tabUrl(known);
      if (url !== null && (url === undefined || url.includes(EXCHANGES_PAGE))) {
        await showTab(known);
        return;
      }
    } catch {
      // the tab was closed
    }
  }
  const tabId = await openTab(EXCHANGES_PAGE);
  await storageSession.set({ [TAB_KEY]: tabId });
}

export function createExchangesMenu(): void {
  createMenu({ id: EXCHANGES_MENU_ID, title: msg("menuExchanges"), contexts: ["tools_menu"] });
}
