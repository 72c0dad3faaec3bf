/**
 * Reading a message for the classifier: the header block, the human-readable text (HTML made
 * text), the report parts and the returned message, each bounded.
 */
import PostalMime from "postal-mime";
import type { Email } from "postal-mime";
import { LIBRARY_OPTIONS, outlineMessage, type MimeView } from "./mime-outline.js";
import {
  decodeHeaderValue,
  decodeUtf8,
  getHeader,
  headerStart,
  MAX_PREAMBLE_BYTES,
  parseContentType,
  parseHeaderBlock,
  bounded,
  toBytes,
} from "./headers.js";
import { htmlToText } from "./html-text.js";
import type { HeaderField } from "./types.js";

/** Only this much of a message is read: report parts come before the returned message. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/**
 * The most of a message's bytes `classifyMessage` ever looks at (what a store puts before the
 * headers, then `MAX_MESSAGE_BYTES`): a caller reads no more than this from the mail store.
 */
export const CLASSIFIER_INPUT_BYTES = MAX_PREAMBLE_BYTES + MAX_MESSAGE_BYTES;
const MAX_ORIGINAL_CHARS = 64 * 1024;
const MAX_RAW_SCAN_CHARS = 512 * 1024;

export interface Parsed {
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
  /** Parts other than the text were found (attachments, reports, returned messages). */
  readonly partsFound: boolean;
  /**
   * A multipart message in which no part at all could be read (broken MIME: a boundary on an
   * unfolded line, boundary lines missing): its body read as one text part, decoded from the
   * transfer encoding and charset its first part names; null otherwise.
   */
  readonly sourceText: string | null;
  /**
   * The raw body after the top-level headers (decoded, bounded): for malformed reports.
   * Decoded when first asked for.
   */
  readonly rawBody: () => string;
}

export interface ParseOptions {
  /**
   * Read the common shapes by their boundaries (mime-outline.ts) and leave only the rest to
   * the library (default); false: the library reads every message (to compare the two).
   */
  readonly outline?: boolean;
}

export async function parse(raw: Uint8Array | ArrayBuffer | string, options: ParseOptions = {}): Promise<Parsed> {
  const all = crLineEnds(toBytes(raw));
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

  let email: MimeView | null;
  try {
    const outlined = options.outline === false ? null : await outlineMessage(bytes);
    email = outlined ?? libraryView(await PostalMime.parse(bytes, LIBRARY_OPTIONS));
  } catch {
    email = null;
  }

  const dsnTexts: string[] = [];
  const mdnTexts: string[] = [];
  const originals: string[] = [];
  let feedbackPart = false;
  let partsFound = false;
  let text: string;
  if (email !== null) {
    text = email.text;
    partsFound = email.attachments.length > 0;
    if (text.trim() === "" && email.html !== undefined) text = htmlToText(email.html);
    for (const a of email.attachments.slice(0, 50)) {
      const type = a.mimeType.toLowerCase();
      const whole = type.startsWith("message/rfc822") || type === "message/global";
      const max = whole ? MAX_ORIGINAL_CHARS : 256 * 1024;
      if (type === "message/delivery-status" || type === "message/global-delivery-status") {
        dsnTexts.push(attachmentText(await a.content(max), max));
      } else if (type === "message/disposition-notification" || type === "message/global-disposition-notification") {
        mdnTexts.push(attachmentText(await a.content(max), max));
      }
      else if (type === "message/feedback-report") feedbackPart = true;
      else if (
        type === "message/rfc822" ||
        type === "message/global" ||
        type === "text/rfc822-headers" ||
        type === "message/global-headers" ||
        type === "message/rfc822-headers"
      ) {
        if (originals.length < 3) originals.push(attachmentText(await a.content(max), max));
      }
    }
  } else {
    text = rawBody();
  }
  const contentType = parseContentType(getHeader(fields, "content-type"));
  const broken = email !== null && text.trim() === "" && !partsFound && contentType.type.startsWith("multipart/");
  return {
    fields,
    contentType,
    subject: bounded(decodeHeaderValue(getHeader(fields, "subject") ?? ""), 300),
    from: decodeHeaderValue(getHeader(fields, "from") ?? "").slice(0, 500),
    text: text.slice(0, 256 * 1024),
    dsnTexts,
    mdnTexts,
    feedbackPart,
    originals,
    partsFound,
    sourceText: broken ? await bodyAsOnePart(scanned) : null,
    rawBody,
  };
}

