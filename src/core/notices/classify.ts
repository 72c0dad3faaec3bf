import PostalMime from "postal-mime";
import type { Email } from "postal-mime";
import { cleanAddress, displayAddress, isAddress, isMailSystemAddress, patientInfo } from "./addresses.js";
import {
  bounded,
  decodeHeaderValue,
  decodeUtf8,
  getHeader,
  getHeaders,
  headerStart,
  MAX_PREAMBLE_BYTES,
  normalizeDate,
  parseContentType,
  parseHeaderBlock,
  toBytes,
} from "./headers.js";
import {
  fromMailSystem,
  isAutoReply,
  isChallenge,
  isReplyToNotice,
  MAX_RECIPIENTS,
  notificationText,
  quotedSubject,
  readVerdict,
  subjectLooksLikeNotice,
  textRecipients,
  type TextRecipient,
} from "./plaintext.js";
import { classifyReason } from "./reasons/decide.js";
import { findStatus, matchPhrases } from "./reasons/match.js";
import { isReceiptSubject } from "./senders-subjects.js";
import { fold } from "./fold.js";
import { htmlToText } from "./html-text.js";
import { findReportText, parseDispositionField, parseReportFields, type FieldMap } from "./report.js";
import type {
  DeliveryAction,
  Disposition,
  DispositionType,
  HeaderField,
  NotANotice,
  Notice,
  NoticeFormat,
  NoticeKind,
  NoticeRecipient,
  OriginalMessage,
  Reason,
} from "./types.js";

/** Only this much of a message is read: report parts come before the returned message. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/**
 * The most of a message's bytes `classifyMessage` ever looks at (what a store puts before the
 * headers, then `MAX_MESSAGE_BYTES`): a caller reads no more than this from the mail store.
 */
export const CLASSIFIER_INPUT_BYTES = MAX_PREAMBLE_BYTES + MAX_MESSAGE_BYTES;
/** Diagnostics and other remote texts are cut to this length. */
export const MAX_DIAGNOSTIC_CHARS = 500;
const MAX_ORIGINAL_CHARS = 64 * 1024;
const MAX_RAW_SCAN_CHARS = 512 * 1024;

interface Parsed {
  readonly fields: readonly HeaderField[];
  readonly contentType: { type: string; params: Map<string, string> };
  readonly subject: string;
  readonly from: string;
  /** The human-readable text of the message (decoded). */
  readonly text: string;
  readonly dsnTexts: readonly string[];
  readonly mdnTexts: readonly string[];
  readonly feedbackPart: boolean;
  /** Attached returned messages or their headers (decoded text, bounded). */
  readonly originals: readonly string[];
  /** The raw body after the top-level headers (decoded, bounded): for malformed reports. Decoded when first asked for. */
  readonly rawBody: () => string;
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
      result = classifyParsed(parsed);
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
  if (result.notNotice === "forwarded" || result.notNotice === "complaint" || result.notNotice === "auto-reply") return null;
  if (p.dsnTexts.length > 0 || p.mdnTexts.length > 0) return null;
  if (!fromMailSystem(p.from, getHeader(p.fields, "return-path")) || isForwardSubject(p.subject)) return null;
  const inner = p.originals[0];
  if (inner === undefined) return null;
  const type = parseContentType(getHeader(parseHeaderBlock(inner).fields, "content-type")).type;
  return type === "multipart/report" ? inner : null;
}

