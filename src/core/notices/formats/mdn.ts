/** Read receipts: RFC 8098 disposition notifications, and plain-text receipts ("Lu :", "Read:"). */
import { cleanAddress } from "../addresses.js";
import { bounded, getHeader, normalizeDate } from "../headers.js";
import { fold } from "../fold.js";
import type { Parsed } from "../parse.js";
import { classifyReason } from "../reasons/decide.js";
import { findStatus } from "../reasons/match.js";
import { parseDispositionField, parseReportFields } from "../report.js";
import {
  cleanMessageId,
  MAX_DIAGNOSTIC_CHARS,
  notice,
  recipient,
  recipientAddress,
  reporterFromSender,
  reporterName,
} from "../result.js";
import { isReceiptSubject } from "../senders-subjects.js";
import type { Disposition, DispositionType, Notice, OriginalMessage } from "../types.js";
import { originalOf } from "./quoted-original.js";

const DISPOSITION_TYPES: readonly DispositionType[] = [
  "displayed",
  "deleted",
  "dispatched",
  "processed",
  "denied",
  "failed",
];

export function fromMdn(p: Parsed, mdnText: string, noticeText: string): Notice | null {
  const fields = parseReportFields(mdnText);
  const all = new Map<string, string>(fields.perMessage);
  for (const rec of fields.recipients) for (const [k, v] of rec) if (!all.has(k)) all.set(k, v);
  const parsedDisposition = parseDispositionField(all.get("disposition") ?? "");
  if (parsedDisposition === null) return unknownDisposition(p, all, noticeText);
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
    [
      recipient(address, {
        action: null,
        status: null,
        diagnostic: disposition.errorText,
        reason: null,
        disposition,
        date,
      }),
    ],
    p,
    original,
    reporter,
  );
}

/**
 * A disposition report without a usable `Disposition:` field is still a receipt, never a
 * bounce: what the reader did is unknown (no disposition).
 */
function unknownDisposition(p: Parsed, all: ReadonlyMap<string, string>, noticeText: string): Notice {
  const address = recipientAddress(all) ?? cleanAddress(p.from) ?? null;
  const original = originalOf(p, "", noticeText, cleanMessageId(all.get("original-message-id")));
  const reporter = reporterName(all.get("reporting-ua")) ?? reporterFromSender(p.from);
  const date = normalizeDate(getHeader(p.fields, "date"));
  const recipients =
    address === null
      ? []
      : [recipient(address, { action: null, status: null, diagnostic: null, reason: null, disposition: null, date })];
  return notice("receipt", "mdn", recipients, p, original, reporter);
}

/** A receipt's words for a message deleted unread (folded). */
const DELETED_UNREAD = new RegExp(
  [
    "deleted without being read|supprime sans (?:avoir ete|etre) lu|ohne gelesen zu werden|",
    "eliminado sin (?:ser )?leido",
  ].join(""),
);

/** The text (folded) of a receipt says the message was read. */
const DISPLAYED = new RegExp(
  [
    "was read on|has been read|a ete lu|has been displayed|was displayed|a ete affiche|wurde ",
    "am .{0,40} gelesen|gelesen",
  ].join(""),
);

/** Plain-text read receipts ("Read: …", "Lu : …") without a disposition report. */
export function textReceipt(p: Parsed, noticeText: string): Notice | null {
  const s = fold(p.subject);
  const notRead = /^(?:not read|non lu|nicht gelesen|no leido|non letto)\s*:/.test(s);
  if (!isReceiptSubject(p.subject)) return null;
  const t = fold(noticeText);
  const displayed = DISPLAYED.test(t);
  const deleted = DELETED_UNREAD.test(t);
  if (!displayed && !deleted && !notRead) return null;
  const toLine = /^[ \t]*(?:to|a|pour|an)[ \t]*:[ \t]*(.+)$/im.exec(noticeText)?.[1];
  const address = (toLine === undefined ? null : cleanAddress(toLine)) ?? cleanAddress(p.from);
  const disposition: Disposition = {
    type: deleted || notRead ? "deleted" : "displayed",
    mode: "manual",
    error: false,
    errorText: null,
  };
  const date = normalizeDate(getHeader(p.fields, "date"));
  const subject = p.subject.replace(/^\s*[^:]{1,20}:\s*/, "");
  const original: OriginalMessage = {
    messageId: cleanMessageId(getHeader(p.fields, "in-reply-to") ?? lastReference(getHeader(p.fields, "references"))),
    subject: subject === "" ? null : subject,
    date: null,
  };
  const recipients =
    address === null
      ? []
      : [recipient(address, { action: null, status: null, diagnostic: null, reason: null, disposition, date })];
  return notice("receipt", "text", recipients, p, original, reporterFromSender(p.from));
}

function lastReference(refs: string | undefined): string | undefined {
  if (refs === undefined) return undefined;
  const all = refs.match(/<[^<>\s]{1,250}>/g);
  return all === null ? undefined : all[all.length - 1];
}

