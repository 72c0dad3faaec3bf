/**
 * The parts of a message as the MIME library would give them to `parse.ts` (its text, and
 * its attachments' media types and contents), found by locating the boundary lines, for the
 * common shapes of notices: the library's full parse of every line and every header is most
 * of the cost of classifying a bounce.
 *
 * It follows the library's own reading, line for line: the same line ends, the same
 * boundary rule (innermost first, `--` to end, spaces after), the same first-wins content
 * headers, the same grouping of text parts. Nothing is decoded here: a part in base64 or
 * quoted-printable, or in a charset other than UTF-8 (unless it is plain ASCII), is handed
 * to the library alone. Any other shape (HTML without a text twin, a header the simple
 * reading below does not cover, a digest, deep nesting, large headers) gives null: the
 * caller then lets the library parse the whole message.
 */
import PostalMime from "postal-mime";

const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;

/** Same limits as the library is given in parse.ts (a message beyond them is the library's). */
const MAX_HEADER_BYTES = 256 * 1024;
const MAX_DEPTH = 16;
/** A longer Content-Type or Content-Disposition is not a common shape. */
const MAX_STRUCTURED_CHARS = 2048;

/** What parse.ts reads of a message: the text, and every attachment's type and content. */
export interface MimeView {
  readonly text: string;
  /** Set only by the library (the outline gives up on HTML that has no text twin). */
  readonly html: string | undefined;
  readonly attachments: readonly MimeAttachment[];
}

export interface MimeAttachment {
  /** Lower-case media type. */
  readonly mimeType: string;
  /** The decoded content, its first `max` bytes at least. */
  content(max: number): Promise<Uint8Array>;
}

/** The options parse.ts gives the library, for a whole message and for one part. */
export const LIBRARY_OPTIONS = {
  forceRfc822Attachments: true,
  maxRfc822NestingDepth: 0,
  maxNestingDepth: 32,
  maxHeadersSize: MAX_HEADER_BYTES,
  attachmentEncoding: "arraybuffer",
} as const;

interface Structured {
  readonly value: string;
  readonly params: ReadonlyMap<string, string>;
}

interface Node {
  readonly parent: Node | null;
  readonly depth: number;
  readonly children: Node[];
  /** Offset of the header's first line; header lines gathered until the blank line. */
  readonly headerStart: number;
  headerLines: string[];
  inBody: boolean;
  /** The body's byte range (lines fed in the body state). */
  bodyStart: number;
  bodyEnd: number;
  type: Structured;
  disposition: string;
  encoding: string;
  multipart: string | null;
  finished: boolean;
}

interface Boundary {
  readonly value: Uint8Array;
  readonly node: Node;
}

/** Thrown inside to give up on a shape: the caller parses with the library. */
class NotSimple extends Error {}

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
const utf8Text = new TextDecoder("utf-8");
const encoder = new TextEncoder();

/** Spaces and tabs only, as the library trims around names and values. */
function trimWsp(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && (s.charCodeAt(start) === 0x20 || s.charCodeAt(start) === 0x09)) start++;
  while (end > start && (s.charCodeAt(end - 1) === 0x20 || s.charCodeAt(end - 1) === 0x09)) end--;
  return s.slice(start, end);
}

const TOKEN = "[A-Za-z0-9!#$%&'+.^_`{|}~-]+";
/** `type/subtype; name=token; name="quoted"`: no comment, escape, continuation or stray text. */
const VALUE = `(?:"[^"\\\\()]*"|[A-Za-z0-9!#$%&'+.^_\`{|}~/?=:@-]+)`;
const SIMPLE_STRUCTURED = new RegExp(
  `^(${TOKEN}(?:/${TOKEN})?)?((?:[ \\t]*;[ \\t]*[A-Za-z0-9_.-]+[ \\t]*=[ \\t]*${VALUE})*)[ \\t]*(?:;[ \\t]*)?$`,
);
const PARAM = /;[ \t]*([A-Za-z0-9_.-]+)[ \t]*=[ \t]*(?:"([^"]*)"|([^;\s]+))/g;

