/** Reading the phrase tables and the codes: which causes a text, a status code or a reply code names. */
import { fold, MAX_REASON_TEXT } from "../fold.js";
import { memoizeText } from "../memo.js";
import type { Reason } from "../types.js";
import { compilePhrases, phraseKey } from "./compile.js";
import { PATIENT_PLATFORM_CLOSED, TABLES } from "./index.js";
import { namesMissingHost, namesMissingMailbox, namesMissingSender } from "./named-missing.js";
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
