/**
 * Closing an exchange with a patient: only a subject made of exactly the 5 characters
 * `[FIN]` closes it. Anything that looks like an attempt but is not exact does nothing
 * on the patient's side, which the professional must be told before sending.
 */

/** The only subject that closes an exchange with a patient. */
export const FIN_SUBJECT = "[FIN]";

/**
 * - `exact`: the subject is exactly `[FIN]` and will close the exchange;
 * - `malformed`: it looks like an attempt to close (`Re: [FIN]`, `[Fin]`, `[FIN] merci`,
 *   ` [FIN]`, `[ FIN ]`, `(FIN)`, `FIN`…) but will close nothing;
 * - `none`: nothing to do with closing (`Fin de traitement`, `Finances`, empty).
 */
export type ClosingIntent = "exact" | "malformed" | "none";

/** Opening and closing brackets of any script (full-width ones fold to ASCII first). */
const OPEN = String.raw`(?:\p{Ps}|[<«‹])`;
const CLOSE = String.raw`(?:\p{Pe}|[>»›])`;

/** `[FIN]`, `[ fin ]`, `(F I N)`, `«FIN»`… anywhere in the subject. */
const BRACKETED = new RegExp(String.raw`${OPEN}\s*f\s*i\s*n\s*${CLOSE}`, "u");
/** Half a bracket: `[FIN`, `FIN]`, `[FIN merci`. The word must stop after FIN. */
const HALF_OPEN = new RegExp(String.raw`${OPEN}\s*fin(?![a-z0-9])`, "u");
const HALF_CLOSE = new RegExp(String.raw`(?<![a-z0-9])fin\s*${CLOSE}`, "u");

/** Reply and forward prefixes of the usual mail programs (after folding accents). */
const PREFIXES = /^(?:\s*(?:re|rep|ref|tr|fw|fwd|aw|wg|sv|vs|antw|r)\s*(?:\[\d+\]|\(\d+\))?\s*:)+/;

/**
 * Letters that look like I or N in other scripts (Cyrillic, Greek, Turkish dotless i),
 * so that a subject pasted from elsewhere is still recognised.
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  "\u0406": "i", // Cyrillic І
  "\u0456": "i", // Cyrillic і
  "\u0399": "i", // Greek Ι
  "\u03b9": "i", // Greek ι
  "\u0131": "i", // dotless ı
  "\u039d": "n", // Greek Ν
};

/**
 * Folds a subject for comparison: compatibility forms (full-width letters and brackets,
 * ligatures) to plain ones, accents and invisible characters dropped, every kind of space
 * to one plain space, lower case.
 */
function fold(subject: string): string {
  return subject
    .normalize("NFKC")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[\u0406\u0456\u0399\u03b9\u0131\u039d]/g, (c) => LOOKALIKES[c] ?? c)
    .replace(/\p{Cf}/gu, "")
    .replace(/[\s\p{Z}]+/gu, " ")
    .toLowerCase();
}

/** What sending this subject to a patient would do. Never throws. */
export function closingIntent(subject: string): ClosingIntent {
  if (subject === FIN_SUBJECT) return "exact";
  const folded = fold(subject);
  if (BRACKETED.test(folded) || HALF_OPEN.test(folded) || HALF_CLOSE.test(folded)) return "malformed";
  // A subject that is only the word FIN, maybe behind "Re:" or with punctuation.
  const rest = folded.replace(PREFIXES, "");
  return rest.replace(/[^\p{L}\p{N}]/gu, "") === "fin" ? "malformed" : "none";
}
