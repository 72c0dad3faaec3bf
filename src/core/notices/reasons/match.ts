/** Reading the phrase tables and the codes: which causes a text, a status code or a reply code names. */
import { fold, MAX_REASON_TEXT } from "../fold.js";
import { memoizeText } from "../memo.js";
import type { Reason } from "../types.js";
import { compilePhrases, phraseKey } from "./compile.js";
import { PATIENT_PLATFORM_CLOSED, TABLES } from "./index.js";
import type { ReasonTable } from "./table.js";

const ORDER = new Map<Reason, number>(TABLES.map((t, i) => [t.reason, i]));
const TABLE_OF = new Map<Reason, ReasonTable>(TABLES.map((t) => [t.reason, t]));

function phraseMap(pick: (t: ReasonTable) => readonly string[]): Map<string, Reason> {
  const map = new Map<string, Reason>();
  for (const t of TABLES) for (const p of pick(t)) if (!map.has(p)) map.set(p, t.reason);
  return map;
}

const STRONG = phraseMap((t) => t.strong);
const WEAK = phraseMap((t) => t.weak);
/**
 * Each table's expression is built when a text first needs it, not when the module loads:
 * building the strong table's takes most of the command's start-up, and a run over ordinary
 * mail, or the `ins` command, never needs it.
 */
function builtOnFirstUse<T>(make: () => T): () => T {
  let built: { readonly value: T } | undefined;
  return () => (built ??= { value: make() }).value;
}

/** A character above U+00FF (Latin-1). */
const WIDE = /[\u0100-\uffff]/;
const WIDE_ALL = /[\u0100-\uffff]/g;

/**
 * Each table is read by two expressions: one for its phrases of Latin-1 characters, run over a
 * copy of the text stored one byte per character (see `oneByteCopy`), and one for its few
 * phrases of other characters (Japanese), run over the folded text only when it holds such
 * characters. A phrase of the second kind is made of such characters only, and none is a space
 * (a test checks): no match of the one kind can begin inside a match of the other, so the two
 * find, between them, the phrases that one expression of all of them would find.
 */
function isWidePhrase(phrase: string): boolean {
  return WIDE.test(phrase);
}

function narrowPhrases(phrases: Iterable<string>): string[] {
  return [...phrases].filter((p) => !isWidePhrase(p));
}

function widePhrases(phrases: Iterable<string>): string[] {
  return [...phrases].filter(isWidePhrase);
}

/**
 * The sources of the tables' expressions, as `compilePhrases` writes them; the `…Wide` ones
 * null when the table has no phrase of characters above U+00FF.
 */
export interface PhraseSources {
  readonly strong: string;
  readonly weak: string;
  readonly platform: string;
  readonly strongWide: string | null;
  readonly weakWide: string | null;
  readonly platformWide: string | null;
}

function wideSource(phrases: readonly string[]): string | null {
  return phrases.length === 0 ? null : compilePhrases(phrases).source;
}

/** Builds the expressions' sources from the tables (the build calls it once, see below). */
export function phraseSources(): PhraseSources {
  return {
    strong: compilePhrases(narrowPhrases(STRONG.keys())).source,
    weak: compilePhrases(narrowPhrases(WEAK.keys())).source,
    platform: compilePhrases(narrowPhrases(PATIENT_PLATFORM_CLOSED)).source,
    strongWide: wideSource(widePhrases(STRONG.keys())),
    weakWide: wideSource(widePhrases(WEAK.keys())),
    platformWide: wideSource(widePhrases(PATIENT_PLATFORM_CLOSED)),
  };
}

/**
 * The same sources, written into the bundles by the build (`scripts/build.mjs`, from
 * `phraseSources` above): building the strong table's expression costs a fresh process more
 * than classifying dozens of notices. Not defined when the modules run unbundled (tests):
 * the expressions are then built here.
 */
