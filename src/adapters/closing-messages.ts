/**
 * The mail a conversation's state is computed from: the `[FIN]` messages to a patient that
 * the mail store holds, wherever they are (with their author and the special use of their
 * folder, for the core to decide which prove a closing), and the thread headers
 * (`References`, `In-Reply-To`) of a message. One `messages.query` per displayed message,
 * then the parents of a folder without special use, and the headers of the few messages
 * the state needs.
 */
import { tb } from "./thunderbird.js";
import * as z from "zod/mini";
import type { StoredClosing } from "../core/conversation/index.js";
import { parseMessageIds } from "../core/conversation/index.js";

export const folderSchema = z.object({
  id: z.optional(z.string()),
  accountId: z.optional(z.string()),
  path: z.optional(z.string()),
  specialUse: z.optional(z.array(z.string())),
  type: z.optional(z.string()),
});

const headerSchema = z.object({
  id: z.number(),
  headerMessageId: z._default(z.string(), ""),
  subject: z._default(z.string(), ""),
  author: z._default(z.string(), ""),
  folder: z.optional(folderSchema),
  recipients: z._default(z.array(z.string()), () => []),
  ccList: z._default(z.array(z.string()), () => []),
  bccList: z._default(z.array(z.string()), () => []),
  date: z.optional(z.union([z.date(), z.number(), z.string()])),
});

const pageSchema = z.object({
  id: z.optional(z.nullable(z.string())),
  messages: z._default(z.array(z.unknown()), () => []),
});

/** How many [FIN] to one patient are read at most (one per closed conversation). */
const MAX_CLOSINGS = 200;

export function toMillis(value: Date | number | string | undefined): number {
  if (value === undefined) return Number.NaN;
  return value instanceof Date ? value.getTime() : new Date(value).getTime();
}

const headersSchema = z.record(z.string(), z.union([z.array(z.string()), z.string()]));

function idsOf(raw: unknown, names: readonly string[]): string[] {
  const parsed = headersSchema.safeParse(raw);
  if (!parsed.success) return [];
  const out: string[] = [];
  for (const [name, value] of Object.entries(parsed.data)) {
    if (!names.includes(name.toLowerCase())) continue;
    for (const v of typeof value === "string" ? [value] : value) out.push(...parseMessageIds(v));
  }
  return out;
}

/** The ids of a message's `In-Reply-To` and `References` (getHeaders on 147+, else getFull). */
export async function threadReferences(messageId: number): Promise<string[]> {
  const names = ["references", "in-reply-to"];
  const messages = tb().messages;
  // A presence test (`in`): the member is absent before Thunderbird 147.
  if ("getHeaders" in messages) return idsOf(await messages.getHeaders(messageId), names);
  const full = z.object({ headers: z.optional(z.unknown()) }).safeParse(await messages.getFull(messageId));
  return full.success ? idsOf(full.data.headers, names) : [];
}

/** A message with the subject `[FIN]` to the patient, as the store holds it (the core decides what it proves). */
export interface ClosingCandidate extends StoredClosing {
  /** Per-session number of Thunderbird. */
  readonly id: number;
  readonly headerMessageId: string;
}

function usesOf(folder: z.output<typeof folderSchema>): string[] {
  // `specialUse` (121+); older schemas had one `type`.
  return folder.specialUse ?? (folder.type === undefined ? [] : [folder.type]);
}

/**
 * The special uses of a folder, then of its parents, up to the first folder that has one
 * (only that nearest one matters: see `core/conversation/closing-evidence.ts`). A folder
 * whose parents cannot be read counts as having none above it.
 */
export async function folderUsesOf(folder: z.output<typeof folderSchema> | undefined): Promise<string[][]> {
  if (folder === undefined) return [];
  const own = usesOf(folder);
  if (own.length > 0) return [own];
  const arg = folder.id ?? (folder.accountId !== undefined && folder.path !== undefined ? { accountId: folder.accountId, path: folder.path } : null);
  if (arg === null) return [own];
  const folders = tb().folders;
  if (!("getParentFolders" in folders)) return [own];
  try {
    const parents = z.array(folderSchema).safeParse(await folders.getParentFolders(arg, false));
    return parents.success ? [own, ...parents.data.map(usesOf)] : [own];
  } catch {
    return [own];
  }
}

/**
 * Every message in the store with the subject exactly `[FIN]` and the patient among its
 * recipients, in any folder, with who wrote it and where it is filed (the special uses of
 * its folder, and of the folders above when it has none). Up to `MAX_CLOSINGS`.
 */
export async function closingCandidatesTo(patientAddress: string): Promise<ClosingCandidate[]> {
  const found: z.output<typeof headerSchema>[] = [];
  let page = pageSchema.parse(await messenger.messages.query({ subject: "[FIN]", recipients: patientAddress }));
  for (;;) {
    for (const entry of page.messages) {
      const header = headerSchema.safeParse(entry);
      if (header.success && header.data.subject === "[FIN]") found.push(header.data);
    }
    if (page.id === undefined || page.id === null || found.length >= MAX_CLOSINGS) break;
    page = pageSchema.parse(await messenger.messages.continueList(page.id));
  }
  if (page.id !== undefined && page.id !== null) await messenger.messages.abortList(page.id).catch(() => undefined);
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
