/**
 * A read receipt a mail system sends back: the addressee's own receipt (RFC 8098) that
 * could not go out, attached or pasted under the mail system's notice. The notice is a bounce
 * of the address the receipt was sent to; the receipt is never read as one.
 */
import { cleanAddress } from "../addresses.js";
import { getHeader, getHeaders, parseContentType } from "../headers.js";
import type { Parsed } from "../parse.js";
import { MAX_RECIPIENTS, notificationText } from "../plaintext.js";
import { classifyReason } from "../reasons/decide.js";
import { findStatus } from "../reasons/match.js";
import { recipient } from "../result.js";
import type { HeaderField, Notice } from "../types.js";
import { originalHeaderFields } from "./quoted-original.js";

/** The fields' message is a read receipt (`multipart/report; report-type=disposition-notification`). */
export function isReceiptMessage(fields: readonly HeaderField[]): boolean {
  const type = parseContentType(getHeader(fields, "content-type"));
  if (type.type !== "multipart/report") return false;
  return (type.params.get("report-type") ?? "").toLowerCase().includes("disposition-notification");
}

/** The addresses of a header field (a list), in lower case. */
function addressesIn(fields: readonly HeaderField[], names: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    for (const value of getHeaders(fields, name)) {
      for (const part of value.slice(0, 4000).split(",")) {
        const a = cleanAddress(part);
        if (a !== null) out.push(a.toLowerCase());
      }
    }
  }
  return out;
}

/** The returned message was written by the notice's addressee (its From is the notice's To, Cc or Delivered-To). */
export function isOwnMessage(p: Parsed, innerFields: readonly HeaderField[]): boolean {
  const author = cleanAddress(getHeader(innerFields, "from") ?? "")?.toLowerCase();
  if (author === undefined) return false;
  return addressesIn(p.fields, ["to", "cc", "delivered-to", "x-original-to"]).includes(author);
}

/**
 * A bounce or delay that names no address, about the addressee's own read receipt: the
 * receipt's addressees (its To) are the ones that failed. Any other notice is given back as
 * it is.
 */
export function withReceiptAddressees(p: Parsed, result: Notice): Notice {
  if ((result.kind !== "bounce" && result.kind !== "delay") || result.recipients.length > 0) return result;
  const { notice: noticeText, rest } = notificationText(p.text);
  const fields = originalHeaderFields(p, rest);
  if (!isReceiptMessage(fields) || !isOwnMessage(p, fields)) return result;
  const own = new Set(addressesIn(p.fields, ["from", "to", "cc", "return-path", "sender", "reply-to"]));
  const addressees = [...new Set(addressesIn(fields, ["to"]))].filter((a) => !own.has(a)).slice(0, MAX_RECIPIENTS);
  if (addressees.length === 0) return result;
  const action = result.kind === "delay" ? "delayed" : "failed";
  const status = findStatus(noticeText);
  const reason = classifyReason({ text: noticeText, status, action });
  const recipients = addressees.map((a) => recipient(a, { action, status, diagnostic: null, reason }));
  return { ...result, recipients };
}
