/**
 * Messages in the mail store: the one schema of a message header, listing a folder page by
 * page, queries, reading headers or the raw message, tags and moves, and new, deleted and
 * moved mail. The only module that calls `messenger.messages` (its `tags` included); what
 * comes back is parsed, never trusted as typed. What to look for, how much to read and
 * where to look first is the features' choice.
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

/** A message's folder as a header carries it. */
export type HeaderFolder = z.output<typeof folderSchema>;

const addressList = z._default(z.array(z.string()), () => []);

/** The one schema of a message header, whichever API hands it over (list, query, get, events, menus, display). */
const messageHeaderSchema = z.object({
  /** Per-session number of Thunderbird, not the Message-ID header. */
  id: z.number(),
  headerMessageId: z._default(z.string(), ""),
  subject: z._default(z.string(), ""),
  author: z._default(z.string(), ""),
  recipients: addressList,
  ccList: addressList,
  bccList: addressList,
  /** A date that cannot be read is left out rather than losing the message. */
  date: z.catch(z.optional(z.union([z.date(), z.number(), z.string()])), undefined),
  folder: z.optional(folderSchema),
  tags: z._default(z.array(z.string()), () => []),
  size: z._default(z.number(), 0),
});

/** A message header as Thunderbird gives it, parsed: To, Cc and Bcc apart, the date as given. */
export type MessageHeader = z.output<typeof messageHeaderSchema>;