async function parse(raw: Uint8Array | ArrayBuffer | string): Promise<Parsed> {
  const all = toBytes(raw);
  const start = headerStart(all);
  const bytes = limitParts(all.subarray(start, start + MAX_MESSAGE_BYTES));
  const scanned = bytes.subarray(0, Math.min(bytes.length, MAX_RAW_SCAN_CHARS));
  // The header block alone is decoded now; the rest only if a malformed report needs it.
  const { fields } = parseHeaderBlock(decodeUtf8(scanned.subarray(0, headerBlockEnd(scanned))));
  let rawBodyText: string | null = null;
  const rawBody = (): string => {
    if (rawBodyText === null) {
      const rawText = decodeUtf8(scanned);
      rawBodyText = rawText.slice(parseHeaderBlock(rawText).bodyStart);
    }
    return rawBodyText;
  };

  let email: Email | null;
  try {
    email = await PostalMime.parse(bytes, {
      forceRfc822Attachments: true,
      maxRfc822NestingDepth: 0,
      maxNestingDepth: 32,
      maxHeadersSize: 256 * 1024,
      attachmentEncoding: "arraybuffer",
    });
  } catch {
    email = null;
  }

  const dsnTexts: string[] = [];
  const mdnTexts: string[] = [];
  const originals: string[] = [];
  let feedbackPart = false;
  let text: string;
  if (email !== null) {
    text = email.text ?? "";
    if (text.trim() === "" && email.html !== undefined) text = htmlToText(email.html);
    for (const a of email.attachments.slice(0, 50)) {
      const type = a.mimeType.toLowerCase();
      const content = attachmentText(a.content, type.startsWith("message/rfc822") || type === "message/global" ? MAX_ORIGINAL_CHARS : 256 * 1024);
      if (type === "message/delivery-status" || type === "message/global-delivery-status") dsnTexts.push(content);
      else if (type === "message/disposition-notification" || type === "message/global-disposition-notification") mdnTexts.push(content);
      else if (type === "message/feedback-report") feedbackPart = true;
      else if (
        type === "message/rfc822" ||
        type === "message/global" ||
        type === "text/rfc822-headers" ||
        type === "message/global-headers" ||
        type === "message/rfc822-headers"
      ) {
        if (originals.length < 3) originals.push(content);
      }
    }
  } else {
    text = rawBody();
  }
  return {
    fields,
    contentType: parseContentType(getHeader(fields, "content-type")),
    subject: bounded(decodeHeaderValue(getHeader(fields, "subject") ?? ""), 300),
    from: decodeHeaderValue(getHeader(fields, "from") ?? "").slice(0, 500),
    text: text.slice(0, 256 * 1024),
    dsnTexts,
    mdnTexts,
    feedbackPart,
    originals,
    rawBody,
  };
}

/** Where the header block ends: just after its first empty line, or the whole input when there is none. */
function headerBlockEnd(bytes: Uint8Array): number {
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) {
    const next = bytes[i + 1];
    if (next === 0x0a) return i + 2;
    if (next === 0x0d && bytes[i + 2] === 0x0a) return i + 3;
  }
  return bytes.length;
}

/** Notices have a handful of MIME parts; a message with thousands is cut after the first ones. */
const MAX_BOUNDARY_LINES = 256;
/**
 * Nor do they need more lines than this: a megabyte of base64 is 14,000 lines, while runs of
 * empty or very short lines only make the MIME parser work line by line.
 */
const MAX_LINES = 20_000;

function limitParts(bytes: Uint8Array): Uint8Array {
  let count = 0;
  let lines = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0x0a, i + 1)) {
    lines++;
    if (lines > MAX_LINES) return bytes.subarray(0, i + 1);
    if (bytes[i + 1] === 0x2d && bytes[i + 2] === 0x2d) {
      count++;
      if (count > MAX_BOUNDARY_LINES) return bytes.subarray(0, i + 1);
    }
  }
  return bytes;
}

function attachmentText(content: ArrayBuffer | Uint8Array | string, max: number): string {
  if (typeof content === "string") return content.slice(0, max);
  const bytes = content instanceof Uint8Array ? content : new Uint8Array(content);
  return decodeUtf8(bytes.subarray(0, max));
}

