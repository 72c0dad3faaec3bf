import { decodeHeaderValue } from "./headers.js";
import { memoizeText } from "./memo.js";
import { checkIns, PATIENT_DOMAIN } from "../ins/index.js";

/**
 * An e-mail address inside free text. The local part leaves out `=`, `/` and `?` so that
 * URLs (`…?unsubscribe=a@b.c`) do not give whole query strings; the domain needs a dot. A
 * quoted local part (`"jean..dupont"@example.org`, RFC 5321) is kept with its quotes.
 * Linear: no nested quantifiers.
 */
function addressSource(localSigns: string): string {
  return (
    `(?:"[^"\\\\\\s<>@]{1,62}"|[\\p{L}\\p{N}${localSigns}]{1,64})@` +
    "(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,62}[\\p{L}\\p{N}])?\\.){1,8}[\\p{L}]{1,24}(?![\\p{L}\\p{N}-])"
  );
}

const ADDRESS_SOURCE = addressSource("._%+'&!#$*^`{|}~-");

export function addressRegex(): RegExp {
  return new RegExp(ADDRESS_SOURCE, "gu");
}

const WHOLE_ADDRESS = new RegExp(`^${ADDRESS_SOURCE}$`, "u");

/**
 * A value that is one address and nothing else (a report's Final-Recipient, what stands
 * between `<` and `>`): there, `=`, `/` and `?` are letters of the local part like the others
 * (RFC 5322 atext: `mango-=#43@panda.com`, SRS and BATV addresses), not the start of a query.
 */
