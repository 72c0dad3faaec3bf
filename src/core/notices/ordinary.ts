/**
 * The answer for a message whose header block the pre-filter (`looksLikeNotice`) turned
 * down: not a notice — ordinary mail — with its subject and date as `classifyMessage` gives
 * them, built from the header block alone, without parsing the message. For readers of many
 * messages (the command line) that must not read or decode the body of ordinary mail.
 */
import {
  bounded,
  decodeHeaderValue,
  decodeUtf8,
  getHeader,
  headerStart,
  normalizeDate,
  parseHeaderBlock,
} from "./headers.js";
import type { Notice } from "./types.js";

export function ordinaryNotice(header: Uint8Array): Notice {
  const text = decodeUtf8(header.subarray(headerStart(header)));
  const { fields } = parseHeaderBlock(text);
  const subject = bounded(decodeHeaderValue(getHeader(fields, "subject") ?? ""), 300);
  return {
    kind: "none",
    notNotice: "ordinary",
    format: null,
    recipients: [],
    original: null,
    subject: subject === "" ? null : subject,
    date: normalizeDate(getHeader(fields, "date")),
    reporter: null,
  };
}
