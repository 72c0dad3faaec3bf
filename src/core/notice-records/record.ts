/**
 * What the add-on keeps about a delivery notice or read receipt once it is classified: the
 * least it needs to list, group and follow it up (ids, kind, reasons, states). No message
 * content: the notice's text and the sent message's subject are read again from the mail
 * store when they are shown. At most `RECIPIENTS_MAX` recipients are kept per notice (the
 * patients first), with the count of the others.
 *
 * Record versions:
 * - 1: no `stored`, no `moreRecipients`, every recipient kept;
 * - 2: `stored` (when it was first stored) and `moreRecipients` (see `layout.ts` for the
 *   migration of version 1).
 */
import * as z from "zod/mini";
import { REASONS, type Notice, type NoticeKind, type Reason } from "../notices/index.js";
import { RECEIPT_CHECKS, type ReceiptCheck } from "./receipt-check.js";

export const RECORD_VERSION = 2;

/** Recipients kept per notice; the others are only counted. */
export const RECIPIENTS_MAX = 20;

const reasonSchema = z.enum(REASONS as unknown as [Reason, ...Reason[]]);
const nullableString = z._default(z.nullable(z.string()), null);

export const recordRecipientSchema = z.object({
  address: z.string(),
  action: nullableString,
  status: nullableString,
  reason: z._default(z.nullable(reasonSchema), null),
  ins: nullableString,
  insValid: z._default(z.nullable(z.boolean()), null),
  /** For a receipt: `displayed`, `deleted`, `processed`… */
  disposition: nullableString,
  dispositionError: z._default(z.boolean(), false),
  date: nullableString,
});

const recordFields = {
  /** The notice's own Message-ID header (without angle brackets): survives restarts and moves. */
  id: z.string(),
  kind: z.enum(["bounce", "delay", "receipt"]),
  /** When the notice was written (ISO 8601), or when it was found. */
  date: z.string(),
  /** Where the notice was when classified (to find it again quickly). */
  accountId: nullableString,
  folderPath: nullableString,
  /** The Message-ID of the message the notice is about, when it names it. */
  originalId: nullableString,
  originalDate: nullableString,
  recipients: z.array(recordRecipientSchema),
  /**
   * For a patient's receipt: whether it comes from the patient about a message the user sent
   * (`verified`), or why not. Null for anything else, and for receipts stored before the check.
   */
  receiptCheck: z._default(z.nullable(z.enum(RECEIPT_CHECKS as unknown as [ReceiptCheck, ...ReceiptCheck[]])), null),
  /** When the user marked it handled (ISO 8601), or null. */
  handled: nullableString,
};

/** A record as version 1 stored it. */
export const noticeRecordV1Schema = z.object({ v: z.literal(1), ...recordFields });

export const noticeRecordSchema = z.object({
  v: z.literal(RECORD_VERSION),
  ...recordFields,
  /** When the add-on first stored it (ISO 8601): its age is counted from here at the latest. */
  stored: z.string(),
  /** Recipients of the notice not kept (beyond `RECIPIENTS_MAX`). */
  moreRecipients: z.int().check(z.gte(0)),
});

export type NoticeRecordV1 = z.output<typeof noticeRecordV1Schema>;
export type NoticeRecord = z.output<typeof noticeRecordSchema>;
export type RecordRecipient = z.output<typeof recordRecipientSchema>;
export type RecordKind = Exclude<NoticeKind, "none">;

/** Storage keys: one per notice, so that two writers never overwrite each other's notices. */
export const RECORD_PREFIX = "notices.item:";

export function recordKey(noticeId: string): string {
  return `${RECORD_PREFIX}${noticeId}`;
}

/** `<abc@host>` → `abc@host`: Message-IDs are compared without brackets or surrounding space. */
export function bareMessageId(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim().replace(/^<+/, "").replace(/>+$/, "").trim();
  return trimmed === "" || trimmed.length > 998 ? null : trimmed;
}

export interface RecordPlace {
  /** The notice's Message-ID header. */
  readonly messageId: string;
  readonly accountId: string | null;
  readonly folderPath: string | null;
  /** The message's date as the mail store has it (ISO 8601), used when the notice gives none. */
  readonly date: string | null;
}

/** The record of a classified notice; null for ordinary mail. */
export function toRecord(notice: Notice, place: RecordPlace, foundAt: Date = new Date()): NoticeRecord | null {
  if (notice.kind === "none") return null;
  const id = bareMessageId(place.messageId);
  if (id === null) return null;
  return {
    v: RECORD_VERSION,
    id,
    kind: notice.kind,
    date: isoOrNull(notice.date) ?? isoOrNull(place.date) ?? foundAt.toISOString(),
    accountId: place.accountId,
    folderPath: place.folderPath,
    originalId: bareMessageId(notice.original?.messageId),
    originalDate: isoOrNull(notice.original?.date ?? null),
    ...keptRecipients(
      notice.recipients.map((r) => ({
        address: r.address,
        action: r.action,
        status: r.status,
        reason: r.reason,
        ins: r.ins,
        insValid: r.insValid,
        disposition: r.disposition?.type ?? null,
        dispositionError: r.disposition?.error ?? false,
        date: isoOrNull(r.date),
      })),
    ),
    receiptCheck: null,
    handled: null,
    stored: foundAt.toISOString(),
  };
}

/**
 * At most `RECIPIENTS_MAX` recipients: the patients' first, then the others, each in the
 * notice's order; `moreRecipients` counts those left out (added to any already counted).
 */
export function keptRecipients(
  recipients: readonly RecordRecipient[],
  alreadyLeftOut = 0,
): { recipients: RecordRecipient[]; moreRecipients: number } {
  if (recipients.length <= RECIPIENTS_MAX) return { recipients: [...recipients], moreRecipients: alreadyLeftOut };
  const kept = [...recipients.filter((r) => r.ins !== null), ...recipients.filter((r) => r.ins === null)].slice(0, RECIPIENTS_MAX);
  const keep = new Set(kept);
  return {
    recipients: recipients.filter((r) => keep.has(r)),
    moreRecipients: alreadyLeftOut + recipients.length - RECIPIENTS_MAX,
  };
}

function isoOrNull(value: string | null): string | null {
  if (value === null) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** A stored value read back: a record when it is one, else null (never throws). */
export function parseRecord(value: unknown): NoticeRecord | null {
  const parsed = noticeRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * The same notice classified again: the new facts, the user's "handled" kept, and the
 * earlier of the two storing dates (classifying again does not make a notice younger).
 */
export function mergeRecord(previous: NoticeRecord | null, next: NoticeRecord): NoticeRecord {
  if (previous === null) return next;
  const stored = Date.parse(previous.stored) <= Date.parse(next.stored) ? previous.stored : next.stored;
  return { ...next, handled: previous.handled, stored };
}

/** Whether a receipt says the message was opened (displayed, without error). */
export function isReadReceipt(record: NoticeRecord): boolean {
  return record.kind === "receipt" && record.recipients.some((r) => r.disposition === "displayed" && !r.dispositionError);
}

/** Whether a receipt says the patient opened the message, and was checked to come from the patient about a message the user sent. */
export function isVerifiedRead(record: NoticeRecord): boolean {
  return isReadReceipt(record) && record.receiptCheck === "verified";
}

/** When a verified receipt says the message was opened: the receipt's date for that recipient, else the notice's. */
export function readDate(record: NoticeRecord): string | null {
  if (!isVerifiedRead(record)) return null;
  const r = record.recipients.find((x) => x.disposition === "displayed" && !x.dispositionError);
  return r?.date ?? record.date;
}