const WHOLE_FIELD_ADDRESS = new RegExp(`^${addressSource("._%+'&!#$*^`{|}~=/?-")}$`, "u");

/** A local part's dots where RFC 5322 allows them: none at either end, never two together. */
function dotsInPlace(local: string): boolean {
  return !local.startsWith(".") && !local.endsWith(".") && !local.includes("..");
}

/** Whether a string is a plausible address (syntax only; no dots at the ends of the local part). */
export function isAddress(value: string): boolean {
  if (value.length > 254 || !WHOLE_ADDRESS.test(value)) return false;
  const at = value.lastIndexOf("@");
  const local = value.slice(0, at);
  if (local.startsWith('"')) return true;
  return dotsInPlace(local);
}

/**
 * Whether a value is one address with `=`, `/` or `?` in its local part (see above); not a
 * local part written as an encoded word (`=?utf-8?Q?…?=`), which is decoded instead.
 */
function isFieldAddress(value: string): boolean {
  if (value.length > 254 || !WHOLE_FIELD_ADDRESS.test(value)) return false;
  const local = value.slice(0, value.lastIndexOf("@"));
  if (local.startsWith("=?") && local.endsWith("?=")) return false;
  return dotsInPlace(local);
}

/**
 * Cleans an address as notices write it: `<a@b>`, `"a@b"`, `rfc822;a@b`, trailing dots or
 * commas, RFC 3461 xtext (`+2B`) and RFC 6533 `\x{…}` escapes. Returns null when what is left
 * is not an address.
 */
export const cleanAddress = memoizeText(cleanAddressOnce, 256, 1000);

function cleanAddressOnce(raw: string): string | null {
  let v = raw.trim();
  if (v.length > 1000) return null;
  const semi = v.indexOf(";");
  if (semi >= 0 && semi < 20 && /^[A-Za-z0-9-]+$/.test(v.slice(0, semi).trim())) v = v.slice(semi + 1).trim();
  v = decodeXtext(v);
  const angle = /<([^<>]{1,400})>/.exec(v);
  if (angle?.[1] !== undefined) v = angle[1];
  if (v.startsWith('"') && isAddress(v)) return v;
  v = v.replace(/^["'[(]+|["'\]),.;:]+$/g, "").trim();
  // In a mailto URI, `?` begins the header fields (`?subject=…`, `?cc=…`, RFC 6068): never the address.
  if (v.toLowerCase().startsWith("mailto:")) v = v.slice(7).split("?")[0] ?? "";
  if (v.toLowerCase().startsWith("smtp:")) v = v.slice(5);
  if (isAddress(v) || isFieldAddress(v)) return v;
  // One address with a comment or a name beside it (`mango-=#43@panda.com (Mango)`): that one, whole.
  const word = fieldAddressWord(v);
  if (word !== null) return word;
  // A display name or a comment around it: take the address inside.
  const found = addressRegex().exec(v);
  if (found !== null && isAddress(found[0])) return found[0];
  return encodedWordAddress(v);
}

/**
 * The first word of a value that is a whole address, when that one has `=`, `/` or `?` in its
 * local part (a plain one first is left to the search below).
 */
function fieldAddressWord(v: string): string | null {
  if (!/[=/?]/.test(v)) return null;
  for (const word of v.split(/\s+/, 20)) {
    const w = word.replace(/^["'(]+|["'),.;:]+$/g, "");
    if (isAddress(w)) return null;
    if (/[=/?][^@]*@/.test(w) && isFieldAddress(w)) return w;
  }
  return null;
}

/** A local part written as one RFC 2047 encoded word (`=?utf-8?B?…?=@example.org`). */
const ENCODED_LOCAL = /^=\?[A-Za-z0-9_.:-]{1,40}\?[BbQq]\?[^?\s]{1,300}\?=@([^@\s]{1,255})$/;

/** What may not stand in a decoded local part: spaces, controls, and the signs of an address's syntax. */
const UNSAFE_LOCAL = /[\s\p{C}@<>()[\],;:"\\]/u;

/**
 * An address whose local part a mail system wrote as an encoded word (RFC 2047 does not allow
 * it there, but senders' programs do it): the local part decoded, when what it decodes to is
 * a plain local part and the domain is a real one.
 */
function encodedWordAddress(v: string): string | null {
  const m = ENCODED_LOCAL.exec(v);
  const domain = m?.[1];
  if (m === null || domain === undefined || !isAddress(`x@${domain}`)) return null;
  const encoded = v.slice(0, v.length - domain.length - 1);
  const local = decodeHeaderValue(encoded);
  if (local === encoded || local === "" || local.length > 64 || UNSAFE_LOCAL.test(local)) return null;
  return isDecodedLocalPart(local) ? `${local}@${domain}` : null;
}

/**
 * Letters, digits, marks and symbols (an internationalised local part, RFC 6532, emoji
 * included) and the usual ASCII signs; no punctuation beyond those, so no look-alike `@`
 * (U+FF20, U+FE6B) that would make it read as a whole address.
 */
const DECODED_LOCAL = /^[\p{L}\p{N}\p{M}\p{S}._%+'&!#$*^`{|}~-]{1,64}$/u;

/** A decoded local part as one is written: see above, and no dot at an end or two together. */
function isDecodedLocalPart(local: string): boolean {
  return DECODED_LOCAL.test(local) && dotsInPlace(local);
}

/** RFC 3461 xtext (`+HH`) and RFC 6533 `\x{HHHH}` unicode escapes. */
function decodeXtext(v: string): string {
  let out = v.replace(/\\x\{([0-9A-Fa-f]{1,6})\}/g, (_, hex: string) => {
    const cp = Number.parseInt(hex, 16);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : "";
  });
  if (/\+[0-9A-F]{2}/.test(out)) {
    out = out.replace(/\+([0-9A-F]{2})/g, (_, hex: string) => {
      const c = Number.parseInt(hex, 16);
      return c >= 0x21 && c <= 0x7e ? String.fromCharCode(c) : "";
    });
  }
  return out;
}

/** Mailboxes that belong to mail systems, never to a recipient that bounced. */
const SYSTEM_LOCAL_PARTS =
  new RegExp(
    [
      "^(?:postmaster|mailer-daemon|mailerdaemon|mail-daemon|maildaemon|daemon|mdaemon|abuse|",
      "hostmaster|webmaster|root|double-bounce|nobody|noreply|no-reply|donotreply|",
      "do-not-reply|microsoftexchange[0-9a-f]{32})$",
    ].join(""), "i",
  );

/**
 * Mailboxes of the mail system itself: a message from one of them is a notice. Exchange
 * Online writes its reports from `MicrosoftExchange` and one fixed hexadecimal number.
 */
const MAIL_SYSTEM_LOCAL_PARTS = new RegExp(
  [
    "^(?:postmaster|mailer-daemon|mailerdaemon|mail-daemon|maildaemon|mdaemon|double-bounce|",
    "microsoftexchange[0-9a-f]{32})$",
  ].join(""), "i",
);

export function isMailSystemAddress(address: string): boolean {
  const at = address.lastIndexOf("@");
  return MAIL_SYSTEM_LOCAL_PARTS.test(at < 0 ? address : address.slice(0, at));
}

export function isSystemAddress(address: string): boolean {
  const at = address.lastIndexOf("@");
  return SYSTEM_LOCAL_PARTS.test(at < 0 ? address : address.slice(0, at));
}

/** For a patient address, the number before the `@` and whether it is a valid INS. */
export function patientInfo(address: string): { ins: string; insValid: boolean } | null {
  const at = address.lastIndexOf("@");
  if (at < 0 || address.slice(at + 1).toLowerCase() !== PATIENT_DOMAIN) return null;
  const local = address.slice(0, at);
  const check = checkIns(local);
  return { ins: check.valid ? check.ins : local.toUpperCase(), insValid: check.valid };
}

/** Patient addresses are written with a lower-case domain; others are kept as given. */
export function displayAddress(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 0) return address;
  const domain = address.slice(at + 1);
  return domain.toLowerCase() === PATIENT_DOMAIN ? `${address.slice(0, at).toUpperCase()}@${PATIENT_DOMAIN}` : address;
}