declare const PRECOMPILED_PHRASES: PhraseSources | undefined;
const precompiled = typeof PRECOMPILED_PHRASES === "undefined" ? undefined : PRECOMPILED_PHRASES;

function expression(source: string | undefined, phrases: () => readonly string[]): RegExp {
  return source === undefined ? compilePhrases(phrases()) : new RegExp(source, "g");
}

function wideExpression(source: string | null | undefined, phrases: () => readonly string[]): RegExp | null {
  if (source === undefined) {
    const wide = phrases();
    return wide.length === 0 ? null : compilePhrases(wide);
  }
  return source === null ? null : new RegExp(source, "g");
}

/** One table's two expressions (see `isWidePhrase`). */
interface TableExpressions {
  readonly narrow: () => RegExp;
  readonly wide: () => RegExp | null;
}

function tableExpressions(
  sources: readonly [string | undefined, string | null | undefined],
  phrases: () => Iterable<string>,
): TableExpressions {
  return {
    narrow: builtOnFirstUse(() => expression(sources[0], () => narrowPhrases(phrases()))),
    wide: builtOnFirstUse(() => wideExpression(sources[1], () => widePhrases(phrases()))),
  };
}

const strongRe = tableExpressions([precompiled?.strong, precompiled?.strongWide], () => STRONG.keys());
const weakRe = tableExpressions([precompiled?.weak, precompiled?.weakWide], () => WEAK.keys());
const platformRe = tableExpressions([precompiled?.platform, precompiled?.platformWide], () => PATIENT_PLATFORM_CLOSED);

function byOrder(a: Reason, b: Reason): number {
  return (ORDER.get(a) ?? 99) - (ORDER.get(b) ?? 99);
}

/** Stands for a character above U+00FF in the copy the tables read (see `oneByteCopy`). */
export const WIDE_STAND_IN = "\u001a";
const SPACE = /\s/;

/** What a character above U+00FF reads as in the copy: a space if it is one, else the stand-in. */
function narrowed(c: string): string {
  return SPACE.test(c) ? " " : WIDE_STAND_IN;
}

/**
 * A copy of a folded text that the engine stores one byte per character: each character above
 * U+00FF made a space if it is one, `WIDE_STAND_IN` otherwise. V8 compiles an expression once
 * for texts stored one byte per character and once more for the others (any text read from a
 * message with a single such character, and every text cut or folded from it, even when that
 * no longer holds one): compiling the strong table's expression a second time costs more than
 * all the scans of a run. The Latin-1 phrases' expressions hold only those phrases'
 * characters, `\s+`, `\d+` and `[a-z0-9]`, and no phrase holds the stand-in (a test checks):
 * each character replaced is matched by what matched it before, at the same place, so they
 * find the same phrases at the same places.
 */
function oneByteCopy(text: string): string {
  const narrow = WIDE.test(text) ? text.replace(WIDE_ALL, narrowed) : text;
  // Decoded from UTF-8, a text of Latin-1 characters only is stored one byte per character.
  return utf8.decoder.decode(utf8.encoder.encode(narrow));
}

const utf8 = { encoder: new TextEncoder(), decoder: new TextDecoder() };

/**
 * Adds to `found` the causes of the phrases the expression finds in a text; each phrase is read
 * from `original`, at the same place.
 */
function collect(
  re: RegExp,
  map: ReadonlyMap<string, Reason>,
  text: string,
  original: string,
  found: Set<Reason>,
): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const reason = map.get(phraseKey(original.slice(m.index, m.index + m[0].length)));
    if (reason !== undefined) found.add(reason);
  }
}

/**
 * The causes whose phrases a table finds in a text: its Latin-1 phrases matched in the text's
 * one-byte copy (each read from the folded text itself, at the same place), the others in the
 * folded text when it holds characters above U+00FF.
 */
