// Driving Thunderbird's own UI from tests: the main window, compose windows, the compose
// action button and its popup, the Send command, and windows opened by an add-on with
// `windows.create({type: "popup"})`.
import { z } from "zod";
import type { BidiClient, ChromeContext } from "./bidi.js";
import {
  pageClick,
  pageEval,
  pageQuery,
  pageQueryAll,
  pageType,
  pageUrl,
  pageWaitForSelector,
} from "./extension-page.js";
import type {
  ActionOptions,
  ClickOptions,
  ElementState,
  PageTarget,
  TypeOptions,
  WaitOptions,
} from "./extension-page.js";
import { deliverNewMail, indexLocalFolder } from "./local-folders.js";
import type { Delivery, IndexedFolder } from "./local-folders.js";

export const MAIN_WINDOW_URL = "chrome://messenger/content/messenger.xhtml";
export const COMPOSE_WINDOW_URL = "chrome://messenger/content/messengercompose/messengercompose.xhtml";
export const EXTENSION_WINDOW_URL = "chrome://messenger/content/extensionPopup.xhtml";
/** The <browser> of a compose-action (or other action) popup panel. */
export const POPUP_BROWSER_SELECTOR = "browser.webextension-popup-browser";
/** The <browser> of an extension window (`windows.create({type: "popup"})`). */
export const EXTENSION_WINDOW_BROWSER_SELECTOR = "#requestFrame";

export interface ComposeOptions {
  /** `mail.identity.<key>` to send from (default: the default identity). */
  readonly identityKey?: string;
  readonly to?: string | readonly string[];
  readonly cc?: string | readonly string[];
  readonly bcc?: string | readonly string[];
  readonly subject?: string;
  readonly body?: string;
  /** Compose as plain text (default) or HTML. */
  readonly plainText?: boolean;
}

export interface ComposeFieldsState {
  /** Recipients as shown in the address pills (`Name <address>` or `address`). */
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly subject: string;
  readonly from: string;
  readonly identityKey: string | null;
  readonly identityEmail: string | null;
  readonly returnReceipt: boolean;
  readonly deliveryStatusNotification: boolean;
  readonly priority: string;
  /** Extra headers of the message (`X-…`, `List-…`), names lower case. */
  readonly headers: Readonly<Record<string, string>>;
}

const composeFieldsSchema = z.object({
  to: z.array(z.string()),
  cc: z.array(z.string()),
  bcc: z.array(z.string()),
  subject: z.string(),
  from: z.string(),
  identityKey: z.string().nullable(),
  identityEmail: z.string().nullable(),
  returnReceipt: z.boolean(),
  deliveryStatusNotification: z.boolean(),
  priority: z.string(),
  headers: z.record(z.string(), z.string()),
});

export interface OpenDialog {
  readonly url: string;
  readonly title: string;
  readonly text: string;
}

const openDialogsSchema = z.array(z.object({ url: z.string(), title: z.string(), text: z.string() }));

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

const list = (value: string | readonly string[] | undefined): string =>
  value === undefined ? "" : typeof value === "string" ? value : value.join(", ");

const OPEN_COMPOSE_WINDOW = String.raw`async (options, windowUrl) => {
  const params = Cc["@mozilla.org/messengercompose/composeparams;1"].createInstance(Ci.nsIMsgComposeParams);
  const fields = Cc["@mozilla.org/messengercompose/composefields;1"].createInstance(Ci.nsIMsgCompFields);
  fields.to = options.to;
  fields.cc = options.cc;
  fields.bcc = options.bcc;
  fields.subject = options.subject;
  fields.body = options.body;
  params.type = Ci.nsIMsgCompType.New;
  params.format = options.plainText ? Ci.nsIMsgCompFormat.PlainText : Ci.nsIMsgCompFormat.HTML;
  if (options.identityKey !== null) {
    const identity = MailServices.accounts.allIdentities.find((candidate) => candidate.key === options.identityKey);
    if (!identity) throw new Error("no identity " + options.identityKey);
    params.identity = identity;
  }
  params.composeFields = fields;
  const win = Services.ww.openWindow(null, windowUrl, "_blank", "all,chrome,dialog=no,status,toolbar", params);
  await new Promise((resolve) => {
    if (win.composeEditorReady) resolve();
    else win.addEventListener("compose-editor-ready", resolve, { once: true });
  });
  win.mssanteE2eToken = Services.uuid.generateUUID().toString();
  return win.mssanteE2eToken;
}`;

