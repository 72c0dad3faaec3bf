import type { Text } from "../i18n/text.js";
import type { InsIdentity } from "./decode.js";

/** What the patient's file says, to compare with what the INS decodes to. */
export interface ExpectedIdentity {
  readonly sex?: "male" | "female";
  /** Full date of birth as yyyy-mm-dd (an <input type="date"> value). */
  readonly birthDate?: string;
}

export type IdentityMismatch = "sex" | "birth-year" | "birth-month";

/**
 * Compares the INS with the patient's file. A mismatch usually means the number of the
 * parent's carte Vitale was used for a child, or that the number belongs to someone else.
 */
export function compareIdentity(identity: InsIdentity, expected: ExpectedIdentity): IdentityMismatch[] {
  const out: IdentityMismatch[] = [];
  if (expected.sex !== undefined && expected.sex !== identity.sex) out.push("sex");
  const m = expected.birthDate === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(expected.birthDate);
  if (m !== null) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (year % 100 !== identity.birthYearDigits) out.push("birth-year");
    if (identity.birthMonth !== null && month !== identity.birthMonth) out.push("birth-month");
  }
  return out;
}

export function mismatchText(mismatches: readonly IdentityMismatch[]): Text {
  const fr: string[] = [];
  const en: string[] = [];
  for (const m of mismatches) {
    if (m === "sex") {
      fr.push("le sexe");
      en.push("the sex");
    } else if (m === "birth-year") {
      fr.push("l'année de naissance");
      en.push("the year of birth");
    } else {
      fr.push("le mois de naissance");
      en.push("the month of birth");
    }
  }
  return {
    fr: `Attention : ${fr.join(", ")} du dossier ne correspond${fr.length > 1 ? "ent" : ""} pas à l'INS. Ce numéro est peut-être celui d'un parent (carte Vitale d'un enfant) ou d'une autre personne. N'envoyez rien avant d'avoir vérifié l'identité.`,
    en: `Warning: ${en.join(", ")} in the file do${en.length > 1 ? "" : "es"} not match the INS. This may be a parent's number (a child on a parent's carte Vitale) or someone else's. Send nothing before checking the identity.`,
  };
}
