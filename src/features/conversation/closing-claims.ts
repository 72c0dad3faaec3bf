/**
 * "A [FIN] for this message is being prepared, waits in the Outbox or was sent": kept in
 * `storage.session` (it survives the event page sleeping; a restart of Thunderbird forgets
 * it), keyed by the Message-ID header of the message the reply answers. Two clicks reach the
 * event page as two calls; claims are read and written one at a time, so only one of them
 * wins. A [FIN] put in the Outbox (Thunderbird offline) is `queued` with its own Message-ID
 * until it leaves: only then is the claim `sent`.
 */
import { onSessionStorageChanged, storageSession } from "../../adapters/storage.js";
import * as z from "zod/mini";
import { bracketId } from "../../core/conversation/index.js";

const claimSchema = z.object({
  status: z.enum(["preparing", "queued", "sent"]),
  at: z.number(),
  /** `queued`: the Message-ID of the [FIN] waiting in the Outbox. */
  fin: z.optional(z.string()),
});

export type Claim = z.output<typeof claimSchema>;

const PREFIX = "closing:";

/**
 * The key of the claims on a message: its Message-ID with brackets (the messages API gives it
 * without). Without a Message-ID (never seen on real mail), Thunderbird's per-session id still
 * tells two clicks on the same message apart from clicks on two messages.
 */
export function claimKeyOf(message: { readonly headerMessageId: string; readonly id: number }): string {
  return bracketId(message.headerMessageId) || `#${String(message.id)}`;
}
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

/** The [FIN] is in the Outbox (Thunderbird offline), not sent: `fin` is its Message-ID. */
export function markClosingQueued(headerMessageId: string, now: number, fin: string): Promise<void> {
  return serialized(() => storageSession.set({ [key(headerMessageId)]: { status: "queued", at: now, fin } satisfies Claim }));
}

/** The claims whose [FIN] waits in the Outbox, by the Message-ID of the message it answers. */
export async function queuedClosings(): Promise<{ readonly headerMessageId: string; readonly fin: string; readonly at: number }[]> {
  const all = await storageSession.get();
  const out: { headerMessageId: string; fin: string; at: number }[] = [];
  for (const [name, value] of Object.entries(all)) {
    if (!name.startsWith(PREFIX)) continue;
    const claim = claimSchema.safeParse(value);
    if (claim.success && claim.data.status === "queued" && claim.data.fin !== undefined) {
      out.push({ headerMessageId: name.slice(PREFIX.length), fin: claim.data.fin, at: claim.data.at });
    }
  }
  return out;
}

/**
 * Sets a queued claim to `sent`, or releases it (`sent` false: its [FIN] left the Outbox
 * without being sent), unless it changed meanwhile.
 */
export function settleQueuedClosing(headerMessageId: string, fin: string, sent: boolean, now: number): Promise<void> {
  return serialized(async () => {
    const existing = await read(headerMessageId);
    if (existing?.status !== "queued" || existing.fin !== fin) return;
    if (sent) await storageSession.set({ [key(headerMessageId)]: { status: "sent", at: now } satisfies Claim });
    else await storageSession.remove(key(headerMessageId));
  });
}

export function releaseClosing(headerMessageId: string): Promise<void> {
  return serialized(() => storageSession.remove(key(headerMessageId)));
}

/** The claim on a message: a [FIN] answering it being prepared or sent in this session; null when none. */
export function closingClaim(headerMessageId: string): Promise<Claim | null> {
  return read(headerMessageId);
}

/**
 * Calls `listener` with the Message-ID each time the close of the exchange it belongs to
 * changed in a way the screen shows: a [FIN] answering it has just been sent, put in the
 * Outbox, or given up (its claim released), whichever way it was asked for (header button,
 * menu, shortcut, banner, exchanges view). Not while a [FIN] is only being prepared. Must be
 * called synchronously at the top of the background, as every listener.
 */
export function onClosingChanged(listener: (headerMessageId: string) => void): void {
  onSessionStorageChanged((changes) => {
    for (const [name, change] of changes) {
      if (!name.startsWith(PREFIX)) continue;
      const claim = claimSchema.safeParse(change.newValue);
      if (!claim.success || claim.data.status !== "preparing") listener(name.slice(PREFIX.length));
    }
  });
}
