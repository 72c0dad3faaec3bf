/**
 * The mail the exchanges view is built from: every message of every account, header only,
 * through `messages.query` page by page, with where each is filed (the special uses of its
 * folder, and of the folders above when it has none: one look per folder).
 *
 * `messages.query` cannot look for a domain: its `author` and `recipients` criteria match a
 * whole address (Thunderbird compares `…@patient.mssante.fr` with each address as a whole).
 * So every header is read and the core keeps the patients' ones; no message is opened.
 */
import { abortList, continueQuery, queryMessages, type HeaderFolder, type HeaderPage, type MessageHeader } from "../../adapters/messages.js";
import type { ExchangeMessage } from "../../core/exchanges/index.js";
import { folderUsesOf, toMillis } from "../conversation/closing-messages.js";

/** Messages a page: fewer calls on a large mailbox (Thunderbird's default is 100). */
export const PAGE_SIZE = 1000;

function folderKey(folder: HeaderFolder | undefined): string {
  return JSON.stringify([folder?.id, folder?.accountId, folder?.path, folder?.specialUse, folder?.type]);
}

export interface GatherOptions {
  readonly signal?: AbortSignal;
}

/** Every message header of the store, with its folder's special uses. */
export async function gatherMessages(options: GatherOptions = {}): Promise<ExchangeMessage[]> {
  const headers: MessageHeader[] = [];
  const first = await queryMessages({ messagesPerPage: PAGE_SIZE });
  if (first === null) throw new Error("messages.query answered with a list id");
  let page: HeaderPage = first;
  for (;;) {
    headers.push(...page.headers);
    if (page.next === null) break;
    if (options.signal?.aborted === true) {
      await abortList(page.next);
      throw new Error("cancelled");
    }
    page = await continueQuery(page.next);
  }
  const uses = new Map<string, Promise<string[][]>>();
  const usesOf = (folder: HeaderFolder | undefined): Promise<string[][]> => {
    const key = folderKey(folder);
    let known = uses.get(key);
    if (known === undefined) {
      known = folderUsesOf(folder).catch(() => []);
      uses.set(key, known);
    }
    return known;
  };
  return Promise.all(
    headers.map(async (m) => ({
      id: m.id,
      headerMessageId: m.headerMessageId,
      subject: m.subject,
      author: m.author,
      recipients: m.recipients,
      ccList: m.ccList,
      bccList: m.bccList,
      date: toMillis(m.date),
      folderUses: await usesOf(m.folder),
      tags: m.tags,
    })),
  );
}
