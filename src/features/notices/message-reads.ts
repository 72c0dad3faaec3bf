/**
 * How the notices feature finds and reads messages: by Message-ID (the folders it expects
 * first, then everywhere; at most `MAX_FOUND` copies), and the header fields of a message as
 * cheaply as this Thunderbird allows.
 */
import {
  continueQuery,
  getHeaders,
  hasGetHeaders,
  messageInfoOf,
  queryMessages,
  type MessageInfo,
  type MessageQuery,
} from "../../adapters/messages.js";
import type { HeaderField } from "../../core/notices/index.js";

/** How many messages with one Message-ID are read at most. */
const MAX_FOUND = 50;

async function queryPages(query: MessageQuery): Promise<MessageInfo[]> {
  let page = await queryMessages(query);
  if (page === null) return [];
  const out = page.headers.map(messageInfoOf);
  while (page.next !== null && out.length < MAX_FOUND) {
    page = await continueQuery(page.next);
    out.push(...page.headers.map(messageInfoOf));
  }
  return out;
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
    const found = await queryPages({ headerMessageId, folderId: folderIds }).catch(() => []);
    if (found.length > 0) return found;
  }
  return findByMessageId(headerMessageId);
}

/**
 * A message's headers, cheaply: `messages.getHeaders` where it exists (147+); on older
 * versions, what the message list already gives (author, subject), which the pre-filter
 * reads as it reads any header.
 */
export async function getHeaderFields(message: MessageInfo): Promise<HeaderField[]> {
  if (hasGetHeaders()) return getHeaders(message.id);
  return [
    { name: "from", value: message.author },
    { name: "subject", value: message.subject },
  ];
}
