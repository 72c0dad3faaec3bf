/**
 * The mail the exchanges view is built from: the header of every message in every folder of
 * every account that can hold an exchange (not drafts, templates, the Outbox, the Trash or
 * junk, nor a folder below one of them; saved searches are skipped, their messages are
 * elsewhere), with where each is filed. No message is opened.
 *
 * `messages.query` cannot look for a domain (its `author` and `recipients` criteria match a
 * whole address), so every header has to be read and the core keeps the patients' ones.
 * Read folder by folder with `messages.list`, which leaves out the folders that hold no
 * exchange without reading them; a query without criteria costs about the same per message
 * (`npm run bench` prints both).
 */
import { listAccounts, type FolderInfo } from "../../adapters/accounts.js";
import { continueQuery, listHeaderPage, type HeaderPage, type MessageHeader } from "../../adapters/messages.js";
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

/**
 * Every message header of the folders that can hold an exchange, with its folder's special
 * uses; `onProgress` is told how many were read after each page.
 */
export async function gatherMessages(onProgress: (read: number) => void = () => undefined): Promise<ExchangeMessage[]> {
  const out: ExchangeMessage[] = [];
  for (const account of await listAccounts()) {
    for (const [folder, uses] of folderChains(account.folders)) {
      if (folder.isVirtual || !counted(uses)) continue;
      let page: HeaderPage = await listHeaderPage(folder);
      for (;;) {
        for (const header of page.headers) out.push(toExchangeMessage(header, uses));
        onProgress(out.length);
        if (page.next === null) break;
        page = await continueQuery(page.next);
      }
    }
  }
  return out;
}