function scan(table: TableExpressions, map: ReadonlyMap<string, Reason>, text: string): Reason[] {
  const original = folded(text);
  const found = new Set<Reason>();
  collect(table.narrow(), map, scanned(text), original, found);
  const wide = WIDE.test(original) ? table.wide() : null;
  if (wide !== null) collect(wide, map, original, original, found);
  return [...found].sort(byOrder);
}

export interface PhraseMatches {
  /** The patient platform's closed-mailbox sentence is there. */
  readonly platformClosed: boolean;
  /** Causes named by strong phrases, in order of precedence. */
  readonly strong: readonly Reason[];
  /** Causes hinted at by weak phrases, in order of precedence. */
  readonly weak: readonly Reason[];
}

/**
 * The code and status that begin each line of a multi-line SMTP reply (`550-5.7.1 `), and
 * the last line's (`550 5.7.1 `): read as a space, they would cut a phrase in two.
 */
const REPLY_LINE_CODE = /(?<![\w.-])[245]\d\d[ -][245]\.\d{1,3}\.\d{1,3}(?![\w.-])/g;

/**
 * A relay's own code and label before the remote server's reply ("5.1.0 - Unknown address
 * error 550-'5.7.1 …'", Amazon SES): the label is the relay's guess at the cause, the reply
 * that follows says what it is. Bounded quantifiers only.
 */
const RELAY_LABEL = /(?<![\w.])[45]\.\d{1,3}\.\d{1,3} - [a-z][a-z ]{0,60} error (?=[45]\d\d[ -])/gi;

/** A text without a relay's code and label before a remote reply (see `RELAY_LABEL`). */
export function withoutRelayLabel(text: string): string {
  return text.replace(RELAY_LABEL, " ");
}

/**
 * A text as the tables read it: folded, bounded, the reply codes of its lines and a relay's
 * label before a remote reply read as spaces.
 */
const folded = memoizeText(
  (text: string): string =>
    withoutRelayLabel(fold(text).slice(0, MAX_REASON_TEXT)).replace(REPLY_LINE_CODE, " "),
  8,
);

/** The one-byte copy of a folded text that the Latin-1 phrases' expressions read (see `oneByteCopy`). */
const scanned = memoizeText((text: string): string => oneByteCopy(folded(text)), 8);

/** Whether a text holds the patient platform's closed-mailbox sentence. */
export const platformClosedIn = memoizeText((text: string): boolean => {
  const narrow = platformRe.narrow();
  narrow.lastIndex = 0;
  if (narrow.test(scanned(text))) return true;
  const wide = WIDE.test(folded(text)) ? platformRe.wide() : null;
  if (wide === null) return false;
  wide.lastIndex = 0;
  return wide.test(folded(text));
});

/** Causes named by the tables' own strong phrases, in order of precedence. */
export const strongPhrasesIn = memoizeText((text: string): readonly Reason[] => scan(strongRe, STRONG, text));

/**
 * Causes named by strong phrases, in order of precedence, and by a mailbox or a host named as
 * missing ("user jdoe not found", "host a.b not found"). Remembers its last answers.
 */
export const strongIn = memoizeText((text: string): readonly Reason[] => {
  let found = strongPhrasesIn(text);
  if (!found.includes("unknown-recipient") && namesMissingMailbox(folded(text))) {
    found = [...found, "unknown-recipient" as const].sort(byOrder);
  }
  if (!found.includes("sender-rejected") && namesMissingSender(folded(text))) {
    found = [...found, "sender-rejected" as const].sort(byOrder);
  }
  if (found.includes("host-unknown") || !namesMissingHost(folded(text))) return found;
  return [...found, "host-unknown" as const].sort(byOrder);
});

/** The sender as a refusal names it (folded): « l'émetteur », « l'expéditeur », « Expéditeur ». */
const SENDER_NOUNS: readonly string[] = ["emetteur", "expediteur"];