/** The library's answer, in the terms parse() reads. */
function libraryView(email: Email): MimeView {
  return {
    text: email.text ?? "",
    html: email.html,
    attachments: email.attachments.map((a) => ({
      mimeType: a.mimeType,
      content: () => {
        const content = a.content;
        const bytes = typeof content === "string" ? new TextEncoder().encode(content) : new Uint8Array(content);
        return Promise.resolve(bytes);
      },
    })),
  };
}

/** How far an input is looked at to tell CR-only line ends (old Mac files, some exports). */
const LINE_END_SNIFF_BYTES = 8192;

/**
 * A message written with CR alone at line ends (no LF in its first block, but CRs) is turned
 * into CRLF, so that it is read like its CRLF copy. Linear; any other input is returned as is.
 */
function crLineEnds(bytes: Uint8Array): Uint8Array {
  const head = bytes.subarray(0, LINE_END_SNIFF_BYTES);
  if (head.includes(0x0a) || !head.includes(0x0d)) return bytes;
  const input = bytes.subarray(0, CLASSIFIER_INPUT_BYTES);
  let crs = 0;
  for (const b of input) if (b === 0x0d) crs++;
  const out = new Uint8Array(input.length + crs);
  let j = 0;
  for (let i = 0; i < input.length; i++) {
    const b = input[i] ?? 0;
    out[j++] = b;
    if (b === 0x0d && input[i + 1] !== 0x0a) out[j++] = 0x0a;
  }
  return out.subarray(0, j);
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

function attachmentText(content: Uint8Array, max: number): string {
  return decodeUtf8(content.subarray(0, max));
}

/** The first transfer encoding and charset a part of a broken body names (any case). */
const PART_ENCODING = /^content-transfer-encoding[ \t]*:[ \t]*(quoted-printable|base64|8bit|7bit|binary)/im;
const PART_CHARSET = /^content-type[ \t]*:[^\n]{0,200}?charset[ \t]*=[ \t]*"?([a-z0-9._-]{1,40})/im;

/**
 * The body of a message whose parts cannot be told apart, read as one text part by the MIME
 * library, with the transfer encoding and charset its first part names (a quoted-printable
 * notice keeps its words: « cl=C3=B4tur=C3=A9e »). Base64 is left as it is: decoding every
 * line of a broken message would turn attachments into text.
 */
async function bodyAsOnePart(scanned: Uint8Array): Promise<string> {
  const body = scanned.subarray(headerBlockEnd(scanned));
  const head = decodeUtf8(body.subarray(0, Math.min(body.length, 16 * 1024)));
  const named = (PART_ENCODING.exec(head)?.[1] ?? "").toLowerCase();
  const encoding = named === "quoted-printable" ? "quoted-printable" : "8bit";
  const charset = PART_CHARSET.exec(head)?.[1] ?? "utf-8";
  const header = new TextEncoder().encode(
    `Content-Type: text/plain; charset=${charset}\r\nContent-Transfer-Encoding: ${encoding}\r\n\r\n`,
  );
  const whole = new Uint8Array(header.length + body.length);
  whole.set(header, 0);
  whole.set(body, header.length);
  try {
    return (await PostalMime.parse(whole, LIBRARY_OPTIONS)).text ?? "";
  } catch {
    return decodeUtf8(body);
  }
}
