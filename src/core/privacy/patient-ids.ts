/**
 * Desktop notifications show on lock screens and in notification centres, where anyone
 * passing by reads them. They may name the patient, never give the matricule INS nor the
 * patient's Mon espace santé address (which holds it).
 */
import { msg, type Message, type Sub } from "../i18n/text.js";

/** Said instead of the patient's name when it is not known. */
export const NEUTRAL_PATIENT: Message = msg("neutralPatient");

const ADDRESS_WORDS: Message = msg("hiddenPatientAddress");
const INS_WORDS: Message = msg("hiddenInsNumber");

/** The domain part of an address of Mon espace santé, however written (any case, spaces). */
const PATIENT_DOMAIN_PART = /@\s*patient\s*\.\s*mssante\s*\.\s*fr/giu;
/** What cannot be in the local part before it: where the address starts. */
const ADDRESS_START = /[\s<>()[\]"',;:]/u;

/**
 * A matricule, however written: a digit, then 12 or more digits (or the A/B of Corsica), with
 * up to two separators between two of them — any character that is neither a letter, a digit
 * nor a colon (spaces of every width, dots, dashes, slashes, underscores…; the colon is left
 * out so that a time of day after a date is not taken for one). Any run of 13 digits is
 * caught, whatever it is. Read after NFKC, so full-width digits count as digits.
 */
const INS_LIKE = /[0-9](?:[^\p{L}\p{N}:]{0,2}[0-9AaBb]){12,}/gu;

/** A piece of a text: kept as it is, or the words that replace a patient id. */
type Piece = string | Message;

/**
 * The text with every patient address and every matricule-like number replaced by words,
 * in the language of `render` (the add-on's or the catalogs' renderer).
 */
export function withoutPatientIds(text: string, render: (text: Message) => string): string {
  return pieces(text)
    .map((p) => (typeof p === "string" ? p : render(p)))
    .join("");
}

/** True when the text holds a patient address or a matricule-like number. */
export function holdsPatientIds(text: string): boolean {
  return pieces(text).some((p) => typeof p !== "string");
}

/** The text split around its patient ids, each id replaced by the words saying what it was. */
function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  for (const part of withoutPatientAddresses(text.normalize("NFKC"))) {
    if (typeof part !== "string") {
      out.push(part);
      continue;
    }
    let copied = 0;
    for (const match of part.matchAll(INS_LIKE)) {
      out.push(part.slice(copied, match.index), INS_WORDS);
      copied = match.index + match[0].length;
    }
    out.push(part.slice(copied));
  }
  return out.filter((p) => p !== "");
}

/**
 * The text split around each `local@patient.mssante.fr`. The local part is found by walking
 * back from the `@` (a regular expression doing it would retry from every start: slow on a
 * long text without spaces).
 */
function withoutPatientAddresses(text: string): Piece[] {
  const out: Piece[] = [];
  let copied = 0;
  for (const match of text.matchAll(PATIENT_DOMAIN_PART)) {
    let start = match.index;
    while (start > copied && /\s/u.test(text[start - 1] ?? "")) start--;
    while (start > copied && !ADDRESS_START.test(text[start - 1] ?? "")) start--;
    out.push(text.slice(copied, start), ADDRESS_WORDS);
    copied = match.index + match[0].length;
  }
  out.push(text.slice(copied));
  return out;
}

/** The text, patient ids replaced by words in the language it is rendered in. */
export function withoutPatientIdsText(text: string): Sub {
  const all = pieces(text);
  const fold = (from: number): Sub => {
    const first = all[from];
    if (first === undefined) return "";
    if (typeof first !== "string") return msg("textWithHiddenId", "", first, fold(from + 1));
    const next = all[from + 1];
    if (next === undefined) return first;
    return msg("textWithHiddenId", first, next, fold(from + 2));
  };
  return fold(0);
}

/**
 * How a notification calls the patient: the name, when it is one that holds neither an
 * address nor a matricule; else the neutral words.
 */
export function patientCalled(name: string): Sub {
  const clean = name.replace(/\s+/g, " ").trim();
  if (clean === "" || clean.includes("@") || holdsPatientIds(clean)) return NEUTRAL_PATIENT;
  return clean;
}
