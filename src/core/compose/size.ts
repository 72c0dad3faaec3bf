/**
 * The size of a message as it leaves Thunderbird, which is what the 25 Mo limit of
 * Mon espace santé applies to (above it the message bounces).
 *
 * Definition used, the conservative one: **25 Mo = 25 × 1 000 000 bytes of the encoded
 * message** (headers, body and attachments after base64), not 25 × 1 048 576 bytes and not
 * the sum of the files' sizes. Mail servers measure the message they receive, which is the
 * encoded one, and the text does not say which megabyte it means: the smaller one can only
 * make us block a message the server would have taken, never let through one it refuses.
 * Thunderbird shows file sizes before encoding, in megabytes of 1 048 576 bytes: a file it
 * shows as "18 Mo" already weighs about 25.8 × 10⁶ bytes once sent.
 */

import { msg, type Message } from "../i18n/text.js";

/** 25 Mo, as 25 × 1 000 000 encoded bytes (see above). */
export const PATIENT_MAX_MESSAGE_BYTES = 25_000_000;

/** Top-level headers not counted elsewhere: Message-ID, Date, MIME, relay and signature headers. */
export const HEADER_ALLOWANCE_BYTES = 8_000;

/** Boundary and part headers of each MIME part, before the file name. */
export const PART_ALLOWANCE_BYTES = 256;

export interface SizedAttachment {
  readonly name: string;
  /** Size of the file in bytes, before encoding. */
  readonly size: number;
}

export interface SizeInput {
  /** Size of the body in bytes, in UTF-8. */
  readonly bodyBytes: number;
  readonly attachments: readonly SizedAttachment[];
  /** Bytes of the headers the caller knows (recipients, subject, custom headers). */
  readonly headerBytes?: number;
}

/** Bytes of `bytes` once base64-encoded in lines of 76 characters, each ended by CRLF. */
export function base64EncodedBytes(bytes: number): number {
  const n = cleanSize(bytes);
  if (n === 0) return 0;
  const chars = Math.ceil(n / 3) * 4;
  return chars + Math.ceil(chars / 76) * 2;
}

/**
 * The estimated size of the message as sent. The body is counted as if base64-encoded,
 * the worst transfer encoding Thunderbird uses for text (an image pasted in the body is
 * already base64 in the body and stays about the same size in its own part). Each file
 * counts base64-encoded, plus its part headers, where its name may appear twice,
 * percent-encoded (up to 3 bytes per byte).
 */
export function estimateMessageBytes(input: SizeInput): number {
  let total = HEADER_ALLOWANCE_BYTES + cleanSize(input.headerBytes ?? 0);
  total += PART_ALLOWANCE_BYTES + base64EncodedBytes(input.bodyBytes);
  for (const a of input.attachments) {
    total += PART_ALLOWANCE_BYTES + 6 * utf8ByteLength(a.name) + base64EncodedBytes(a.size);
  }
  return total;
}

/** Bytes of a string in UTF-8 (a lone surrogate counts as the 3 bytes of U+FFFD). */
export function utf8ByteLength(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * "25,4 Mo" / "25.4 MB", with 1 Mo = 1 000 000 bytes, rounded up to the tenth (the number
 * is written by \`Intl\` in the language the text is rendered in).
 */
export function megabytesText(bytes: number): Message {
  return msg("sizeMegabytes", Math.ceil(cleanSize(bytes) / 100_000) / 10);
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** A size as a whole number of bytes; anything that is not a positive number counts as 0. */
function cleanSize(n: number): number {
  return n > 0 ? Math.ceil(n) : 0;
}
