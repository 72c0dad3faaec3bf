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
 * pages of 100 (`npm run bench` prints both bare passes).
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

/**
 * Every message header of the folders that can hold an exchange, with its folder's special
 * uses: one `messages.query` limited to those folders, in large pages; `onProgress` is told
 * how many were read after each page.
 */
export async function gatherMessages(onProgress: (read: number) => void = () => undefined): Promise<ExchangeMessage[]> {
  const uses = new Map<string, string[][]>();
  for (const account of await listAccounts()) {
    for (const [folder, chain] of folderChains(account.folders)) {
      if (!folder.isVirtual && counted(chain)) uses.set(folder.id, chain);
    }
  }
  if (uses.size === 0) return [];
  const out: ExchangeMessage[] = [];
  const first = await queryMessages({ folderId: [...uses.keys()], messagesPerPage: PAGE_SIZE });
  if (first === null) throw new Error("messages.query answered with a list id");
  let page: HeaderPage = first;
  for (;;) {
    for (const header of page.headers) {
      const chain = header.folder?.id === undefined ? undefined : uses.get(header.folder.id);
      // Only the folders asked for are searched; a message whose folder is not known is left out.
      if (chain !== undefined) out.push(toExchangeMessage(header, chain));
    }
    onProgress(out.length);
    if (page.next === null) break;
    page = await continueQuery(page.next);
  }
  return out;
}
