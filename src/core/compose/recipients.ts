/**
 * Recipients as Thunderbird gives them: `"Nom Prénom <addr@x>"`, bare addresses, quoted
 * display names with commas, sometimes several addresses in one string. Parsing is left to
 * postal-mime's address parser.
 */

import { addressParser } from "postal-mime";
import { checkIns, PATIENT_DOMAIN, type InsCheck } from "../ins/index.js";
import { dropFormatCharacters } from "./invisible.js";

export interface Mailbox {
  /** Display name, possibly empty. */
  readonly name: string;
  /** The address as written (not lower-cased). */
  readonly address: string;
}

/**
 * Every address in one recipient string, groups flattened. Parts without an address
 * (a lone name) are left out. Never throws.
 */
export function parseRecipients(field: string): Mailbox[] {
  const out: Mailbox[] = [];
  for (const m of parseFlat(field)) {
    const address = (m.address ?? "").trim();
    if (address !== "") out.push({ name: m.name.trim(), address });
  }
  return out;
}

/**
 * Every part of one recipient string, groups flattened, including the parts that hold no
 * address: a bare name, or `Name <Name>` (how Thunderbird writes an address-book list).
 * Empty parts are left out. Never throws.
 */
export function parseRecipientParts(field: string): Mailbox[] {
  const out: Mailbox[] = [];
  for (const m of parseFlat(field)) {
    const name = m.name.trim();
    const address = (m.address ?? "").trim();
    if (name !== "" || address !== "") out.push({ name, address });
  }
  return out;
}