/**
 * A structured header value (`Content-Type`, `Content-Disposition`) of the simple form, read
 * as the library reads it.
 */
function structured(value: string): Structured {
  if (value.length > MAX_STRUCTURED_CHARS || value.includes("(")) throw new NotSimple();
  const m = SIMPLE_STRUCTURED.exec(value);
  if (m === null) throw new NotSimple();
  const params = new Map<string, string>();
  for (const p of (m[2] ?? "").matchAll(PARAM)) {
    const name = (p[1] ?? "").toLowerCase();
    if (!params.has(name)) params.set(name, p[2] ?? p[3] ?? "");
  }
  return { value: (m[1] ?? "").toLowerCase(), params };
}

function newNode(parent: Node | null, headerStart: number): Node {
  const depth = parent === null ? 0 : parent.depth + 1;
  if (depth > MAX_DEPTH) throw new NotSimple();
  const node: Node = {
    parent,
    depth,
    children: [],
    headerStart,
    headerLines: [],
    inBody: false,
    bodyStart: -1,
    bodyEnd: -1,
    type: { value: "text/plain", params: new Map() },
    disposition: "",
    encoding: "",
    multipart: null,
    finished: false,
  };
  parent?.children.push(node);
  return node;
}

/**
 * The outline of a message (bytes as parse.ts gives them to the library), or null when its
 * shape is not one read here.
 */
export async function outlineMessage(input: Uint8Array): Promise<MimeView | null> {
  // A plain view of the bytes: a Node Buffer's `subarray` builds a Buffer through Node's own
  // code, for each line.
  const plain = Object.getPrototypeOf(input) === Uint8Array.prototype;
  const bytes = plain ? input : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  try {
    const root = outline(bytes);
    return await view(bytes, root);
  } catch (error) {
    if (error instanceof NotSimple) return null;
    throw error;
  }
}

function outline(bytes: Uint8Array): Node {
  const root = newNode(null, 0);
  const boundaries: Boundary[] = [];
  let current = root;
  let headerBytes = 0;

  const processHeaders = (node: Node): void => {
    node.headerLines = foldedHeaders(node.headerLines, node);
    if (node.multipart !== null) {
      const boundary = node.type.params.get("boundary");
      if (boundary !== undefined && boundary !== "") boundaries.push({ value: encoder.encode(boundary), node });
    }
  };
  const finalize = (node: Node, at: number): void => {
    if (node.finished) return;
    if (!node.inBody) processHeaders(node);
    for (let i = boundaries.length - 1; i >= 0; i--) {
      if (boundaries[i]?.node === node) {
        boundaries.splice(i, 1);
        break;
      }
    }
    for (const child of node.children) finalize(child, at);
    if (node.inBody && node.bodyEnd < 0) node.bodyEnd = at;
    node.finished = true;
  };

  let pos = 0;
  while (pos < bytes.length) {
    const nl = bytes.indexOf(LF, pos);
    const next = nl < 0 ? bytes.length : nl + 1;
    let end = nl < 0 ? bytes.length : nl;
    while (end > pos && (bytes[end - 1] === CR || bytes[end - 1] === LF)) end--;
    const dashes = end - pos > 2 && bytes[pos] === DASH && bytes[pos + 1] === DASH;
    const found = dashes && boundaries.length > 0 ? boundaryAt(bytes, pos, end, boundaries) : null;
    if (found !== null) {
      if (current.inBody && current.bodyEnd < 0) current.bodyEnd = pos;
      if (found.terminator) {
        finalize(found.boundary.node, pos);
        current = found.boundary.node.parent ?? root;
      } else {
        for (const child of found.boundary.node.children) finalize(child, pos);
        current = newNode(found.boundary.node, next);
      }
    } else if (!current.finished) {
      if (!current.inBody) {
        if (end === pos) {
          current.inBody = true;
          current.bodyStart = next;
          processHeaders(current);
        } else {
          headerBytes += end - pos;
          if (headerBytes > MAX_HEADER_BYTES) throw new NotSimple();
          current.headerLines.push(utf8.decode(bytes.subarray(pos, end)));
        }
      }
    }
    pos = next;
  }
  finalize(root, bytes.length);
  return root;
}

