/**
 * A fake Thunderbird for unit tests: the `messenger` global, typed against the real API,
 * modelling exactly what the add-on calls (see `src/adapters/*.ts`) and refusing the rest:
 * any namespace or member that is not faked throws `NotFakedError` when it is read.
 *
 * One `FakeThunderbird` is one running Thunderbird: its storage, compose tabs and windows
 * are shared by every extension context (background, compose popup, send-check window),
 * each with its own `messenger` object. Code run through `context.run(fn)` sees that
 * context's `messenger` as the global, across every `await`, so two contexts can run at the
 * same time on the same storage, as they do in Thunderbird: that is how races show up.
 *
 * What is modelled, and how it behaves like Thunderbird (see docs/thunderbird.md):
 * - `storage.local` / `storage.session`: in memory; `get()` / `get(null)` everything,
 *   `get("k")`, `get(["a", "b"])`, `get({k: fallback})`; `set` merges, `remove`, `clear`;
 *   values are structured-cloned both ways, every call resolves on a later turn. Every
 *   `get` is counted (`storageReads`: keys asked for and values handed back).
 * - `storage.onChanged`: fired in every context after each `set`, `remove` or `clear`
 *   that changed something, with `{key: {oldValue?, newValue?}}` and the area's name.
 * - `storage.managed`: the policy given to the host, or, when there is none, `get()` rejects
 *   with "Managed storage manifest not found" as Thunderbird does; it is read-only.
 * - `compose.getComposeDetails/setComposeDetails/listAttachments/sendMessage/onBeforeSend`:
 *   `setComposeDetails` changes only the fields it is given; `customHeaders` replaces the
 *   whole list, names must start with `X-` (not `X-Mozilla-`) or `List-`, and come back
 *   Train-Cased (`X-Mss-Mes`). Fields the fake does not model (`priority`, `attachments`…)
 *   throw `NotFakedError`. Sending runs the `onBeforeSend` listeners in the context that
 *   registered them: `{cancel: true}` makes `sendMessage` reject with "Send aborted by an
 *   onBeforeSend event", `{details}` is applied like `setComposeDetails`; a sent message
 *   closes its compose window. Offline (`offline = true`), as Thunderbird 153: `sendMessage`
 *   without a mode puts the message in the Outbox (`mode: "sendLater"`, its copy in
 *   `messages`, no `headerMessageId`), and with `mode: "sendNow"` rejects ("Message compose
 *   window not ready for the requested command": Thunderbird disables Send Now offline). With
 *   `serverRefuses`, a send now resolves with a null Message-ID (and `onAfterSend` fires first,
 *   the same way, without an error) and the window stays open; with
 *   `sendInBackground`, it goes, its window closes, and `sendMessage` never answers.
 * - `tabs.query/get/onRemoved`, `windows.create/update/remove`: one main window with a mail
 *   tab, one window per compose tab, popup windows the add-on opens (recorded).
 * - `i18n.getMessage/getUILanguage`: the real `src/_locales` (fr by default), named
 *   placeholders (`$NAME$`) and `$1`…`$9` filled as Thunderbird does; an unknown key gives "".
 * - `runtime.id` (the manifest's id), `runtime.onInstalled`, `runtime.onStartup` (fired by
 *   `startUp()`), `runtime.getURL`, `runtime.sendMessage`/`onMessage` between pages (the
 *   first listener returning a promise answers; a tab's script sends with `messageFromTab`),
 *   `menus.create`/`update`/`refresh` and `notifications.create` (recorded),
 *   `menus.onShown`/`onHidden` (fired by `showMenu()`), `scripting.messageDisplay`
 *   (registered scripts kept in `displayScripts`; an id registered twice is refused).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { fill, type CatalogEntry } from "../../../src/core/i18n/render.js";
import { NotFakedError, strict } from "./strict-proxy.js";

export { NotFakedError } from "./strict-proxy.js";

export type Messenger = typeof messenger;
type ComposeDetails = messenger.compose.ComposeDetails;
type Tab = messenger.tabs.Tab;
type TabType = messenger.tabs.TabType;
type WindowType = messenger.windows.WindowType;
type StorageArea = messenger.storage.StorageArea;
type Callback<E> = E extends WebExtEvent<infer F> ? F : never;

const ROOT = join(import.meta.dirname, "../../..");

function readJson(path: string): unknown {
  // A path, not a URL: under happy-dom (the page tests) `import.meta.url` is not a file URL.
  return JSON.parse(readFileSync(join(ROOT, path), "utf8")) as unknown;
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`${what} is not an object`);
  return value as Record<string, unknown>;
}

/** The add-on's id, as the manifest freezes it. */
export const MANIFEST_ID = ((): string => {
  const gecko = record(record(record(readJson("manifest.json"), "manifest.json").browser_specific_settings, "browser_specific_settings").gecko, "gecko");
  if (typeof gecko.id !== "string") throw new Error("manifest.json has no gecko id");
  return gecko.id;
})();

type Catalog = ReadonlyMap<string, CatalogEntry>;

function loadCatalog(lang: "fr" | "en"): Catalog {
  const raw = record(readJson(`src/_locales/${lang}/messages.json`), `${lang}/messages.json`);
  const out = new Map<string, CatalogEntry>();
  for (const [key, entry] of Object.entries(raw)) {
    const fields = record(entry, `${lang}/messages.json ${key}`);
    if (typeof fields.message !== "string") throw new Error(`${lang}/messages.json ${key} has no message`);
    out.set(key.toLowerCase(), fields as unknown as CatalogEntry);
  }
  return out;
}