const WINDOW_TOKEN = String.raw`() => window.mssanteE2eToken ?? null`;

const COMPOSE_FIELDS = String.raw`() => {
  const fields = GetComposeDetails();
  const addresses = (header) =>
    header ? MailServices.headerParser.makeFromDisplayAddress(header).map((address) => address.toString()) : [];
  const identity = gCurrentIdentity ?? null;
  const headers = {};
  for (const name of fields.headerNames) {
    if (/^(x-|list-)/i.test(name)) headers[name.toLowerCase()] = fields.getHeader(name);
  }
  return {
    to: addresses(fields.to),
    cc: addresses(fields.cc),
    bcc: addresses(fields.bcc),
    subject: fields.subject,
    from: fields.from,
    identityKey: identity ? identity.key : null,
    identityEmail: identity ? identity.email : null,
    returnReceipt: Boolean(fields.returnReceipt),
    deliveryStatusNotification: Boolean(fields.DSN),
    priority: fields.priority ?? "",
    headers,
  };
}`;

const CLICK_COMPOSE_ACTION = String.raw`async (addonId, timeoutMs) => {
  const { ExtensionCommon } = ChromeUtils.importESModule("resource://gre/modules/ExtensionCommon.sys.mjs");
  const id = ExtensionCommon.makeWidgetId(addonId) + "-composeAction-toolbarbutton";
  const deadline = Date.now() + timeoutMs;
  let button = document.getElementById(id);
  while (!button || button.disabled) {
    if (Date.now() > deadline) {
      throw new Error(button ? "compose action " + id + " is disabled" : "no compose action button " + id);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    button = document.getElementById(id);
  }
  button.click();
}`;

const POPUP_OPEN = String.raw`(selector) => [...document.querySelectorAll(selector)].some(
  (browser) => browser.currentURI?.spec?.startsWith("moz-extension:"),
)`;

const CLICK_SEND = String.raw`(via) => {
  const command = via === "button" ? "cmd_sendButton" : "cmd_sendNow";
  if (!defaultController.isCommandEnabled(command)) {
    throw new Error(command + " is disabled" + (Services.io.offline ? " (Thunderbird is offline)" : ""));
  }
  // Run after this call has answered: sending may open modal prompts.
  setTimeout(() => {
    if (via === "button") document.getElementById("button-send").click();
    else goDoCommand(command);
  }, 0);
}`;

const CLOSE_WINDOW = String.raw`() => {
  setTimeout(() => window.close(), 0);
}`;

const OPEN_DIALOGS = String.raw`() => {
  const out = [];
  for (const win of Services.wm.getEnumerator(null)) {
    const doc = win.document;
    if (win.location.href.includes("commonDialog") || doc.documentElement?.getAttribute("windowtype") === "prompt") {
      out.push({
        url: win.location.href,
        title: doc.title ?? "",
        text: doc.getElementById("infoBody")?.textContent ?? "",
      });
    }
    // Window-modal prompts are <dialog> elements hosting commonDialog.xhtml in a <browser>.
    for (const dialog of doc.querySelectorAll("dialog[open]")) {
      for (const browser of dialog.querySelectorAll("browser")) {
        const inner = browser.contentDocument;
        if (!inner) continue;
        out.push({
          url: inner.documentURI,
          title: inner.title ?? "",
          text: inner.getElementById("infoBody")?.textContent ?? "",
        });
      }
    }
  }
  return out;
}`;

