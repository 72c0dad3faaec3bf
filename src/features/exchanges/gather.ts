/**
 * The mail the exchanges view is built from: the header of every message in every folder of
 * every account that can hold an exchange (not drafts, templates, the Outbox, the Trash or
 * junk, nor a folder below one of them; saved searches are skipped, their messages are
 * elsewhere), with where each is filed. No message is opened.
 *
 * `messages.query` cannot look for a domain (its `author` and `recipients` criteria match a
 * whole address), so every header has to be read and the core keeps the patients' ones.
 * One query limited to the folders that may hold an exchange (the others are not read), in
 * pages of 1,000: on 10,000 messages it came out faster than listing folder by folder in
 * pages of 100 (`npm run bench` prints both bare passes). Each page is handed over as it
 * comes, so that the view draws its lines while the rest is read.
 */
import { listAccounts, type FolderInfo } from "../../adapters/accounts.js";
import { continueQuery, queryMessages, type HeaderPage, type MessageHeader } from "../../adapters/messages.js";
import { counted, type ExchangeMessage } from "../../core/exchanges/index.js";
import { toMillis } from "../conversation/closing-messages.js";

/**
 * The special uses of each folder, then of the folders above it up to the account's root
 * (as `StoredClosing.folderUses`), from the accounts' folder lists (depth first).
 */
export function folderChains(folders: readonly FolderInfo[]): Map<FolderInfo, string[][]> {
  const out = new Map<FolderInfo, string[][]>();
  const above: string[][][] = [];
  for (const folder of folders) {
    const chain = [[...folder.specialUse], ...(above[folder.depth - 2] ?? [])];
    above[folder.depth - 1] = chain;
    above.length = folder.depth;
    out.set(folder, chain);
  }
  return out;
}

function toExchangeMessage(m: MessageHeader, folderUses: string[][]): ExchangeMessage {
  return {
    id: m.id,
    headerMessageId: m.headerMessageId,
    subject: m.subject,
    author: m.author,
    recipients: m.recipients,
    ccList: m.ccList,
    bccList: m.bccList,
    date: toMillis(m.date),
    folderUses,
    tags: m.tags,
  };
}

/** Messages a page: fewer round trips on a large mailbox (Thunderbird's default is 100). */
export const PAGE_SIZE = 1000;

/** A folder whose messages could not be read: the view goes on without it and names it. */
export interface SkippedFolder {
  readonly accountName: string;
  /** The folder's path in its account, without the leading slash (`Archives/2024`). */
  readonly path: string;
}

export interface Gathered {
  readonly messages: ExchangeMessage[];
  readonly skipped: SkippedFolder[];
}

/** What is told after each page read: how many messages so far, and the messages of that page. */
export type PageRead = (read: number, page: readonly ExchangeMessage[]) => void;

interface Wanted {
  readonly chain: string[][];
  readonly folder: FolderInfo;
  readonly accountName: string;
}

/**
 * Reads the folders `ids` with one `messages.query`, in large pages, each message once (its
 * per-session number); the pages as they come to `onPage`.
 */
async function readFolders(ids: readonly string[], wanted: ReadonlyMap<string, Wanted>, seen: Set<number>, out: ExchangeMessage[], onPage: PageRead): Promise<void> {
  const first = await queryMessages({ folderId: ids, messagesPerPage: PAGE_SIZE });
  if (first === null) throw new Error("messages.query answered with a list id");
  let page: HeaderPage = first;
  for (;;) {
    const added: ExchangeMessage[] = [];
    for (const header of page.headers) {
      const where = header.folder?.id === undefined ? undefined : wanted.get(header.folder.id);
      // Only the folders asked for are searched; a message whose folder is not known is left out.
      if (where === undefined || seen.has(header.id)) continue;
      seen.add(header.id);
      added.push(toExchangeMessage(header, where.chain));
    }
    out.push(...added);
    onPage(out.length, added);
    if (page.next === null) break;
    page = await continueQuery(page.next);
  }
}

/**
 * Every message header of the folders that can hold an exchange, with its folder's special
 * uses: one `messages.query` limited to those folders, in large pages, each page told to
 * `onPage` as it comes. When that query fails, the folders are read one by one: a folder that
 * cannot be read is skipped (and named), the others still make the view.
 */
export async function gatherMessages(onPage: PageRead = () => undefined): Promise<Gathered> {
  const wanted = new Map<string, Wanted>();
  for (const account of await listAccounts()) {
    for (const [folder, chain] of folderChains(account.folders)) {
      if (!folder.isVirtual && counted(chain)) wanted.set(folder.id, { chain, folder, accountName: account.name });
    }
  }
  const out: ExchangeMessage[] = [];
  const skipped: SkippedFolder[] = [];
  if (wanted.size === 0) return { messages: out, skipped };
  const seen = new Set<number>();
  try {
    await readFolders([...wanted.keys()], wanted, seen, out, onPage);
  } catch {
    // One folder may spoil the whole query (a damaged index, a server folder gone): each
    // folder alone now; what was read already is kept (each message once).
    for (const [id, where] of wanted) {
      try {
        await readFolders([id], wanted, seen, out, onPage);
      } catch {
        skipped.push({ accountName: where.accountName, path: where.folder.path.replace(/^\/+/, "") });
      }
    }
  }
  return { messages: out, skipped };
}
