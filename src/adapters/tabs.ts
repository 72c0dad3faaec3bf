/**
 * Tabs and windows: finding the compose tab a page belongs to, opening the add-on's windows
 * and tabs. The only module that calls `messenger.tabs` and `messenger.windows`.
 */
import * as z from "zod/mini";
import { extensionUrl } from "./runtime.js";

const tabSchema = z.object({ id: z.number(), windowId: z.optional(z.number()), type: z.optional(z.string()), url: z.optional(z.string()) });

/** The compose tab of the window this page (a compose action popup) is attached to. */
export async function activeComposeTabId(): Promise<number | null> {
  const tabs = z.array(tabSchema).parse(await messenger.tabs.query({ active: true, currentWindow: true }));
  const tab = tabs.find((t) => t.type === "messageCompose") ?? null;
  return tab?.id ?? null;
}

export async function composeTabExists(tabId: number): Promise<boolean> {
  try {
    const tab = tabSchema.parse(await messenger.tabs.get(tabId));
    return tab.type === "messageCompose";
  } catch {
    return false;
  }
}

export async function focusTab(tabId: number): Promise<void> {
  const tab = tabSchema.parse(await messenger.tabs.get(tabId));
  if (tab.windowId !== undefined) await messenger.windows.update(tab.windowId, { focused: true });
}

/** Opens (or brings forward) a small window holding one of the add-on's pages. */
export async function openPopupWindow(path: string, size: { width: number; height: number }): Promise<number | null> {
  const win = z.object({ id: z.optional(z.number()) }).parse(
    await messenger.windows.create({ type: "popup", url: path, width: size.width, height: size.height, allowScriptsToClose: true }),
  );
  return win.id ?? null;
}

export async function focusWindow(windowId: number): Promise<boolean> {
  try {
    await messenger.windows.update(windowId, { focused: true });
    return true;
  } catch {
    return false;
  }
}

export async function closeWindow(windowId: number): Promise<void> {
  try {
    await messenger.windows.remove(windowId);
  } catch {
    // already closed
  }
}

/** The tabs that show messages: mail tabs (the message pane) and message tabs or windows. */
export async function messageTabIds(): Promise<number[]> {
  const tabs = z.array(tabSchema).parse(await messenger.tabs.query({}));
  return tabs.filter((t) => t.type === "mail" || t.type === "messageDisplay").map((t) => t.id);
}

/** Sends a message to the add-on's scripts in a tab (a displayed message's banner); false when none listens. */
export async function sendToTab(tabId: number, message: unknown): Promise<boolean> {
  try {
    await messenger.tabs.sendMessage(tabId, message);
    return true;
  } catch {
    return false;
  }
}

export function onTabClosed(listener: (tabId: number) => void): void {
  messenger.tabs.onRemoved.addListener((tabId) => {
    listener(tabId);
  });
}

/** A tab's address; null when the tab is gone, undefined when Thunderbird does not tell it. */
export async function tabUrl(tabId: number): Promise<string | undefined | null> {
  try {
    return tabSchema.parse(await messenger.tabs.get(tabId)).url;
  } catch {
    return null;
  }
}

/** Makes the tab the active one of its window and brings that window forward; `url`: shows that address in it too. */
export async function showTab(tabId: number, url?: string): Promise<void> {
  const tab = tabSchema.parse(await messenger.tabs.get(tabId));
  await messenger.tabs.update(tab.id, url === undefined ? { active: true } : { active: true, url });
  if (tab.windowId !== undefined) await messenger.windows.update(tab.windowId, { focused: true });
}

/**
 * Opens one of the add-on's pages in a tab; the tab's id. `path` is from the add-on's root
 * (`pages/…`), whichever page asks: a relative address would be read from the asking page's
 * folder.
 */
export async function openTab(path: string): Promise<number> {
  return tabSchema.parse(await messenger.tabs.create({ url: extensionUrl(path) })).id;
}