/** What follows the sender, or the sender's address after it, when a server says it does not exist. */
const SENDER_MISSING: readonly string[] = [
  "n'existe pas",
  "est inconnu",
  "inconnu",
  "est introuvable",
  "introuvable",
  "n'est pas connu",
  "n'est pas reference",
  "n'est pas repertorie",
  "n'est pas enregistre",
];

/**
 * Words before the sender that make what is missing the recipient's address, given by the
 * sender (« l'adresse indiquée par l'émetteur n'existe pas »).
 */
const GIVEN_BY_SENDER = new Set(["par", "a", "au", "pour", "vers", "que", "qu'"]);

/** What may stand between the sender and the words: « du message », quote marks, one address. */
const OF_THE_MESSAGE: readonly string[] = [
  "du message", "de ce message", "de votre message", "du courriel", "de ce courriel", "du mail", "de ce mail",
];
const QUOTE_MARKS = new Set(["«", "»", '"', "<", ">", "(", ")", "[", "]"]);

/**
 * « l'émetteur n'existe pas dans l'annuaire », « l'adresse de l'expéditeur <x@y> est inconnue »,
 * « Expéditeur <x@y> inconnu », « l'émetteur du message n'existe pas »: the sender's own address
 * is what the remote side does not know. Read by hand around each occurrence, no pattern.
 */
export function namesMissingSender(foldedText: string): boolean {
  for (const noun of SENDER_NOUNS) {
    let at = foldedText.indexOf(noun);
    let tries = 0;
    while (at >= 0 && tries++ < 1000) {
      if (senderNamedAt(foldedText, at, noun.length)) {
        const next = afterSenderWords(foldedText, at + noun.length);
        if (next !== null && SENDER_MISSING.some((tail) => foldedText.startsWith(tail, next))) return true;
      }
      at = foldedText.indexOf(noun, at + noun.length);
    }
  }
  return false;
}

/**
 * The noun at `at` is a word of its own (an elided article before it, « l' », « d' », or
 * nothing), and the words before it do not make what follows someone else's: not « indiquée
 * par l'émetteur », nor « le destinataire <x@y> de l'expéditeur ».
 */
function senderNamedAt(text: string, at: number, length: number): boolean {
  const elided = at >= 2 && (text.startsWith("l'", at - 2) || text.startsWith("d'", at - 2));
  const start = elided ? at - 2 : at;
  if (start > 0 && isWordCharacter(text.charAt(start - 1))) return false;
  if (isWordCharacter(text.charAt(at + length))) return false;
  const beforeEnd = spacesBack(text, start);
  const word = beforeEnd === start ? "" : wordBefore(text, beforeEnd);
  const before = trimPunctuation(word);
  if (GIVEN_BY_SENDER.has(before) || recipientEarlierInClause(text, start)) return false;
  if (before !== "de" && before !== "du") return true;
  const owner = trimPunctuation(previousWord(text, beforeEnd - word.length));
  return !(owner.includes("@") || owner === "destinataire" || owner === "recipient");
}

/**
 * « l'adresse du destinataire saisie dans le message de l'expéditeur est inconnue »: the
 * recipient named earlier in the same clause is what the words are about.
 */
function recipientEarlierInClause(text: string, start: number): boolean {
  let from = start;
  while (from > 0 && start - from < 80 && !",.;:!?\n".includes(text.charAt(from - 1))) from--;
  // « … pour ce destinataire car l'émetteur n'existe pas »: the cause is a clause of its own.
  const clause = text.slice(from, start);
  const cause = Math.max(...[" car ", " because ", " parce que "].map((word) => clause.lastIndexOf(word)));
  return /\b(?:destinataire|recipient)s?\b/.test(cause === -1 ? clause : clause.slice(cause));
}

function isWordCharacter(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c === "_" || c === "-";
}

/**
 * Where the words after the sender's noun start, past a comma, « du message », quote marks and
 * one address; null when nothing stands between (« l'émetteurn'existe »).
 */
