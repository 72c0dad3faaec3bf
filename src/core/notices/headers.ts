import { decodeWords } from "postal-mime";
import type { HeaderField } from "./types.js";

/** Header blocks longer than this are not read further (hostile or broken input). */
export const MAX_HEADER_CHARS = 128 * 1024;
/** At most this many header fields are kept from one block. */
export const MAX_HEADER_FIELDS = 1000;

const utf8 = new TextDecoder("utf-8", { fatal: false });

/** Decodes bytes as UTF-8, replacing invalid sequences; never throws. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return "";
  }
}

/** Returns the bytes of the message as given, whatever its form. */
export function toBytes(raw: Uint8Array | ArrayBuffer | string): Uint8Array {
  if (typeof raw === "string") return new TextEncoder().encode(raw);
  if (raw instanceof Uint8Array) return raw;
  return new Uint8Array(raw);
}

/** What a store may put before the first header is looked for in this many bytes at most. */
export const MAX_PREAMBLE_BYTES = 64 * 1024;

/**
 * Skips what some stores put before the first header: blank or space-only lines and an mbox
 * `From ` separator line. Returns the offset of the first header byte.
 */
export function headerStart(bytes: Uint8Array): number {
  let pos = 0;
  const limit = Math.min(bytes.length, MAX_PREAMBLE_BYTES);
  for (;;) {
    let end = pos;
    let blank = true;
    while (end < limit && bytes[end] !== 0x0a) {
      const c = bytes[end] ?? 0;
      if (c !== 0x20 && c !== 0x09 && c !== 0x0d) blank = false;
      end++;
    }
    if (end >= limit) return pos;
    const isMboxFrom =
      !blank &&
      bytes[pos] === 0x46 && // F
      bytes[pos + 1] === 0x72 && // r
      bytes[pos + 2] === 0x6f && // o
      bytes[pos + 3] === 0x6d && // m
      bytes[pos + 4] === 0x20; // space
    if (!blank && !isMboxFrom) return pos;
    pos = end + 1;
    // Only the first line that is not blank may be an mbox separator.
    if (isMboxFrom) return skipBlank(bytes, pos, limit);
  }
}

function skipBlank(bytes: Uint8Array, from: number, limit: number): number {
  let pos = from;
  for (;;) {
    let end = pos;
    let blank = true;
    while (end < limit && bytes[end] !== 0x0a) {
      const c = bytes[end] ?? 0;
      if (c !== 0x20 && c !== 0x09 && c !== 0x0d) blank = false;
      end++;
    }
    if (!blank || end >= limit) return pos;
    pos = end + 1;
  }
}

/**
 * Reads a header block: unfolds continuation lines and stops at the first empty line, or at
 * the first line that is neither a field nor a continuation (malformed parts that have no
 * blank line before their body). Returns the fields and where the body starts.
 */
export function parseHeaderBlock(text: string, from = 0): { fields: HeaderField[]; bodyStart: number } {
  const fields: { name: string; value: string }[] = [];
  let pos = from;
  const end = Math.min(text.length, from + MAX_HEADER_CHARS);
  while (pos < end) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0 || nl > end) nl = end;
    let line = text.slice(pos, nl);
    if (line.endsWith("\r")) line = line.slice(0, -1);
    const next = nl + 1;
    if (line.trim() === "") return { fields, bodyStart: Math.min(next, text.length) };
    const first = line.charCodeAt(0);
    if (first === 0x20 || first === 0x09) {
      const last = fields[fields.length - 1];
      if (last === undefined) return { fields, bodyStart: pos };
      if (last.value.length < 16 * 1024) last.value += " " + line.trim();
      pos = next;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0 || colon > 76 || !/^[!-9;-~]+$/.test(line.slice(0, colon).trimEnd())) {
      return { fields, bodyStart: pos };
    }
    if (fields.length < MAX_HEADER_FIELDS) {
      fields.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
    }
    pos = next;
  }
  return { fields, bodyStart: Math.min(pos, text.length) };
}

/** Parses a header block given as text (as `looksLikeNotice` accepts it). */
export function parseHeaderText(text: string): HeaderField[] {
  let start = 0;
  let seenMbox = false;
  // Same leniency as for bytes: leading blank lines and an mbox separator.
  for (;;) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) break;
    const line = text.slice(start, nl);
    if (line.trim() === "" || (!seenMbox && line.startsWith("From "))) {
      if (line.trim() !== "") seenMbox = true;
      start = nl + 1;
      if (start > 64 * 1024) break;
      continue;
    }
    break;
  }
  return parseHeaderBlock(text, start).fields;
}

/** The first value of a header, or undefined. Names compare without case. */
export function getHeader(fields: readonly HeaderField[], name: string): string | undefined {
  const lower = name.toLowerCase();
  // Names of another length are passed over without being lower-cased (called often, on every field).
  for (const f of fields) if (f.name.length === lower.length && f.name.toLowerCase() === lower) return f.value;
  return undefined;
}

export function getHeaders(fields: readonly HeaderField[], name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const f of fields) if (f.name.length === lower.length && f.name.toLowerCase() === lower) out.push(f.value);
  return out;
}

/** Decodes RFC 2047 encoded words; gives back the input if that fails. */
export function decodeHeaderValue(value: string): string {
  try {
    return decodeWords(value);
  } catch {
    return value;
  }
}

/** Collapses white space and cuts to a maximum length (with an ellipsis). */
export function bounded(text: string, max: number): string {
  // Flattening a prefix gives a prefix of the flattened whole: when it is already too long,
  // the rest of a long text (a whole notice) need not be flattened.
  const head = text.length > 4 * max + 64 ? text.slice(0, 4 * max + 64).replace(/\s+/g, " ").trimStart() : null;
  const flat = head !== null && head.trimEnd().length > max ? head : text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : flat.slice(0, max - 1).trimEnd() + "…";
}

/** The value of a Content-Type header: media type (lower case) and its parameters. */
export function parseContentType(value: string | undefined): { type: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  if (value === undefined) return { type: "", params };
  const v = value.slice(0, 2048);
  const semi = v.indexOf(";");
  const type = (semi < 0 ? v : v.slice(0, semi)).trim().toLowerCase();
  if (semi >= 0) {
    const re = /;\s*([A-Za-z0-9._*-]+)\s*=\s*(?:"([^"]*)"|([^;\s]*))/g;
    let m: RegExpExecArray | null;
    re.lastIndex = semi;
    while ((m = re.exec(v)) !== null) {
      const key = (m[1] ?? "").toLowerCase();
      if (!params.has(key)) params.set(key, m[2] ?? m[3] ?? "");
    }
  }
  return { type, params };
}

/** Reads a date header into ISO 8601, or gives the trimmed text back if it does not parse. */
export function normalizeDate(value: string | undefined): string | null {
  if (value === undefined) return null;
  const text = bounded(value, 100);
  if (text === "") return null;
  // Drop comments such as "(EDT)" or "(UTC)" that Date.parse may reject.
  const cleaned = text.replace(/\([^)]*\)/g, " ").replace(/\s+/g, " ").trim();
  const t = Date.parse(cleaned);
  if (!Number.isNaN(t)) {
    const d = new Date(t);
    const y = d.getUTCFullYear();
    if (y >= 1970 && y <= 9999) return d.toISOString();
  }
  return text;
}
