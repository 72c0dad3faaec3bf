/**
 * The add-on's own life in Thunderbird (`messenger.runtime`): installed or updated, started,
 * and its id; messages between the add-on's scripts and the background. The only module that
 * calls `messenger.runtime`.
 */
import { tb } from "./thunderbird.js";

/** Why `onInstalled` fired: a first install, an update of the add-on, or anything else. */
export type InstallReason = "install" | "update" | "other";

/** Once per install or update. Must be called synchronously at the top of the background. */
export function onInstalled(listener: (reason: InstallReason) => void): void {
  messenger.runtime.onInstalled.addListener((details: unknown) => {
    const reason = typeof details === "object" && details !== null && "reason" in details ? details.reason : undefined;
    listener(reason === "install" || reason === "update" ? reason : "other");
  });
}

/** At each start of Thunderbird with the add-on enabled. Same rule as `onInstalled`. */
export function onStartup(listener: () => void): void {
  messenger.runtime.onStartup.addListener(() => {
    listener();
  });
}

/** The add-on's id (the key administrators use in their policies). */
export function addonId(): string {
  return messenger.runtime.id;
}

/** The full address of one of the add-on's own files (an icon, a page). */
export function extensionUrl(path: string): string {
  return messenger.runtime.getURL(path);
}

/**
 * Sends a message to the add-on's other pages (the background page answers the ones it
 * handles) and gives the answer, unparsed: the caller parses it with its contract. Rejects
 * when no page listens.
 */
export async function sendToAddon(message: unknown): Promise<unknown> {
  return (await messenger.runtime.sendMessage(message)) as unknown;
}

/** What a page or script of the add-on sent, with the tab it was sent from (if any). */
export interface PageMessage {
  readonly message: unknown;
  /** The tab of the sending page (a displayed message's script: the tab showing it). */
  readonly tabId: number | null;
}

/**
 * Messages from the add-on's pages and scripts: `listener` returns the answer's promise, or
 * `undefined` for a message it does not handle (left to other listeners, another page may
 * answer). Must be called synchronously at the top of the background, so that a message
 * wakes it.
 */
export function onPageMessage(listener: (received: PageMessage) => Promise<unknown> | undefined): void {
  tb().runtime.onMessage.addListener((message, sender) => listener({ message, tabId: sender.tab?.id ?? null }));
}

/**
 * Messages the background sends to this script (`tabs.sendMessage`): for a script the
 * add-on draws into a displayed message. The listener answers nothing.
 */
export function onBackgroundMessage(listener: (message: unknown) => void): void {
  messenger.runtime.onMessage.addListener((message: unknown) => {
    listener(message);
    return undefined;
  });
}