function parseFlat(field: string): ReturnType<typeof addressParser> {
  try {
    return addressParser(field, { flatten: true });
  } catch {
    // Never seen; keep every part rather than losing a recipient: the tokens that hold an @
    // as addresses, the rest as names.
    return field
      .split(",")
      .flatMap((part) => {
        const addresses = part.split(/[\s;<>"]+/).filter((t) => t.includes("@"));
        return addresses.length > 0 ? addresses.map((address) => ({ name: "", address })) : [{ name: part.replace(/[<>"]/g, " ").trim(), address: "" }];
      });
  }
}

/** The domain of an address, lower-cased, without a final dot; "" when there is no @. */
export function domainOf(address: string): string {
  const a = address.trim();
  const at = a.lastIndexOf("@");
  if (at < 0) return "";
  const domain = a.slice(at + 1).toLowerCase();
  return domain.endsWith(".") ? domain.slice(0, -1) : domain;
}

/** True for an address of Mon espace santé (`…@patient.mssante.fr`, any case). */
export function isPatientAddress(address: string): boolean {
  return address.trim().lastIndexOf("@") > 0 && domainOf(address) === PATIENT_DOMAIN;
}

/**
 * The INS check of a patient address's local part (`2a`/`2b` in lower case accepted), or
 * null when the address is not a patient address. The local part must be the bare
 * matricule: dots or spaces that `checkIns` forgives in typed input are an error in an
 * address, because the mail would go to another, non-existent mailbox.
 */
export function patientOf(address: string): InsCheck | null {
  if (!isPatientAddress(address)) return null;
  const a = address.trim();
  const local = a.slice(0, a.lastIndexOf("@"));
  const check = checkIns(local);
  if (check.valid && local.toUpperCase() !== check.ins) {
    const bad = Array.from(local).find((c) => !/[0-9AB]/i.test(c)) ?? local;
    return { valid: false, normalized: local, problem: "invalid-character", detail: bad };
  }
  return check;
}

/**
 * Bidirectional controls (Arabic letter mark, left-to-right and right-to-left marks,
 * embeddings, overrides, isolates): a name holding them can show its text in another order
 * than the one stored, e.g. make `moc.evil` read `live.com`.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A display name safe to show: line breaks and other control characters become spaces,
 * bidirectional controls and every other invisible format character, and angle brackets,
 * are dropped, runs of spaces collapse.
 */
export function cleanDisplayName(name: string): string {
  return dropFormatCharacters(name)
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, " ")
    .replace(BIDI_CONTROLS, "")
    .replace(/[<>]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The longest display name the add-on writes into a header or a message, in code points. */
export const DISPLAY_NAME_MAX = 64;

/**
 * A display name as the add-on writes it into an address field or a message it sends:
 * cleaned (`cleanDisplayName`), without the quotes, commas and semicolons that separate or
 * quote addresses, and cut to `DISPLAY_NAME_MAX` code points at the end of a whole
 * character as seen on screen (an accent is never cut off its letter).
 */
export function headerDisplayName(name: string): string {
  const clean = cleanDisplayName(name.replace(/[",;]/g, " "));
  return cutAtGrapheme(clean, DISPLAY_NAME_MAX).trim();
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** At most `max` code points of `text`, ending on a grapheme boundary when one fits. */
export function cutAtGrapheme(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = "";
  let count = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = Array.from(segment).length;
    if (count + size > max) {
      // A single "character" longer than the whole limit (a letter with hundreds of marks).
      if (count === 0) return Array.from(segment).slice(0, max).join("");
      break;
    }
    out += segment;
    count += size;
  }
  return out;
}

/** Characters that may stand in a display name without quotes (RFC 5322 atext, space, letters). */
const PLAIN_NAME = /^[\p{L}\p{N}!#$%&'*+\-/=?^_`{|}~ ]+$/u;

/**
 * `"Name <address>"` for a compose field. The name is made safe (`headerDisplayName`) and
 * put between quotes, with `\` escaped, when it holds anything but letters, digits,
 * spaces and RFC 5322 atext; an empty name gives the bare address. Spaces, control
 * characters and angle brackets are removed from the address.
 */
export function formatRecipient(name: string, address: string): string {
  const addr = address.replace(/[\s\p{Cc}<>]/gu, "");
  const clean = headerDisplayName(name);
  if (clean === "") return addr;
  // "=?" could be read back as an RFC 2047 encoded word: quote it too.
  if (PLAIN_NAME.test(clean) && !clean.includes("=?")) return `${clean} <${addr}>`;
  return `"${clean.replace(/[\\"]/g, "\\$&")}" <${addr}>`;
}

/** A matricule's 13-character body (NIR layout, Corsica's 2A/2B included), in text with spaces, dots and dashes removed. */
const INS_BODY_IN_TEXT = /[0-9]{5}(?:2[AB]|[0-9]{2})[0-9]{6}/gi;
const PATIENT_ADDRESS_IN_TEXT = /([^\s<>"'@,;()[\]]+)@patient\.mssante\.fr/gi;

/**
 * True when a text holds a matricule INS (the 13-character body, with or without its key,
 * whatever spaces, dots or dashes split it; any INS, valid or not) or a patient address:
 * such a text cannot name a person, since it reads as a patient's identifier.
 */
export function holdsPatientIdentifier(text: string): boolean {
  const clean = dropFormatCharacters(text);
  if (/@patient\.mssante\.fr/i.test(clean)) return true;
  const compact = clean.replace(/[\s.\-_/]/g, "").toUpperCase();
  return /[0-9]{5}(?:2[AB]|[0-9]{2})[0-9]{6}/.test(compact);
}

/**
 * A person's display name as the add-on shows it (banners, panel, exchanges view): cleaned
 * and cut as it writes names (`headerDisplayName`); "" when nothing is left, or when it is
 * an address or holds a matricule INS (the patient's own or another's: an INS shown where a
 * name is expected would name the wrong patient, or hide that it is not a name).
 */
export function personName(name: string): string {
  const clean = headerDisplayName(name);
  if (clean === "" || clean.includes("@") || holdsPatientIdentifier(clean)) return "";
  return clean;
}

/**
 * True when a display name holds a patient address or a matricule INS (13 digits or more)
 * that is not the one of `address`, the mailbox it names: written into the header, that
 * name would show another patient's INS to whoever receives the message, and make it look
 * addressed to that other patient.
 */
export function nameShowsOtherPatient(name: string, address: string): boolean {
  const own = isPatientAddress(address) ? address.trim().slice(0, address.trim().lastIndexOf("@")).toUpperCase() : null;
  for (const m of name.matchAll(PATIENT_ADDRESS_IN_TEXT)) {
    if ((m[1] ?? "").toUpperCase() !== own) return true;
  }
  const compact = dropFormatCharacters(name).replace(/[\s.\-_/]/g, "").toUpperCase();
  for (const m of compact.matchAll(INS_BODY_IN_TEXT)) {
    if (own === null || !own.startsWith(m[0])) return true;
  }
  return false;
}
