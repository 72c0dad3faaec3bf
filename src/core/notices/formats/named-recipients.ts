/**
 * Notices that name a failed recipient by display name only (Exchange: « Jeanne Dupont le
 * 03/12/2026 », "Jeanne Dupont on 12/3/2026", Domino: "Jeanne Dupont/CLINIQUE"): the address
 * comes from the returned message's own To and Cc. A name is taken only from the notice's list
 * of failed recipients: the lines after a line that announces failed recipients and ends with
 * a colon ("Delivery has failed to these recipients or groups:", « n'a pas atteint le ou les
 * destinataires suivants : »), up to the next heading, signature or separator; and only where
 * a line is that name, alone or followed by a date or a Domino organisation. Never taken: a
 * recipient in Bcc (absent from the returned headers), a name the notice does not list, the
 * sender's own name (but for a patient's Mon espace santé mailbox: a namesake patient, named
 * without the doctor's title), a name that fits two addresses.
 */
import { addressParser } from "postal-mime";
import { isAddress, patientInfo } from "../addresses.js";
import { fold } from "../fold.js";
import { bounded, getHeaders } from "../headers.js";
import type { TextRecipient } from "../plaintext.js";
import type { HeaderField } from "../types.js";
import { SIGN_OFF } from "../signatures.js";

/** A shorter name ("Dr", "Jo") is too likely to stand in a notice for another reason. */
const MIN_NAME_CHARS = 4;
/** Lines of the notice read; lines of a list after its heading; lines kept as a diagnostic. */
const MAX_LINES = 400;
const MAX_LIST_LINES = 400;
const SNIPPET_LINES = 4;
const MAX_SNIPPET_CHARS = 1000;
/** A longer field is read up to its last whole mailbox before this (never a cut address). */
const MAX_FIELD_CHARS = 16 * 1024;
/**
 * Mailboxes looked for (beyond this, nothing is taken: a homonym could hide past the bound),
 * and notice text read: a hostile message cannot make the search long.
 */
const MAX_MAILBOXES = 200;
const MAX_NOTICE_CHARS = 64 * 1024;

interface NamedMailbox {
  /** The display name as the notice may write it, folded (lower case, no accents, single spaces). */
  readonly names: readonly string[];
  readonly address: string;
  /**
   * For a namesake of the sender (a patient who shares the doctor's name), the sender's names as
   * the returned message writes them (« dr jean martin »): a line that writes one of them, when
   * this mailbox's own name is not written so, names the doctor.
   */
  readonly senderNames: readonly string[];
}

/** Courtesy titles a notice may add before a name, or leave out. */
const TITLE = /^(?:dr|docteur|pr|professeur|mme|mlle|madame|mademoiselle|monsieur|m|mr|mrs|ms|miss)\.? +/;

function withoutTitle(name: string): string {
  return name.replace(TITLE, "");
}

/** A doctor's title before a name (folded): « Dr », « Dr. », « Docteur », « Pr », « Professeur ». */
const DOCTOR_TITLE = /^(dr|docteur|pr|prof|professeur)(?:\. *| +)/;

/** The name after a doctor's title at the start of a folded text, the title's kind « dr » or « pr »; else null. */
function doctorTitled(text: string): { readonly kind: "dr" | "pr"; readonly name: string } | null {
  const m = DOCTOR_TITLE.exec(text);
  if (m === null) return null;
  return { kind: m[1] === "dr" || m[1] === "docteur" ? "dr" : "pr", name: text.slice(m[0].length) };
}

/** A folded name, its doctor's title written one way: « docteur jean martin » as « dr jean martin ». */
function sameTitle(name: string): string {
  const titled = doctorTitled(name);
  return titled === null ? name : `${titled.kind} ${titled.name}`;
}

/** The folded text starts with the name, whole words: « jean martin » does not start « jean martinez ». */
function startsWithName(text: string, name: string): boolean {
  return name !== "" && text.startsWith(name) && !/[\p{L}\p{N}]/u.test(text.charAt(name.length));
}