export const CATALOGS: { readonly fr: Catalog; readonly en: Catalog } = { fr: loadCatalog("fr"), en: loadCatalog("en") };

/** Every fake call resolves on a later turn, as an IPC round trip does. */
async function turn(): Promise<void> {
  await Promise.resolve();
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** `X-MSS-MES` → `X-Mss-Mes`, as Thunderbird gives custom header names back. */
export function trainCase(name: string): string {
  return name
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join("-");
}

// ---------------------------------------------------------------------------------------
// Events

interface Listening<F> {
  readonly listener: F;
  readonly context: FakeContext;
}

/** An event of the API: listeners remember the context that added them, and run in it. */
class FakeEvent<E extends WebExtEvent<Callback<E>>> {
  private readonly entries: Listening<Callback<E>>[] = [];

  constructor(readonly name: string) {}

  facade(context: FakeContext): E {
    const event: WebExtEvent<Callback<E>> = {
      addListener: (listener) => {
        this.entries.push({ listener, context });
      },
      removeListener: (listener) => {
        const i = this.entries.findIndex((e) => e.listener === listener && e.context === context);
        if (i >= 0) this.entries.splice(i, 1);
      },
      hasListener: (listener) => this.entries.some((e) => e.listener === listener && e.context === context),
    };
    return event as E;
  }

  get listenerCount(): number {
    return this.entries.length;
  }

  /** Calls every listener in its own context, one after the other; their results, awaited. */
  async dispatch(...args: Parameters<Callback<E>>): Promise<unknown[]> {
    const results: unknown[] = [];
    for (const { listener, context } of [...this.entries]) {
      const result: unknown = context.run(() => (listener as (...a: Parameters<Callback<E>>) => unknown)(...args));
      results.push(await Promise.resolve(result));
    }
    return results;
  }
}

// ---------------------------------------------------------------------------------------
// The model

/** What the fake keeps of a message being written. */
export interface ComposeModel {
  from: string;
  identityId: string;
  type: messenger.compose._ComposeDetailsType;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  subject: string;
  body: string;
  plainTextBody: string;
  isPlainText: boolean;
  customHeaders: { name: string; value: string }[];
  returnReceipt: boolean;
  deliveryStatusNotification: boolean;
}

export interface FakeAttachment {
  readonly name: string;
  readonly size: number;
}

export type ComposeInit = Partial<ComposeModel> & { readonly attachments?: readonly FakeAttachment[] };

export const DEFAULT_SENDER = "Dr Anne Martin <anne.martin@medecin.mssante.fr>";

interface WindowModel {
  readonly id: number;
  readonly type: WindowType;
  focused: boolean;
}

interface TabModel {
  readonly id: number;
  readonly windowId: number;
  readonly type: TabType;
  readonly url?: string;
  compose?: { details: ComposeModel; attachments: { id: number; name: string; size: number }[] };
}

/** A `windows.create` call, as recorded. */
export interface OpenedWindow {
  readonly id: number;
  readonly context: string;
  readonly type: string | undefined;
  readonly url: string | undefined;
  readonly width: number | undefined;
  readonly height: number | undefined;
}

export interface SentMessage {
  readonly tabId: number;
  readonly mode: "sendNow" | "sendLater";
  readonly details: ComposeModel;
  readonly headerMessageId: string;
}

export type SendOutcome =
  | { readonly sent: true; readonly message: SentMessage }
  | { readonly sent: false; readonly error: Error };

export interface FakeThunderbirdOptions {
  /** What `storage.managed` holds; absent: no policy, `get()` rejects as in Thunderbird. */
  readonly policy?: Record<string, unknown>;
  /** `i18n.getUILanguage()`; "fr" unless given. Messages come from `en` for `en…`, else `fr`. */
  readonly uiLanguage?: string;
  /** `runtime.id`; the manifest's id unless given. */
  readonly addonId?: string;
}

export const SEND_ABORTED = "Send aborted by an onBeforeSend event";
export const NO_MANAGED_STORAGE = "Managed storage manifest not found";

const SETTABLE: ReadonlySet<string> = new Set([
  "from",
  "to",
  "cc",
  "bcc",
  "replyTo",
  "subject",
  "body",
  "plainTextBody",
  "isPlainText",
  "customHeaders",
  "returnReceipt",
  "deliveryStatusNotification",
]);

const CUSTOM_HEADER_NAME = /^(?:X-(?!Mozilla-)|List-)[\x21-\x39\x3b-\x7e]+$/i;

function recipients(value: messenger.compose.ComposeRecipientList, field: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((entry) => {
    if (typeof entry !== "string") throw new NotFakedError(`messenger.compose: ${field} entries other than strings are not faked`);
    return entry;
  });
}

function customHeaders(list: readonly { name: string; value: string }[]): { name: string; value: string }[] {
  return list.map(({ name, value }) => {
    if (!CUSTOM_HEADER_NAME.test(name)) throw new Error(`Invalid custom header name: ${name}`);
    return { name: trainCase(name), value };
  });
}

/** `setComposeDetails`: the fields given replace the ones kept; `customHeaders` as a whole. */
function applyDetails(model: ComposeModel, details: ComposeDetails): void {
  const given = Object.entries(details).filter(([, value]) => value !== undefined);
  for (const [field] of given) {
    if (!SETTABLE.has(field)) throw new NotFakedError(`messenger.compose.setComposeDetails: field "${field}" is not faked`);
  }
  const d = details;
  if (d.from !== undefined) {
    if (typeof d.from !== "string") throw new NotFakedError("messenger.compose: a contact as sender is not faked");
    model.from = d.from;
  }
  if (d.to !== undefined) model.to = recipients(d.to, "to");
  if (d.cc !== undefined) model.cc = recipients(d.cc, "cc");
  if (d.bcc !== undefined) model.bcc = recipients(d.bcc, "bcc");
  if (d.replyTo !== undefined) model.replyTo = recipients(d.replyTo, "replyTo");
  if (d.subject !== undefined) model.subject = d.subject;
  if (d.body !== undefined) model.body = d.body;
  if (d.plainTextBody !== undefined) model.plainTextBody = d.plainTextBody;
  if (d.isPlainText !== undefined) model.isPlainText = d.isPlainText;
  if (d.customHeaders !== undefined) model.customHeaders = customHeaders(d.customHeaders);
  if (d.returnReceipt !== undefined) model.returnReceipt = d.returnReceipt;
  if (d.deliveryStatusNotification !== undefined) model.deliveryStatusNotification = d.deliveryStatusNotification;
}

function storageGet(data: ReadonlyMap<string, unknown>, keys: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const pick = (key: string): void => {
    if (data.has(key)) out[key] = clone(data.get(key));
  };
  if (keys === undefined || keys === null) {
    for (const key of data.keys()) pick(key);
  } else if (typeof keys === "string") {
    pick(keys);
  } else if (Array.isArray(keys)) {
    for (const key of keys) {
      if (typeof key !== "string") throw new TypeError("storage get: keys must be strings");
      pick(key);
    }
  } else if (typeof keys === "object") {
    for (const [key, fallback] of Object.entries(keys)) out[key] = data.has(key) ? clone(data.get(key)) : clone(fallback);
  } else {
    throw new TypeError("storage get: invalid keys");
  }
  return out;
}

function keyList(keys: unknown): string[] {
  const list: unknown[] = Array.isArray(keys) ? keys : [keys];
  return list.map((key) => {
    if (typeof key !== "string") throw new TypeError("storage remove: keys must be strings");
    return key;
  });
}

type FakeStorageArea = Pick<StorageArea, "get" | "set" | "remove" | "clear">;

/** What `storage.onChanged` carries for one key. */
export interface StorageChange {
  oldValue?: unknown;
  newValue?: unknown;
}

/** How much was read from a storage area: `get` calls, and values handed back. */
export interface StorageReads {
  calls: number;
  values: number;
  /** `get()` / `get(null)`: everything. */
  whole: number;
}

function storageArea(data: Map<string, unknown>, reads: StorageReads, changed: (changes: Record<string, StorageChange>) => void): FakeStorageArea {
  return {
    async get(keys) {
      await turn();
      const out = storageGet(data, keys);
      reads.calls++;
      reads.values += Object.keys(out).length;
      if ((keys as unknown) === undefined || (keys as unknown) === null) reads.whole++;
      return out;
    },
    async set(items) {
      const copies = Object.entries(record(items, "storage set: items")).map(([key, value]) => [key, clone(value)] as const);
      await turn();
      const changes: Record<string, StorageChange> = {};
      for (const [key, value] of copies) {
        changes[key] = data.has(key) ? { oldValue: clone(data.get(key)), newValue: clone(value) } : { newValue: clone(value) };
        data.set(key, value);
      }
      if (copies.length > 0) changed(changes);
    },
    async remove(keys) {
      const list = keyList(keys);
      await turn();
      const changes: Record<string, StorageChange> = {};
      for (const key of list) {
        if (data.has(key)) changes[key] = { oldValue: clone(data.get(key)) };
        data.delete(key);
      }
      if (Object.keys(changes).length > 0) changed(changes);
    },
    async clear() {
      await turn();
      const changes: Record<string, StorageChange> = {};
      for (const [key, value] of data) changes[key] = { oldValue: clone(value) };
      data.clear();
      if (Object.keys(changes).length > 0) changed(changes);
    },
  };
}

type DeepPartial<T> = T extends (...args: never[]) => unknown ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
/** A script registered with `scripting.messageDisplay.registerScripts` (Thunderbird 128+, not in the 127 types). */
export interface FakeDisplayScript {
  readonly id: string;
  readonly js?: readonly string[];
  readonly css?: readonly string[];
  readonly runAt?: string;
}

/** `scripting.messageDisplay` as Thunderbird 128+ has it (the published types stop at 127). */
interface FakeScripting {
  messageDisplay: {
    registerScripts(scripts: FakeDisplayScript[]): Promise<void>;
    getRegisteredScripts(filter?: { ids?: string[] }): Promise<FakeDisplayScript[]>;
    unregisterScripts(filter?: { ids?: string[] }): Promise<void>;
  };
}

type FakeTree = { -readonly [N in keyof Messenger]?: DeepPartial<Messenger[N]> } & { scripting?: FakeScripting };

// ---------------------------------------------------------------------------------------
// Contexts

/** One extension context (the background page, a popup, a window of the add-on). */
export class FakeContext {
  /** This context's `messenger`: only what is faked, the rest throws. */
  readonly messenger: Messenger;
  readonly tree: FakeTree;

  constructor(
    private readonly host: FakeThunderbird,
    readonly name: string,
    /** The window the page lives in (`tabs.query({currentWindow: true})`); none for the background. */
    readonly windowId: number | undefined,
  ) {
    this.tree = host.buildTree(this);
    this.messenger = strict(this.tree, "messenger") as Messenger;
  }

  /** Runs `fn` with this context's `messenger` as the global, across its awaits. */
  run<T>(fn: () => T): T {
    return this.host.contextStore.run(this, fn);
  }
}

// ---------------------------------------------------------------------------------------
// The host

export class FakeThunderbird {
  /** @internal the context of the code running now. */
  readonly contextStore = new AsyncLocalStorage<FakeContext>();

  private readonly local = new Map<string, unknown>();
  private readonly session = new Map<string, unknown>();
  private policy: Record<string, unknown> | undefined;
  private uiLanguage: string;
  private readonly addonId: string;

  private readonly windowModels = new Map<number, WindowModel>();
  private readonly tabModels = new Map<number, TabModel>();
  private nextWindowId = 1;
  private nextTabId = 1;
  private nextAttachmentId = 1;
  private lastFocusedWindowId: number;

  private readonly contexts: FakeContext[] = [];
  private readonly overrides: { ns: string; member: string; value: unknown; remove: boolean }[] = [];

  readonly events = {
    onBeforeSend: new FakeEvent<Messenger["compose"]["onBeforeSend"]>("compose.onBeforeSend"),
    /** Registered like Thunderbird's; a test fires it itself (`dispatch`) with the send info it models. */
    onAfterSend: new FakeEvent<Messenger["compose"]["onAfterSend"]>("compose.onAfterSend"),
    onTabRemoved: new FakeEvent<Messenger["tabs"]["onRemoved"]>("tabs.onRemoved"),
    onInstalled: new FakeEvent<Messenger["runtime"]["onInstalled"]>("runtime.onInstalled"),
    onStartup: new FakeEvent<Messenger["runtime"]["onStartup"]>("runtime.onStartup"),
    onStorageChanged: new FakeEvent<Messenger["storage"]["onChanged"]>("storage.onChanged"),
    onMenuShown: new FakeEvent<Messenger["menus"]["onShown"]>("menus.onShown"),
    onMenuHidden: new FakeEvent<Messenger["menus"]["onHidden"]>("menus.onHidden"),
  };

  /** The scripts registered for displayed messages (`scripting.messageDisplay`), in order. */
  readonly displayScripts: FakeDisplayScript[] = [];

  /**
   * A script of the add-on running in tab `tabId` (a displayed message's script) sends
   * `message` with `runtime.sendMessage`: the first answer a listener gives (a listener
   * returning `undefined` leaves it to the others), or `undefined` when none answers.
   */
  async messageFromTab(tabId: number, message: unknown): Promise<unknown> {
    const sender = { id: this.addonId, tab: this.tabInfo(tabId) } as messenger.runtime.MessageSender;
    return this.deliverRuntimeMessage(null, message, sender);
  }

  private scriptingNamespace(): FakeScripting {
    const matches = (filter: { ids?: string[] } | undefined) => (s: FakeDisplayScript) => filter?.ids === undefined || filter.ids.includes(s.id);
    return {
      messageDisplay: {
        registerScripts: async (scripts) => {
          await turn();
          if (scripts.some((s) => this.displayScripts.some((known) => known.id === s.id))) throw new Error("Script ID already registered");
          this.displayScripts.push(...scripts.map((s) => clone(s)));
        },
        getRegisteredScripts: async (filter) => {
          await turn();
          return this.displayScripts.filter(matches(filter)).map((s) => clone(s));
        },
        unregisterScripts: async (filter) => {
          await turn();
          const keep = this.displayScripts.filter((s) => !matches(filter)(s));
          this.displayScripts.splice(0, this.displayScripts.length, ...keep);
        },
      },
    };
  }

  /** What was read from `storage.local` (reset it to measure one step). */
  readonly localReads: StorageReads = { calls: 0, values: 0, whole: 0 };
  private readonly sessionReads: StorageReads = { calls: 0, values: 0, whole: 0 };

  /** Every `windows.create`, in order. */
  readonly openedWindows: OpenedWindow[] = [];
  /** Every window brought forward by `windows.update(id, {focused: true})`, in order. */
  readonly focusedWindows: number[] = [];
  /** Every `menus.create`, in order. */
  readonly createdMenus: messenger.menus._CreateCreateProperties[] = [];
  /** Every `menus.update` (entry id and what changed), in order. */
  readonly menuUpdates: { readonly id: string | number; readonly change: messenger.menus._UpdateUpdateProperties }[] = [];
  /** How many times `menus.refresh` was called. */
  menuRefreshes = 0;
  /** Desktop notifications shown (`notifications.create`), with their ids, in order. */
  readonly notifications: { readonly id: string; readonly options: messenger.notifications.CreateNotificationOptions }[] = [];
  /** Every message that left. */
  readonly sentMessages: SentMessage[] = [];
  /** Thunderbird is offline ("Work Offline", no network): Send Now is disabled, Send goes to the Outbox. */
  offline = false;
  /**
   * The outgoing server refuses every message. As Thunderbird 153 does, `compose.sendMessage`
   * then resolves as if the message had gone, with a null Message-ID (`onAfterSend` fires
   * just before, `{mode: "sendNow", messages: [], headerMessageId: null}`), and the message stays in
   * its compose window (Thunderbird's own alert says the send failed); nothing leaves. The
   * `onBeforeSend` listeners ran first: the details they returned stay in the window.
   */
  serverRefuses = false;
  /**
   * Thunderbird's "send in background" setting (`mailnews.sendInBackground`): as Thunderbird
   * 153 does, a send now goes (through the Outbox), its compose window closes, and
   * `compose.sendMessage` never answers (nor does `onAfterSend` fire).
   */
  sendInBackground = false;

  /** The background page; code outside any `run` runs here. */
  readonly background: FakeContext;
  readonly mainWindowId: number;

  constructor(options: FakeThunderbirdOptions = {}) {
    this.policy = options.policy === undefined ? undefined : clone(options.policy);
    this.uiLanguage = options.uiLanguage ?? "fr";
    this.addonId = options.addonId ?? MANIFEST_ID;
    this.mainWindowId = this.addWindow("normal");
    this.addTab(this.mainWindowId, "mail");
    this.lastFocusedWindowId = this.mainWindowId;
    this.background = this.context("background");
  }

  // --- contexts and the global -----------------------------------------------------------

  /** A page of the add-on; `windowId` is the window it is shown in (a compose window for the popup). */
  context(name: string, options: { windowId?: number } = {}): FakeContext {
    const context = new FakeContext(this, name, options.windowId);
    this.contexts.push(context);
    return context;
  }

  /** The context of the code running now. */
  current(): FakeContext {
    return this.contextStore.getStore() ?? this.background;
  }

  /** Makes this fake the `messenger` global. */
  install(): void {
    if (Object.hasOwn(globalThis, "messenger")) throw new Error("a messenger global is already installed: uninstall it first");
    const dispatcher = new Proxy(
      {},
      {
        get: (_target, prop) => Reflect.get(this.current().messenger, prop) as unknown,
        has: (_target, prop) => Reflect.has(this.current().messenger, prop),
        set: (_target, prop) => {
          throw new NotFakedError(`messenger.${String(prop)} cannot be assigned: use override()`);
        },
      },
    );
    Object.defineProperty(globalThis, "messenger", { value: dispatcher, configurable: true, writable: false, enumerable: false });
  }

  uninstall(): void {
    Reflect.deleteProperty(globalThis, "messenger");
  }

  /** Replaces (or adds) one member of a namespace, in every context. */
  override<N extends keyof Messenger, K extends keyof Messenger[N]>(ns: N, member: K, value: Messenger[N][K]): void {
    const entry = { ns, member: String(member), value, remove: false };
    this.overrides.push(entry);
    for (const context of this.contexts) applyOverride(context.tree, entry);
  }

  /** Takes one member away, in every context: reading it then throws `NotFakedError`. */
  unfake<N extends keyof Messenger>(ns: N, member: keyof Messenger[N]): void {
    const entry = { ns, member: String(member), value: undefined, remove: true };
    this.overrides.push(entry);
    for (const context of this.contexts) applyOverride(context.tree, entry);
  }

  // --- storage ----------------------------------------------------------------------------

  /** What a storage area holds now (a copy). */
  storage(area: "local" | "session"): Record<string, unknown> {
    return storageGet(area === "local" ? this.local : this.session, null);
  }

  /** Puts values in a storage area at once, as if stored earlier. */
  seedStorage(area: "local" | "session", items: Record<string, unknown>): void {
    const data = area === "local" ? this.local : this.session;
    for (const [key, value] of Object.entries(items)) data.set(key, clone(value));
  }

  /** The administrator's policy (`storage.managed`); `undefined`: none. */
  setPolicy(policy: Record<string, unknown> | undefined): void {
    this.policy = policy === undefined ? undefined : clone(policy);
  }

  // --- compose tabs and windows -----------------------------------------------------------

  /** Opens a compose window; gives its tab id. */
  openCompose(init: ComposeInit = {}): number {
    const { attachments = [], ...fields } = init;
    const details: ComposeModel = {
      from: DEFAULT_SENDER,
      identityId: "id1",
      type: "new",
      to: [],
      cc: [],
      bcc: [],
      replyTo: [],
      subject: "",
      body: "",
      plainTextBody: "",
      isPlainText: false,
      deliveryStatusNotification: false,
      returnReceipt: false,
      ...clone(fields),
      customHeaders: customHeaders(fields.customHeaders ?? []),
    };
    const windowId = this.addWindow("messageCompose");
    const tabId = this.addTab(windowId, "messageCompose");
    const tab = this.tabModels.get(tabId);
    if (tab === undefined) throw new Error("unreachable");
    tab.compose = { details, attachments: attachments.map((a) => ({ id: this.nextAttachmentId++, name: a.name, size: a.size })) };
    this.focus(windowId);
    return tabId;
  }

  /** The message as it stands in its compose window (a copy). */
  composeDetails(tabId: number): ComposeModel {
    return clone(this.composeOf(tabId).details);
  }

  /** The window a tab is in. */
  windowOf(tabId: number): number {
    const tab = this.tabModels.get(tabId);
    if (tab === undefined) throw new Error(`no tab ${tabId}`);
    return tab.windowId;
  }

  /** The user changes the message in the compose window (same rules as `setComposeDetails`). */
  edit(tabId: number, change: ComposeDetails): void {
    applyDetails(this.composeOf(tabId).details, change);
  }

  /** The user attaches a file. */
  attach(tabId: number, file: FakeAttachment): void {
    this.composeOf(tabId).attachments.push({ id: this.nextAttachmentId++, name: file.name, size: file.size });
  }

  /** The user presses Send: what `compose.sendMessage` does, without the rejection. */
  /** Thunderbird starts with the add-on enabled: `runtime.onStartup` fires (its listeners' results awaited). */
  async startUp(): Promise<void> {
    await this.events.onStartup.dispatch();
  }

  async send(tabId: number, mode: "sendNow" | "sendLater" = "sendNow"): Promise<SendOutcome> {
    const compose = this.composeOf(tabId);
    const aborted = await this.beforeSend(tabId);
    if (aborted !== null) return { sent: false, error: aborted };
    const message: SentMessage = {
      tabId,
      mode,
      details: clone(compose.details),
      headerMessageId: `fake-${this.sentMessages.length + 1}@mssante-patient.test`,
    };
    this.sentMessages.push(message);
    await this.closeWindow(this.windowOf(tabId));
    return { sent: true, message };
  }

  /** Runs the `onBeforeSend` listeners on the tab's message: the error of a cancelled send, else null (their details applied). */
  private async beforeSend(tabId: number): Promise<Error | null> {
    const compose = this.composeOf(tabId);
    for (const result of await this.events.onBeforeSend.dispatch(this.tabInfo(tabId), clone(compose.details))) {
      if (typeof result !== "object" || result === null) continue;
      const { cancel, details } = result as { cancel?: unknown; details?: unknown };
      if (cancel === true) return new Error(SEND_ABORTED);
      if (details !== undefined) applyDetails(compose.details, record(details, "onBeforeSend details"));
    }
    return null;
  }

  /**
   * The user opens a menu holding the add-on's entries `menuIds` (`menus.onShown`), with
   * the messages selected (MessageHeader-like objects); the listeners are not awaited, as in
   * Thunderbird. `hide()` closes that menu (`menus.onHidden`).
   */
  showMenu(menuIds: readonly string[], messages: readonly unknown[], contexts: readonly string[] = ["message_list"]): { hide(): Promise<void> } {
    const info = { menuIds: [...menuIds], contexts: [...contexts], selectedMessages: { id: null, messages: clone([...messages]) } };
    void this.events.onMenuShown.dispatch(info as unknown as messenger.menus.OnShowData, this.tabInfo(this.mainTabId()));
    return {
      hide: async () => {
        await this.events.onMenuHidden.dispatch();
      },
    };
  }

  /** The entry as created, with every `menus.update` since applied in order. */
  menuEntry(id: string): messenger.menus._CreateCreateProperties {
    const created = this.createdMenus.find((m) => m.id === id);
    if (created === undefined) throw new Error(`no menu entry ${id}`);
    let entry: messenger.menus._CreateCreateProperties = clone(created);
    for (const u of this.menuUpdates) if (u.id === id) entry = { ...entry, ...clone(u.change) };
    return entry;
  }

  private mainTabId(): number {
    const tab = [...this.tabModels.values()].find((t) => t.windowId === this.mainWindowId);
    if (tab === undefined) throw new Error("no main tab");
    return tab.id;
  }

  /** The user switches Thunderbird's interface language (what `i18n` answers from now on). */
  setUiLanguage(tag: string): void {
    this.uiLanguage = tag;
  }

  /** Whether a window is still open. */
  isOpen(windowId: number): boolean {
    return this.windowModels.has(windowId);
  }

  /** The user closes a window (its tabs go, `tabs.onRemoved` fires for each). */
  async closeWindow(windowId: number): Promise<void> {
    if (!this.windowModels.delete(windowId)) throw new Error(`Invalid window ID: ${windowId}`);
    const tabs = [...this.tabModels.values()].filter((t) => t.windowId === windowId);
    for (const tab of tabs) this.tabModels.delete(tab.id);
    if (this.lastFocusedWindowId === windowId) this.lastFocusedWindowId = this.mainWindowId;
    for (const tab of tabs) await this.events.onTabRemoved.dispatch(tab.id, { windowId, isWindowClosing: true });
  }

  // --- internals --------------------------------------------------------------------------

  private addWindow(type: WindowType): number {
    const id = this.nextWindowId++;
    this.windowModels.set(id, { id, type, focused: false });
    return id;
  }

  private addTab(windowId: number, type: TabType, url?: string): number {
    const id = this.nextTabId++;
    this.tabModels.set(id, { id, windowId, type, ...(url === undefined ? {} : { url }) });
    return id;
  }

  private focus(windowId: number): void {
    for (const w of this.windowModels.values()) w.focused = w.id === windowId;
    this.lastFocusedWindowId = windowId;
  }

  private composeOf(tabId: number): NonNullable<TabModel["compose"]> {
    const compose = this.tabModels.get(tabId)?.compose;
    if (compose === undefined) throw new Error(`Invalid tab ID: ${tabId}`);
    return compose;
  }

  private tabInfo(tabId: number): Tab {
    const tab = this.tabModels.get(tabId);
    if (tab === undefined) throw new Error(`Invalid tab ID: ${tabId}`);
    const active = [...this.tabModels.values()].find((t) => t.windowId === tab.windowId)?.id === tabId;
    return {
      id: tab.id,
      index: 0,
      windowId: tab.windowId,
      highlighted: active,
      active,
      type: tab.type,
      mailTab: tab.type === "mail",
      ...(tab.url === undefined ? {} : { url: tab.url }),
    };
  }

  /** @internal the faked namespaces of one context. */
  buildTree(context: FakeContext): FakeTree {
    const tree: FakeTree = {
      storage: {
        local: storageArea(this.local, this.localReads, (changes) => {
          this.storageChanged(changes, "local");
        }),
        session: storageArea(this.session, this.sessionReads, (changes) => {
          this.storageChanged(changes, "session");
        }),
        managed: this.managedArea(),
        onChanged: this.events.onStorageChanged.facade(context),
      },
      compose: this.composeNamespace(context),
      tabs: this.tabsNamespace(context),
      windows: this.windowsNamespace(context),
      i18n: this.i18nNamespace(),
      runtime: {
        id: this.addonId,
        onInstalled: this.events.onInstalled.facade(context),
        onStartup: this.events.onStartup.facade(context),
        getURL: (path) => `moz-extension://fake-uuid/${path.replace(/^\//, "")}`,
        sendMessage: ((message: unknown) => this.deliverRuntimeMessage(context, message)) as Messenger["runtime"]["sendMessage"],
        onMessage: this.runtimeMessageEvent(context),
      },
      scripting: this.scriptingNamespace(),
      notifications: {
        create: async (idOrOptions: string | messenger.notifications.CreateNotificationOptions | undefined, maybeOptions?: messenger.notifications.CreateNotificationOptions) => {
          await turn();
          const options = typeof idOrOptions === "object" ? idOrOptions : maybeOptions;
          if (options === undefined) throw new Error("notifications.create: options are required");
          const id = typeof idOrOptions === "string" ? idOrOptions : `notification-${this.notifications.length + 1}`;
          this.notifications.push({ id, options: clone(options) });
          return id;
        },
      },
      menus: {
        create: (properties, callback) => {
          this.createdMenus.push(clone(properties));
          callback?.();
          return properties.id ?? this.createdMenus.length;
        },
        update: async (id, change) => {
          await turn();
          if (!this.createdMenus.some((m) => m.id === id)) throw new Error(`Could not find any MenuItem with id: ${String(id)}`);
          this.menuUpdates.push({ id, change: clone(change) });
        },
        refresh: async () => {
          await turn();
          this.menuRefreshes++;
        },
        onShown: this.events.onMenuShown.facade(context),
        onHidden: this.events.onMenuHidden.facade(context),
      },
    };
    for (const entry of this.overrides) applyOverride(tree, entry);
    return tree;
  }

  /** Listeners of `runtime.onMessage`, with the page each lives in. */
  private readonly runtimeListeners: { readonly listener: (message: unknown, sender: unknown, sendResponse: () => void) => unknown; readonly context: FakeContext }[] = [];

  /**
   * `runtime.onMessage` of one page: a message sent by a page reaches every other page's
   * listeners (never its sender's), structured-cloned; the first listener that returns a
   * promise answers with what it resolves to (a rejection rejects `sendMessage`); a listener
   * returning anything else does not answer. Answering through `sendResponse` is not faked.
   */
  private runtimeMessageEvent(context: FakeContext): Messenger["runtime"]["onMessage"] {
    const event = {
      addListener: (listener: (message: unknown, sender: unknown, sendResponse: () => void) => unknown) => {
        this.runtimeListeners.push({ listener, context });
      },
      removeListener: (listener: unknown) => {
        const i = this.runtimeListeners.findIndex((e) => e.listener === listener && e.context === context);
        if (i >= 0) this.runtimeListeners.splice(i, 1);
      },
      hasListener: (listener: unknown) => this.runtimeListeners.some((e) => e.listener === listener && e.context === context),
    };
    return event as unknown as Messenger["runtime"]["onMessage"];
  }

  /** `runtime.sendMessage` from `from`: rejects as Thunderbird does when no other page listens. */
  private async deliverRuntimeMessage(from: FakeContext | null, message: unknown, sender: messenger.runtime.MessageSender = { id: this.addonId }): Promise<unknown> {
    const copy = clone(message);
    await turn();
    const receivers = this.runtimeListeners.filter((e) => e.context !== from);
    if (receivers.length === 0) throw new Error("Could not establish connection. Receiving end does not exist.");
    for (const { listener, context } of receivers) {
      const result = context.run(() =>
        listener(clone(copy), clone(sender), () => {
          throw new NotFakedError("runtime.onMessage: sendResponse is not faked (return a promise)");
        }),
      );
      if (result instanceof Promise) return clone(await result);
    }
    return undefined;
  }

  /** Fired after the change, as Thunderbird does, without holding up the call that made it. */
  private storageChanged(changes: Record<string, StorageChange>, area: "local" | "session"): void {
    void this.events.onStorageChanged.dispatch(changes, area);
  }

  private managedArea(): FakeStorageArea {
    const readOnly = async (): Promise<never> => {
      await turn();
      throw new Error("storage.managed is read-only");
    };
    return {
      get: async (keys) => {
        await turn();
        if (this.policy === undefined) throw new Error(NO_MANAGED_STORAGE);
        return storageGet(new Map(Object.entries(this.policy)), keys);
      },
      set: readOnly,
      remove: readOnly,
      clear: readOnly,
    };
  }

  private composeNamespace(context: FakeContext): DeepPartial<Messenger["compose"]> {
    return {
      getComposeDetails: async (tabId) => {
        await turn();
        return clone(this.composeOf(tabId).details);
      },
      setComposeDetails: async (tabId, details) => {
        await turn();
        applyDetails(this.composeOf(tabId).details, details);
      },
      listAttachments: async (tabId) => {
        await turn();
        return clone(this.composeOf(tabId).attachments);
      },
      sendMessage: async (tabId, options) => {
        await turn();
        const asked: unknown = options?.mode;
        if (this.offline && asked === "sendNow") {
          this.composeOf(tabId);
          throw new Error("compose.sendMessage failed: Message compose window not ready for the requested command");
        }
        const mode = asked === "sendLater" || (asked === undefined && this.offline) ? "sendLater" : "sendNow";
        if (this.serverRefuses && mode === "sendNow") {
          const aborted = await this.beforeSend(tabId);
          if (aborted !== null) throw aborted;
          // As Thunderbird 153 (seen end to end): the answer, and `onAfterSend` before it,
          // say "sent now" without an error, with a null Message-ID and no copy.
          await this.events.onAfterSend.dispatch(this.tabInfo(tabId), { mode, messages: [], headerMessageId: null } as never);
          return { mode, messages: [], headerMessageId: null } as unknown as Awaited<ReturnType<Messenger["compose"]["sendMessage"]>>;
        }
        const outcome = await this.send(tabId, mode);
        if (!outcome.sent) throw outcome.error;
        if (this.sendInBackground && mode === "sendNow") return new Promise<never>(() => undefined);
        const id = outcome.message.headerMessageId;
        // Sent later: the copy saved in the Outbox is the only Message-ID given.
        if (mode === "sendLater") return { mode, messages: [{ headerMessageId: id }] } as unknown as Awaited<ReturnType<Messenger["compose"]["sendMessage"]>>;
        return { mode, headerMessageId: id, messages: [] };
      },
      onBeforeSend: this.events.onBeforeSend.facade(context),
      onAfterSend: this.events.onAfterSend.facade(context),
    };
  }

  private tabsNamespace(context: FakeContext): DeepPartial<Messenger["tabs"]> {
    const modelled = new Set(["active", "currentWindow", "lastFocusedWindow", "windowId", "type"]);
    return {
      get: async (tabId) => {
        await turn();
        return this.tabInfo(tabId);
      },
      query: async (info = {}) => {
        await turn();
        for (const [key, value] of Object.entries(info)) {
          if (value !== undefined && !modelled.has(key)) throw new NotFakedError(`messenger.tabs.query: "${key}" is not faked`);
        }
        const current = context.windowId ?? this.lastFocusedWindowId;
        return [...this.tabModels.keys()]
          .map((id) => this.tabInfo(id))
          .filter(
            (tab) =>
              (info.active === undefined || tab.active === info.active) &&
              (info.currentWindow === undefined || (tab.windowId === current) === info.currentWindow) &&
              (info.lastFocusedWindow === undefined || (tab.windowId === this.lastFocusedWindowId) === info.lastFocusedWindow) &&
              (info.windowId === undefined || tab.windowId === info.windowId) &&
              (info.type === undefined || tab.type === info.type),
          );
      },
      onRemoved: this.events.onTabRemoved.facade(context),
    };
  }

  private windowsNamespace(context: FakeContext): DeepPartial<Messenger["windows"]> {
    const windowInfo = (id: number): messenger.windows.Window => {
      const w = this.windowModels.get(id);
      if (w === undefined) throw new Error(`Invalid window ID: ${id}`);
      return { id, focused: w.focused, type: w.type, incognito: false, alwaysOnTop: false, state: "normal" };
    };
    return {
      create: async (data = {}) => {
        await turn();
        const modelled = new Set(["type", "url", "width", "height", "allowScriptsToClose"]);
        for (const [key, value] of Object.entries(data)) {
          if (value !== undefined && !modelled.has(key)) throw new NotFakedError(`messenger.windows.create: "${key}" is not faked`);
        }
        if (Array.isArray(data.url)) throw new NotFakedError("messenger.windows.create: several urls are not faked");
        const type: WindowType = data.type === "popup" ? "popup" : "normal";
        const id = this.addWindow(type);
        this.addTab(id, "content", data.url);
        this.openedWindows.push({ id, context: context.name, type: data.type, url: data.url, width: data.width, height: data.height });
        this.focus(id);
        return windowInfo(id);
      },
      update: async (windowId, info) => {
        await turn();
        for (const [key, value] of Object.entries(info)) {
          if (value !== undefined && key !== "focused") throw new NotFakedError(`messenger.windows.update: "${key}" is not faked`);
        }
        if (!this.windowModels.has(windowId)) throw new Error(`Invalid window ID: ${windowId}`);
        if (info.focused === true) {
          this.focus(windowId);
          this.focusedWindows.push(windowId);
        }
        return windowInfo(windowId);
      },
      remove: async (windowId) => {
        await turn();
        await this.closeWindow(windowId);
      },
    };
  }

  private i18nNamespace(): DeepPartial<Messenger["i18n"]> {
    return {
      // Thunderbird's semantics: named placeholders, then $1…$9, then $$ (see core/i18n/render.ts).
      getMessage: (name, substitutions) => {
        const catalog = /^en\b/i.test(this.uiLanguage) ? CATALOGS.en : CATALOGS.fr;
        const entry = catalog.get(name.toLowerCase()) ?? CATALOGS.fr.get(name.toLowerCase());
        if (entry === undefined) return "";
        const subs: unknown[] = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
        // Named placeholders ($NAME$), then $1…$9 and $$, as Thunderbird's i18n does.
        return fill(entry, subs.map((sub) => (typeof sub === "string" || typeof sub === "number" ? String(sub) : "")));
      },
      getUILanguage: () => this.uiLanguage,
    };
  }
}

function applyOverride(tree: FakeTree, entry: { ns: string; member: string; value: unknown; remove: boolean }): void {
  const namespaces = tree as Record<string, Record<string, unknown> | undefined>;
  const ns = namespaces[entry.ns] ?? (namespaces[entry.ns] = {});
  if (entry.remove) Reflect.deleteProperty(ns, entry.member);
  else ns[entry.member] = entry.value;
}

/**
 * A fresh fake Thunderbird for each test of the file, installed as the `messenger` global
 * before it and removed after it. Returns the accessor of the current one.
 */
export function useFakeThunderbird(options: FakeThunderbirdOptions | (() => FakeThunderbirdOptions) = {}): () => FakeThunderbird {
  let current: FakeThunderbird | undefined;
  beforeEach(() => {
    current = new FakeThunderbird(typeof options === "function" ? options() : options);
    current.install();
  });
  afterEach(() => {
    current?.uninstall();
    current = undefined;
  });
  return () => {
    if (current === undefined) throw new Error("the fake Thunderbird exists only while a test runs");
    return current;
  };
}
