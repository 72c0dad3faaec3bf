/**
 * The panel's sentences that carry numbers, dates or names, in French and English; and the
 * explanation of one stored recipient (the classifier's own wording).
 */
import { sentences } from "../i18n/list.js";
import { msg, plural, type Message } from "../i18n/text.js";
import { explainRecipient, reasonLabel, type Explanation, type NoticeRecipient } from "../notices/index.js";
import type { DispositionType } from "../notices/index.js";
import type { PanelCounts } from "./view.js";
import { RECIPIENTS_MAX, type RecordRecipient } from "./record.js";
import { RECORDS_MAX } from "./retention.js";

const DISPOSITIONS: readonly DispositionType[] = ["displayed", "deleted", "dispatched", "processed", "denied", "failed"];

function dispositionType(value: string | null): DispositionType | null {
  return DISPOSITIONS.find((d) => d === value) ?? null;
}

/** The stored recipient, as the classifier's explanation reads it. */
export function asNoticeRecipient(r: RecordRecipient): NoticeRecipient {
  const type = dispositionType(r.disposition);
  const action = r.action;
  return {
    address: r.address,
    action: action === "failed" || action === "delayed" || action === "delivered" || action === "relayed" || action === "expanded" ? action : null,
    status: r.status,
    diagnostic: null,
    reason: r.reason,
    ins: r.ins,
    insValid: r.insValid,
    disposition: type === null ? null : { type, mode: null, error: r.dispositionError, errorText: null },
    date: r.date,
  };
}

export function explainStored(r: RecordRecipient, kind: "bounce" | "delay" | "receipt"): Explanation {
  const recipient = asNoticeRecipient(r);
  // A bounce whose recipient line carries no action is a failure.
  return explainRecipient(kind === "bounce" && recipient.action === null ? { ...recipient, action: "failed" } : recipient);
}

export function countsText(c: PanelCounts): Message {
  return msg(
    "noticeCounts",
    plural("countBounces", c.bounces),
    plural("countDelays", c.delays),
    plural("countReceipts", c.receipts),
    plural("countUnhandled", c.unhandled),
    plural("countPatients", c.patients),
    c.shown,
  );
}

/**
 * What a folder scan has counted: the one shape of its progress and of its result
 * (features/notices/scan.ts adds the folder being read).
 */
export interface ScanFigures {
  /** Folders done, of `folders`. */
  readonly foldersDone: number;
  readonly folders: number;
  /** Messages looked at so far. */
  readonly messages: number;
  /** Messages whose headers were asked of Thunderbird (`messages.getHeaders`, 147+): all of them in a thorough scan. */
  readonly headerReads: number;
  /** Messages read in full (candidates). */
  readonly fullReads: number;
  readonly notices: number;
  readonly errors: number;
}

export function scanProgressText(p: ScanFigures): Message {
  return msg("scanProgress", Math.min(p.foldersDone + 1, p.folders), p.folders, plural("countMessagesLookedAt", p.messages), plural("countNoticesFound", p.notices));
}

/** `thorough`: the headers of every message were read; a quick scan when false or absent. */
export function scanDoneText(p: ScanFigures & { readonly thorough?: boolean }, cancelled: boolean): Message {
  const thorough = p.thorough === true;
  const reads = msg("scanReads", plural("countMessages", p.headerReads), plural("countReadInFull", p.fullReads));
  const notices = plural("countNoticesFound", p.notices);
  const done = cancelled
    ? msg(thorough ? "scanCancelledThorough" : "scanCancelledQuick", plural("countMessages", p.messages), reads, notices)
    : msg(thorough ? "scanFinishedThorough" : "scanFinishedQuick", plural("countMessagesLookedAt", p.messages), plural("countFolders", p.folders), reads, notices);
  return p.errors === 0 ? done : sentences(done, plural("scanUnreadable", p.errors));
}

/** `formatted`: the date written for the interface language (by `Intl`). */
export function readOnText(date: string, formatted: string | Message): Message {
  return date === "" ? msg("tagReadByPatient") : msg("readByPatientOn", formatted);
}

export function sentMessageTitle(subject: string | null, formattedDate: string | null): Message {
  if (subject !== null && subject !== "") return msg("sentMessageSubject", subject);
  if (formattedDate !== null) return msg("sentMessageOfDate", formattedDate);
  return msg("sentMessageUnknown");
}

const NOTICE_DATE = { bounce: "noticeBounceDate", delay: "noticeDelayDate", receipt: "noticeReceiptDate" } as const;

export function noticeDateText(kind: "bounce" | "delay" | "receipt", formatted: string): Message {
  return msg(NOTICE_DATE[kind], formatted);
}

export function patientHeading(name: string | null, ins: string | null, address: string, insValid: boolean | null): Message {
  if (ins === null) return name === null ? msg("recipientAddressOnly", address) : msg("recipientNameAndAddress", name, address);
  const invalid = insValid === false;
  return name === null
    ? msg(invalid ? "patientInsHeadingInvalid" : "patientInsHeading", ins)
    : msg(invalid ? "namedPatientInsHeadingInvalid" : "namedPatientInsHeading", name, ins);
}

export { reasonLabel };

/** Under a sent message: recipients of its notices that were not kept (beyond the cap). */
export function moreRecipientsText(n: number): Message {
  return plural("moreRecipients", n, n, RECIPIENTS_MAX);
}

/**
 * What the add-on stores about patients, where, and for how long: shown in the options page
 * beside the retention setting (and said the same way in docs/admin.md).
 */
export function storedDataText(months: number): { readonly heading: Message; readonly paragraphs: readonly Message[] } {
  return {
    heading: msg("storedDataHeading"),
    paragraphs: [
      msg("storedDataWhat", RECIPIENTS_MAX),
      msg("storedDataWhere"),
      plural("storedDataHowLong", months, months, RECORDS_MAX),
      msg("storedDataNothingElse"),
    ],
  };
}
