/**
 * Closes waiting for a message sent later to leave the Outbox ("close after sending"), kept
 * in `storage.local` so that they survive the event page sleeping and a restart of
 * Thunderbird: one key per message (`pendingClose:<Message-ID>`), holding only the
 * patient's address; removed once the [FIN] is sent or given up.
 */
import * as z from "zod/mini";

const PREFIX = "pendingClose:";
const entrySchema = z.object({ patient: z.string() });

export interface PendingClose {
  /** The Message-ID of the message the [FIN] follows, without angle brackets. */
  readonly headerMessageId: string;
  readonly patientAddress: string;
}

export async function rememberPendingClose(pending: PendingClose): Promise<void> {
  await messenger.storage.local.set({ [PREFIX + pending.headerMessageId]: { patient: pending.patientAddress } });
}

export async function pendingCloses(): Promise<PendingClose[]> {
  const all: Record<string, unknown> = await messenger.storage.local.get();
  const out: PendingClose[] = [];
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(PREFIX)) continue;
    const entry = entrySchema.safeParse(value);
    if (entry.success) out.push({ headerMessageId: key.slice(PREFIX.length), patientAddress: entry.data.patient });
  }
  return out;
}

export async function forgetPendingClose(headerMessageId: string): Promise<void> {
  await messenger.storage.local.remove(PREFIX + headerMessageId);
}
