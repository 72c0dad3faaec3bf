import { PATIENT_DOMAIN } from "../ins/index.js";
import { decodeHeaderValue, getHeader, parseContentType, parseHeaderText } from "./headers.js";
import { fold } from "./fold.js";
import type { HeaderField } from "./types.js";

/** Senders that write delivery notices: mail systems, gateways, postmasters. */
const SYSTEM_SENDER =
  /mailer-?daemon|post ?master|\bmdaemon\b|mail delivery|delivery (?:subsystem|system|service|status|notification)|mail administrator|system administrator|mail ?system|mail ?server|message delivery|internet mail|remise du courrier|courrier non remis|\bsmtp\b|smtp_|antivirus|\blsmtp\b|\bimss@|\bndr@|^\s*<?>?\s*$|"?<>"?/;

/** Subjects of delivery notices, delay warnings and read receipts (English, French and a few others). */
const NOTICE_SUBJECT =
  /undeliver|undelivered|non[- ]?deliver|returned (?:mail|to sender)|delivery (?:status|failure|failed|problem|report|notification|error|delay|warning)|delivery has failed|failure (?:notice|delivery)|mail delivery|could not be delivered|not (?:been )?delivered|mail (?:error|failed|not delivered)|failed mail|mail failed|message (?:status|delayed|not delivered|could not)|delayed (?:mail|message|delivery)|\bdelayed\b|\(delay\)|^warning:|permanent delivery failure|returning (?:message|mail)|mail system error|mail could not|user unknown|automatically rejected|rejected mail|processing error|nameserver error|^\[postmaster\]|\bnon remis|non distribu|remise (?:impossible|differee|retardee|a echoue)|n'a pas pu etre (?:distribue|remis|delivre)|pas pu etre (?:distribue|remis)|n'a pas ete (?:distribue|remis)|echec de (?:la )?(?:remise|distribution)|notification d'etat de remise|avis de non[- ]remise|retard de (?:la )?(?:remise|distribution)|unzustellbar|nicht zustellbar|non recapitabile|no (?:se )?(?:pudo|puede) entregar|^(?:read|lu|not read|non lu|gelesen|nicht gelesen|letto|leido|lido)\s*:|accuse de (?:lecture|reception)|read (?:receipt|notification)|return receipt|notification de lecture|disposition notification|lesebestatigung|\bmdn\b|\bdsn\b|\bndr\b|bounce|failure notice|delivery notification|retour de message|message retourne|courrier retourne|erreur de (?:remise|distribution)|\bko integration|erreur d'integration/;

/** Characters of an author or a subject that are read: enough for any real one. */
const MAX_SUMMARY_CHARS = 500;

/** An address at a patient mailbox of Mon espace santé, in folded (lower-case) text. */
const PATIENT_AUTHOR = new RegExp(`@${PATIENT_DOMAIN.replace(/\./g, "\\.")}(?![a-z0-9-]|\\.[a-z0-9])`);

/** Decoded (RFC 2047), cut and folded: what the sender and subject patterns are written against. */
function foldedHeader(value: string): string {
  // Cut before decoding too: a hostile header of megabytes is not decoded whole.
  return fold(decodeHeaderValue(value.slice(0, 16 * MAX_SUMMARY_CHARS)).slice(0, MAX_SUMMARY_CHARS));
}

/** Whether an author (a `From` value) is a mail system, a gateway or a postmaster. */
function isSystemSender(from: string): boolean {
  return SYSTEM_SENDER.test(foldedHeader(from));
}

/** Whether a subject is that of a delivery notice, a delay warning or a read receipt. */
function isNoticeSubject(subject: string): boolean {
  return NOTICE_SUBJECT.test(foldedHeader(subject));
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
    const from = foldedHeader(author);
    if (from.trim() === "") return true;
    if (SYSTEM_SENDER.test(from) || PATIENT_AUTHOR.test(from)) return true;
    return isNoticeSubject(subject);
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
  if (isSystemSender(from)) return true;

  const autoSubmitted = (getHeader(fields, "auto-submitted") ?? "").toLowerCase();
  if (/auto-(?:replied|generated|notified)/.test(autoSubmitted)) return true;

  if (isNoticeSubject(getHeader(fields, "subject") ?? "")) return true;

  // Read receipts and reports answer a message: "Disposition-Notification" replies.
  if (getHeader(fields, "x-report-type") !== undefined) return true;
  return false;
}
