/**
 * Phrase tables compiled into one regular expression: an alternation of escaped literals,
 * longest first, where a space stands for `\s+` and `#` for `\d+`. At each position at most
 * one alternative matches, and no quantifier nests in another: the scan is linear in the text.
 */

/** Lower case letters and digits: a phrase never starts in the middle of a word. */
const WORD_BEFORE = "(?<![a-z0-9])";

function escape(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** The source of one phrase: escaped words joined by `\s+`, `#` read as a number. */
export function phraseSource(phrase: string): string {
  return phrase
    .split(" ")
    .map((word) => word.split("#").map(escape).join("\\d+"))
    .join("\\s+");
}

/** One global, case-sensitive expression (the text is folded first) for a list of phrases. */
export function compilePhrases(phrases: readonly string[]): RegExp {
  if (phrases.length === 0) return /(?!)/g;
  const sorted = [...new Set(phrases)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return new RegExp(`${WORD_BEFORE}(?:${sorted.map(phraseSource).join("|")})`, "g");
}

/** The phrase a match stands for: spaces made single, numbers made `#`. */
export function phraseKey(matched: string): string {
  return matched.replace(/\s+/g, " ").replace(/\d+/g, "#");
}
