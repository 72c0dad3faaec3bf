/**
 * The mail a conversation's state is computed from: the `[FIN]` messages to a patient that
 * the mail store holds, wherever they are (with their author and the special use of their
 * folder, for the core to decide which prove a closing), and the thread headers
 * (`References`, `In-Reply-To`) of a message. One `messages.query` per displayed message,
 * then the parents of a folder without special use, and the headers of the few messages
 * the state needs.
 */
import { parentFolderUses, specialUsesOf } from "../../adapters/accounts.js";
import {
  abortList,
  continueQuery,
  getFullHeaders,
  getHeaders,
  hasGetHeaders,
  queryMessages,
  type HeaderFolder,
  type HeaderPage,
  type MessageHeader,
} from "../../adapters/messages.js";
import type { StoredClosing } from "../../core/conversation/index.js";
import { parseMessageIds } from "../../core/conversation/index.js";
import type { HeaderField } from "../../core/notices/index.js";

/** How many [FIN] to one patient are read at most (one per closed conversation). */
const MAX_CLOSINGS = 200;

export function toMillis(value: Date | number | string | undefined): number {
  if (value === undefined) return Number.NaN;
  return value instanceof Date ? value.getTime() : new Date(value).getTime();
}

function idsOf(fields: readonly HeaderField[], names: readonly string[]): string[] {
  const out: string[] = [];
  for (const { name, value } of fields) if (names.includes(name.toLowerCase())) out.push(...parseMessageIds(value));
  return out;
}

/** The ids of a message's `In-Reply-To` and `References` (getHeaders on 147+, else getFull). */
export async function threadReferences(messageId: number): Promise<string[]> {
  const names = ["references", "in-reply-to"];
  return idsOf(hasGetHeaders() ? await getHeaders(messageId) : await getFullHeaders(messageId), names);
}

/** A message with the subject `[FIN]` to the patient, as the store holds it (the core decides what it proves). */
export interface ClosingCandidate extends StoredClosing {
  /** Per-session number of Thunderbird. */
  readonly id: number;
  readonly headerMessageId: string;
}

/**
 * The special uses of a folder, then of its parents, up to the first folder that has one
 * (only that nearest one matters: see `core/conversation/closing-evidence.ts`). A folder
 * whose parents cannot be read counts as having none above it.
 */
export async function folderUsesOf(folder: HeaderFolder | undefined): Promise<string[][]> {
  if (folder === undefined) return [];
  const own = specialUsesOf(folder);
  if (own.length > 0) return [own];
  const parents = await parentFolderUses(folder);
  return parents === null ? [own] : [own, ...parents];
}

/**
 * Every message in the store with the subject exactly `[FIN]` and the patient among its
 * recipients, in any folder, with who wrote it and where it is filed (the special uses of
 * its folder, and of the folders above when it has none). Up to `MAX_CLOSINGS`.
 */
export async function closingCandidatesTo(patientAddress: string): Promise<ClosingCandidate[]> {
  const found: MessageHeader[] = [];
  const first = await queryMessages({ subject: "[FIN]", recipients: patientAddress });
  // Not knowing the [FIN] is not "none": the state cannot be read.
  if (first === null) throw new Error("messages.query answered with a list id");
  let page: HeaderPage = first;
  for (;;) {
    // The query matches a subject that contains [FIN]: only exactly [FIN] closes.
    for (const header of page.headers) if (header.subject === "[FIN]") found.push(header);
    if (page.next === null || found.length >= MAX_CLOSINGS) break;
    page = await continueQuery(page.next);
  }
  if (page.next !== null) await abortList(page.next);
  // One look at the parents per folder, however many [FIN] it holds.
  const uses = new Map<string, Promise<string[][]>>();
  return Promise.all(
    found.map(async (m) => {
      const folderKey = JSON.stringify([m.folder?.id, m.folder?.accountId, m.folder?.path, m.folder?.specialUse, m.folder?.type]);
      let folderUses = uses.get(folderKey);
      if (folderUses === undefined) {
        folderUses = folderUsesOf(m.folder);
        uses.set(folderKey, folderUses);
      }
      return {
        id: m.id,
        headerMessageId: m.headerMessageId,
        date: toMillis(m.date),
        subject: m.subject,
        author: m.author,
        recipients: m.recipients,
        ccList: m.ccList,
        bccList: m.bccList,
        folderUses: await folderUses,
      };
    }),
  );
}
