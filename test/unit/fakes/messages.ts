/**
 * A fake mail store added to the fake Thunderbird (`fakes/messenger.ts`) for the notices
 * feature: accounts and folders, messages given as raw .eml text, and what the add-on calls
 * on them — `messages.list/continueList/abortList` (pages of `pageSize`), `getHeaders` (can be
 * taken away to model Thunderbird 140), `getRaw` (a File, as in MV3, its reads recorded), `query` by
 * `headerMessageId`/`folderId`, or by `subject` (contained, any case) and `recipients` (every
 * address given among To/Cc, any case), `fromDate` (a Date: messages whose Date header is not earlier), with `messagesPerPage` (the first page that long), `get`, `update({tags})`, `move`,
 * `messages.tags.list/create`, `accounts.list(true)`, `folders.create`,
 * `folders.getParentFolders` (direct parent first), `messageDisplay.open({headerMessageId})`,
 * `compose.beginReply(id, "replyToSender", {identityId?})` (a compose window answering the
 * message's author, subject `Re: …`, as Thunderbird opens it; recorded in `replies`),
 * a folder that cannot be read (`failFolder`: a query or listing that includes it throws),
 * `messages.onDeleted` (fired by `deleteForGood`, in pages of `pageSize` as Thunderbird hands
 * lists over) and `messages.onMoved` (fired by `move`, with the headers before and after the
 * move, in one page each; the listeners' results awaited before `move` answers).
 * Folders named as Thunderbird names its special folders get their special use (`Drafts`,
 * `Unsent Messages` → outbox…); `A/B` is the subfolder B of A. Every call is counted.
 * Anything else still throws `NotFakedError`.
 */
import { NotFakedError, type FakeThunderbird } from "./messenger.js";

interface FakeFolder {
  readonly id: string;
  readonly accountId: string;
  readonly path: string;
  readonly name: string;
  /** As Thunderbird marks them: a folder named Inbox or Sent is the account's inbox or sent folder. */
  readonly specialUse: readonly messenger.folders.MailFolderSpecialUse[];
}

const SPECIAL_USE: Readonly<Record<string, messenger.folders.MailFolderSpecialUse>> = {
  Inbox: "inbox",
  Sent: "sent",
  Trash: "trash",
  Drafts: "drafts",
  Templates: "templates",
  "Unsent Messages": "outbox",
  Junk: "junk",
  Archives: "archives",
};

/** The addresses of a header field (`Name <a@b>, c@d`), lower-cased. */
function addressesOf(field: string): string[] {
  return field
    .split(",")
    .map((part) => (/<([^>]*)>/.exec(part)?.[1] ?? part).trim().toLowerCase())
    .filter((address) => address !== "");
}

interface FakeMessage {
  readonly id: number;
  folder: FakeFolder;
  readonly raw: string;
  tags: string[];
}

export interface StoreCalls {
  list: number;
  continueList: number;
  getHeaders: number;
  getRaw: number;
  query: number;
  update: number;
  move: number;
  open: string[];
}

export interface RawReads {
  /** Reads asked for (`getRaw`) whose bytes are not handed over yet. */
  inFlight: number;
  /** The most reads in flight at once. */
  most: number;
  /** `slice(start, end)` calls on the Files, with the message's size. */
  readonly slices: { readonly id: number; readonly start: number; readonly end: number | null; readonly size: number }[];
  /** Messages whose whole File was read (`arrayBuffer()` or `text()` on it, not on a slice). */
  readonly whole: number[];
}