/** The boundary a line opens or closes, checked innermost first as the library does. */
function boundaryAt(
  bytes: Uint8Array,
  start: number,
  end: number,
  boundaries: readonly Boundary[],
): { boundary: Boundary; terminator: boolean } | null {
  const length = end - start;
  outer: for (let i = boundaries.length - 1; i >= 0; i--) {
    const boundary = boundaries[i];
    if (boundary === undefined) continue;
    const value = boundary.value;
    if (length < value.length + 2) continue;
    for (let j = 0; j < value.length; j++) if (bytes[start + 2 + j] !== value[j]) continue outer;
    let after = start + 2 + value.length;
    let terminator = false;
    if (length >= value.length + 4 && bytes[after] === DASH && bytes[after + 1] === DASH) {
      terminator = true;
      after += 2;
    }
    for (let j = after; j < end; j++) if (bytes[j] !== 0x20 && bytes[j] !== 0x09) continue outer;
    return { boundary, terminator };
  }
  return null;
}

const CONTENT_HEADERS = new Set(["content-type", "content-transfer-encoding", "content-disposition"]);

/** Reads a part's content headers (first of each wins); returns its header lines unchanged. */
function foldedHeaders(lines: string[], node: Node): string[] {
  const folded: string[][] = [];
  for (const line of lines) {
    const last = folded[folded.length - 1];
    if (last !== undefined && (line.startsWith(" ") || line.startsWith("\t"))) last.push(line);
    else folded.push([line]);
  }
  const seen = new Set<string>();
  let type: string | null = null;
  let disposition = "";
  let encoding = "";
  for (const parts of folded) {
    const unfolded = parts.join("");
    const sep = unfolded.indexOf(":");
    const key = trimWsp(sep < 0 ? unfolded : unfolded.slice(0, sep)).toLowerCase();
    if (!CONTENT_HEADERS.has(key) || seen.has(key)) continue;
    seen.add(key);
    const value = sep < 0 ? "" : trimWsp(unfolded.slice(sep + 1).replace(/[\r\n]+/g, " "));
    if (key === "content-type") type = value;
    else if (key === "content-disposition") disposition = value;
    else encoding = value;
  }
  // A digest's parts default to message/rfc822: not read here.
  if (node.parent?.multipart === "digest") throw new NotSimple();
  // No Content-Type: text/plain; an empty one: no type at all (as the library reads them).
  node.type = type === null ? { value: "text/plain", params: new Map() } : structured(type);
  const subtype = /^multipart\//i.test(node.type.value) ? node.type.value.slice(node.type.value.indexOf("/") + 1) : "";
  node.multipart = subtype === "" ? null : subtype;
  if (node.multipart === "digest") throw new NotSimple();
  node.disposition = disposition === "" ? "" : structured(disposition).value;
  if (/[(\\"]/.test(encoding)) throw new NotSimple();
  node.encoding = (/[\w-]+/.exec(encoding.toLowerCase()) ?? [""])[0];
  return lines;
}

// ------------------------------------------------------------------ contents

/** A part's body as the library's pass-through decoder gives it: each line without its line end, then LF. */
function passThrough(bytes: Uint8Array, node: Node, max: number): Uint8Array {
  if (isEmpty(node)) return new Uint8Array(0);
  const start = node.bodyStart;
  const stop = node.bodyEnd;
  const region = bytes.subarray(start, stop);
  // Lines ended by LF alone, and a last line ended too: the bytes as they are.
  if (!region.includes(CR) && region[region.length - 1] === LF) return region.subarray(0, Math.min(region.length, max));
  const out = new Uint8Array(Math.min(region.length + 1, max + 1));
  let j = 0;
  let pos = start;
  while (pos < stop && j < max) {
    const nl = bytes.indexOf(LF, pos);
    const next = nl < 0 || nl >= stop ? stop : nl + 1;
    let end = nl < 0 || nl >= stop ? stop : nl;
    while (end > pos && (bytes[end - 1] === CR || bytes[end - 1] === LF)) end--;
    const line = bytes.subarray(pos, Math.min(end, pos + (out.length - j - 1)));
    out.set(line, j);
    j += line.length;
    out[j++] = LF;
    pos = next;
  }
  return out.subarray(0, Math.min(j, max));
}

/** No body line reached the part (its header never ended, or nothing followed it). */
function isEmpty(node: Node): boolean {
  return !node.inBody || node.bodyEnd <= node.bodyStart;
}

function isPassThrough(node: Node): boolean {
  return !/base64/i.test(node.encoding) && !/quoted-printable/i.test(node.encoding);
}

/** The part alone (its header lines and body), for the library to decode. */
function partAlone(bytes: Uint8Array, node: Node): Uint8Array {
  return bytes.subarray(node.headerStart, node.bodyEnd);
}

/** Charsets that read plain ASCII as ASCII (an unknown label falls back to windows-1252 in the library). */
const ASCII_SAFE = /^(?:us-ascii|ascii|iso-8859-(?:1|15)|latin1|windows-1252|cp1252)$/;

function isAscii(bytes: Uint8Array): boolean {
  // An indexed loop: iterating a typed array with for…of is several times slower before the
  // engine has optimised it, which is most of a command-line run.
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] ?? 0) >= 0x80) return false;
  return true;
}

