/**
 * Which messages of the mail store prove that an exchange was really closed. A message with
 * the subject `[FIN]` to the patient is not enough: a draft of it (an autosaved review
 * window), its copy waiting in the Outbox, a deleted copy in the Trash, a template, or a
 * message someone else addressed to the patient with that subject closes nothing. Only what
 * one of the user's identities really sent counts:
 *
 * - authored by one of the user's identities (the `From` address, case-insensitive);
 * - filed in a Sent folder. A subfolder the user made (`Sent/Patients`) counts as the
 *   nearest folder above it that has a special use; a folder with no special use anywhere
 *   above it does not count, nor does one that is also drafts, templates, outbox, trash,
 *   junk, inbox or archives. The Archives do not count: they hold received mail too, and a [FIN] someone sent
 *   with the user's address in `From` and the user then archived closed nothing (a real
 *   [FIN] archived only lets the user send a second one);
 * - dated no later than now plus `CLOCK_SKEW_MS` (two clocks a few minutes apart): a
 *   message dated in the future was not sent yet, or its date is not to be trusted.
 *
 * A real closing missed (a [FIN] filed in a plain folder) only lets the user send a second
 * [FIN], which changes nothing for the patient; a false "already closed" would stop the
 * user from closing at all, and show open exchanges as closed.
 */
import { FIN_SUBJECT, parseRecipients } from "../compose/index.js";

/** How far in the future a sent message may be dated (clocks of two machines differ). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** The special uses (Thunderbird's `MailFolder.specialUse`) of folders that hold sent mail. */
export const SENT_MAIL_USES: readonly string[] = ["sent"];

/**
 * Special uses that mean "not sent (yet), not kept, or may hold received mail" (the Inbox,
 * the Archives): never evidence, even on a folder that is also marked sent.
 */
export const NOT_SENT_USES: readonly string[] = ["drafts", "templates", "outbox", "trash", "junk", "inbox", "archives"];

/** What the store says of one candidate message. */
export interface StoredClosing {
  readonly subject: string;
  /** The `From` field. */
  readonly author: string;
  readonly recipients: readonly string[];
  readonly ccList: readonly string[];
  readonly bccList: readonly string[];
  /** Milliseconds since 1970 (the `Date` header); NaN when unknown. */
  readonly date: number;
  /**
   * The special uses of the message's folder, then of its parent, and so on up to the
   * account's root: `[["sent"]]`, `[[], ["sent"]]` for `Sent/Patients`. Folders
   * above the first one with a special use may be left out.
   */
  readonly folderUses: readonly (readonly string[])[];
}

const lower = (address: string): string => address.trim().toLowerCase();

/** The special uses of the nearest folder (the message's own, or the closest above) that has any. */
export function placeOf(folderUses: readonly (readonly string[])[]): readonly string[] {
  for (const uses of folderUses) if (uses.length > 0) return uses;
  return [];
}

/**
 * Whether a message filed there was sent: its folder, or the nearest folder above it that
 * has a special use, is a Sent folder (and nothing that means unsent). The one rule for the
 * closing evidence and the read receipts.
 */
export function filedAsSent(folderUses: readonly (readonly string[])[]): boolean {
  const place = placeOf(folderUses).map((use) => use.toLowerCase());
  return place.some((use) => SENT_MAIL_USES.includes(use)) && !place.some((use) => NOT_SENT_USES.includes(use));
}

/** Whether the message's `From` is one of the user's identities. */
export function authoredBy(author: string, ownAddresses: readonly string[]): boolean {
  const from = parseRecipients(author);
  if (from.length !== 1) return false;
  const own = new Set(ownAddresses.map(lower).filter((address) => address !== ""));
  return own.has(lower(from[0]?.address ?? ""));
}

/** Whether the message is dated (a real date) no later than `now` plus the allowed skew. */
export function datedByNow(date: number, now: number): boolean {
  return Number.isFinite(date) && date <= now + CLOCK_SKEW_MS;
}

function sentTo(message: Pick<StoredClosing, "recipients" | "ccList" | "bccList">, patientAddress: string): boolean {
  const wanted = lower(patientAddress);
  return [...message.recipients, ...message.ccList, ...message.bccList]
    .flatMap((field) => parseRecipients(field))
    .some((mailbox) => lower(mailbox.address) === wanted);
}

/**
 * Whether the message is a [FIN] to that patient from one of the user's identities waiting
 * in the Outbox (sent later, or Thunderbird offline): it closes nothing yet, but will when it
 * leaves; another close meanwhile would only queue a second one.
 */
export function waitsToClose(message: Omit<StoredClosing, "date">, patientAddress: string, ownAddresses: readonly string[]): boolean {
  return (
    message.subject === FIN_SUBJECT &&
    sentTo(message, patientAddress) &&
    authoredBy(message.author, ownAddresses) &&
    placeOf(message.folderUses).some((use) => use.toLowerCase() === "outbox")
  );
}

/**
 * When the earliest of the user's [FIN] to that patient waiting in the Outbox was dated (`now`
 * for one without a date); null when none waits.
 */
export function waitingSince(messages: readonly StoredClosing[], patientAddress: string, ownAddresses: readonly string[], now: number): number | null {
  const dates = messages.filter((m) => waitsToClose(m, patientAddress, ownAddresses)).map((m) => (Number.isFinite(m.date) ? m.date : now));
  return dates.length === 0 ? null : Math.min(...dates);
}

/** Whether the message proves that the user closed the exchange with that patient. */
export function provesClosing(message: StoredClosing, patientAddress: string, ownAddresses: readonly string[], now: number): boolean {
  return (
    message.subject === FIN_SUBJECT &&
    sentTo(message, patientAddress) &&
    authoredBy(message.author, ownAddresses) &&
    filedAsSent(message.folderUses) &&
    datedByNow(message.date, now)
  );
}