const ACCEPT_DIALOGS = String.raw`() => {
  const accepted = [];
  for (const win of Services.wm.getEnumerator(null)) {
    if (!win.location.href.startsWith("chrome://global/content/commonDialog.xhtml")) continue;
    const doc = win.document;
    accepted.push({ url: win.location.href, title: doc.title ?? "", text: doc.getElementById("infoBody")?.textContent ?? "" });
    const dialog = doc.getElementById("commonDialog");
    win.setTimeout(() => dialog.acceptDialog(), 0);
  }
  return accepted;
}`;

const EXTENSION_WINDOW_URL_OF = String.raw`(selector) => document.querySelector(selector)?.currentURI?.spec ?? ""`;

const DISPLAY_LOCAL_MESSAGE = String.raw`async (folderName, messageId) => {
  const folder = MailServices.accounts.localFoldersServer.rootFolder.getChildNamed(folderName);
  const hdr = folder.msgDatabase.getMsgHdrForMessageID(messageId);
  if (!hdr) throw new Error("no message " + messageId);
  MsgDisplayMessageInFolderTab(hdr);
  const deadline = Date.now() + 10000;
  for (;;) {
    const shown = document.getElementById("tabmail").currentAboutMessage?.gMessage;
    if (shown && shown.messageId === messageId) return true;
    if (Date.now() > deadline) throw new Error("message " + messageId + " not displayed");
    await new Promise((r) => setTimeout(r, 50));
  }
}`;

/** Clicks an add-on's toolbar button (`action`) in the main window; says which element it was. */
const CLICK_MAIL_ACTION = String.raw`async (addonId, timeoutMs) => {
  const { ExtensionCommon } = ChromeUtils.importESModule("resource://gre/modules/ExtensionCommon.sys.mjs");
  const widget = ExtensionCommon.makeWidgetId(addonId);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const candidates = [
      document.getElementById(widget + "-browserAction-toolbarbutton"),
      document.getElementById(widget + "-action-toolbarbutton"),
      document.querySelector('[item-id="ext-' + addonId + '"] button'),
      document.querySelector('button[extension="' + addonId + '"]'),
    ];
    const button = candidates.find((b) => b && !b.disabled);
    if (button) {
      button.click();
      return button.id || button.localName + "[" + (button.getAttribute("extension") ?? "") + "]";
    }
    if (Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
}`;

/** Puts `attribute` on the <browser> of the first main-window tab whose page URL contains `urlPart`. */
const MARK_TAB_BROWSER = String.raw`async (urlPart, attribute, timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tabmail = document.getElementById("tabmail");
    for (const info of tabmail.tabInfo) {
      const browser = info.browser ?? (info.linkedBrowser ?? null);
      if (browser?.currentURI?.spec?.includes(urlPart)) {
        for (const old of document.querySelectorAll("browser[" + attribute + "]")) old.removeAttribute(attribute);
        browser.setAttribute(attribute, "1");
        return tabmail.tabInfo.indexOf(info);
      }
    }
    if (Date.now() > deadline) return -1;
    await new Promise((r) => setTimeout(r, 100));
  }
}`;

/** Fires the `<key>` command Thunderbird registered for a shortcut, as a key press would; false when there is none. */
const FIRE_SHORTCUT = String.raw`(modifiers, key) => {
  const found = [...document.querySelectorAll("key")].find((k) => k.getAttribute("modifiers") === modifiers && k.getAttribute("key") === key);
  found?.doCommand();
  return found !== undefined;
}`;

const CLOSE_TAB = String.raw`(urlPart) => {
  const tabmail = document.getElementById("tabmail");
  const info = tabmail.tabInfo.find((t) => (t.browser ?? t.linkedBrowser)?.currentURI?.spec?.includes(urlPart));
  if (!info) return false;
  tabmail.closeTab(info);
  return true;
}`;

/** UI helpers bound to one BiDi session. Window arguments are BiDi context ids. */
export class ThunderbirdUi {
  constructor(readonly bidi: BidiClient) {}

  /** The main window (`messenger.xhtml`), waiting for it if needed. */
  async mainWindow(timeoutMs = 15_000): Promise<string> {
    const context = await this.bidi.waitForChromeWindow((url) => url === MAIN_WINDOW_URL, { timeoutMs });
    return context.context;
  }