async function textOf(bytes: Uint8Array, node: Node): Promise<string> {
  const charset = (node.type.params.get("charset") ?? "").trim().toLowerCase();
  const flowed = /^flowed$/i.test(node.type.params.get("format") ?? "");
  if (isEmpty(node)) return "";
  if (isPassThrough(node) && !flowed) {
    const content = passThrough(bytes, node, Number.POSITIVE_INFINITY);
    if (charset === "" || charset === "utf-8" || charset === "utf8") return utf8Text.decode(content);
    if (ASCII_SAFE.test(charset) && isAscii(content)) return utf8Text.decode(content);
  }
  const email = await PostalMime.parse(partAlone(bytes, node), LIBRARY_OPTIONS);
  return email.text ?? "";
}

async function contentOf(bytes: Uint8Array, node: Node, max: number): Promise<Uint8Array> {
  if (isEmpty(node)) return new Uint8Array(0);
  if (isPassThrough(node)) return passThrough(bytes, node, max);
  const email = await PostalMime.parse(partAlone(bytes, node), LIBRARY_OPTIONS);
  const content = email.attachments[0]?.content;
  if (content === undefined || typeof content === "string") return new Uint8Array(0);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

function isInlineText(node: Node): boolean {
  return node.disposition !== "attachment" && (node.type.value === "text/plain" || node.type.value === "text/html");
}

/** The text and attachments, gathered as the library gathers them (text grouped by multipart/alternative). */
async function view(bytes: Uint8Array, root: Node): Promise<MimeView> {
  const groups = new Map<Node, { plain: Node[]; html: Node[] }>();
  const attachments: MimeAttachment[] = [];
  const walk = (node: Node, alternative: Node | null): void => {
    if (node.multipart === null) {
      if (isInlineText(node)) {
        const key = alternative ?? node;
        let group = groups.get(key);
        if (group === undefined) {
          group = { plain: [], html: [] };
          groups.set(key, group);
        }
        (node.type.value === "text/html" ? group.html : group.plain).push(node);
      } else {
        attachments.push({ mimeType: node.type.value, content: (max) => contentOf(bytes, node, max) });
      }
    } else if (node.multipart === "alternative") {
      alternative = node;
    }
    for (const child of node.children) walk(child, alternative);
  };
  walk(root, null);
  const texts: string[] = [];
  for (const group of groups.values()) {
    // HTML alone: the library would make it text with its own converter; not done here.
    if (group.plain.length === 0) throw new NotSimple();
    for (const node of group.plain) texts.push(await textOf(bytes, node));
  }
  const text = texts.join("\n");
  // Only HTML says anything: the caller reads the library's HTML.
  if (text.trim() === "" && [...groups.values()].some((g) => g.html.length > 0)) throw new NotSimple();
  return { text, html: undefined, attachments };
}
