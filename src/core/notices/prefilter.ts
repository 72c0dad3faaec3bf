import { decodeHeaderValue, getHeader, parseContentType, parseHeaderText } from "./headers.js";
import {
  foldSummary,
  isAnyNoticeSubject,
  isListManagerText,
  isSystemSenderText,
  MAX_SUMMARY_CHARS,
  PATIENT_AUTHOR,
} from "./senders-subjects.js";
import type { HeaderField } from "./types.js";

/** Decoded (RFC 2047) and cut: a hostile header of megabytes is not decoded whole. */
function decoded(value: string): string {
  return decodeHeaderValue(value.slice(0, 16 * MAX_SUMMARY_CHARS));
}

/** What the message list gives of a message without reading it: its author and subject. */
export interface MessageSummary {
  readonly author?: string | null | undefined;
  readonly subject?: string | null | undefined;
}

/**
 * Decides from the message list's author and subject alone whether a message may be a
 * delivery notice, a delay warning or a read receipt: the first, free step of a folder scan,
 * before any header is read. Same sender and subject patterns as `looksLikeNotice`; also a
 * candidate: a message without author, and one from a patient mailbox (a patient's mailbox
 * sends read receipts, in a form that is not public). Leans to "yes"; never throws.
 */
export function mayBeNoticeFromSummary(summary: MessageSummary): boolean {
  try {
    const author = typeof summary.author === "string" ? summary.author : "";
    const subject = typeof summary.subject === "string" ? summary.subject : "";
    const from = decoded(author);
    if (from.trim() === "") return true;
    if (isSystemSenderText(from) || isListManagerText(from) || PATIENT_AUTHOR.test(foldSummary(from))) return true;
    return isAnyNoticeSubject(decoded(subject));
  } catch {
    return true;
  }
}

/** Media types of reports. */
const REPORT_TYPES = new Set([
  "multipart/report",
  "message/delivery-status",
  "message/global-delivery-status",
  "message/disposition-notification",
  "message/global-disposition-notification",
]);

/** Headers whose mere presence marks a notice. */
const NOTICE_HEADERS = [
  "x-failed-recipients",
  "x-ms-exchange-message-is-ndr",
  "x-ms-exchange-generated-message-source",
  "x-mailer-daemon-error",
  "x-dsncontext",
  "original-recipient",
  "x-original-message-id",
];

/**
 * Decides from headers alone (no body) whether a message may be a delivery notice, a delay
 * warning or a read receipt, so that ordinary mail can be skipped cheaply. Leans to "yes":
 * it must never turn down a real notice; `classifyMessage` gives the final answer.
 */
export function looksLikeNotice(headers: readonly HeaderField[] | string): boolean {
  try {
    const fields = typeof headers === "string" ? parseHeaderText(headers.slice(0, 256 * 1024)) : headers;
    return decide(fields);
  } catch {
    return true;
  }
}

function decide(fields: readonly HeaderField[]): boolean {
  if (fields.length === 0) return false;
  const ct = parseContentType(getHeader(fields, "content-type"));
  if (REPORT_TYPES.has(ct.type)) return true;

  for (const name of NOTICE_HEADERS) if (getHeader(fields, name) !== undefined) return true;

  const returnPath = getHeader(fields, "return-path");
  if (returnPath !== undefined && /^\s*<?\s*>?\s*$|^\s*<?mailer-daemon\b/i.test(returnPath)) return true;

  const from = getHeader(fields, "from");
  if (from === undefined) return true; // a message with no author is not ordinary mail
  if (isSystemSenderText(decoded(from)) || isListManagerText(decoded(from))) return true;

  const autoSubmitted = (getHeader(fields, "auto-submitted") ?? "").toLowerCase();
  if (/auto-(?:replied|generated|notified)/.test(autoSubmitted)) return true;

  if (isAnyNoticeSubject(decoded(getHeader(fields, "subject") ?? ""))) return true;

  // Read receipts and reports answer a message: "Disposition-Notification" replies.
  if (getHeader(fields, "x-report-type") !== undefined) return true;
  return false;
}