function classifyParsed(p: Parsed): Notice {
  const reportType = (p.contentType.params.get("report-type") ?? "").toLowerCase();
  const isReport = p.contentType.type === "multipart/report";
  const { notice: noticeText, rest } = notificationText(p.text);
  const fromSystem = fromMailSystem(p.from, getHeader(p.fields, "return-path"));

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

  // Challenge-response systems ask the sender to confirm; nothing bounced. (A mail system's
  // own notice is never one, whatever links it gives.)
  const fromAddress = cleanAddress(p.from);
  if (!(fromAddress !== null && isMailSystemAddress(fromAddress)) && isChallenge(noticeText)) return none("challenge", p);

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
  let dsnAction: DeliveryAction | null = null;
  if (dsnTexts.length > 0) {
    const dsn = fromDsn(p, dsnTexts, noticeText, rest);
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
  if (autoReply && !(fromSystem && (verdict.failure || subjectNotice))) return none("auto-reply", p);

  const failedHeader = getHeaders(p.fields, "x-failed-recipients").join(",");
  // The patient platform's closed-mailbox sentence is a notice whoever sent it.
  const platformClosed = matchPhrases(noticeText).platformClosed;
  const looksNotice =
    platformClosed ||
    ((verdict.failure || verdict.delay) && (fromSystem || subjectNotice || failedHeader !== "" || isReport)) ||
    (subjectNotice && fromSystem) ||
    dsnAction !== null;
  if (!looksNotice) return none("ordinary", p);

  const kind: NoticeKind = dsnAction === "delayed" || (dsnAction === null && verdict.delay) ? "delay" : "bounce";
  const action: DeliveryAction = kind === "delay" ? "delayed" : "failed";
  const found = collectTextRecipients(p, noticeText, failedHeader);
  const recipients = found.map((r) => textRecipient(r, action, noticeText, found.length));
  return notice(kind, "text", recipients, p, originalOf(p, rest, noticeText, null), reporterFromSender(p.from));
}

function none(what: NotANotice, p: Parsed | null): Notice {
  return {
    kind: "none",
    notNotice: what,
    format: null,
    recipients: [],
    original: null,
    subject: p === null || p.subject === "" ? null : p.subject,
    date: p === null ? null : normalizeDate(getHeader(p.fields, "date")),
    reporter: null,
  };
}

function notice(
  kind: NoticeKind,
  format: NoticeFormat,
  recipients: NoticeRecipient[],
  p: Parsed,
  original: OriginalMessage | null,
  reporter: string | null,
): Notice {
  return {
    kind,
    notNotice: null,
    format,
    recipients: recipients.slice(0, MAX_RECIPIENTS),
    original,
    subject: p.subject === "" ? null : p.subject,
    date: normalizeDate(getHeader(p.fields, "date")),
    reporter,
  };
}

function isForwardSubject(subject: string): boolean {
  return /^\s*(?:fwd?|tr|wg|rv|fw|enc|doorst)\s*:/i.test(subject);
}

function isComplaint(p: Parsed, reportType: string, isReport: boolean): boolean {
  if (isReport && reportType.includes("feedback-report")) return true;
  if (p.feedbackPart) return true;
  const s = fold(p.subject);
  if (/^(?:complaint about message|abuse report|email feedback report|spam (?:complaint|report)|fbl report|[a-z]+ abuse report)/.test(s)) {
    return !readVerdict(notificationText(p.text).notice, "").failure;
  }
  return false;
}

function patientFields(address: string): { ins: string | null; insValid: boolean | null } {
  const info = patientInfo(address);
  return info === null ? { ins: null, insValid: null } : { ins: info.ins, insValid: info.insValid };
}

function recipient(
  address: string,
  values: {
    action: DeliveryAction | null;
    status: string | null;
    diagnostic: string | null;
    reason: Reason | null;
    disposition?: Disposition | null;
    date?: string | null;
  },
): NoticeRecipient {
  const shown = displayAddress(address);
  return {
    address: shown,
    action: values.action,
    status: values.status,
    diagnostic: values.diagnostic,
    reason: values.reason,
    ...patientFields(shown),
    disposition: values.disposition ?? null,
    date: values.date ?? null,
  };
}

// ---------------------------------------------------------------- DSN

function normalizeAction(value: string | undefined, status: string | null): DeliveryAction | null {
  const v = (value ?? "").trim().toLowerCase();
  if (v.startsWith("fail") || v.startsWith("error") || v.startsWith("undeliver") || v.startsWith("bounce")) return "failed";
  if (v.startsWith("delay") || v.startsWith("defer")) return "delayed";
  if (v.startsWith("deliver")) return "delivered";
  if (v.startsWith("relay")) return "relayed";
  if (v.startsWith("expand")) return "expanded";
  if (status?.startsWith("5.") === true) return "failed";
  if (status?.startsWith("4.") === true) return "delayed";
  if (status?.startsWith("2.") === true) return "delivered";
  return null;
}

/** `smtp; 550 5.1.1 …` → `550 5.1.1 …` */
function diagnosticText(value: string | undefined): string | null {
  if (value === undefined) return null;
  let v = value.trim();
  const semi = v.indexOf(";");
  if (semi >= 0 && semi < 20 && /^[A-Za-z0-9-]+$/.test(v.slice(0, semi).trim())) v = v.slice(semi + 1);
  v = bounded(v, MAX_DIAGNOSTIC_CHARS);
  return v === "" ? null : v;
}

function recipientAddress(rec: FieldMap): string | null {
  for (const name of ["original-recipient", "final-recipient", "x-actual-recipient"]) {
    const v = rec.get(name);
    if (v === undefined) continue;
    const a = cleanAddress(v);
    if (a !== null) return a;
  }
  return null;
}

function fromDsn(
  p: Parsed,
  dsnTexts: readonly string[],
  noticeText: string,
  rest: string,
): { notice: Notice | null; action: DeliveryAction | null } {
  const records: FieldMap[] = [];
  let reporter: string | null = null;
  for (const t of dsnTexts) {
    const fields = parseReportFields(t);
    reporter ??= fields.perMessage.get("reporting-mta") ?? null;
    records.push(...fields.recipients.slice(0, MAX_RECIPIENTS * 2 - records.length));
    if (records.length >= MAX_RECIPIENTS * 2) break;
  }
  const snippets = new Map<string, string>();
  for (const r of textRecipients(noticeText, { exclude: new Set(), fromDomain: null })) {
    snippets.set(r.address.toLowerCase(), r.snippet);
  }
  const byAddress = new Map<string, NoticeRecipient>();
  let firstAction: DeliveryAction | null = null;
  const withAddress = records.filter((r) => recipientAddress(r) !== null);
  for (const rec of records) {
    const statusField = rec.get("status") ?? "";
    const diagnostic = diagnosticText(rec.get("diagnostic-code"));
    const status = findStatus(statusField, true) ?? (diagnostic === null ? null : findStatus(diagnostic));
    const action = normalizeAction(rec.get("action"), status);
    firstAction ??= action;
    const address = recipientAddress(rec);
    if (address === null) continue;
    const key = address.toLowerCase();
    const finalAddress = cleanAddress(rec.get("final-recipient") ?? "");
    const snippet = snippets.get(key) ?? (finalAddress === null ? undefined : snippets.get(finalAddress.toLowerCase())) ?? "";
    const failedOrDelayed = action === "failed" || action === "delayed" || action === null;
    const reason = failedOrDelayed
      ? classifyReason({
          text: [diagnostic ?? "", snippet].join("\n"),
          fallbackText: withAddress.length === 1 ? noticeText : "",
          status,
          action: action ?? "failed",
        })
      : null;
    const diag = diagnostic ?? (snippet.length > address.length + 8 ? bounded(snippet, MAX_DIAGNOSTIC_CHARS) : null);
    const entry = recipient(address, {
      action: action ?? (failedOrDelayed ? "failed" : null),
      status,
      diagnostic: diag,
      reason,
      date: normalizeDate(rec.get("last-attempt-date")),
    });
    const existing = byAddress.get(key);
    // The same address twice (one entry per attempt or per MTA): keep the most final outcome.
    if (existing === undefined || rank(entry.action) > rank(existing.action)) byAddress.set(key, entry);
    if (byAddress.size >= MAX_RECIPIENTS) break;
  }
  const recipients = [...byAddress.values()];
  if (recipients.length === 0) return { notice: null, action: firstAction };
  const kind: NoticeKind = recipients.some((r) => r.action === "failed")
    ? "bounce"
    : recipients.some((r) => r.action === "delayed")
      ? "delay"
      : "receipt";
  return {
    notice: notice(kind, "dsn", recipients, p, originalOf(p, rest, noticeText, null), reporterName(reporter) ?? reporterFromSender(p.from)),
    action: firstAction,
  };
}

function rank(action: DeliveryAction | null): number {
  return action === "failed" ? 3 : action === "delayed" ? 2 : action === null ? 0 : 1;
}

function reporterName(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = diagnosticText(value);
  return v === null ? null : bounded(v, 200);
}

function reporterFromSender(from: string): string | null {
  const a = cleanAddress(from);
  if (a === null) return null;
  return a.slice(a.lastIndexOf("@") + 1).toLowerCase();
}

// ---------------------------------------------------------------- MDN

const DISPOSITION_TYPES: readonly DispositionType[] = ["displayed", "deleted", "dispatched", "processed", "denied", "failed"];

function fromMdn(p: Parsed, mdnText: string, noticeText: string): Notice | null {
  const fields = parseReportFields(mdnText);
  const all = new Map<string, string>(fields.perMessage);
  for (const rec of fields.recipients) for (const [k, v] of rec) if (!all.has(k)) all.set(k, v);
  const parsedDisposition = parseDispositionField(all.get("disposition") ?? "");
  if (parsedDisposition === null) return null;
  const type = DISPOSITION_TYPES.find((t) => t === parsedDisposition.type) ?? "processed";
  const modifierError = /\berror\b|\bfail/i.test(parsedDisposition.modifiers);
  const errorField = all.get("error") ?? all.get("failure");
  const modifierText = /error\s*:?\s*(.+)$/is.exec(parsedDisposition.modifiers)?.[1];
  const errorText = errorField ?? modifierText ?? null;
  const disposition: Disposition = {
    type,
    mode: parsedDisposition.mode,
    error: modifierError || errorField !== undefined || type === "failed",
    errorText: errorText === null ? null : bounded(errorText, MAX_DIAGNOSTIC_CHARS),
  };
  const address =
    recipientAddress(all) ?? cleanAddress(p.from) ?? null;
  const date = normalizeDate(getHeader(p.fields, "date"));
  const originalId = cleanMessageId(all.get("original-message-id"));
  const original = originalOf(p, "", noticeText, originalId);
  const reporter = reporterName(all.get("reporting-ua")) ?? reporterFromSender(p.from);
  if (address === null) return notice("receipt", "mdn", [], p, original, reporter);

  // A message deleted by software on arrival (a Sieve "reject") is a failure, not a reading;
  // Outlook sends its "deleted without being read" receipts in the automatic mode too.
  if (type === "deleted" && parsedDisposition.mode === "automatic" && !DELETED_UNREAD.test(fold(noticeText))) {
    const human = bounded(noticeText, MAX_DIAGNOSTIC_CHARS);
    const status = findStatus(noticeText);
    return notice(
      "bounce",
      "mdn",
      [
        recipient(address, {
          action: "failed",
          status,
          diagnostic: human === "" ? disposition.errorText : human,
          reason: classifyReason({ text: noticeText, status, action: "failed" }),
          disposition,
          date,
        }),
      ],
      p,
      original,
      reporter,
    );
  }
  return notice(
    "receipt",
    "mdn",
    [recipient(address, { action: null, status: null, diagnostic: disposition.errorText, reason: null, disposition, date })],
    p,
    original,
    reporter,
  );
}

/** A receipt's words for a message deleted unread (folded). */
const DELETED_UNREAD = /deleted without being read|supprime sans (?:avoir ete|etre) lu|ohne gelesen zu werden|eliminado sin (?:ser )?leido/;

/** Plain-text read receipts ("Read: …", "Lu : …") without a disposition report. */
function textReceipt(p: Parsed, noticeText: string): Notice | null {
  const s = fold(p.subject);
  const notRead = /^(?:not read|non lu|nicht gelesen|no leido|non letto)\s*:/.test(s);
  if (!isReceiptSubject(p.subject)) return null;
  const t = fold(noticeText);
  const displayed = /was read on|has been read|a ete lu|has been displayed|was displayed|a ete affiche|wurde am .{0,40} gelesen|gelesen/.test(t);
  const deleted = DELETED_UNREAD.test(t);
  if (!displayed && !deleted && !notRead) return null;
  const toLine = /^[ \t]*(?:to|a|pour|an)[ \t]*:[ \t]*(.+)$/im.exec(noticeText)?.[1];
  const address = (toLine === undefined ? null : cleanAddress(toLine)) ?? cleanAddress(p.from);
  const disposition: Disposition = { type: deleted || notRead ? "deleted" : "displayed", mode: "manual", error: false, errorText: null };
  const date = normalizeDate(getHeader(p.fields, "date"));
  const subject = p.subject.replace(/^\s*[^:]{1,20}:\s*/, "");
  const original: OriginalMessage = {
    messageId: cleanMessageId(getHeader(p.fields, "in-reply-to") ?? lastReference(getHeader(p.fields, "references"))),
    subject: subject === "" ? null : subject,
    date: null,
  };
  const recipients =
    address === null ? [] : [recipient(address, { action: null, status: null, diagnostic: null, reason: null, disposition, date })];
  return notice("receipt", "text", recipients, p, original, reporterFromSender(p.from));
}

function lastReference(refs: string | undefined): string | undefined {
  if (refs === undefined) return undefined;
  const all = refs.match(/<[^<>\s]{1,250}>/g);
  return all === null ? undefined : all[all.length - 1];
}

// ---------------------------------------------------------------- plain-text notices

function addressesOf(value: string | undefined): string[] {
  if (value === undefined) return [];
  const out: string[] = [];
  for (const part of value.slice(0, 4000).split(",")) {
    const a = cleanAddress(part);
    if (a !== null) out.push(a.toLowerCase());
  }
  return out;
}

function collectTextRecipients(p: Parsed, noticeText: string, failedHeader: string): TextRecipient[] {
  const exclude = new Set<string>();
  // The notice goes back to the sender: its own addresses are not the failed recipients.
  for (const name of ["from", "to", "cc", "return-path", "sender", "reply-to"]) {
    for (const v of getHeaders(p.fields, name)) for (const a of addressesOf(v)) exclude.add(a);
  }
  const fromAddress = cleanAddress(p.from);
  const fromDomain = fromAddress === null ? null : fromAddress.slice(fromAddress.lastIndexOf("@") + 1);
  const found = textRecipients(noticeText, { exclude, fromDomain });
  const byKey = new Map<string, TextRecipient>();
  for (const a of addressesOf(failedHeader)) {
    const match = found.find((f) => f.address.toLowerCase() === a);
    byKey.set(a, match ?? { address: a, snippet: "" });
  }
  for (const f of found) if (!byKey.has(f.address.toLowerCase())) byKey.set(f.address.toLowerCase(), f);
  if (byKey.size === 0) {
    // "Undeliverable: user@example.com", "DELIVERY FAILURE: User x (user@example.com) …"
    const re = /[^\s<>()"',;:[\]]+@[^\s<>()"',;:[\]]+/g;
    for (const m of p.subject.matchAll(re)) {
      const a = cleanAddress(m[0]);
      if (a !== null && !exclude.has(a.toLowerCase()) && isAddress(a)) byKey.set(a.toLowerCase(), { address: a, snippet: "" });
    }
  }
  return [...byKey.values()].slice(0, MAX_RECIPIENTS);
}

function textRecipient(r: TextRecipient, action: DeliveryAction, noticeText: string, count: number): NoticeRecipient {
  const snippet = r.snippet;
  const status = findStatus(snippet) ?? (count === 1 ? findStatus(noticeText) : null);
  const diagnostic = snippet.length > r.address.length + 8 ? bounded(snippet, MAX_DIAGNOSTIC_CHARS) : null;
  return recipient(r.address, {
    action,
    status,
    diagnostic,
    reason: classifyReason({ text: snippet, fallbackText: noticeText, status, action }),
  });
}

// ---------------------------------------------------------------- original message

function cleanMessageId(value: string | undefined): string | null {
  if (value === undefined) return null;
  const m = /<\s*([^<>\s]{1,250})\s*>/.exec(value);
  const id = m?.[1] ?? value.trim().split(/\s+/)[0] ?? "";
  return id === "" ? null : `<${id}>`;
}

function originalHeaderFields(p: Parsed, rest: string): readonly HeaderField[] {
  const first = p.originals[0];
  if (first !== undefined) return parseHeaderBlock(first).fields;
  const start = /^(?:Return-Path|Received|Date|From|Message-I[Dd]|Subject|To|MIME-Version|DKIM-Signature)[ \t]*:/m.exec(rest.slice(0, 64 * 1024));
  if (start === null) return [];
  return parseHeaderBlock(rest, start.index).fields;
}

function originalOf(p: Parsed, rest: string, noticeText: string, messageId: string | null): OriginalMessage | null {
  const fields = originalHeaderFields(p, rest);
  const id = messageId ?? cleanMessageId(getHeader(fields, "message-id"));
  const subjectRaw = getHeader(fields, "subject");
  const subject = subjectRaw === undefined ? quotedSubject(noticeText) : bounded(decodeHeaderValue(subjectRaw), 300);
  const date = normalizeDate(getHeader(fields, "date"));
  if (id === null && (subject === null || subject === "") && date === null) return null;
  return { messageId: id, subject: subject === "" ? null : subject, date };
}
