/**
 * Opening the notices panel (a tab of the add-on) from the toolbar button and the Tools
 * menu: the tab already open is brought forward (its id kept in `storage.session`), else
 * one is opened.
 */
import { msg } from "../../core/i18n/text.js";
import { createMenu } from "../../adapters/menus.js";
import { storageSession } from "../../adapters/storage.js";
import { extensionUrl } from "../../adapters/runtime.js";
import { openTab, showTab, tabUrl } from "../../adapters/tabs.js";
import { noticeHash } from "../../core/notice-records/deep-link.js";

const NOTICES_PANEL_PAGE = "pages/notices-panel/notices-panel.html";
export const NOTICES_MENU_ID = "open-notices-panel";
const PANEL_TAB_KEY = "notices.panelTab";

/**
 * Brings the panel's tab forward, or opens it; on one notice's entry when `noticeId` is given
 * (`#notice=<id>`: the panel scrolls to it and focuses it).
 */
export async function openNoticesPanel(noticeId?: string): Promise<void> {
  const path = noticeId === undefined ? NOTICES_PANEL_PAGE : `${NOTICES_PANEL_PAGE}${noticeHash(noticeId)}`;
  const known = (await storageSession.get(PANEL_TAB_KEY))[PANEL_TAB_KEY];
  if (typeof known === "number") {
    try {
      const url = await tabUrl(known);
      if (url !== null && (url === undefined || url.includes(NOTICES_PANEL_PAGE))) {
        await showTab(known, noticeId === undefined ? undefined : extensionUrl(path));
        return;
      }
    } catch {
      // the tab was closed
    }
  }
  const tabId = await openTab(path);
  await storageSession.set({ [PANEL_TAB_KEY]: tabId });
}

export function createNoticesMenu(): void {
  createMenu({ id: NOTICES_MENU_ID, title: msg("menuNoticesPanel"), contexts: ["tools_menu"] });
}
