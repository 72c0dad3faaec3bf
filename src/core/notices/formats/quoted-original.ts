/** The message a notice is about: attached (message/rfc822, text/rfc822-headers) or quoted after the notice. */
import { decodeHeaderValue, getHeader, normalizeDate, parseHeaderBlock, bounded } from "../headers.js";
import type { Parsed } from "../parse.js";
import { quotedSubject } from "../plaintext.js";
import { cleanMessageId } from "../result.js";
import type { HeaderField, OriginalMessage } from "../types.js";

/** The first line of a quoted header block. */
const QUOTED_HEADER_START = new RegExp(
  [
    "^(?:Return-Path|Received|Date|From|Message-I[Dd]|Subject|To|MIME-Version|",
    "DKIM-Signature)[ \\t]*:",
  ].join(""), "m",
);

/** The header fields of the message a notice returns: attached, or quoted after the notice. */
export function originalHeaderFields(p: Parsed, rest: string): readonly HeaderField[] {
  const first = p.originals[0];
  if (first !== undefined) return parseHeaderBlock(first).fields;
  const start = QUOTED_HEADER_START.exec(rest.slice(0, 64 * 1024));
  if (start === null) return [];
  return parseHeaderBlock(rest, start.index).fields;
}

export function originalOf(
  p: Parsed,
  rest: string,
  noticeText: string,
  messageId: string | null,
): OriginalMessage | null {
  const fields = originalHeaderFields(p, rest);
  const id = messageId ?? cleanMessageId(getHeader(fields, "message-id"));
  const subjectRaw = getHeader(fields, "subject");
  const subject = subjectRaw === undefined ? quotedSubject(noticeText) : bounded(decodeHeaderValue(subjectRaw), 300);
  const date = normalizeDate(getHeader(fields, "date"));
  if (id === null && (subject === null || subject === "") && date === null) return null;
  return { messageId: id, subject: subject === "" ? null : subject, date };
}
