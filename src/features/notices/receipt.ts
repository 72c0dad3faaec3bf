/**
 * A read receipt is checked before it marks anything "read by the patient" (the decision is
 * `decideReceipt`, in the core): from the patient, about a message the user sent that
 * patient, filed as sent (a Sent folder or one below it; not the Archives). A receipt that fails is still stored, marked unverified.
 */
import { folderUsesOf } from "../conversation/closing-messages.js";
import { listAccounts, listIdentities } from "../../adapters/accounts.js";
import type { MessageInfo } from "../../adapters/messages.js";
import { findByMessageIdPreferring } from "./message-reads.js";
import { decideReceipt, type NoticeRecord, type ReceiptCheck, type ReceiptFacts } from "../../core/notice-records/index.js";

/** How Thunderbird marks each folder, by folder id; asked for at most once a minute (a scan may meet many receipts). */
let usesCache: { readonly at: number; readonly uses: Promise<ReadonlyMap<string, readonly string[]>> } | null = null;

function folderUses(now = Date.now()): Promise<ReadonlyMap<string, readonly string[]>> {
  if (usesCache === null || now - usesCache.at > 60_000) {
    const uses = listAccounts()
      .then((accounts) => new Map(accounts.flatMap((a) => a.folders.map((f) => [f.id, [...f.specialUse]] as const))))
      .catch(() => new Map<string, readonly string[]>());
    usesCache = { at: now, uses };
  }
  return usesCache.uses;
}

export interface CheckedReceipt {
  /** Null for what is not a patient's receipt. */
  readonly check: ReceiptCheck | null;
  /** The sent messages a verified receipt marks read. */
  readonly sent: readonly MessageInfo[];
}

const NOT_CHECKED: CheckedReceipt = { check: null, sent: [] };

/** Checks a receipt (`receipt`: the receipt itself, as the mail store lists it). */
export async function checkReceipt(record: NoticeRecord, receipt: MessageInfo): Promise<CheckedReceipt> {
  if (record.kind !== "receipt" || !record.recipients.some((r) => r.ins !== null)) return NOT_CHECKED;
  const facts: Omit<ReceiptFacts, "found" | "identities"> = {
    from: receipt.author,
    reportedAddresses: record.recipients.map((r) => r.address),
    originalId: record.originalId,
  };
  // Who wrote it is decided before anything is looked up: a forged receipt costs no search.
  const first = decideReceipt({ ...facts, found: [], identities: [] });
  if (first.check !== "not-sent" || record.originalId === null) return { check: first.check, sent: [] };
  const uses = await folderUses();
  const sentFolders = [...uses].filter(([, use]) => use.includes("sent")).map(([id]) => id);
  const found = (await findByMessageIdPreferring(record.originalId, sentFolders)).filter((m) => m.headerMessageId !== receipt.headerMessageId);
  const identities = (await listIdentities()).map((i) => i.email);
  const decision = decideReceipt({
    ...facts,
    found: await Promise.all(
      found.map(async (m) => ({
        author: m.author,
        recipients: m.recipients,
        // A folder without special use counts as the nearest one above it that has one.
        folderUses: m.folderId === null ? [] : await folderUsesOf({ id: m.folderId, specialUse: [...(uses.get(m.folderId) ?? [])] }),
      })),
    ),
    identities,
  });
  return { check: decision.check, sent: decision.sent.map((i) => found[i]).filter((m): m is MessageInfo => m !== undefined) };
}
