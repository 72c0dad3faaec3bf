/**
 * HTML to text for notices that come only as HTML, by one left-to-right scan (no regular
 * expression): tags dropped, block ends made line breaks, inline tags (`<b>clô</b>turée`)
 * joined without a space, `<script>` and `<style>` contents skipped, named and numeric
 * entities decoded. Bounded input; every step moves forward.
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
  "section",
  "article",
  "header",
  "footer",
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

/** Tags that separate words (table cells); any other inline tag (`<b>`, `<span>`) joins them. */
const SPACE_TAGS = new Set(["td", "th", "hr", "img", "dd", "dt"]);

/** Tags whose contents are not text. */
const SKIPPED_TAGS = new Set(["script", "style", "head", "title"]);

/**
 * The HTML named entities (WHATWG list) that French and English notices use: every Latin-1
 * letter, typographic quotes, dashes, spaces and common signs, written `name:hex code point`.
 * Names are case-sensitive (`&Eacute;` is not `&eacute;`). `&shy;` is a soft hyphen.
 */
const ENTITY_TABLE =
  "AElig:c6 Aacute:c1 Acirc:c2 Agrave:c0 Aring:c5 Atilde:c3 Auml:c4 Ccedil:c7 ETH:d0 Eacute:c9 Ecirc:ca " +
  "Egrave:c8 Euml:cb Iacute:cd Icirc:ce Igrave:cc Iuml:cf Ntilde:d1 Oacute:d3 Ocirc:d4 Ograve:d2 " +
  "Oslash:d8 Otilde:d5 Ouml:d6 THORN:de Uacute:da Ucirc:db Ugrave:d9 Uuml:dc Yacute:dd aacute:e1 " +
  "acirc:e2 aelig:e6 agrave:e0 aring:e5 atilde:e3 auml:e4 ccedil:e7 eacute:e9 ecirc:ea egrave:e8 eth:f0 " +
  "euml:eb iacute:ed icirc:ee igrave:ec iuml:ef ntilde:f1 oacute:f3 ocirc:f4 ograve:f2 oslash:f8 " +
  "otilde:f5 ouml:f6 szlig:df thorn:fe uacute:fa ucirc:fb ugrave:f9 uuml:fc yacute:fd yuml:ff nbsp:a0 " +
  "laquo:ab raquo:bb lsquo:2018 rsquo:2019 sbquo:201a ldquo:201c rdquo:201d bdquo:201e hellip:2026 " +
  "ndash:2013 mdash:2014 euro:20ac shy:ad thinsp:2009 ensp:2002 emsp:2003 middot:b7 deg:b0 copy:a9 " +
  "reg:ae trade:2122 sect:a7 para:b6 bull:2022 times:d7 divide:f7 plusmn:b1 micro:b5 frac12:bd " +
  "frac14:bc frac34:be sup2:b2 sup3:b3 ordm:ba ordf:aa iexcl:a1 iquest:bf cent:a2 pound:a3 yen:a5 " +
  "OElig:152 oelig:153 Yuml:178 circ:2c6 tilde:2dc dagger:2020 Dagger:2021 permil:2030 lsaquo:2039 " +
  "rsaquo:203a prime:2032 Prime:2033 minus:2212 le:2264 ge:2265 ne:2260 larr:2190 rarr:2192 uarr:2191 " +
  "darr:2193 harr:2194 zwnj:200c zwj:200d lrm:200e rlm:200f acute:b4 cedil:b8 uml:a8 macr:af brvbar:a6 " +
  "curren:a4 not:ac ";

const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map(
  [["lt", "<"], ["gt", ">"], ["amp", "&"], ["quot", '"'], ["apos", "'"]].concat(
    ENTITY_TABLE.trim()
      .split(" ")
      .map((pair) => {
        const [name = "", hex = "20"] = pair.split(":");
        const cp = Number.parseInt(hex, 16);
        return [name, cp === 0xa0 ? " " : cp === 0xad ? "" : String.fromCodePoint(cp)];
      }),
  ) as [string, string][],
);

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
  const named = NAMED_ENTITIES.get(body) ?? NAMED_ENTITIES.get(body.toLowerCase());
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
    out.push(BLOCK_TAGS.has(name) ? "\n" : SPACE_TAGS.has(name) ? " " : "");
    textStart = i;
  }
  flush(html.length);
  return out.join("");
}
