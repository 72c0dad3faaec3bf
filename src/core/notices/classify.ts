/**
 * The classifier's pipeline: read the message, then try each format in turn — spam
 * complaint, read receipt (formats/mdn.ts), delivery status report (formats/dsn.ts, also fed
 * by a sending service's JSON, formats/service-json.ts), then a mailing-list manager's
 * refusal (formats/list-manager.ts) or a human-readable notice (formats/plain-text.ts) —
 * after ruling out forwards, replies and auto-replies.
 */
import { cleanAddress, isMailSystemAddress } from "./addresses.js";
import { fold } from "./fold.js";
import { fromDsn } from "./formats/dsn.js";
import { fromMdn, textReceipt } from "./formats/mdn.js";
import { fromListManager } from "./formats/list-manager.js";
import { fromPlainText, writtenByMailSystem } from "./formats/plain-text.js";
import { isOwnMessage, isReceiptMessage, withReceiptAddressees } from "./formats/returned-receipt.js";
import { serviceNotification } from "./formats/service-json.js";
import { getHeader, parseContentType, parseHeaderBlock } from "./headers.js";
import { parse, type Parsed } from "./parse.js";
import {
  fromMailSystem,
  isAutoReply,
  isChallenge,
  isReplyToNotice,
  notificationText,
  readVerdict,
  subjectLooksLikeNotice,
} from "./plaintext.js";
import { findReportText } from "./report.js";
import { none } from "./result.js";
import type { DeliveryAction, Notice } from "./types.js";

export { CLASSIFIER_INPUT_BYTES, MAX_MESSAGE_BYTES } from "./parse.js";
export { MAX_DIAGNOSTIC_CHARS } from "./result.js";

/** A patient's personal mailbox: a matricule (13 characters and a 2-digit key) at Mon espace santé. */
const PATIENT_MAILBOX = /^[0-9]{5}(?:2[AB]|[0-9]{2})[0-9]{8}@patient\.mssante\.fr\.?$/i;

function isPatientMailbox(address: string): boolean {
  return PATIENT_MAILBOX.test(address.trim());
}

/**
 * Reads a message and says whether it is a bounce, a delay warning, a read receipt, or
 * none of these. Never throws; reads at most `MAX_MESSAGE_BYTES` of the input.
 */
export async function classifyMessage(raw: Uint8Array | ArrayBuffer | string): Promise<Notice> {
  try {
    const parsed = await parse(raw);
    let result: Notice;
    try {
      result = withReceiptAddressees(parsed, classifyParsed(parsed));
    } catch {
      return none("unreadable", parsed);
    }
    const wrapped = wrappedReport(parsed, result);
    if (wrapped !== null) {
      try {
        const inner = classifyParsed(await parse(wrapped));
        if (inner.kind !== "none") return inner;
      } catch {
        return result;
      }
    }
    return result;
  } catch {
    return none("unreadable", null);
  }
}

/**
 * Some gateways pass a report on as an attachment of their own notice. When a mail system
 * sent the outer message and found nothing in it, the attached report is read instead
 * (one level only; a report forwarded by a person stays "forwarded").
 */
function wrappedReport(p: Parsed, result: Notice): string | null {
  if (result.kind !== "none" && result.recipients.length > 0) return null;
  const what = result.notNotice;
  if (what === "forwarded" || what === "complaint" || what === "auto-reply") return null;
  if (p.dsnTexts.length > 0 || p.mdnTexts.length > 0) return null;
  if (!fromMailSystem(p.from, getHeader(p.fields, "return-path")) || isForwardSubject(p.subject)) return null;
  const inner = p.originals[0] ?? pastedMessage(p.text);
  if (inner === undefined) return null;
  const innerFields = parseHeaderBlock(inner).fields;
  const type = parseContentType(getHeader(innerFields, "content-type")).type;
  if (type !== "multipart/report") return null;
  // A read receipt the mail system sends back is the addressee's own receipt that failed to
  // go out: the notice is about it (a bounce of the address it was sent to), never a receipt.
  if (isReceiptMessage(innerFields) && (result.kind !== "none" || isOwnMessage(p, innerFields))) return null;
  return inner;
}

/**
 * A whole message pasted as text after the notice (an ISP passing on the report it received,
 * in its own words): the text from its first header line on, when that starts a header block
 * with a From and a Content-Type.
 */
function pastedMessage(text: string): string | undefined {
  const rest = notificationText(text).rest.trimStart();
  if (!/^[A-Za-z][A-Za-z0-9-]{0,60}[ \t]*:/.test(rest)) return undefined;
  const fields = parseHeaderBlock(rest).fields;
  const hasFrom = getHeader(fields, "from") !== undefined;
  return hasFrom && getHeader(fields, "content-type") !== undefined ? rest : undefined;
}