function afterSenderWords(text: string, end: number): number | null {
  let next = skipSpaces(text, text.charAt(end) === "," ? end + 1 : end);
  if (next === end) return null;
  const of = OF_THE_MESSAGE.find((words) => text.startsWith(words, next));
  if (of !== undefined) next = skipSpaces(text, next + of.length);
  let addressSeen = false;
  for (let k = 0; k < 4; k++) {
    const word = wordAfter(text, next);
    const bare = word.endsWith(",") ? word.slice(0, -1) : word;
    const quotes: boolean = bare !== "" && onlyQuoteMarks(bare);
    const address: boolean = !addressSeen && bare.includes("@");
    if (!quotes && !address) break;
    addressSeen ||= address;
    next = skipSpaces(text, next + word.length);
  }
  return next;
}

function onlyQuoteMarks(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (!QUOTE_MARKS.has(word.charAt(i))) return false;
  return true;
}

/** Where the spaces before `at` start, at most 64 of them. */
function spacesBack(text: string, at: number): number {
  let end = at;
  while (end > 0 && at - end < 64 && isSpace(text[end - 1])) end--;
  return end;
}

/** The word before `at`, past the spaces there (« par  l'émetteur »); none when no space stands there. */
function previousWord(text: string, at: number): string {
  const end = spacesBack(text, at);
  return end === at ? "" : wordBefore(text, end);
}

/** Where the spaces from `start` end, at most 64 of them. */
function skipSpaces(text: string, start: number): number {
  let i = start;
  while (i < text.length && i - start < 64 && isSpace(text[i])) i++;
  return i;
}

/** The word that starts at `start`: up to the next space, at most 256 characters. */
function wordAfter(text: string, start: number): string {
  let end = start;
  while (end < text.length && end - start < 256 && !isSpace(text[end])) end++;
  return text.slice(start, end);
}

/** What follows a mailbox's name that a server says does not exist (folded text). */
const MISSING_MAILBOX: readonly string[] = [
  " not found",
  " was not found",
  " does not exist",
  " doesn't exist",
  " unknown",
  " is unknown",
  " introuvable",
  " inconnu",
  " inconnue",
  " inexistant",
  " inexistante",
  " n'existe pas",
];

/** The word before a name that makes it a mailbox's ("user jdoe not found on host mx.example.org"). */
const NAMED_MAILBOX_NOUNS = new Set([
  "user", "mailbox", "recipient", "account", "addressee", "utilisateur", "destinataire", "boite", "compte",
]);

/** Names that are not a mailbox's, after those nouns ("recipient domain unknown", "user account unknown"). */
const NOT_A_MAILBOX_NAME = new Set([
  "domain", "host", "hostname", "server", "mx", "dns", "record", "domaine", "serveur", "hote", "is", "was", "est",
  "name", "address", "account", "mailbox", "certificate", "key", "quota",
]);

/**
 * "user jdoe not found on host mx.example.org", "mailbox <x@y> does not exist": a mailbox
 * noun, one name, then words saying it does not exist. The mailbox is unknown, whatever host
 * is named after it. Words are read by hand around each occurrence: no pattern.
 */
export function namesMissingMailbox(foldedText: string): boolean {
  for (const tail of MISSING_MAILBOX) {
    let at = foldedText.indexOf(tail);
    let tries = 0;
    while (at > 0 && tries++ < 1000) {
      const word = wordBefore(foldedText, at);
      const start = at - word.length;
      const name = trimPunctuation(word);
      if (start > 1 && isSpace(foldedText[start - 1])) {
        if (isMailboxName(name)) {
          if (mailboxNamedBefore(foldedText, start - 1)) return true;
        } else if (COPULAS.has(name)) {
          // "user jdoe is not found", « l'utilisateur jdupont est introuvable »: the name is one word further back.
          const nameWord = wordBefore(foldedText, start - 1);
          const nameStart = start - 1 - nameWord.length;
          if (nameStart > 1 && isSpace(foldedText[nameStart - 1]) && isMailboxName(trimPunctuation(nameWord))) {
            if (mailboxNamedBefore(foldedText, nameStart - 1)) return true;
          }
        }
      }
      at = foldedText.indexOf(tail, at + tail.length);
    }
  }
  return false;
}

