/**
 * Messages in the mail store: listing a folder page by page, reading headers or the raw
 * message, finding a message by its Message-ID, tags and moves, and new mail. The only
 * module that calls `messenger.messages`; what comes back is parsed, never trusted as typed.
 */
import { tb } from "./thunderbird.js";
import * as z from "zod/mini";
import type { HeaderField } from "../core/notices/index.js";

const folderSchema = z.object({
  accountId: z.optional(z.string()),
  path: z.optional(z.string()),
  id: z.optional(z.string()),
  specialUse: z.optional(z.array(z.string())),
  type: z.optional(z.string()),
});

const messageHeaderSchema = z.object({
  id: z.number(),
  headerMessageId: z._default(z.string(), ""),
  subject: z._default(z.string(), ""),
  author: z._default(z.string(), ""),
  recipients: z._default(z.array(z.string()), () => []),
  ccList: z._default(z.array(z.string()), () => []),
  bccList: z._default(z.array(z.string()), () => []),
  date: z.optional(z.unknown()),
  folder: z.optional(folderSchema),
  tags: z._default(z.array(z.string()), () => []),
  size: z._default(z.number(), 0),
});

/** What the add-on uses of a message header. */
export interface MessageInfo {
  readonly id: number;
  readonly headerMessageId: string;
  readonly subject: string;
  readonly author: string;
  /** To, Cc and Bcc (Bcc is known for the messages the user sent). */
  readonly recipients: readonly string[];
  /** ISO 8601, or null. */
  readonly date: string | null;
  readonly accountId: string | null;
  readonly folderPath: string | null;
  readonly folderId: string | null;
  /** Whether the message is in a Trash folder. */
  readonly inTrash: boolean;
  readonly tags: readonly string[];
  readonly size: number;
}

function toDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === "string" || typeof value === "number") {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  return null;
}

export function parseMessageHeader(raw: unknown): MessageInfo | null {
  const parsed = messageHeaderSchema.safeParse(raw);
  if (!parsed.success) return null;
  const m = parsed.data;
  return {
    id: m.id,
    headerMessageId: m.headerMessageId,
    subject: m.subject,
    author: m.author,
    recipients: [...m.recipients, ...m.ccList, ...m.bccList],
    date: toDate(m.date),
    accountId: m.folder?.accountId ?? null,
    folderPath: m.folder?.path ?? null,
    folderId: m.folder?.id ?? null,
    inTrash: m.folder?.specialUse?.includes("trash") === true || m.folder?.type === "trash",
    tags: m.tags,
    size: m.size,
  };
}

const messageListSchema = z.object({ id: z.optional(z.nullable(z.string())), messages: z.array(z.unknown()) });

export interface MessagePage {
  readonly messages: readonly MessageInfo[];
  /** The id to pass to `continueList`, or null on the last page. */
  readonly next: string | null;
}

function parsePage(raw: unknown): MessagePage {
  const page = messageListSchema.parse(raw);
  const messages: MessageInfo[] = [];
  for (const entry of page.messages) {
    const info = parseMessageHeader(entry);
    if (info !== null) messages.push(info);
  }
  return { messages, next: page.id ?? null };
}

/** Where a folder is: its id (Thunderbird 121+) or its account and path. */
export interface FolderRef {
  readonly accountId: string;
  readonly path: string;
  readonly id?: string;
}

/** The argument Thunderbird takes for a folder: the id when known, else `{accountId, path}`. */
export function folderArg(folder: FolderRef): string | { accountId: string; path: string } {
  return folder.id ?? { accountId: folder.accountId, path: folder.path };
}

type Api = Record<string, unknown>;

function api(): Api {
  return messenger.messages;
}

function call(name: string, ...args: unknown[]): Promise<unknown> {
  const fn = api()[name];
  if (typeof fn !== "function") return Promise.reject(new Error(`messages.${name} is not available`));
  return Promise.resolve((fn as (...a: unknown[]) => unknown).apply(messenger.messages, args));
}

/** The first page of a folder's messages. */
export async function listFirstPage(folder: FolderRef): Promise<MessagePage> {
  return parsePage(await call("list", folderArg(folder)));
}

export async function listNextPage(listId: string): Promise<MessagePage> {
  return parsePage(await call("continueList", listId));
}

/** Stops a listing that will not be read to its end. */
export async function abortList(listId: string): Promise<void> {
  try {
    await call("abortList", listId);
  } catch {
    // already finished
  }
}

/** Whether this Thunderbird has `messages.getHeaders` (147+): headers without reading the message. */
export function hasGetHeaders(): boolean {
  return "getHeaders" in (messenger.messages as object);
}

const headersDictionarySchema = z.record(z.string(), z.union([z.array(z.string()), z.string()]));

function toFields(raw: unknown): HeaderField[] {
  const parsed = headersDictionarySchema.safeParse(raw);
  if (!parsed.success) return [];
  const fields: HeaderField[] = [];
  for (const [name, value] of Object.entries(parsed.data)) {
    for (const v of typeof value === "string" ? [value] : value) fields.push({ name, value: v });
  }
  return fields;
}

