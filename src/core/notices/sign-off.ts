/**
 * A letter's closing (« Cordialement, », « Bien à vous, », "Best regards") and the signature
 * delimiter: where a notice's own words end and its writer's signature begins.
 */

/** A closing on a line of its own (folded text). */
export const SIGN_OFF = new RegExp(
  [
    "^[ \\t]*(?:(?:bien |tres |tres bien )?cordialement|(?:sinceres |meilleures )?salutations(?: distinguees)?|",
    "bien a vous|a bientot|respectueusement|(?:with )?(?:best |kind |warm |many )?(?:regards|thanks)|",
    "sincerely|thank you|merci|cheers)[ \\t,.!]*$",
  ].join(""),
);

/** The signature delimiter: « -- » alone on its line, its space after it or not. */
export const SIGNATURE_DELIMITER = /^--[ \t]*$/;

/** A line that opens a signature: a closing or the delimiter (folded text). */
export function opensSignature(foldedLine: string): boolean {
  return SIGN_OFF.test(foldedLine) || SIGNATURE_DELIMITER.test(foldedLine);
}