/** Parses one header; null when it is not one. */
export function parseHeader(raw: unknown): MessageHeader | null {
  const parsed = messageHeaderSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** What the notices use of a message header. */
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

export function messageInfoOf(m: MessageHeader): MessageInfo {
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

const messageListSchema = z.object({ id: z.optional(z.nullable(z.string())), messages: z._default(z.array(z.unknown()), () => []) });

/** The entries of a list of messages as Thunderbird gives it: an array (up to 127), a `MessageList` (128+). */
export function messageEntries(raw: unknown): unknown[] {
  return Array.isArray(raw) ? (raw as unknown[]) : (messageListSchema.safeParse(raw).data?.messages ?? []);
}

/** The headers of a list of messages (entries that are not one left out). */
export function parseHeaders(raw: unknown): MessageHeader[] {
  return messageEntries(raw)
    .map(parseHeader)
    .filter((m): m is MessageHeader => m !== null);
}

export interface HeaderPage {
  readonly headers: readonly MessageHeader[];
  /** The id to pass to `continueList`, or null on the last page. */
  readonly next: string | null;
}

export interface MessagePage {
  readonly messages: readonly MessageInfo[];
  /** The id to pass to `continueList`, or null on the last page. */
  readonly next: string | null;
}

function parseHeaderPage(raw: unknown): HeaderPage {
  const page = messageListSchema.parse(raw);
  return { headers: page.messages.map(parseHeader).filter((m): m is MessageHeader => m !== null), next: page.id ?? null };
}

function parsePage(raw: unknown): MessagePage {
  const page = parseHeaderPage(raw);
  return { messages: page.headers.map(messageInfoOf), next: page.next };
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

/** The first page of a folder's messages. */
export async function listFirstPage(folder: FolderRef): Promise<MessagePage> {
  return parsePage(await tb().messages.list(folderArg(folder)));
}

/**
 * The first page of a folder's messages dated on or after `since` (`messages.query` with
 * `fromDate`: older messages are not handed over at all). Pages go on with `listNextPage`.
 */
export async function listRecentFirstPage(folder: FolderRef, since: number): Promise<MessagePage> {
  if (folder.id === undefined) return listFirstPage(folder);
  const first = await tb().messages.query({ folderId: [folder.id], fromDate: new Date(since) });
  return parsePage(first);
}

export async function listNextPage(listId: string): Promise<MessagePage> {
  return parsePage(await tb().messages.continueList(listId));
}

/** Stops a listing that will not be read to its end. */
export async function abortList(listId: string): Promise<void> {
  try {
    await tb().messages.abortList(listId);
  } catch {
    // already finished
  }
}

/** What `queryMessages` can look for. */
export interface MessageQuery {
  /** The Message-ID header, without angle brackets. */
  readonly headerMessageId?: string;
  readonly folderId?: readonly string[];
  /** Contained in the subject (any case): the caller checks an exact subject itself. */
  readonly subject?: string;
  /** Among the recipients. */
  readonly recipients?: string;
  /** How many messages a page holds (Thunderbird's default: 100). */
  readonly messagesPerPage?: number;
}

/** The first page of the messages that match, in any folder (or in `folderId`); null when Thunderbird answered with a list id. */
export async function queryMessages(query: MessageQuery): Promise<HeaderPage | null> {
  const info: TbMessageQuery = {};
  if (query.headerMessageId !== undefined) info.headerMessageId = query.headerMessageId;
  if (query.folderId !== undefined) info.folderId = [...query.folderId];
  if (query.subject !== undefined) info.subject = query.subject;
  if (query.recipients !== undefined) info.recipients = query.recipients;
  if (query.messagesPerPage !== undefined) info.messagesPerPage = query.messagesPerPage;
  const first = await tb().messages.query(info);
  // MV3 with `returnMessageListId` answers an id; without it, a page.
  if (typeof first === "string") return null;
  return parseHeaderPage(first);
}

/** The next page of a query (or of a listing), as headers. */
export async function continueQuery(listId: string): Promise<HeaderPage> {
  return parseHeaderPage(await tb().messages.continueList(listId));
}

/** Whether this Thunderbird has `messages.getHeaders` (147+): headers without reading the message. */
export function hasGetHeaders(): boolean {
  return "getHeaders" in tb().messages;
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

/** A message's header fields without reading the message (`messages.getHeaders`, 147+: check `hasGetHeaders`). */
export async function getHeaders(messageId: number): Promise<HeaderField[]> {
  const messages = tb().messages;
  if (!("getHeaders" in messages)) throw new Error("messages.getHeaders is not available");
  return toFields(await messages.getHeaders(messageId));
}

/** A message's header fields from the whole parsed message (`messages.getFull`, any version). */
export async function getFullHeaders(messageId: number): Promise<HeaderField[]> {
  const full = z.object({ headers: z.optional(z.unknown()) }).safeParse(await tb().messages.getFull(messageId));
  return full.success ? toFields(full.data.headers) : [];
}

/**
 * The first `maxBytes` bytes of the message as it is stored (RFC 5322 bytes). `getRaw` gives
 * a File in MV3 (only the slice asked for is read into memory), a string in MV2.
 */
export async function getRawBytes(messageId: number, maxBytes: number): Promise<Uint8Array> {
  const raw = await tb().messages.getRaw(messageId);
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

/** A message by its per-session id; null when it is gone or not a message. */
export async function getMessage(messageId: number): Promise<MessageHeader | null> {
  try {
    return parseHeader(await tb().messages.get(messageId));
  } catch {
    return null;
  }
}

/** Adds tags to a message, keeping the ones it has. */
export async function addTags(message: MessageInfo, keys: readonly string[]): Promise<boolean> {
  const missing = keys.filter((k) => !message.tags.includes(k));
  if (missing.length === 0) return false;
  await tb().messages.update(message.id, { tags: [...message.tags, ...missing] });
  return true;
}

export async function moveMessages(messageIds: readonly number[], destination: FolderRef): Promise<void> {
  if (messageIds.length === 0) return;
  await tb().messages.move([...messageIds], folderArg(destination));
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

const tagListSchema = z.array(z.object({ key: z.string() }));

/** Whether this Thunderbird can create tags (`messages.tags`, 121+). */
export function canCreateTags(): boolean {
  return tb().messages.tags?.create !== undefined;
}

/**
 * The keys of the tags that exist, lower-cased. Needs the `messagesTagsList` permission;
 * throws when the list cannot be read.
 */
export async function listTagKeys(): Promise<string[]> {
  const list = tb().messages.tags?.list;
  if (list === undefined) throw new Error("messages.tags.list is not available");
  return tagListSchema.parse(await list()).map((t) => t.key.toLowerCase());
}

/** Creates a tag (rejects when it exists already). */
export async function createTag(key: string, label: string, color: string): Promise<void> {
  const create = tb().messages.tags?.create;
  if (create === undefined) throw new Error("messages.tags.create is not available");
  await create(key, label, color);
}
