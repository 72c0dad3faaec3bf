/**
 * Words of a stop ("no further attempts") or of a give-up (« délai maximal atteint ») said under
 * a condition still to come: "if the message still cannot be delivered after 48 hours, no
 * further attempts will be made", « passé ce délai, aucune nouvelle tentative ne sera
 * effectuée », « il vous sera retourné si le délai maximal de remise est atteint ». A delay
 * warning says them of the future; a final notice does not. All texts here are folded.
 */

/**
 * Words opening a condition: "if", « si » opening a clause (not « le SI hospitalier »), a time.
 * Not "unless", "otherwise", « sinon »: a condition on what the reader does (« renvoyez-le, sinon
 * aucune autre tentative ne sera faite ») leaves the stop standing.
 */
const CONDITION = new RegExp(
  [
    "\\bif\\b|",
    "\\bsi (?=vous|le |la |les |l'|votre |vos |ce |cet|ces |il |elle |un |une |au |aux |apres |dans |d'ici )|",
    "\\b(?:after that|after this|beyond that|passe ce delai|apres ce delai)\\b",
  ].join(""),
  "g",
);

/** A condition of time ("after that", « passé ce délai »): said in a past tense, it tells what happened. */
const OF_TIME = /^(?:after|beyond|passe|apres)/;

/**
 * Words between the condition and the stop that make the stop no part of it: a cause (« car »,
 * "since"), a request to the reader (« contactez », "please").
 */
const NOT_ITS_CONSEQUENCE =
  /\b(?:car|because|since|puisque|as|donc|so|please|veuillez|merci de|contactez|contact|renvoyez|resend)\b/;

/** A past tense: "was deleted", "expired", « n'a été faite », « a été supprimé », « a expiré ». */
const PAST = new RegExp(
  [
    "\\b(?:was|were|had|has been|have been|expired|gave up|a ete|ont ete|n'a|n'ont|avait|",
    "a (?:expire|abandonne|echoue|renonce|cesse|annule|supprime))\\b",
  ].join(""),
);

/** Characters that end a clause. */
const CLAUSE_END = /[.;:!?\n]/;

/** Where the clause around `at` starts: past the last end of a clause, at most 160 characters back. */
function clauseStart(text: string, at: number): number {
  for (let i = at - 1; i >= 0 && i >= at - 160; i--) if (CLAUSE_END.test(text.charAt(i))) return i + 1;
  return Math.max(0, at - 160);
}

/** The rest of the clause after `end`, at most 80 characters. */
function clauseAfter(text: string, end: number): string {
  let i = end;
  while (i < text.length && i - end < 80 && !CLAUSE_END.test(text.charAt(i))) i++;
  return text.slice(end, i);
}

/**
 * The words found at `at`…`end` are the consequence of a condition opened earlier in their
 * clause: at most one comma between, no cause nor request to the reader, and, for a condition of
 * time, nothing said in a past tense.
 */
export function underCondition(text: string, at: number, end: number): boolean {
  const clause = text.slice(clauseStart(text, at), at);
  CONDITION.lastIndex = 0;
  let opened: { index: number; words: string } | null = null;
  let m: RegExpExecArray | null;
  let tries = 0;
  while ((m = CONDITION.exec(clause)) !== null && tries++ < 40) opened = { index: m.index, words: m[0] };
  if (opened === null) return false;
  const between = clause.slice(opened.index + opened.words.length);
  if ((between.match(/,/g)?.length ?? 0) > 1 || NOT_ITS_CONSEQUENCE.test(between)) return false;
  if (!OF_TIME.test(opened.words)) return true;
  return !PAST.test(`${between}${text.slice(at, end)}${clauseAfter(text, end)}`);
}

/** Whether a global expression finds, in a text, words not under a condition (see `underCondition`). */
export function saysUnconditionally(re: RegExp, text: string): boolean {
  return countUnconditional(re, text, 1) > 0;
}

/**
 * How many of a global expression's finds in a text are not under a condition, counting up to
 * `enough` of them; at most 100 finds are looked at.
 */
export function countUnconditional(re: RegExp, text: string, enough = 100): number {
  re.lastIndex = 0;
  let n = 0;
  let m: RegExpExecArray | null;
  let tries = 0;
  while (n < enough && (m = re.exec(text)) !== null && tries++ < 100) {
    if (!underCondition(text, m.index, m.index + m[0].length)) n++;
    if (m[0] === "") re.lastIndex++;
  }
  return n;
}
