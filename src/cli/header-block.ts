/**
 * Where a message's header block ends, found in its first bytes: the header pre-filter
 * needs only that block, so that ordinary mail is judged without reading its body.
 */

/** The most read of a header block; a longer one is not waited for (the message counts as a candidate). */
export const MAX_HEADER_BYTES = 256 * 1024;

const LF = 0x0a;
const CR = 0x0d;

/** The offset of the first byte that is not part of a leading blank line. */
function firstLineStart(bytes: Uint8Array): number {
  let pos = 0;
  for (;;) {
    let end = pos;
    while (end < bytes.length && (bytes[end] === CR || bytes[end] === 0x20 || bytes[end] === 0x09)) end++;
    if (end < bytes.length && bytes[end] === LF) pos = end + 1;
    else return pos;
  }
}

/**
 * The length of the header block, blank line included, or -1 when the bytes hold no end of
 * it yet. Leading blank lines are part of it (some stores write them). LF and CRLF both end a line.
 */
export function headerBlockEnd(bytes: Uint8Array): number {
  const start = firstLineStart(bytes);
  for (let i = bytes.indexOf(LF, start); i !== -1; i = bytes.indexOf(LF, i + 1)) {
    if (i + 1 < bytes.length && bytes[i + 1] === LF) return i + 2;
    if (i + 2 < bytes.length && bytes[i + 1] === CR && bytes[i + 2] === LF) return i + 3;
  }
  return -1;
}

/** The header block as text for `looksLikeNotice` (UTF-8: headers may carry 8-bit text). */
export function headerText(bytes: Uint8Array, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, end).toString("utf8");
}
