/**
 * Closes waiting for a message sent later to leave the Outbox ("close after sending"), kept
 * in `storage.local` so that they survive the event page sleeping and a restart of
 * Thunderbird: one key per message (`pendingClose:<Message-ID>`), holding only the
 * patient's address and when the close started (`since`, ISO 8601; absent in entries
 * written by older versions); removed once the [FIN] is sent or given up, or after too long.
 */
import { storageLocal } from "../../adapters/storage.js";
import * as z from "zod/mini";

const PREFIX = "pendingClose:";
const entrySchema = z.object({ patient: z.string(), since: z.optional(z.string()) });

export interface PendingClose {
  /** The Message-ID of the message the [FIN] follows, without angle brackets. */
  readonly headerMessageId: string;
  readonly patientAddress: string;
}

export interface StoredPendingClose extends PendingClose {
  /** When the close started (ISO 8601), or null for an entry written by an older version. */
  readonly since: string | null;
}

export async function rememberPendingClose(pending: PendingClose, since: Date = new Date()): Promise<void> {
  await storageLocal.set({ [PREFIX + pending.headerMessageId]: { patient: pending.patientAddress, since: since.toISOString() } });
}

export async function pendingCloses(): Promise<StoredPendingClose[]> {
  const all: Record<string, unknown> = await storageLocal.get();
  const out: StoredPendingClose[] = [];
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(PREFIX)) continue;
    const entry = entrySchema.safeParse(value);
    if (entry.success) out.push({ headerMessageId: key.slice(PREFIX.length), patientAddress: entry.data.patient, since: entry.data.since ?? null });
  }
  return out;
}

export async function forgetPendingClose(headerMessageId: string): Promise<void> {
  await storageLocal.remove(PREFIX + headerMessageId);
}
