/**
 * Desktop notifications show on lock screens and in notification centres, where anyone
 * passing by reads them. They may name the patient, never give the matricule INS nor the
 * patient's Mon espace santé address (which holds it).
 */
import type { Lang, Text } from "../i18n/text.js";

/** Said instead of the patient's name when it is not known. */
export const NEUTRAL_PATIENT: Text = { fr: "votre patient(e)", en: "your patient" };

const ADDRESS_WORDS: Text = { fr: "[adresse du patient]", en: "[patient address]" };
const INS_WORDS: Text = { fr: "[matricule INS]", en: "[INS number]" };

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

/** The text with every patient address and every matricule-like number replaced by words. */
export function withoutPatientIds(text: string, lang: Lang): string {
  return withoutPatientAddresses(text.normalize("NFKC"), ADDRESS_WORDS[lang]).replace(INS_LIKE, INS_WORDS[lang]);
}

/**
 * Each `local@patient.mssante.fr` replaced by `words`. The local part is found by walking
 * back from the `@` (a regular expression doing it would retry from every start: slow on a
 * long text without spaces).
 */
function withoutPatientAddresses(text: string, words: string): string {
  let out = "";
  let copied = 0;
  for (const match of text.matchAll(PATIENT_DOMAIN_PART)) {
    let start = match.index;
    while (start > copied && /\s/u.test(text[start - 1] ?? "")) start--;
    while (start > copied && !ADDRESS_START.test(text[start - 1] ?? "")) start--;
    out += text.slice(copied, start) + words;
    copied = match.index + match[0].length;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** The text in both languages, patient ids replaced. */
export function withoutPatientIdsText(text: string): Text {
  return { fr: withoutPatientIds(text, "fr"), en: withoutPatientIds(text, "en") };
}

/**
 * How a notification calls the patient: the name, when it is one that holds neither an
 * address nor a matricule; else the neutral words.
 */
export function patientCalled(name: string): Text {
  const clean = name.replace(/\s+/g, " ").trim();
  if (clean === "" || clean.includes("@") || withoutPatientIds(clean, "en") !== clean.normalize("NFKC")) return NEUTRAL_PATIENT;
  return { fr: clean, en: clean };
}
