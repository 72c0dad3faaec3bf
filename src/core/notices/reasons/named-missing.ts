/**
 * Words read by hand, around each occurrence, that name something as missing: a mailbox ("user
 * jdoe not found"), a host ("host mx.example.org not found", « le domaine x.fr est
 * introuvable »), the sender (« l'émetteur n'existe pas dans l'annuaire »). No pattern: the
 * words before and after are looked at one by one. All texts here are folded.
 */

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
