/**
 * Opening the notices panel (a tab of the add-on) from the toolbar button and the Tools
 * menu, and opening a message from it. Calls `messenger.action`, `menus`, `tabs` and
 * `messageDisplay`.
 */
import * as z from "zod/mini";
import { message } from "./i18n.js";

export const NOTICES_PANEL_PAGE = "pages/notices-panel/notices-panel.html";
export const NOTICES_MENU_ID = "open-notices-panel";
const PANEL_TAB_KEY = "notices.panelTab";

const tabSchema = z.object({ id: z.number(), windowId: z.optional(z.number()), url: z.optional(z.string()) });

/** Brings the panel's tab forward, or opens it. */
export async function openNoticesPanel(): Promise<void> {
  const stored: Record<string, unknown> = await messenger.storage.session.get(PANEL_TAB_KEY);
  const known = stored[PANEL_TAB_KEY];
  if (typeof known === "number") {
    try {
      const tab = tabSchema.parse(await messenger.tabs.get(known));
      if (tab.url === undefined || tab.url.includes(NOTICES_PANEL_PAGE)) {
        await messenger.tabs.update(tab.id, { active: true });
        if (tab.windowId !== undefined) await messenger.windows.update(tab.windowId, { focused: true });
        return;
      }
    } catch {
      // the tab was closed
    }
  }
  const tab = tabSchema.parse(await messenger.tabs.create({ url: NOTICES_PANEL_PAGE }));
  await messenger.storage.session.set({ [PANEL_TAB_KEY]: tab.id });
}

/** The toolbar button (`action`). Must be called synchronously at the top of the background. */
export function onActionClicked(listener: () => Promise<void>): void {
  messenger.action.onClicked.addListener(() => {
    void listener();
  });
}

export function createNoticesMenu(): void {
  messenger.menus.create({ id: NOTICES_MENU_ID, title: message("menuNoticesPanel"), contexts: ["tools_menu"] });
}

/** The Tools menu entry. Must be called synchronously at the top of the background. */
export function onNoticesMenuClicked(listener: () => Promise<void>): void {
  messenger.menus.onClicked.addListener((info) => {
    if (info.menuItemId === NOTICES_MENU_ID) void listener();
  });
}

/** Shows a message (found by its Message-ID) in a tab; false when it is not in any folder. */
export async function openMessageById(headerMessageId: string): Promise<boolean> {
  try {
    await messenger.messageDisplay.open({ headerMessageId, location: "tab" });
    return true;
  } catch {
    return false;
  }
}