function classifyParsed(parsed: Parsed): Notice {
  const fromSystem = fromMailSystem(parsed.from, getHeader(parsed.fields, "return-path"));
  // Who wrote it, by its author alone: a person's automatic reply also has a null
  // Return-Path (RFC 3834), and stays a person's.
  const authorIsSystem = fromMailSystem(parsed.from, undefined);
  // Only a mail system's broken notice is read from its source: a person's message whose
  // parts are all attachments has no text, and the names of its files are not a notice.
  const p = authorIsSystem ? withBrokenMimeText(parsed) : parsed;
  const reportType = (p.contentType.params.get("report-type") ?? "").toLowerCase();
  const isReport = p.contentType.type === "multipart/report";
  const { notice: noticeText, rest } = notificationText(p.text);

  // Spam complaints (ARF and webmail complaint loops) are not delivery notices.
  if (isComplaint(p, reportType, isReport)) return none("complaint", p);

  // Read receipts (RFC 8098), including malformed ones.
  let mdnText = p.mdnTexts[0] ?? null;
  if (mdnText === null && isReport && reportType.includes("disposition-notification")) {
    mdnText = findReportText(p.rawBody(), true);
  }
  if (mdnText !== null) {
    const mdn = fromMdn(p, mdnText, noticeText);
    if (mdn !== null) return mdn;
  }

  const fromAddress = cleanAddress(p.from);
  // A patient's own mailbox (`<INS>@patient.mssante.fr`) is written with by the patient or
  // their caregivers only, never by a mail system: what it sends may be a read receipt
  // (above: Mon espace santé acknowledges from the patient's address), never a bounce or a
  // delay, whatever text it quotes — it is the patient's message, relayed by a person.
  if (fromAddress !== null && isPatientMailbox(fromAddress)) return none("forwarded", p);

  // Challenge-response systems ask the sender to confirm; nothing bounced. (A mail system's
  // own notice is never one, whatever links it gives.)
  const mailSystem = fromAddress !== null && isMailSystemAddress(fromAddress);
  if (!mailSystem && isChallenge(noticeText)) return none("challenge", p);

  // Delivery status notifications (RFC 3464 / RFC 6533).
  const dsnTexts = [...p.dsnTexts];
  if (dsnTexts.length === 0 && (isReport || p.contentType.type === "message/delivery-status")) {
    const found = findReportText(p.rawBody(), false);
    if (found !== null) dsnTexts.push(found);
  }
  if (dsnTexts.length === 0 && (fromSystem || subjectLooksLikeNotice(p.subject)) && !isForwardSubject(p.subject)) {
    // A report pasted as text in a plain notice.
    const embedded = /^Final-Recipient[ \t]*:/im.test(noticeText) && /^(?:Action|Status)[ \t]*:/im.test(noticeText);
    if (embedded) {
      const found = findReportText(noticeText, false);
      if (found !== null) dsnTexts.push(found);
    }
  }
  // A sending service's JSON notification (Amazon SES): its fields are a report's. Read only
  // in what a mail system or a sending service wrote, not forwarded nor answered: a person
  // pasting or quoting one has not had a message bounce.
  const serviceWrote =
    writtenByMailSystem(p, fromSystem, isReport) && !isForwardSubject(p.subject) && !isReplyToNotice(p.subject);
  const service = dsnTexts.length === 0 && serviceWrote ? serviceNotification(p.text) : null;
  if (service?.type === "complaint") return none("complaint", p);
  if (service?.type === "report") dsnTexts.push(service.fields);
  let dsnAction: DeliveryAction | null = null;
  if (dsnTexts.length > 0) {
    // The JSON is no text for people: what the server said comes from its fields alone.
    const dsn = fromDsn(p, dsnTexts, service === null ? noticeText : "", rest);
    if (dsn.notice !== null) return dsn.notice;
    dsnAction = dsn.action;
  }

  // From here on: messages without a usable machine-readable part.
  const subjectNotice = subjectLooksLikeNotice(p.subject);
  const verdict = readVerdict(noticeText, p.subject);

  const receipt = textReceipt(p, noticeText);
  if (receipt !== null) return receipt;

  if (isForwardSubject(p.subject) && !fromSystem) {
    return none(verdict.failure || subjectNotice ? "forwarded" : "ordinary", p);
  }
  if (isReplyToNotice(p.subject) && !fromSystem) return none("ordinary", p);
  const autoSubmitted = getHeader(p.fields, "auto-submitted") ?? "";
  const autoReply = isAutoReply(p.subject, noticeText, {
    autoSubmitted,
    xAutoreply:
      getHeader(p.fields, "x-autoreply") !== undefined ||
      getHeader(p.fields, "x-autorespond") !== undefined ||
      getHeader(p.fields, "x-vacation") !== undefined,
    precedence: getHeader(p.fields, "precedence") ?? "",
  });
  if (autoReply && !(authorIsSystem && (verdict.failure || subjectNotice))) return none("auto-reply", p);

  const listRefusal = dsnAction === null ? fromListManager(p, noticeText, rest) : null;
  if (listRefusal !== null) return listRefusal;
  return fromPlainText(p, { noticeText, rest, fromSystem, isReport, dsnAction });
}

/**
 * A mail system's multipart notice in which no part at all could be read, because its MIME
 * structure is broken (a boundary parameter on an unfolded line, boundary lines that never
 * appear): its raw body is read as its text, as a person reading the source would.
 */
function withBrokenMimeText(p: Parsed): Parsed {
  if (p.sourceText === null) return p;
  // Lines of encoded data (base64) are left out: their letters could spell a phrase.
  const raw = p.sourceText
    .split("\n")
    .filter((line) => !ENCODED_LINE.test(line))
    .join("\n");
  return raw.trim() === "" ? p : { ...p, text: raw };
}

/** A line of base64 data: at least 40 of its characters and nothing else. */
const ENCODED_LINE = /^[A-Za-z0-9+/]{40,}={0,2}\r?$/;

export function isForwardSubject(subject: string): boolean {
  return /^\s*(?:fwd?|tr|wg|rv|fw|enc|doorst)\s*:/i.test(subject);
}

function isComplaint(p: Parsed, reportType: string, isReport: boolean): boolean {
  if (isReport && reportType.includes("feedback-report")) return true;
  if (p.feedbackPart) return true;
  const s = fold(p.subject);
  if (new RegExp(
    [
      "^(?:complaint about message|abuse report|email feedback report|spam (?:complaint|",
      "report)|fbl report|[a-z]+ abuse report)",
    ].join(""),
  ).test(s)) {
    return !readVerdict(notificationText(p.text).notice, "").failure;
  }
  return false;
}

