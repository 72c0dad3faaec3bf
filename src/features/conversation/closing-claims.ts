/**
 * "A [FIN] for this message is being prepared or was sent": kept in `storage.session` (it
 * survives the event page sleeping; a restart of Thunderbird forgets it), keyed by the
 * Message-ID header of the message the reply answers. Two clicks reach the event page as
 * two calls; claims are read and written one at a time, so only one of them wins.
 */
import { onSessionStorageChanged, storageSession } from "../../adapters/storage.js";
import * as z from "zod/mini";

const claimSchema = z.object({
  status: z.enum(["preparing", "sent"]),
  at: z.number(),
});

export type Claim = z.output<typeof claimSchema>;

const PREFIX = "closing:";
const key = (headerMessageId: string): string => `${PREFIX}${headerMessageId}`;

/** Serialises the read-then-write of claims within this page. */
let queue: Promise<unknown> = Promise.resolve();

function serialized<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

async function read(headerMessageId: string): Promise<Claim | null> {
  const stored: Record<string, unknown> = await storageSession.get(key(headerMessageId));
  const parsed = claimSchema.safeParse(stored[key(headerMessageId)]);
  return parsed.success ? parsed.data : null;
}

/** Takes the claim; null when it was free, else the claim already there (nothing changed). */
export function claimClosing(headerMessageId: string, now: number): Promise<Claim | null> {
  return serialized(async () => {
    const existing = await read(headerMessageId);
    if (existing !== null) return existing;
    await storageSession.set({ [key(headerMessageId)]: { status: "preparing", at: now } satisfies Claim });
    return null;
  });
}

export function markClosingSent(headerMessageId: string, now: number): Promise<void> {
  return serialized(() => storageSession.set({ [key(headerMessageId)]: { status: "sent", at: now } satisfies Claim }));
}

export function releaseClosing(headerMessageId: string): Promise<void> {
  return serialized(() => storageSession.remove(key(headerMessageId)));
}

/** The claim on a message: a [FIN] answering it being prepared or sent in this session; null when none. */
export function closingClaim(headerMessageId: string): Promise<Claim | null> {
  return read(headerMessageId);
}

/**
 * Calls `listener` with the Message-ID each time a [FIN] answering it has just been sent,
 * whichever way it was asked for (header button, menu, shortcut, banner, exchanges view).
 * Must be called synchronously at the top of the background, as every listener.
 */
export function onClosingSent(listener: (headerMessageId: string) => void): void {
  onSessionStorageChanged((changes) => {
    for (const [name, change] of changes) {
      if (!name.startsWith(PREFIX)) continue;
      const claim = claimSchema.safeParse(change.newValue);
      if (claim.success && claim.data.status === "sent") listener(name.slice(PREFIX.length));
    }
  });
}