/** "is", "was", « est » between a mailbox's name and the words saying it does not exist. */
const COPULAS = new Set(["is", "was", "est"]);

/**
 * Words before a mailbox noun that make the mailbox the sender's own ("sender user x not
 * found", "authenticated user x unknown"): a refusal of the sender, never an unknown recipient.
 */
const SENDER_SIDE_WORDS = new Set(["sender", "sender's", "authenticated", "auth", "login", "smtp", "expediteur"]);

/**
 * The word that ends at `end` (folded text) is a mailbox noun ("user", « l'utilisateur »), and
 * the word before that noun does not make the mailbox the sender's.
 */
function namedMailboxBefore(foldedText: string, end: number): boolean {
  const word = wordBefore(foldedText, end);
  const trimmed = trimPunctuation(word);
  // « l'utilisateur », « d'utilisateur »: the elided article is no part of the noun.
  const noun = trimmed.startsWith("l'") || trimmed.startsWith("d'") ? trimmed.slice(2) : trimmed;
  if (!NAMED_MAILBOX_NOUNS.has(noun)) return false;
  const start = end - word.length;
  return !(start > 1 && SENDER_SIDE_WORDS.has(trimPunctuation(wordBefore(foldedText, start - 1))));
}

/** A mailbox noun before the name (see namedMailboxBefore), or before the mailbox whose domain the name is. */
function mailboxNamedBefore(foldedText: string, end: number): boolean {
  return namedMailboxBefore(foldedText, end) || domainOfNamedMailbox(foldedText, end);
}

/**
 * "recipient x at domain example.org", « le destinataire x du domaine y »: the name before `end`
 * (folded text, the space after it) is the domain of a named mailbox, so the mailbox is what is
 * said missing.
 */
function domainOfNamedMailbox(foldedText: string, end: number): boolean {
  const noun = wordBefore(foldedText, end);
  const nounStart = end - noun.length;
  if (!HOST_NOUNS.has(trimPunctuation(noun)) || nounStart < 2 || !isSpace(foldedText[nounStart - 1])) return false;
  const place = wordBefore(foldedText, nounStart - 1);
  const placeStart = nounStart - 1 - place.length;
  if (!PLACE_WORDS.has(trimPunctuation(place)) || placeStart < 2 || !isSpace(foldedText[placeStart - 1])) return false;
  const name = wordBefore(foldedText, placeStart - 1);
  const nameStart = placeStart - 1 - name.length;
  if (!isMailboxName(trimPunctuation(name)) || nameStart < 2 || !isSpace(foldedText[nameStart - 1])) return false;
  return namedMailboxBefore(foldedText, nameStart - 1);
}

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r";
}

/** A word that can name a mailbox: letters or digits, at most 254 characters, not a common noun. */
function isMailboxName(name: string): boolean {
  if (name === "" || name.length > 254 || NOT_A_MAILBOX_NAME.has(name)) return false;
  let letterOrDigit = false;
  for (const c of name) {
    if (isSpace(c)) return false;
    if ((c >= "a" && c <= "z") || (c >= "0" && c <= "9")) letterOrDigit = true;
  }
  return letterOrDigit;
}

/**
 * What follows a name that a server says does not exist (folded text), and whether the word
 * before that name must say it is a host ("host mx.example.org not found").
 */
const MISSING: readonly (readonly [string, boolean])[] = [
  [" does not exist", false],
  [" doesn't exist", false],
  [" not found", true],
  // « le domaine bio-analyses.example est introuvable / n'existe pas »
  [" est introuvable", true],
  [" introuvable", true],
  [" n'existe pas", true],
  [" inexistant", true],
];