function unfold(raw: string): { name: string; value: string }[] {
  const end = raw.search(/\r?\n\r?\n/);
  const head = (end < 0 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
  const out: { name: string; value: string }[] = [];
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) out.push({ name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
  }
  return out;
}

function header(raw: string, name: string): string {
  return unfold(raw).find((h) => h.name === name)?.value ?? "";
}

/** A header's mailboxes, one entry each as Thunderbird lists them (commas inside quotes kept). */
function addressList(value: string): string[] {
  return (value.match(/(?:"[^"]*"|[^,])+/g) ?? []).map((a) => a.trim()).filter((a) => a !== "");
}

const turn = (): Promise<void> => Promise.resolve();

interface FakeFolderNode {
  readonly id: string;
  readonly accountId: string;
  readonly path: string;
  readonly name: string;
  readonly specialUse: messenger.folders.MailFolderSpecialUse[];
  readonly subFolders: FakeFolderNode[];
}

/** The folders as `accounts.list(true)` nests them: `/A/B` among the subfolders of `/A` when the account has `/A`. */
function folderTree(folders: readonly FakeFolder[]): FakeFolderNode[] {
  const nodes = new Map<string, FakeFolderNode>();
  const top: FakeFolderNode[] = [];
  for (const f of folders) nodes.set(f.path, { id: f.id, accountId: f.accountId, path: f.path, name: f.name, specialUse: [...f.specialUse], subFolders: [] });
  for (const node of nodes.values()) {
    const parent = nodes.get(node.path.replace(/\/[^/]*$/, ""));
    (parent === undefined ? top : parent.subFolders).push(node);
  }
  return top;
}

export class FakeMailStore {
  readonly accounts = new Map<string, { id: string; name: string; folders: FakeFolder[]; identities: { id: string; email: string }[] }>();
  private readonly messages = new Map<number, FakeMessage>();
  private readonly lists = new Map<string, number[]>();
  private readonly tagList: { key: string; tag: string; color: string; ordinal: string }[] = [];
  private nextId = 1;
  private nextList = 1;
  readonly calls: StoreCalls = { list: 0, continueList: 0, getHeaders: 0, getRaw: 0, query: 0, update: 0, move: 0, open: [] };
  /** How the Files `getRaw` gave were read. */
  readonly rawReads: RawReads = { inFlight: 0, most: 0, slices: [], whole: [] };

  constructor(
    private readonly host: FakeThunderbird,
    readonly pageSize = 100,
  ) {
    this.install();
  }

  /** An account with its folders (`Inbox`, `Sent`, `Drafts`, `Trash` get their special use) and the addresses of its identities. */
  addAccount(id: string, name: string, folderPaths: readonly string[], identities: readonly string[] = []): void {
    this.accounts.set(id, {
      id,
      name,
      identities: identities.map((email, i) => ({ id: `${id}-id${i + 1}`, email })),
      folders: folderPaths.map((path) => {
        const use = SPECIAL_USE[path];
        return { id: `${id}:/${path}`, accountId: id, path: `/${path}`, name: path.replace(/^.*\//, ""), specialUse: use === undefined ? [] : [use] };
      }),
    });
  }

  folder(accountId: string, path: string): FakeFolder {
    const f = this.accounts.get(accountId)?.folders.find((x) => x.path === `/${path}`);
    if (f === undefined) throw new Error(`no folder ${accountId}/${path}`);
    return f;
  }

  /** Puts a message (raw .eml text) in a folder; gives its id. */
  add(accountId: string, path: string, raw: string, tags: string[] = []): number {
    const id = this.nextId++;
    this.messages.set(id, { id, folder: this.folder(accountId, path), raw, tags });
    return id;
  }

  tagsOf(id: number): string[] {
    return [...(this.messages.get(id)?.tags ?? [])];
  }

  folderOf(id: number): string {
    return this.messages.get(id)?.folder.path ?? "";
  }

  knownTags(): string[] {
    return this.tagList.map((t) => `${t.key}=${t.tag}`);
  }

  /** Thunderbird 140: no `messages.getHeaders`. */
  withoutGetHeaders(): void {
    this.host.unfake("messages", "getHeaders" as keyof typeof messenger.messages);
  }

  /** The MessageHeader Thunderbird would give. */
  headerOf(m: FakeMessage): Record<string, unknown> {
    const date = new Date(header(m.raw, "date"));
    return {
      id: m.id,
      headerMessageId: header(m.raw, "message-id").replace(/^<|>$/g, ""),
      subject: header(m.raw, "subject"),
      author: header(m.raw, "from"),
      recipients: addressList(header(m.raw, "to")),
      ccList: addressList(header(m.raw, "cc")),
      bccList: addressList(header(m.raw, "bcc")),
      date: Number.isNaN(date.getTime()) ? new Date(0) : date,
      folder: { ...m.folder },
      tags: [...m.tags],
      size: m.raw.length,
      external: false,
      flagged: false,
      headersOnly: false,
      junk: false,
      junkScore: 0,
      new: false,
      read: false,
    };
  }

  /** Every `compose.beginReply`: the message answered, the kind of reply, the identity asked for. */
  readonly replies: { readonly messageId: number; readonly type: string; readonly identityId: string | null; readonly tabId: number }[] = [];

  private readonly unreadable = new Set<string>();

  /** The folder cannot be read: a query or listing that includes it throws, as Thunderbird does on a damaged folder. */
  failFolder(accountId: string, path: string): void {
    this.unreadable.add(this.folder(accountId, path).id);
  }

  /** The folder can be read again (repaired, or the server back). */
  repairFolder(accountId: string, path: string): void {
    this.unreadable.delete(this.folder(accountId, path).id);
  }

  private readable(folderIds: readonly string[]): void {
    const bad = folderIds.find((id) => this.unreadable.has(id));
    if (bad !== undefined) throw new Error(`Folder could not be read: ${bad}`);
  }

  /** The `messagesPerPage` of each query (null when not given). */
  readonly queryPageSizes: (number | null)[] = [];

  private page(ids: number[], size = this.pageSize): { id: string | null; messages: Record<string, unknown>[] } {
    const first = ids.slice(0, size);
    const rest = ids.slice(size);
    let listId: string | null = null;
    if (rest.length > 0) {
      listId = `list-${this.nextList++}`;
      this.lists.set(listId, rest);
    }
    return { id: listId, messages: first.map((id) => this.headerOf(this.get(id))) };
  }

  private get(id: number): FakeMessage {
    const m = this.messages.get(id);
    if (m === undefined) throw new Error(`Message not found: ${id}.`);
    return m;
  }

  private folderFromArg(arg: unknown): FakeFolder {
    for (const account of this.accounts.values()) {
      for (const f of account.folders) {
        if (arg === f.id) return f;
        if (typeof arg === "object" && arg !== null && (arg as { path?: unknown }).path === f.path && (arg as { accountId?: unknown }).accountId === f.accountId) return f;
      }
    }
    throw new Error(`Folder not found: ${JSON.stringify(arg)}`);
  }

  /**
   * What `getRaw` gives, as a File does (`size`, `type`, `slice`, `arrayBuffer`, `text`),
   * with its reads recorded in `rawReads`: a read is in flight from `getRaw` until its bytes
   * are handed over (a few turns later, so that reads asked together overlap).
   */
  private trackedFile(id: number, file: File): unknown {
    const reads = this.rawReads;
    reads.inFlight++;
    reads.most = Math.max(reads.most, reads.inFlight);
    let open = true;
    const handOver = async <T>(read: () => Promise<T>): Promise<T> => {
      await turn();
      await turn();
      if (open) {
        open = false;
        reads.inFlight--;
      }
      return read();
    };
    const blob = (part: Blob): unknown => ({
      size: part.size,
      type: part.type,
      arrayBuffer: () => handOver(() => part.arrayBuffer()),
      text: () => handOver(() => part.text()),
    });
    return {
      name: file.name,
      size: file.size,
      type: file.type,
      slice: (start?: number, end?: number) => {
        reads.slices.push({ id, start: start ?? 0, end: end ?? null, size: file.size });
        return blob(file.slice(start, end));
      },
      arrayBuffer: () => {
        reads.whole.push(id);
        return handOver(() => file.arrayBuffer());
      },
      text: () => {
        reads.whole.push(id);
        return handOver(() => file.text());
      },
    };
  }

  private install(): void {
    const h = this.host;
    const o = (member: string, value: unknown): void => {
      h.override("messages", member as keyof typeof messenger.messages, value as never);
    };
    o("list", async (folder: unknown) => {
      await turn();
      this.calls.list++;
      const f = this.folderFromArg(folder);
      this.readable([f.id]);
      return this.page([...this.messages.values()].filter((m) => m.folder === f).map((m) => m.id));
    });
    o("continueList", async (listId: string) => {
      await turn();
      this.calls.continueList++;
      const gone = this.deletedPages.get(listId);
      if (gone !== undefined) {
        this.deletedPages.delete(listId);
        const rest = gone.slice(this.pageSize);
        let next: string | null = null;
        if (rest.length > 0) {
          next = `deleted-${this.nextList++}`;
          this.deletedPages.set(next, rest);
        }
        return { id: next, messages: gone.slice(0, this.pageSize) };
      }
      const ids = this.lists.get(listId);
      if (ids === undefined) throw new Error(`No list ${listId}`);
      this.lists.delete(listId);
      return this.page(ids);
    });
    o("abortList", async (listId: string) => {
      await turn();
      this.lists.delete(listId);
    });
    o("getHeaders", async (id: number) => {
      await turn();
      this.calls.getHeaders++;
      const out: Record<string, string[]> = {};
      for (const { name, value } of unfold(this.get(id).raw)) (out[name] ??= []).push(value);
      return out;
    });
    o("getRaw", async (id: number) => {
      await turn();
      this.calls.getRaw++;
      return this.trackedFile(id, new File([this.get(id).raw], "message.eml", { type: "message/rfc822" }));
    });
    o("get", async (id: number) => {
      await turn();
      return this.headerOf(this.get(id));
    });
    o("query", async (info: Record<string, unknown>) => {
      await turn();
      this.calls.query++;
      const keys = Object.keys(info).filter((k) => info[k] !== undefined);
      const faked = ["headerMessageId", "folderId", "subject", "recipients", "fromDate", "messagesPerPage"];
      if (keys.some((k) => !faked.includes(k))) throw new NotFakedError(`messenger.messages.query: ${keys.join(", ")} not faked`);
      const text = (value: unknown, what: string): string | null => {
        if (value === undefined) return null;
        if (typeof value !== "string") throw new NotFakedError(`messenger.messages.query: ${what} other than a string is not faked`);
        return value;
      };
      const wanted = text(info.headerMessageId, "headerMessageId");
      const subject = text(info.subject, "subject")?.toLowerCase() ?? null;
      const to = addressesOf(text(info.recipients, "recipients") ?? "");
      const inFolders = info.folderId === undefined ? null : ([] as unknown[]).concat(info.folderId).map(String);
      this.readable(inFolders ?? [...this.accounts.values()].flatMap((a) => a.folders.map((f) => f.id)));
      if (info.fromDate !== undefined && !(info.fromDate instanceof Date)) throw new NotFakedError("messenger.messages.query: fromDate other than a Date is not faked");
      const from = info.fromDate instanceof Date ? info.fromDate.getTime() : null;
      const perPage = info.messagesPerPage;
      if (perPage !== undefined && (typeof perPage !== "number" || !Number.isInteger(perPage) || perPage < 1)) throw new Error("messagesPerPage must be a positive integer");
      this.queryPageSizes.push(perPage ?? null);
      return this.page(
        [...this.messages.values()]
          .filter((m) => wanted === null || header(m.raw, "message-id").replace(/^<|>$/g, "") === wanted)
          .filter((m) => subject === null || header(m.raw, "subject").toLowerCase().includes(subject))
          .filter((m) => {
            const have = [...addressesOf(header(m.raw, "to")), ...addressesOf(header(m.raw, "cc"))];
            return to.every((address) => have.includes(address));
          })
          .filter((m) => inFolders === null || inFolders.includes(m.folder.id))
          .filter((m) => from === null || new Date(header(m.raw, "date")).getTime() >= from)
          .map((m) => m.id),
        perPage ?? this.pageSize,
      );
    });
    o("update", async (id: number, props: Record<string, unknown>) => {
      await turn();
      this.calls.update++;
      const keys = Object.keys(props);
      if (keys.some((k) => k !== "tags")) throw new NotFakedError(`messenger.messages.update: ${keys.join(", ")} not faked`);
      const tags = props.tags;
      if (!Array.isArray(tags)) throw new Error("tags must be an array");
      this.get(id).tags = tags.map(String);
    });
    o("move", async (ids: number[], destination: unknown) => {
      await turn();
      this.calls.move++;
      const f = this.folderFromArg(destination);
      const before = ids.map((id) => this.headerOf(this.get(id)));
      for (const id of ids) this.get(id).folder = f;
      const after = ids.map((id) => this.headerOf(this.get(id)));
      const list = (messages: Record<string, unknown>[]): messenger.messages.MessageList => ({ id: null, messages }) as unknown as messenger.messages.MessageList;
      for (const cb of [...this.moved.listeners]) await cb(list(before), list(after));
    });
    o("tags", {
      list: async () => {
        await turn();
        return this.tagList.map((t) => ({ ...t }));
      },
      create: async (key: string, tag: string, color: string) => {
        await turn();
        if (this.tagList.some((t) => t.key === key.toLowerCase())) throw new Error(`Specified key already exists: ${key}`);
        this.tagList.push({ key: key.toLowerCase(), tag, color: color.toUpperCase(), ordinal: "" });
      },
    });
    o("onNewMailReceived", this.newMail.facade());
    o("onDeleted", this.deleted.facade());
    o("onMoved", this.moved.facade());

    h.override("accounts", "list", (async () => {
      await turn();
      return [...this.accounts.values()].map((a) => ({
        id: a.id,
        name: a.name,
        type: "imap",
        identities: a.identities.map((i) => ({ ...i, accountId: a.id, name: "", label: "", organization: "", replyTo: "", signature: "", signatureIsPlainText: true, composeHtml: false })),
        rootFolder: {
          id: `${a.id}://`,
          accountId: a.id,
          path: "/",
          name: "Root",
          isRoot: true,
          subFolders: folderTree(a.folders),
        },
      }));
    }));
    h.override("compose", "beginReply", (async (messageId: number, type?: string, details?: { identityId?: string }) => {
      await turn();
      if (type !== "replyToSender") throw new NotFakedError(`messenger.compose.beginReply: "${String(type)}" is not faked`);
      const keys = Object.keys(details ?? {}).filter((k) => k !== "identityId");
      if (keys.length > 0) throw new NotFakedError(`messenger.compose.beginReply: ${keys.join(", ")} not faked`);
      const m = this.get(messageId);
      const account = [...this.accounts.values()].find((a) => a.id === m.folder.accountId);
      const identity = [...this.accounts.values()].flatMap((a) => a.identities).find((i) => i.id === details?.identityId) ?? account?.identities[0];
      const tabId = this.host.openCompose({
        type: "reply",
        identityId: identity?.id ?? "",
        from: identity?.email ?? "",
        to: [header(m.raw, "from")],
        subject: `Re: ${header(m.raw, "subject")}`,
      });
      this.replies.push({ messageId, type, identityId: details?.identityId ?? null, tabId });
      return { id: tabId, index: 0, windowId: this.host.windowOf(tabId), highlighted: true, active: true, type: "messageCompose" };
    }) as never);
    h.override("folders", "create", (async (parent: unknown, name: string) => {
      await turn();
      const accountId = typeof parent === "string" ? parent.replace(/:\/\/$/, "") : String((parent as { accountId?: unknown }).accountId);
      const account = this.accounts.get(accountId);
      if (account === undefined) throw new Error(`no account for ${JSON.stringify(parent)}`);
      const f: FakeFolder = { id: `${accountId}:/${name}`, accountId, path: `/${name}`, name, specialUse: [] };
      account.folders.push(f);
      return { ...f, specialUse: [...f.specialUse] };
    }));
    h.override("folders", "getParentFolders", (async (folder: unknown) => {
      await turn();
      const f = this.folderFromArg(folder);
      const account = this.accounts.get(f.accountId);
      const parents: Record<string, unknown>[] = [];
      const segments = f.path.split("/").filter((x) => x !== "");
      for (let n = segments.length - 1; n >= 1; n--) {
        const parent = account?.folders.find((x) => x.path === `/${segments.slice(0, n).join("/")}`);
        if (parent !== undefined) parents.push({ id: parent.id, accountId: parent.accountId, path: parent.path, name: parent.name, specialUse: [...parent.specialUse] });
      }
      return parents;
    }) as never);
    h.override("messageDisplay", "open", (async (props: { headerMessageId?: string }) => {
      await turn();
      const wanted = props.headerMessageId ?? "";
      if (![...this.messages.values()].some((m) => header(m.raw, "message-id").replace(/^<|>$/g, "") === wanted)) throw new Error("Unknown or invalid messageId");
      this.calls.open.push(wanted);
      return { id: 99, index: 0, windowId: 1, highlighted: true, active: true };
    }) as never);
  }

  /** `messages.onNewMailReceived`: listeners, and the dispatch of new mail. */
  readonly newMail = new (class {
    readonly listeners: { cb: (folder: unknown, list: unknown) => unknown; all: boolean }[] = [];
    facade(): unknown {
      return {
        addListener: (cb: (folder: unknown, list: unknown) => unknown, all?: boolean) => {
          this.listeners.push({ cb, all: all === true });
        },
        removeListener: () => undefined,
        hasListener: () => false,
      };
    }
  })();

  /** `messages.onDeleted`: listeners, typed as Thunderbird's event. */
  readonly deleted = new (class {
    /** Thunderbird's listeners return nothing; the background's are async, and awaited here. */
    readonly listeners: ((messages: messenger.messages.MessageList) => unknown)[] = [];
    facade(): typeof messenger.messages.onDeleted {
      return {
        addListener: (cb) => {
          this.listeners.push(cb);
        },
        removeListener: (cb) => {
          const i = this.listeners.indexOf(cb);
          if (i >= 0) this.listeners.splice(i, 1);
        },
        hasListener: (cb) => this.listeners.includes(cb),
      };
    }
  })();

  /** `messages.onMoved`: listeners, typed as Thunderbird's event. */
  readonly moved = new (class {
    /** Thunderbird's listeners return nothing; the background's are async, and awaited here. */
    readonly listeners: ((original: messenger.messages.MessageList, moved: messenger.messages.MessageList) => unknown)[] = [];
    facade(): typeof messenger.messages.onMoved {
      return {
        addListener: (cb) => {
          this.listeners.push(cb);
        },
        removeListener: (cb) => {
          const i = this.listeners.indexOf(cb);
          if (i >= 0) this.listeners.splice(i, 1);
        },
        hasListener: (cb) => this.listeners.includes(cb),
      };
    }
  })();

  /**
   * The user deletes messages for good (Shift+Del, emptying the Trash): they leave the store,
   * then `messages.onDeleted` fires with their headers; the listeners' results awaited.
   */
  async deleteForGood(ids: readonly number[]): Promise<void> {
    const headers = ids.map((id) => this.headerOf(this.get(id)));
    for (const id of ids) this.messages.delete(id);
    const first = headers.slice(0, this.pageSize);
    let listId: string | null = null;
    if (headers.length > this.pageSize) {
      // The rest as `continueList` gives it: the ids are gone, so the headers are kept aside.
      listId = `deleted-${this.nextList++}`;
      this.deletedPages.set(listId, headers.slice(this.pageSize));
    }
    const list = { id: listId, messages: first } as unknown as messenger.messages.MessageList;
    for (const cb of [...this.deleted.listeners]) {
      await cb(list);
    }
  }

  private readonly deletedPages = new Map<string, Record<string, unknown>[]>();

  /**
   * New mail arrives: the messages (already added) are announced to the listeners, as
   * Thunderbird does, in a list of `pageSize` messages a page (the rest by `continueList`);
   * their results awaited.
   */
  async deliver(ids: readonly number[]): Promise<void> {
    const first = this.get(ids[0] ?? -1);
    const list = this.page([...ids]);
    for (const { cb } of this.newMail.listeners) await cb({ ...first.folder }, list);
  }
}