/** A folded display name: lower case, no accents, single spaces, no quotes around it. */
function foldName(name: string): string {
  return fold(name).replace(/["“”«»]/g, " ").replace(/\s+/g, " ").trim();
}

/**
 * The ways a notice may write a display name: as it is, without its title (unless only a
 * surname is left: « Dr Dupont » is not « Mme Dupont »), « Nom, Prénom » turned.
 */
function nameForms(name: string): string[] {
  const forms = new Set([name]);
  if (withoutTitle(name).includes(" ")) forms.add(withoutTitle(name));
  const comma = /^([^,]+), ?([^,]+)$/.exec(withoutTitle(name));
  if (comma?.[1] !== undefined && comma[2] !== undefined) forms.add(`${comma[2]} ${comma[1]}`);
  return [...forms].filter((f) => f.length >= MIN_NAME_CHARS && /[a-z]/.test(f));
}

/** The field up to its last whole mailbox within the bound. */
function boundedField(value: string): string {
  if (value.length <= MAX_FIELD_CHARS) return value;
  const cut = value.lastIndexOf(",", MAX_FIELD_CHARS);
  return cut === -1 ? "" : value.slice(0, cut);
}

function parsedMailboxes(value: string): ReturnType<typeof addressParser> {
  try {
    // The parser decodes encoded words itself, after splitting: « =?…?Dupont=2C_Léa?= » is one name.
    return addressParser(boundedField(value), { flatten: true });
  } catch {
    return [];
  }
}

/** Display names and addresses in the returned messages' To and Cc, the sender's names aside. */
function namedMailboxes(originals: readonly (readonly HeaderField[])[]): NamedMailbox[] {
  const out: NamedMailbox[] = [];
  let count = 0;
  for (const original of originals) {
    const from = getHeaders(original, "from").flatMap((v) => parsedMailboxes(v));
    const senders = new Set(from.flatMap((m) => nameForms(foldName(m.name))));
    const senderNames = from.map((m) => foldName(m.name)).filter((n) => n !== "");
    const senderOnPlatform = from.some((m) => m.address !== undefined && patientInfo(m.address) !== null);
    for (const field of ["to", "cc"]) {
      for (const value of getHeaders(original, field)) {
        for (const m of parsedMailboxes(value)) {
          const name = foldName(m.name);
          if (m.address === undefined || !isAddress(m.address) || name.includes("@")) continue;
          const names = nameForms(name);
          if (names.length === 0) continue;
          // The doctor's own second address, under the name the message was sent with; never a
          // patient's Mon espace santé mailbox, which is a namesake's (a doctor writes from elsewhere).
          const namesake = names.some((n) => senders.has(n));
          if (namesake && (senderOnPlatform || patientInfo(m.address) === null)) continue;
          if (++count > MAX_MAILBOXES) return [];
          out.push({ names, address: m.address, senderNames: namesake ? senderNames : [] });
        }
      }
    }
  }
  return out;
}

/** Words of a heading that announces failed (or delayed) recipients, folded. */
const FAILED_HEADING = new RegExp(
  [
    "fail",
    "did not reach",
    "not be reached",
    "could not reach",
    "not (?:be )?delivered",
    "n'?t (?:be )?delivered",
    "undeliverable",
    "delayed",
    "not yet been delivered",
    "echec",
    "echoue",
    "n'a pas atteint",
    "pas pu etre (?:remis|distribue)",
    "pas ete (?:remis|distribue)",
    "pas encore ete remis",
    "non remis",
    "non distribue",
    "undelivered",
    "introuvable",
    "retarde",
    "fehlgeschlagen",
    "nicht zugestellt",
    "unzustellbar",
  ].join("|"),
);

/** A heading with a failure word that lists no failed recipient: a contact, or the delivered ones. */
const NOT_FAILED_LIST = /contact|help|aide|question|support|assistance|without failure|sans echec|succe|reussi/;

/** A line or heading that says the message was delivered (no failure word): what follows is not failed. */
const DELIVERED = /(?<![a-z])(?:delivered|accepted|remis|distribue|accepte|zugestellt)(?![a-z])/;

/** Outlook's line above the returned message, a signature's « -- », « -----Original Message----- ». */
const SEPARATOR = /^(?:_{3,}|--[ \t]*$|-+ ?(?:original message|message d'origine))/;

/** Spaces, quote marks (`>`), bullets and quotes that may stand before a name. */
const LEAD = /^[ \t>*•"'«“-]*/;

/** A weekday, whole (« Le Marchand » holds none), in English and French. */
const WEEKDAY =
  "(?:monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thu|friday|fri|saturday|sat|sunday|sun|" +
  "lundi|lun|mardi|mar|mercredi|mer|jeudi|jeu|vendredi|ven|samedi|sam|dimanche|dim)";
/** A date after a listed name: « le 03/12/2026 », "on Thu, 3 Dec 2026", « am 03.12.2026 ». */
const DATED = new RegExp(
  `(?:on|le|am)[ \\t]+(?:\\d|${WEEKDAY}\\.?,?[ \\t]+(?:[a-z]+\\.?[ \\t]+)?\\d)`,
);

/**
 * What may follow a listed name on its line: nothing, a date (« le 03/12 », "on Thu, 3 Dec"),
 * a Domino organisation.
 */
const AFTER_NAME = new RegExp(
  `^[ \\t]*["'»”]*(?:[ \\t]*$|/|[ \\t]+${DATED.source})`,
);

/**
 * The next line of a name alone on its line that ends it (« Le Gall le 03/12/2026 »): another
 * name. Read on the line as written: name parts start with a capital ("Last attempt on …" is no name).
 */
const REST_OF_NAME = new RegExp(`^(?:\\p{Lu}[\\p{L}'-]* ){1,4}(?:on|le|am) `, "u");

/**
 * What may follow a name anywhere in the notice, on its own line, to say that it failed: a
 * status (« Jeanne Dupont : échec », "Jeanne Dupont   Undeliverable") or "wasn't found".
 */
const FAILED_AFTER_NAME = new RegExp(
  `^["'»”]*[ \t]*:?[ \t]*(?:${FAILED_HEADING.source}|` +
    "wasn't found|was not found|not found|does not exist|doesn't exist|n'existe pas)",
);

interface Mention {
  readonly mailbox: NamedMailbox;
  readonly line: number;
}

function writes(start: string, name: string, after: RegExp): boolean {
  return start.startsWith(name) && after.test(start.slice(name.length));
}

/**
 * The line names the doctor, not his namesake patient (a mailbox under the sender's own name):
 * it writes the sender's name as the From does, titles written one way (« Docteur Jean Martin »,
 * « Dr. Jean Martin » for a From « Dr Jean Martin »), where the patient's own name is not written
 * so; or it writes a doctor's title (Dr, Docteur, Pr, Professeur) before the patient's name when
 * the patient's own display name carries none, even when the From carries none either (« Dr Jean
 * Martin » for a From « Jean Martin »: the directory gives the doctor his title). A patient's
 * Mon espace santé mailbox has no title in the directory, so such a line is not his: taking him
 * would report as failed a patient who got the message, while the doctor's own failure is not
 * the patient's; the notice then names nobody this reader can take.
 */
function namesDoctor(bare: string, m: NamedMailbox): boolean {
  if (m.senderNames.length === 0) return false;
  const line = sameTitle(bare);
  const own = m.names.map(sameTitle);
  if (m.senderNames.some((s) => !own.includes(sameTitle(s)) && startsWithName(line, sameTitle(s)))) return true;
  const titled = doctorTitled(bare);
  if (titled === null || m.names.some((n) => doctorTitled(n) !== null)) return false;
  return m.names.some((n) => startsWithName(titled.name, n));
}

/**
 * The mailbox a line of a failed-recipients list names: by its display name as written first
 * (« Mme Jeanne Dupont » before a « Jeanne Dupont »), else by another form; none when the line
 * fits two addresses (the notice does not say which one failed).
 */
function namedOn(text: string, mailboxes: readonly NamedMailbox[], after: RegExp): NamedMailbox | null {
  const bare = text.slice(LEAD.exec(text)?.[0].length ?? 0);
  const pool = mailboxes.filter((m) => !namesDoctor(bare, m));
  let here = pool.filter((m) => m.names[0] !== undefined && writes(bare, m.names[0], after));
  if (here.length === 0) {
    here = pool.filter((m) => m.names.some((n) => writes(bare, n, after) || writes(withoutTitle(bare), n, after)));
  }
  const addresses = new Set(here.map((m) => m.address.toLowerCase()));
  return addresses.size === 1 ? (here[0] ?? null) : null;
}

/** The mailboxes named in the notice's lists of failed recipients, each with its line. */
function mentions(
  mailboxes: readonly NamedMailbox[],
  written: readonly string[],
  folded: readonly string[],
): Mention[] {
  const found: Mention[] = [];
  let listLeft = 0;
  // Right under another heading (« Objet : »), until a blank line: what it shows, not a status.
  let underOtherHeading = false;
  let sawFailedList = false;
  let previous = "";
  let previousLine = -1;
  for (const [line, raw] of folded.entries()) {
    const text = raw.trim();
    const unquoted = text.replace(/^[>\s]+/, "");
    if (unquoted.endsWith(":")) {
      // A heading: a list of failed recipients starts, or the one under way ends. Its words may
      // begin on the line just before, when that one does not end a sentence; a heading that
      // itself says "delivered" without a failure word lists the delivered ones.
      const joined = previousLine === line - 1 && !/[.!?:>]$/.test(previous) && unquoted.split(" ").length <= 3;
      const heading = joined ? `${previous} ${unquoted}` : unquoted;
      const delivered = DELIVERED.test(unquoted) && !FAILED_HEADING.test(unquoted);
      listLeft = FAILED_HEADING.test(heading) && !NOT_FAILED_LIST.test(heading) && !delivered ? MAX_LIST_LINES : 0;
      sawFailedList ||= listLeft > 0;
      underOtherHeading = listLeft === 0;
      previous = unquoted;
      previousLine = line;
      continue;
    }
    if (unquoted !== "") {
      previous = unquoted;
      previousLine = line;
    }
    // A signature, or a separator after the list (the returned message shown below): the end.
    // A closing before any list or name ends an administrator's own text above the notice's.
    const signature = SIGN_OFF.test(unquoted) && (sawFailedList || found.length > 0);
    if (signature || (sawFailedList && SEPARATOR.test(unquoted))) break;
    if (unquoted === "") underOtherHeading = false;
    if (listLeft > 0 && DELIVERED.test(unquoted) && !FAILED_HEADING.test(unquoted)) listLeft = 0;
    let mailbox = underOtherHeading ? null : namedOn(text, mailboxes, FAILED_AFTER_NAME);
    // A heading and its one name on the same line: "was not delivered to: Jeanne Dupont/CLINIQUE".
    const colon = unquoted.indexOf(": ");
    const headed = colon > 0 ? unquoted.slice(0, colon) : "";
    if (mailbox === null && FAILED_HEADING.test(headed) && !NOT_FAILED_LIST.test(headed)) {
      mailbox = namedOn(unquoted.slice(colon + 1), mailboxes, AFTER_NAME);
    }
    if (mailbox === null && listLeft > 0) {
      // In a list: the name alone, or wrapped onto the next line by the notice's line length.
      // A name alone on its line whose next line carries more of a name and the date: someone else's.
      const wraps = REST_OF_NAME.test((written[line + 1] ?? "").trim());
      mailbox = wraps ? null : namedOn(text, mailboxes, AFTER_NAME);
      if (mailbox === null && text !== "") {
        mailbox = namedOn(`${text} ${(folded[line + 1] ?? "").trim()}`, mailboxes, AFTER_NAME);
      }
    }
    if (listLeft > 0) listLeft--;
    if (mailbox !== null) found.push({ mailbox, line });
  }
  return found;
}

/** The notice's lines about one recipient: from its name, at most a few non-blank ones, up to `end`. */
function snippetOf(lines: readonly string[], line: number, end: number): string {
  const kept: string[] = [];
  for (let i = line; i < end && i < lines.length && kept.length < SNIPPET_LINES; i++) {
    const text = lines[i]?.trim() ?? "";
    if (text !== "") kept.push(text);
  }
  return bounded(kept.join("\n"), MAX_SNIPPET_CHARS);
}

/**
 * The returned messages' To and Cc recipients that the notice lists as failed by display name
 * (case and accents aside), each with the notice's lines from its name up to the next one.
 */
export function namedRecipients(originals: readonly (readonly HeaderField[])[], noticeText: string): TextRecipient[] {
  const mailboxes = namedMailboxes(originals);
  if (mailboxes.length === 0) return [];
  const lines = noticeText.slice(0, MAX_NOTICE_CHARS).split("\n", MAX_LINES);
  const folded = lines.map((line) => fold(line).replace(/\s+/g, " "));
  const found = mentions(mailboxes, lines, folded);
  const starts = [...new Set(found.map((f) => f.line))].sort((a, b) => a - b);
  const out: TextRecipient[] = [];
  const seen = new Set<string>();
  for (const { mailbox, line } of found) {
    const key = mailbox.address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const next = starts.find((s) => s > line) ?? lines.length;
    out.push({ address: mailbox.address, snippet: snippetOf(lines, line, next) });
  }
  return out;
}