const HOST_NOUNS = new Set(["host", "domain", "hostname", "mx", "domaine", "hote"]);

/**
 * "553 mx.example.org does not exist", "host mx.example.org not found": the name that does
 * not exist is a host (two dots or more, no `@`), not a mailbox. Words are read by hand
 * around each occurrence: no pattern.
 */
export function namesMissingHost(foldedText: string): boolean {
  for (const [tail, needsNoun] of MISSING) {
    let at = foldedText.indexOf(tail);
    while (at > 0) {
      const word = wordBefore(foldedText, at);
      const start = at - word.length;
      const spaceBefore = start > 0 && /\s/.test(foldedText[start - 1] ?? "");
      const nounEnd = spaceBefore ? start - 1 : start;
      const noun = needsNoun ? wordBefore(foldedText, nounEnd) : "";
      // After "domain"/"host", one dot is enough ("domain example.org not found").
      const host = isHostName(trimPunctuation(word), needsNoun ? 2 : 3);
      const named = needsNoun ? hostNamed(foldedText, noun, nounEnd - noun.length) : !aboutAMailbox(foldedText, start);
      if (host && named) return true;
      at = foldedText.indexOf(tail, at + tail.length);
    }
  }
  return false;
}

/**
 * The noun before a missing name says it is a host ("host mx.example.org not found"), and is
 * not itself the place of something else ("recipient x at domain example.org not found", « le
 * destinataire x du domaine patient.mssante.fr est introuvable »: the recipient is missing).
 */
function hostNamed(foldedText: string, noun: string, nounStart: number): boolean {
  if (!HOST_NOUNS.has(trimPunctuation(noun))) return false;
  const spaced = nounStart > 0 && isSpace(foldedText[nounStart - 1]);
  const before = spaced ? wordBefore(foldedText, nounStart - 1) : "";
  if (!PLACE_WORDS.has(trimPunctuation(before))) return true;
  // « le nom de domaine x.y est introuvable »: « de » joins the noun's own words here.
  const beforeStart = nounStart - 1 - before.length;
  if (beforeStart < 2 || !isSpace(foldedText[beforeStart - 1])) return false;
  return trimPunctuation(wordBefore(foldedText, beforeStart - 1)) === "nom";
}

/** Words that say the name after them is where something else is ("user 123 at example.org"). */
const PLACE_WORDS = new Set(["at", "on", "in", "for", "chez", "sur", "dans", "pour", "de", "du"]);
/** Words that say a mailbox is meant ("mailbox 'jean.paul.martin'", "user 123 on mx.example.org"). */
const MAILBOX_NOUNS = new Set([
  "mailbox", "user", "recipient", "address", "account", "boite", "utilisateur", "destinataire", "adresse", "compte",
]);

/**
 * Whether the name that ends at `start` (folded text) is said to be a mailbox, or the place of
 * one, rather than a host: the word before it is a place word ("… at patient.mssante.fr does
 * not exist"), or one of the four words before it, on the same line, names a mailbox.
 */
function aboutAMailbox(foldedText: string, start: number): boolean {
  const lineStart = foldedText.lastIndexOf("\n", start - 1) + 1;
  const before = foldedText.slice(Math.max(lineStart, start - 256), start).split(/\s+/).filter((w) => w !== "");
  const last = before.slice(-4).map(trimPunctuation);
  if (PLACE_WORDS.has(last[last.length - 1] ?? "")) return true;
  return last.some((w) => MAILBOX_NOUNS.has(w));
}

/** The word that ends at `end`: back to the last space, at most 256 characters. */
function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && end - start < 256 && !/\s/.test(text[start - 1] ?? " ")) start--;
  return text.slice(start, end);
}

const OPENING = new Set(["<", '"', "'", "(", "["]);
const CLOSING = new Set([">", '"', "'", ")", "]", ".", ",", ":", ";"]);

