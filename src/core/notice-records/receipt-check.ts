/**
 * Whether a read receipt may mark a sent message "read by the patient". Anyone can write a
 * receipt, so one is believed only when both hold:
 *  (a) it comes from the patient: its `From` is the address of a patient it reports on
 *      (compared case-insensitively), or one of `PLATFORM_RECEIPT_SENDERS`;
 *  (b) the message it names is one the user sent to that patient: filed as sent by the same
 *      rule as the closing evidence (`filedAsSent`: a Sent folder or a folder below one,
 *      never Drafts, Outbox, Trash… nor the Archives, which hold received mail too),
 *      written from one of the user's identities, with the patient among its recipients.
 * Otherwise the receipt is still listed, marked unverified, and tags nothing.
 */
import { filedAsSent } from "../conversation/closing-evidence.js";
import { isAddress, patientInfo } from "../notices/addresses.js";
import { sentences } from "../i18n/list.js";
import { msg, type Message } from "../i18n/text.js";

/**
 * Addresses that Mon espace santé itself may send read receipts from, on the patient's
 * behalf. The form of the platform's receipts is not public (domain facts, §4: [open]), so
 * the list is empty: a receipt must come from the patient's own address. Add an address
 * here only from an official text, with that text named beside it; each entry is one whole
 * address, compared case-insensitively (no domains, no patterns).
 */
export const PLATFORM_RECEIPT_SENDERS: readonly string[] = [];

/** What the check found: `verified`, or why not. */
export type ReceiptCheck =
  /** From the patient, about a message the user sent that patient. */
  | "verified"
  /** Not from the address of the patient it reports on (nor from the platform). */
  | "other-sender"
  /** The message it names is not one the user sent that patient (not filed as sent — Archives included —, not from an identity, not to that patient, or not found). */
  | "not-sent"
  /** It names no sent message. */
  | "no-original";

export const RECEIPT_CHECKS: readonly ReceiptCheck[] = ["verified", "other-sender", "not-sent", "no-original"];

/** A message found under the Message-ID the receipt names. */
export interface SentCandidate {
  /** Its author as the mail store gives it (`Name <address>`). */
  readonly author: string;
  /** Its recipients (To, Cc, Bcc), as the mail store gives them. */
  readonly recipients: readonly string[];
  /**
   * The special uses of its folder, then of the folders above (as `StoredClosing.folderUses`):
   * `[["sent"]]`, `[[], ["sent"]]` for `Sent/Patients`.
   */
  readonly folderUses: readonly (readonly string[])[];
}

export interface ReceiptFacts {
  /** The receipt's `From`, as the mail store gives it. */
  readonly from: string;
  /** The addresses the receipt reports on (its recipients). */
  readonly reportedAddresses: readonly string[];
  /** The Message-ID it names, or null. */
  readonly originalId: string | null;
  /** The messages found under that Message-ID. */
  readonly found: readonly SentCandidate[];
  /** The addresses of the user's identities. */
  readonly identities: readonly string[];
  /** Default `PLATFORM_RECEIPT_SENDERS`. */
  readonly platformSenders?: readonly string[];
}

export interface ReceiptDecision {
  readonly check: ReceiptCheck;
  /** Positions in `found` of the sent messages the receipt marks read (empty unless verified). */
  readonly sent: readonly number[];
}

/**
 * The one address of a mailbox as the mail store writes it (`Name <a@b>` or `a@b`), lower
 * case; null when there is none, or more than one (a `From` naming several mailboxes is not
 * believed).
 */
export function mailboxAddress(value: string): string | null {
  const angles = value.match(/<[^<>]*>/g) ?? [];
  if (angles.length > 1) return null;
  const address = angles.length === 1 ? (angles.at(0) ?? "").slice(1, -1).trim() : value.trim();
  return isAddress(address) ? address.toLowerCase() : null;
}

export function decideReceipt(facts: ReceiptFacts): ReceiptDecision {
  const notVerified = (check: ReceiptCheck): ReceiptDecision => ({ check, sent: [] });
  const from = mailboxAddress(facts.from);
  const platform = new Set((facts.platformSenders ?? PLATFORM_RECEIPT_SENDERS).map((a) => a.toLowerCase()));
  const patients = new Set(
    facts.reportedAddresses.map(mailboxAddress).filter((a): a is string => a !== null && patientInfo(a) !== null),
  );
  // (a) From the patient it reports on (or the platform, for any patient it reports on).
  const fromPlatform = from !== null && platform.has(from);
  const trusted = fromPlatform ? patients : new Set([...patients].filter((p) => p === from));
  if (trusted.size === 0) return notVerified("other-sender");
  if (facts.originalId === null) return notVerified("no-original");
  // (b) A message the user sent that patient.
  const identities = new Set(facts.identities.map((a) => a.toLowerCase()));
  const sent: number[] = [];
  facts.found.forEach((m, i) => {
    const author = mailboxAddress(m.author);
    if (author === null || !identities.has(author) || !filedAsSent(m.folderUses)) return;
    if (m.recipients.some((r) => trusted.has(mailboxAddress(r) ?? ""))) sent.push(i);
  });
  return sent.length === 0 ? notVerified("not-sent") : { check: "verified", sent };
}

const RECEIPT_TEXT = {
  "other-sender": "receiptOtherSender",
  "not-sent": "receiptNotSent",
  "no-original": "receiptNoOriginal",
} as const;

/** What the panel says of a patient's receipt that is not verified (null: verified). */
export function receiptCheckText(check: ReceiptCheck | null): Message | null {
  if (check === "verified") return null;
  return sentences(msg(check === null ? "receiptUnchecked" : RECEIPT_TEXT[check]), msg("receiptNotMarked"));
}
