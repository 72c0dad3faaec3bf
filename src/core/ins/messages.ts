import { listText } from "../i18n/list.js";
import { msg, plural, type Message } from "../i18n/text.js";
import type { InsCheck, InsProblem } from "./check.js";
import { overseasName, probableBirthYear, type InsIdentity } from "./decode.js";

type Invalid = Extract<InsCheck, { valid: false }>;

/** What went wrong and what to do, in words a professional understands. */
export function insProblemText(check: Invalid): Message {
  const d = check.detail ?? "";
  const texts: Record<InsProblem, () => Message> = {
    empty: () => msg("insProblemEmpty"),
    "invalid-character": () => msg("insProblemInvalidCharacter", d),
    "key-missing": () => msg("insProblemKeyMissing"),
    "too-short": () => plural("insProblemTooShort", Number(d), d),
    "too-long": () => plural("insProblemTooLong", Number(d), d),
    "provisional-number": () => msg("insProblemProvisional"),
    "migrant-number": () => msg("insProblemMigrant"),
    "first-digit": () => msg("insProblemFirstDigit", d),
    "corsica-misplaced": () => msg("insProblemCorsicaMisplaced"),
    month: () => msg("insProblemMonth", d),
    "key-out-of-range": () => msg("insProblemKeyOutOfRange", d),
    "key-mismatch": () => msg("insProblemKeyMismatch"),
  };
  return texts[check.problem]();
}

/**
 * "Femme, née en mars 1955, à l'étranger" — what the professional confirms. The month and
 * year are written by `Intl` in `locale` (the interface language's tag).
 */
export function describeIdentity(identity: InsIdentity, referenceYear: number, locale: string): Message {
  const year = probableBirthYear(identity.birthYearDigits, referenceYear);
  const female = identity.sex === "female";
  const month = identity.birthMonth;
  const place = placeText(identity);
  if (month === null) return msg(female ? "insIdentityFemaleMonthUnknown" : "insIdentityMaleMonthUnknown", String(year), place);
  return msg(female ? "insIdentityFemale" : "insIdentityMale", monthAndYear(year, month, locale), place);
}

/** "mars 1955" / "March 1955", by `Intl` (a year of two digits or less is kept as it is). */
function monthAndYear(year: number, month: number, locale: string): string {
  const date = new Date(Date.UTC(2000, month - 1, 15));
  date.setUTCFullYear(year);
  let format = MONTH_YEAR.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" });
    MONTH_YEAR.set(locale, format);
  }
  return format.format(date);
}

/** The month-and-year format of each locale, made once (making one is slow). */
const MONTH_YEAR = new Map<string, Intl.DateTimeFormat>();

function placeText(identity: InsIdentity): Message {
  const p = identity.birthPlace;
  switch (p.kind) {
    case "etranger":
      return msg("insPlaceAbroad");
    case "corse":
      return msg("insPlaceCorsica", p.departement);
    case "outre-mer":
      return msg("insPlaceOverseas", overseasName(p.departement) ?? p.departement);
    case "metropole":
      return msg("insPlaceMetropole", p.departement);
  }
}

/** The items of the patient's file that differ, as a list in a sentence. */
export function mismatchList(items: readonly ("sex" | "birth-year" | "birth-month")[]): Message | string {
  return listText(items.map((m) => msg(m === "sex" ? "insMismatchSex" : m === "birth-year" ? "insMismatchYear" : "insMismatchMonth")));
}
