/**
 * A letter's closing (« Cordialement, », « Bien à vous, », "Best regards") and the signature
 * delimiter: where a notice's own words end and its writer's signature begins, and whether an
 * address in a notice's lines is its writer's, in that signature, or a failed recipient's.
 */
import { isAddress } from "./addresses.js";
import { fold } from "./fold.js";
import { findStatus } from "./reasons/match.js";

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

/**
 * A closing or the signature delimiter « -- » stands in the lines just above line `i`: an
 * address alone on its line there, or after « Courriel : », signs the notice (« Cordialement, /
 * Le service messagerie / Tél. … / messagerie@… »), it is not the one that failed.
 */
export function signedAbove(lines: readonly string[], i: number): boolean {
  // The closing, then at most five lines (a name, a service, a telephone…): a signature's
  // block. A blank line stands in it only right under the closing; a list of failed recipients
  // comes after a blank line or a heading (« Destinataires : »).
  for (let k = i - 1; k >= 0 && k >= i - 6; k--) {
    const line = lines[k] ?? "";
    if (line.trim() === "") return k > 0 && SIGN_OFF.test(fold(lines[k - 1] ?? ""));
    if (opensSignature(fold(line))) return true;
    if (/:[ \t]*$/.test(line)) return false;
  }
  return false;
}

/**
 * The next line that is not blank, under line `i`, gives a status or an SMTP reply ("550 5.2.1
 * mailbox disabled"): the address above it is a failed one, whatever closing stands above.
 */
export function replyFollows(lines: readonly string[], i: number): boolean {
  for (let k = i + 1; k < lines.length && k <= i + 2; k++) {
    const line = lines[k] ?? "";
    if (line.trim() === "") continue;
    return findStatus(line, true) !== null || (/^[ \t>]*[45]\d\d[ -]/.test(line) && SMTP_WORDS.test(fold(line)));
  }
  return false;
}

/** Words of an SMTP reply, not of a street's number (« 450 avenue de la République »; folded). */
const SMTP_WORDS = new RegExp(
  [
    "\\b(?:mailbox|user|recipient|address|rejected|refused|denied|unavailable|unknown|disabled|full|quota|",
    "relay|spam|policy|boite|utilisateur|destinataire|adresse|refuse|inconnu|desactive|pleine|indisponible)\\b",
  ].join(""),
);

/** After an address, only more addresses, each after a comma or a semicolon (a signature's line). */
export function othersListedAfter(after: string): boolean {
  const parts = after.split(/[,;]/);
  if (parts.length < 2 || parts.length > 6 || !/^[\s>"'»)\].]*$/.test(parts[0] ?? "")) return false;
  return parts.slice(1).every((part) => isAddress(part.trim().replace(/^[<"'(]+|[>"').]+$/g, "")));
}

/** A contact label alone before an address on its line: « Courriel : », "E-mail:", « Mél : ». */
export const CONTACT_LABEL = new RegExp(
  "^[ \\t>*•-]*(?:courriel|e-?mail|mail|m[eé]l|adresse (?:e-?mail|[eé]lectronique|de contact)|contact)" +
    "[ \\t]*:?[ \\t<\"'«(]*$",
  "i",
);
