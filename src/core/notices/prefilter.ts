import { decodeHeaderValue, getHeader, parseContentType, parseHeaderText } from "./headers.js";
import { fold } from "./reasons.js";
import type { HeaderField } from "./types.js";

/** Senders that write delivery notices: mail systems, gateways, postmasters. */
const SYSTEM_SENDER =
  /mailer-?daemon|post ?master|\bmdaemon\b|mail delivery|delivery (?:subsystem|system|service|status|notification)|mail administrator|system administrator|mail ?system|mail ?server|message delivery|internet mail|remise du courrier|courrier non remis|\bsmtp\b|smtp_|antivirus|\blsmtp\b|\bimss@|\bndr@|^\s*<?>?\s*$|"?<>"?/;

/** Subjects of delivery notices, delay warnings and read receipts (English, French and a few others). */
const NOTICE_SUBJECT =
  /undeliver|undelivered|non[- ]?deliver|returned (?:mail|to sender)|delivery (?:status|failure|failed|problem|report|notification|error|delay|warning)|delivery has failed|failure (?:notice|delivery)|mail delivery|could not be delivered|not (?:been )?delivered|mail (?:error|failed|not delivered)|failed mail|mail failed|message (?:status|delayed|not delivered|could not)|delayed (?:mail|message|delivery)|\bdelayed\b|\(delay\)|^warning:|permanent delivery failure|returning (?:message|mail)|mail system error|mail could not|user unknown|automatically rejected|rejected mail|processing error|nameserver error|^\[postmaster\]|\bnon remis|non distribu|remise (?:impossible|differee|retardee|a echoue)|n'a pas pu etre (?:distribue|remis|delivre)|pas pu etre (?:distribue|remis)|n'a pas ete (?:distribue|remis)|echec de (?:la )?(?:remise|distribution)|notification d'etat de remise|avis de non[- ]remise|unzustellbar|nicht zustellbar|non recapitabile|no (?:se )?(?:pudo|puede) entregar|^(?:read|lu|not read|non lu|gelesen|nicht gelesen|letto|leido|lido)\s*:|accuse de (?:lecture|reception)|read (?:receipt|notification)|return receipt|notification de lecture|disposition notification|lesebestatigung|\bmdn\b|\bdsn\b|\bndr\b|bounce|failure notice|delivery notification|retour de message|message retourne|courrier retourne|erreur de (?:remise|distribution)|\bko integration|erreur d'integration/;

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
  if (SYSTEM_SENDER.test(fold(decodeHeaderValue(from).slice(0, 500)))) return true;

  const autoSubmitted = (getHeader(fields, "auto-submitted") ?? "").toLowerCase();
  if (/auto-(?:replied|generated|notified)/.test(autoSubmitted)) return true;

  const subject = fold(decodeHeaderValue(getHeader(fields, "subject") ?? "").slice(0, 500));
  if (NOTICE_SUBJECT.test(subject)) return true;

  // Read receipts and reports answer a message: "Disposition-Notification" replies.
  if (getHeader(fields, "x-report-type") !== undefined) return true;
  return false;
}