/**
 * A message's headers, cheaply: `messages.getHeaders` where it exists (147+); on older
 * versions, what the message list already gives (author, subject), which the pre-filter
 * reads as it reads any header.
 */
export async function getHeaderFields(message: MessageInfo): Promise<HeaderField[]> {
  if (hasGetHeaders()) return toFields(await call("getHeaders", message.id));
  return [
    { name: "from", value: message.author },
    { name: "subject", value: message.subject },
  ];
}

/**
 * The first `maxBytes` bytes of the message as it is stored (RFC 5322 bytes). `getRaw` gives
 * a File in MV3 (only the slice asked for is read into memory), a string in MV2.
 */
export async function getRawBytes(messageId: number, maxBytes: number): Promise<Uint8Array> {
  const raw: unknown = await call("getRaw", messageId);
  if (typeof raw === "string") {
    const length = Math.min(raw.length, maxBytes);
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) bytes[i] = raw.charCodeAt(i) & 0xff;
    return bytes;
  }
  if (typeof raw === "object" && raw !== null && "slice" in raw && typeof raw.slice === "function") {
    // The File may come from another compartment: its ArrayBuffer fails `instanceof` here.
    const buffer = await (raw as Blob).slice(0, maxBytes).arrayBuffer();
    return new Uint8Array(buffer);
  }
  throw new Error("messages.getRaw gave neither text nor a file");
}

/** Messages whose Message-ID header is that one (any folder). */
export async function findByMessageId(headerMessageId: string): Promise<MessageInfo[]> {
  return queryPages({ headerMessageId });
}

/**
 * Messages whose Message-ID header is that one, looked for in these folders first (one
 * search over few folders), then, when none holds it, everywhere.
 */
export async function findByMessageIdPreferring(headerMessageId: string, folderIds: readonly string[]): Promise<MessageInfo[]> {
  if (folderIds.length > 0) {
    // A folder removed since its id was read makes the search fail: then look everywhere.
    const found = await queryPages({ headerMessageId, folderId: [...folderIds] }).catch(() => []);
    if (found.length > 0) return found;
  }
  return findByMessageId(headerMessageId);
}

async function queryPages(queryInfo: { headerMessageId: string; folderId?: string[] }): Promise<MessageInfo[]> {
  const first: unknown = await call("query", queryInfo);
  // MV3 with `returnMessageListId` answers an id; without it, a page.
  if (typeof first === "string") return [];
  let page = parsePage(first);
  const out = [...page.messages];
  while (page.next !== null && out.length < 50) {
    page = await listNextPage(page.next);
    out.push(...page.messages);
  }
  return out;
}

export async function getMessage(messageId: number): Promise<MessageInfo | null> {
  try {
    return parseMessageHeader(await call("get", messageId));
  } catch {
    return null;
  }
}

/** Adds tags to a message, keeping the ones it has. */
export async function addTags(message: MessageInfo, keys: readonly string[]): Promise<boolean> {
  const missing = keys.filter((k) => !message.tags.includes(k));
  if (missing.length === 0) return false;
  await call("update", message.id, { tags: [...message.tags, ...missing] });
  return true;
}

export async function moveMessages(messageIds: readonly number[], destination: FolderRef): Promise<void> {
  if (messageIds.length === 0) return;
  await call("move", [...messageIds], folderArg(destination));
}

/** Where a new message arrived. */
export interface ArrivedIn {
  readonly accountId: string | null;
  readonly path: string | null;
}

/**
 * New mail, after filters and junk classification, in every folder. Must be called
 * synchronously at the top of the background page.
 */
export function onNewMail(listener: (folder: ArrivedIn, messages: MessagePage) => Promise<void>): void {
  tb().messages.onNewMailReceived.addListener(async (folder, list) => {
    const where = folderSchema.safeParse(folder);
    let page: MessagePage;
    try {
      page = parsePage(list);
    } catch {
      return;
    }
    await listener({ accountId: where.success ? (where.data.accountId ?? null) : null, path: where.success ? (where.data.path ?? null) : null }, page);
  }, true);
}

/**
 * Messages deleted for good (not moved to the Trash: that is a move), handed over a page at
 * a time. Must be called synchronously at the top of the background page.
 */
export function onMessagesDeleted(listener: (messages: MessagePage) => Promise<void>): void {
  tb().messages.onDeleted.addListener(async (list) => {
    let page: MessagePage;
    try {
      page = parsePage(list);
    } catch {
      return;
    }
    await listener(page);
  });
}

/**
 * Messages moved (to the Trash, among others), handed over a page at a time as they are
 * after the move. Must be called synchronously at the top of the background page.
 */
export function onMessagesMoved(listener: (moved: MessagePage) => Promise<void>): void {
  tb().messages.onMoved.addListener(async (_original, moved) => {
    let page: MessagePage;
    try {
      page = parsePage(moved);
    } catch {
      return;
    }
    await listener(page);
  });
}
