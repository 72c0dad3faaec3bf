import { plural, type Message } from "../i18n/text.js";
import { mismatchList } from "./messages.js";
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

export function mismatchText(mismatches: readonly IdentityMismatch[]): Message {
  return plural("insMismatch", mismatches.length, mismatchList(mismatches));
}
