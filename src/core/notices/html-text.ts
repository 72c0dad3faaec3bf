/**
 * HTML to text for notices that come only as HTML, by one left-to-right scan (no regular
 * expression): tags dropped, block ends made line breaks, `<script>` and `<style>` contents
 * skipped, the common entities decoded. Bounded input; every step moves forward.
 */

/** HTML longer than this is cut before it is read. */
export const MAX_HTML_CHARS = 256 * 1024;

/** Tags after which the text goes on on a new line. */
const BLOCK_TAGS = new Set([
  "br",
  "p",
  "div",
  "tr",
  "li",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "table",
  "ul",
  "ol",
  "pre",
  "blockquote",
]);

/** Tags whose contents are not text. */
const SKIPPED_TAGS = new Set(["script", "style", "head", "title"]);

const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ["lt", "<"],
  ["gt", ">"],
  ["amp", "&"],
  ["quot", '"'],
  ["apos", "'"],
  ["nbsp", " "],
]);

function isNameChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
}

/** The tag's name (lower case) starting at `from` (just after `<` or `</`), at most 16 characters. */
function tagName(html: string, from: number): string {
  let end = from;
  while (end < html.length && end - from < 16 && isNameChar(html.charCodeAt(end))) end++;
  return html.slice(from, end).toLowerCase();
}

/** An entity at `at` (`&…;`, at most 10 characters): its text and length, or null. */
function entity(html: string, at: number): { text: string; length: number } | null {
  const near = html.slice(at + 1, at + 11).indexOf(";");
  if (near < 0) return null;
  const semi = at + 1 + near;
  const body = html.slice(at + 1, semi);
  const named = NAMED_ENTITIES.get(body.toLowerCase());
  if (named !== undefined) return { text: named, length: semi - at + 1 };
  if (body.startsWith("#")) {
    const hex = body[1] === "x" || body[1] === "X";
    const digits = body.slice(hex ? 2 : 1);
    if (digits === "" || !(hex ? /^[0-9a-fA-F]{1,6}$/ : /^\d{1,7}$/).test(digits)) return null;
    const cp = Number.parseInt(digits, hex ? 16 : 10);
    if (cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    return { text: String.fromCodePoint(cp), length: semi - at + 1 };
  }
  return null;
}

/** The text of an HTML document or fragment. */
export function htmlToText(input: string): string {
  const html = input.slice(0, MAX_HTML_CHARS);
  const lower = html.toLowerCase();
  const out: string[] = [];
  let textStart = 0;
  let i = 0;
  const flush = (end: number): void => {
    if (end > textStart) out.push(html.slice(textStart, end));
  };
  while (i < html.length) {
    const c = html.charCodeAt(i);
    if (c === 0x26 /* & */) {
      const e = entity(html, i);
      if (e !== null) {
        flush(i);
        out.push(e.text);
        i += e.length;
        textStart = i;
        continue;
      }
      i++;
      continue;
    }
    if (c !== 0x3c /* < */) {
      i++;
      continue;
    }
    const next = html.charCodeAt(i + 1);
    const closing = next === 0x2f; /* / */
    const nameStart = closing ? i + 2 : i + 1;
    const isComment = html.startsWith("!--", i + 1);
    if (!isComment && !isNameChar(html.charCodeAt(nameStart)) && next !== 0x21 /* ! */) {
      i++; // a lone "<" in the text
      continue;
    }
    flush(i);
    if (isComment) {
      const end = html.indexOf("-->", i + 4);
      if (end < 0) return out.join(""); // an unfinished comment: nothing after it is text
      i = end + 3;
      textStart = i;
      continue;
    }
    const name = tagName(html, nameStart);
    const end = html.indexOf(">", nameStart);
    if (end < 0) return out.join(""); // an unfinished tag: nothing after it is text
    i = end + 1;
    if (!closing && SKIPPED_TAGS.has(name)) {
      const close = lower.indexOf(`</${name}`, i);
      // Never closed: the rest is script or style, not text.
      if (close < 0) return out.join("");
      const closeEnd = html.indexOf(">", close);
      if (closeEnd < 0) return out.join("");
      i = closeEnd + 1;
    }
    out.push(BLOCK_TAGS.has(name) ? "\n" : " ");
    textStart = i;
  }
  flush(html.length);
  return out.join("");
}