function trimPunctuation(word: string): string {
  let a = 0;
  let b = word.length;
  while (a < b && OPENING.has(word[a] ?? "")) a++;
  while (b > a && CLOSING.has(word[b - 1] ?? "")) b--;
  return word.slice(a, b);
}

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A fully written host name: three labels or more, the last one letters only. */
function isHostName(word: string, minLabels: number): boolean {
  if (word.length > 253 || word.includes("@")) return false;
  const labels = word.split(".");
  const last = labels[labels.length - 1] ?? "";
  return labels.length >= minLabels && /^[a-z]{2,24}$/.test(last) && labels.every((l) => HOST_LABEL.test(l));
}

/** Causes hinted at by weak phrases, in order of precedence. Remembers its last answers. */
export const weakIn = memoizeText((text: string): readonly Reason[] => scan(weakRe, WEAK, text));

/**
 * The causes a text names (folded and bounded first). Each question is also asked alone
 * (`platformClosedIn`, `strongIn`, `weakIn`): a long text is then scanned only by the tables
 * whose answer is needed.
 */
export function matchPhrases(text: string): PhraseMatches {
  return { platformClosed: platformClosedIn(text), strong: strongIn(text), weak: weakIn(text) };
}

export interface Hint {
  readonly reason: Reason;
  readonly strong: boolean;
}

const STATUS = /^([45])\.(\d{1,3})\.(\d{1,3})$/;

/** What an enhanced status code (RFC 3463 and the IANA registry) says about the cause. */
export function statusReason(status: string | null): Hint | null {
  if (status === null) return null;
  const m = STATUS.exec(status);
  if (m === null) return null;
  const exact = `X.${m[2] ?? ""}.${m[3] ?? ""}`;
  for (const t of TABLES) if (t.statuses.strong.includes(exact)) return { reason: t.reason, strong: true };
  for (const t of TABLES) if (t.statuses.weak.includes(exact)) return { reason: t.reason, strong: false };
  // A whole subject (`X.7.*`), but never its unspecified detail 0.
  if (m[3] === "0") return null;
  const subject = `X.${m[2] ?? ""}.*`;
  for (const t of TABLES) if (t.statuses.weak.includes(subject)) return { reason: t.reason, strong: false };
  return null;
}

/** A basic SMTP reply code (`550`, `452`) not part of a number or of a status code. */
const REPLY_CODE = /(?:^|[^\d.#-])([45][0-5]\d)(?:[ -]|$)/;

/** What a basic SMTP reply code says, as a last hint. */
export function replyCodeReason(text: string): Reason | null {
  const m = REPLY_CODE.exec(text.slice(0, MAX_REASON_TEXT));
  const code = m?.[1];
  if (code === undefined) return null;
  for (const t of TABLES) if (t.replyCodes.includes(code)) return t.reason;
  return code.startsWith("4") ? "temporary" : null;
}

/** Whether a strong phrase for `named` says more than a strong status code for `coded`. */
export function overrides(named: Reason, coded: Reason, text: string): boolean {
  // Only the tables' own phrases: a name read as a mailbox's ("recipient patient.mssante.fr not
  // found", "user jdoe not found on host …") is too weak to overturn a code.
  return TABLE_OF.get(coded)?.overriddenBy.includes(named) === true && strongPhrasesIn(text).includes(named);
}

const ANY_STATUS = /(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d]|\.\d)/;
const FAILURE_STATUS = /(?<![\d.])([45])\.(\d{1,3})\.(\d{1,3})(?![\d]|\.\d)/;

/** Finds an enhanced status code (`5.1.1`) in free text, not mistaking IP addresses for one. */
export function findStatus(text: string, allowSuccess = false): string | null {
  const re = allowSuccess ? ANY_STATUS : FAILURE_STATUS;
  const m = re.exec(text.slice(0, MAX_REASON_TEXT));
  return m === null ? null : `${m[1] ?? ""}.${m[2] ?? ""}.${m[3] ?? ""}`;
}