  /** Runs chrome code in the main window; see `BidiClient.chromeEval`. */
  async chromeEval(fnSource: string, args: readonly unknown[] = []): Promise<unknown> {
    return this.bidi.chromeEval(await this.mainWindow(), fnSource, args);
  }

  /** Open compose windows. */
  async composeWindows(): Promise<string[]> {
    const contexts = await this.bidi.chromeContexts();
    return contexts.filter((context) => context.url === COMPOSE_WINDOW_URL).map((context) => context.context);
  }

  /** Opens a new message (plain text by default) and resolves with its window once its editor is ready. */
  async openComposeWindow(options: ComposeOptions = {}, timeoutMs = 20_000): Promise<string> {
    const before = new Set(await this.composeWindows());
    const token = await this.bidi.chromeEval(
      await this.mainWindow(),
      OPEN_COMPOSE_WINDOW,
      [
        {
          identityKey: options.identityKey ?? null,
          to: list(options.to),
          cc: list(options.cc),
          bcc: list(options.bcc),
          subject: options.subject ?? "",
          body: options.body ?? "",
          plainText: options.plainText ?? true,
        },
        COMPOSE_WINDOW_URL,
      ],
      z.string(),
      { timeoutMs },
    );
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const context of await this.composeWindows()) {
        if (before.has(context)) continue;
        const candidate = await this.bidi.chromeEval(context, WINDOW_TOKEN, [], z.string().nullable());
        if (candidate === token) return context;
      }
      if (Date.now() > deadline) throw new Error("the compose window did not show up in the BiDi tree");
      await sleep(50);
    }
  }

  /** Whether the window is still open. */
  async isWindowOpen(context: string): Promise<boolean> {
    const contexts = await this.bidi.chromeContexts();
    return contexts.some((candidate) => candidate.context === context);
  }

  /** Whether the compose window is still open (it closes once a message is sent). */
  async isComposeOpen(context: string): Promise<boolean> {
    return this.isWindowOpen(context);
  }

  /** Waits until the window has closed. */
  async waitForWindowClosed(context: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (await this.isWindowOpen(context)) {
      if (Date.now() > deadline) throw new Error(`window ${context} still open after ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  /** The compose window's current recipients, subject, identity and options, as the UI has them. */
  async composeFields(context: string): Promise<ComposeFieldsState> {
    return this.bidi.chromeEval(context, COMPOSE_FIELDS, [], composeFieldsSchema);
  }

  /**
   * Clicks the add-on's compose action button (waiting for it to exist and be enabled).
   * With `waitForPopup` (default true), also waits for the popup page to be loaded.
   */
  async clickComposeAction(
    context: string,
    addonId: string,
    options: { waitForPopup?: boolean; timeoutMs?: number } = {},
  ): Promise<void> {
    const timeoutMs = options.timeoutMs ?? 15_000;
    await this.bidi.chromeEval(context, CLICK_COMPOSE_ACTION, [addonId, timeoutMs], { timeoutMs: timeoutMs + 5_000 });
    if (options.waitForPopup ?? true) {
      await pageWaitForSelector(this.bidi, this.popup(context), "body", { state: "attached", timeoutMs });
    }
  }

  /** The popup panel's page in the compose (or main) window `context`. */
  popup(context: string): PageTarget {
    return { kind: "browser", context, selector: POPUP_BROWSER_SELECTOR };
  }

  /** Whether an extension popup is currently shown in the window. */
  async isPopupOpen(context: string): Promise<boolean> {
    return this.bidi.chromeEval(context, POPUP_OPEN, [POPUP_BROWSER_SELECTOR], z.boolean());
  }

  popupQuery(context: string, selector: string, options?: ActionOptions): Promise<ElementState | null> {
    return pageQuery(this.bidi, this.popup(context), selector, options);
  }

  popupQueryAll(context: string, selector: string, options?: ActionOptions): Promise<ElementState[]> {
    return pageQueryAll(this.bidi, this.popup(context), selector, options);
  }

  popupType(context: string, selector: string, text: string, options?: TypeOptions): Promise<ElementState> {
    return pageType(this.bidi, this.popup(context), selector, text, options);
  }

  popupClick(context: string, selector: string, options?: ClickOptions): Promise<void> {
    return pageClick(this.bidi, this.popup(context), selector, options);
  }

  waitForPopupSelector(context: string, selector: string, options?: WaitOptions): Promise<ElementState | null> {
    return pageWaitForSelector(this.bidi, this.popup(context), selector, options);
  }

  popupEval(context: string, fnSource: string, args?: readonly unknown[]): Promise<unknown> {
    return pageEval(this.bidi, this.popup(context), fnSource, args);
  }

  popupUrl(context: string): Promise<string> {
    return pageUrl(this.bidi, this.popup(context));
  }

  /**
   * Triggers the compose window's Send command as the Send button does (`cmd_sendNow`, or
   * with `via: "button"` a click on the toolbar button). Returns at once: wait for the SMTP
   * capture, `waitForWindowClosed`, or a window of the add-on.
   */
  async clickSend(context: string, options: { via?: "command" | "button" } = {}): Promise<void> {
    await this.bidi.chromeEval(context, CLICK_SEND, [options.via ?? "command"]);
  }

  /** Windows opened by add-ons with `windows.create({type: "popup"})`. */
  async extensionWindows(): Promise<ChromeContext[]> {
    const contexts = await this.bidi.chromeContexts();
    return contexts.filter((context) => context.url === EXTENSION_WINDOW_URL);
  }

  /**
   * Waits for an extension window whose page URL contains `pageUrlIncludes` (any extension
   * window when omitted) and resolves with its context.
   */
  async waitForExtensionWindow(pageUrlIncludes = "", timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen: string[] = [];
      for (const { context } of await this.extensionWindows()) {
        const url = await this.bidi.chromeEval(
          context,
          EXTENSION_WINDOW_URL_OF,
          [EXTENSION_WINDOW_BROWSER_SELECTOR],
          z.string(),
        );
        seen.push(url);
        if (url.startsWith("moz-extension:") && url.includes(pageUrlIncludes)) return context;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `no extension window with ${JSON.stringify(pageUrlIncludes)} within ${timeoutMs} ms; open: ${seen.join(", ") || "none"}`,
        );
      }
      await sleep(100);
    }
  }

  /** The page of the extension window `context`. */
  extensionWindow(context: string): PageTarget {
    return { kind: "browser", context, selector: EXTENSION_WINDOW_BROWSER_SELECTOR };
  }

  windowQuery(context: string, selector: string, options?: ActionOptions): Promise<ElementState | null> {
    return pageQuery(this.bidi, this.extensionWindow(context), selector, options);
  }

  windowQueryAll(context: string, selector: string, options?: ActionOptions): Promise<ElementState[]> {
    return pageQueryAll(this.bidi, this.extensionWindow(context), selector, options);
  }

  windowType(context: string, selector: string, text: string, options?: TypeOptions): Promise<ElementState> {
    return pageType(this.bidi, this.extensionWindow(context), selector, text, options);
  }

  windowClick(context: string, selector: string, options?: ClickOptions): Promise<void> {
    return pageClick(this.bidi, this.extensionWindow(context), selector, options);
  }

  waitForWindowSelector(context: string, selector: string, options?: WaitOptions): Promise<ElementState | null> {
    return pageWaitForSelector(this.bidi, this.extensionWindow(context), selector, options);
  }

  windowEval(context: string, fnSource: string, args?: readonly unknown[]): Promise<unknown> {
    return pageEval(this.bidi, this.extensionWindow(context), fnSource, args);
  }

  windowUrl(context: string): Promise<string> {
    return pageUrl(this.bidi, this.extensionWindow(context));
  }

  /** Closes a chrome window (compose, extension window…) as its close button would. */
  async closeWindow(context: string): Promise<void> {
    await this.bidi.chromeEval(context, CLOSE_WINDOW);
  }

  /**
   * Runs `fnSource` in the add-on's background page (where `messenger`/`browser` are the
   * add-on's) and resolves with its JSON result.
   */
  async backgroundEval(addonId: string, fnSource: string, args: readonly unknown[] = []): Promise<unknown> {
    const target: PageTarget = { kind: "background", context: await this.mainWindow(), addonId };
    return pageEval(this.bidi, target, fnSource, args);
  }

  /** Prompts and alerts Thunderbird currently shows (title and message), e.g. a send failure. */
  async openDialogs(): Promise<OpenDialog[]> {
    return this.bidi.chromeEval(await this.mainWindow(), OPEN_DIALOGS, [], openDialogsSchema);
  }

  /**
   * Presses the default button (OK, or the first button of a confirmation) of every open
   * prompt window and resolves with what they said.
   */
  async acceptDialogs(): Promise<OpenDialog[]> {
    return this.bidi.chromeEval(await this.mainWindow(), ACCEPT_DIALOGS, [], openDialogsSchema);
  }

  /**
   * Shows the message of a Local Folders folder with that Message-ID (without <>) in the main
   * window's 3-pane tab, as a click in the message list would, and waits until it is displayed.
   */
  async displayLocalMessage(folderName: string, messageId: string): Promise<void> {
    await this.chromeEval(DISPLAY_LOCAL_MESSAGE, [folderName, messageId]);
  }

  /** Delivers messages to a Local Folders folder (Inbox by default) as new mail; see `deliverNewMail`. */
  async deliverNewMail(messages: readonly (string | Uint8Array)[], folderName?: string): Promise<Delivery> {
    return deliverNewMail(this.bidi, await this.mainWindow(), messages, folderName);
  }

  /**
   * Clicks the add-on's toolbar button in the main window (waiting for it to exist and be
   * enabled) and resolves with the clicked element's id.
   */
  async clickMailAction(addonId: string, timeoutMs = 10_000): Promise<string> {
    const clicked = await this.bidi.chromeEval(await this.mainWindow(), CLICK_MAIL_ACTION, [addonId, timeoutMs], z.string().nullable(), {
      timeoutMs: timeoutMs + 5_000,
    });
    if (clicked === null) throw new Error(`the toolbar button of ${addonId} was not found in the main window`);
    return clicked;
  }

  /**
   * Waits for a tab of the main window whose page URL contains `urlPart` and resolves with a
   * target for the page helpers (its <browser> is marked with `data-e2e-tab`).
   */
  async tabPage(urlPart: string, timeoutMs = 15_000): Promise<PageTarget> {
    const main = await this.mainWindow();
    const index = await this.bidi.chromeEval(main, MARK_TAB_BROWSER, [urlPart, "data-e2e-tab", timeoutMs], z.number(), {
      timeoutMs: timeoutMs + 5_000,
    });
    if (index < 0) throw new Error(`no tab showing ${urlPart} within ${timeoutMs} ms`);
    return { kind: "browser", context: main, selector: "browser[data-e2e-tab]" };
  }

  /**
   * Fires the command Thunderbird registered for the shortcut `modifiers`+`key` (e.g.
   * `"alt,shift"`, `"R"`) in a window (default the main window); false when no such shortcut.
   */
  async fireShortcut(modifiers: string, key: string, windowContext?: string): Promise<boolean> {
    return this.bidi.chromeEval(windowContext ?? (await this.mainWindow()), FIRE_SHORTCUT, [modifiers, key], z.boolean());
  }

  /** Closes the first main-window tab whose page URL contains `urlPart`; false when there is none. */
  async closeTab(urlPart: string): Promise<boolean> {
    return this.bidi.chromeEval(await this.mainWindow(), CLOSE_TAB, [urlPart], z.boolean());
  }

  /** Reindexes a Local Folders folder from its mbox; see `indexLocalFolder`. */
  async indexLocalFolder(folderName: string, expectedCount?: number): Promise<IndexedFolder> {
    return indexLocalFolder(this.bidi, await this.mainWindow(), folderName, expectedCount);
  }
}
