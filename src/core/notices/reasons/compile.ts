/**
 * Phrase tables compiled into one regular expression: an alternation of escaped literals,
 * longest first, where a space stands for `\s+` and `#` for `\d+`. At each position at most
 * one alternative matches, and no quantifier nests in another: the scan is linear in the text.
 *
 * The alternation is written as a tree of shared beginnings (`a(?:b|c)` for `ab|ac`), which
 * matches exactly what the flat list matches, in the same order of preference, but lets the
 * engine turn down most phrases at a position after one character instead of one by one.
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

/** Characters escaped in a phrase's source. */
const SPECIAL = new Set(".*+?^${}()|[]\\/-");

/**
 * A phrase's source cut into what matches one thing: `\s+` for a space, `\d+` for `#`, an
 * escaped or a plain character (the tokens of `phraseSource`, read in one pass).
 */
function tokens(phrase: string): string[] {
  const out: string[] = [];
  for (const c of phrase) out.push(c === " " ? "\\s+" : c === "#" ? "\\d+" : SPECIAL.has(c) ? `\\${c}` : c);
  return out;
}

/** Tokens that can match at the same place share a key: a digit and `\d+`; any other token is its own key. */
function keyOf(token: string): string {
  // Compared, not matched with a regular expression: called for every token of every phrase.
  return token === "\\d+" || (token.length === 1 && token >= "0" && token <= "9") ? "#" : token;
}

/**
 * The alternation of the phrases (as tokens, in order of preference) from token `at` on, as a
 * tree, one source per alternative. Phrases whose next tokens cannot match at the same place are
 * put in separate branches (order between them does not matter: at most one branch can go on);
 * those sharing their next token keep their order.
 */
function tree(phrases: readonly (readonly string[])[], at: number): string[] {
  const rest = (p: readonly string[]): string => p.slice(at).join("");
  // A phrase that ends here may match where a longer one would go on: keep the flat order.
  if (phrases.some((p) => p.length <= at)) return phrases.map(rest);
  const branches = new Map<string, (readonly string[])[]>();
  for (const p of phrases) {
    const key = keyOf(p[at] ?? "");
    const branch = branches.get(key);
    if (branch === undefined) branches.set(key, [p]);
    else branch.push(p);
  }
  return [...branches].map(([key, branch]) => {
    const [only] = branch;
    if (branch.length === 1 && only !== undefined) return rest(only);
    // Every phrase goes on with the same token (`#` gathers different ones: not shared).
    if (key !== "#") return `${key}${group(tree(branch, at + 1))}`;
    return group(branch.map(rest));
  });
}

/**
 * Alternatives as one source: grouped when there are several, written as they are when there
 * is one. V8 compiles "retry\s+" as one run of characters, but "r(?:e(?:t(?:r(?:y\s+))))" as a
 * chain of one-way choices: four times slower to compile and to run, for the same matches.
 */
function group(alternatives: readonly string[]): string {
  return alternatives.length === 1 ? (alternatives[0] ?? "") : `(?:${alternatives.join("|")})`;
}

/** One global, case-sensitive expression (the text is folded first) for a list of phrases. */
export function compilePhrases(phrases: readonly string[]): RegExp {
  if (phrases.length === 0) return /(?!)/g;
  return new RegExp(`${WORD_BEFORE}(?:${tree(sortedPhrases(phrases).map(tokens), 0).join("|")})`, "g");
}

/** The phrases without repeats, longest first (the order in which the alternation prefers them). */
export function sortedPhrases(phrases: readonly string[]): string[] {
  return [...new Set(phrases)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/** The phrase a match stands for: spaces made single, numbers made `#`. */
export function phraseKey(matched: string): string {
  return matched.replace(/\s+/g, " ").replace(/\d+/g, "#");
}
