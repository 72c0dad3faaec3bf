/**
 * Notices that name a failed recipient by display name only (« Jeanne Dupont le 03/12/2026 »,
 * "Jeanne Dupont on 12/3/2026"): the address comes from the returned message's own To and Cc,
 * for a name that starts a line of the notice as whole words. A recipient in Bcc (absent from
 * the returned headers), one the notice does not name, a name the notice only echoes in its
 * summary of the message (« To: », « Objet : ») or says in a sentence ("contact your helpdesk"),
 * and a name given to two addresses are never taken.
 */
import { addressParser } from "postal-mime";
import { isAddress } from "../addresses.js";
import { fold } from "../fold.js";
import { bounded, getHeaders } from "../headers.js";
import type { TextRecipient } from "../plaintext.js";
import type { HeaderField } from "../types.js";

/** A shorter name ("Dr", "Jo") is too likely to stand in a notice for another reason. */
const MIN_NAME_CHARS = 4;
/** Lines of the notice read, and lines kept from the name on as its diagnostic. */
const MAX_LINES = 400;
const SNIPPET_LINES = 4;
const MAX_SNIPPET_CHARS = 1000;
/** A longer field is read up to its last whole mailbox before this (never a cut address). */
const MAX_FIELD_CHARS = 16 * 1024;
/** Mailboxes looked for, and notice text read: a hostile message cannot make the search long. */
const MAX_MAILBOXES = 50;
const MAX_NOTICE_CHARS = 64 * 1024;

interface NamedMailbox {
  /** The display name, folded (lower case, no accents, single spaces). */
  readonly name: string;
  readonly address: string;
}

/** The field up to its last whole mailbox within the bound (a comma outside quotes aside). */
function boundedField(value: string): string {
  if (value.length <= MAX_FIELD_CHARS) return value;
  const cut = value.lastIndexOf(",", MAX_FIELD_CHARS);
  return cut === -1 ? "" : value.slice(0, cut);
}

/** Display name and address of each mailbox in the returned message's To and Cc. */
function namedMailboxes(original: readonly HeaderField[]): NamedMailbox[] {
  const out: NamedMailbox[] = [];
  for (const field of ["to", "cc"]) {
    for (const value of getHeaders(original, field)) {
      let parsed: ReturnType<typeof addressParser>;
      try {
        // The parser decodes encoded words itself, after splitting: « =?…?Dupont=2C_Léa?= » is one name.
        parsed = addressParser(boundedField(value), { flatten: true });
      } catch {
        continue;
      }
      for (const m of parsed) {
        const name = fold(m.name).replace(/\s+/g, " ").trim();
        if (m.address === undefined || !isAddress(m.address) || name.includes("@")) continue;
        if (name.length < MIN_NAME_CHARS || !/[a-z]/.test(name)) continue;
        if (out.length < MAX_MAILBOXES) out.push({ name, address: m.address });
      }
    }
  }
  return out;
}

/** What makes a name go on: letters, digits, and the hyphen of « Jean-Pierre », « Dupont-Durand ». */
function isNameChar(c: string | undefined): boolean {
  return c !== undefined && /[a-z0-9-]/.test(c);
}

/**
 * A line of the notice's own summary of the message (« To: », « À : », « Cc : », « Objet : »,
 * "Subject:", "Sent:"): the names there are of everyone the message went to.
 */
const SUMMARY_LINE = /^[ \t>]*(?:to|a|cc|cci|bcc|subject|objet|sent|envoye|from|de|date)[ \t]*:/;

/** Marks that may stand before a name at the start of a line: spaces, a bullet, a quote. */
const LEAD = /^[ \t*•"'«-]*/;

interface Mention {
  readonly mailbox: NamedMailbox;
  readonly line: number;
}

/** The mailboxes whose name starts a line of the notice (whole words), each where it first does. */
function mentions(mailboxes: readonly NamedMailbox[], folded: readonly string[]): Mention[] {
  const found: Mention[] = [];
  for (const [line, text] of folded.entries()) {
    if (SUMMARY_LINE.test(text)) continue;
    const start = LEAD.exec(text)?.[0].length ?? 0;
    // A long name may be wrapped onto the next line by the notice's line length.
    const joined = `${text.trimEnd()} ${(folded[line + 1] ?? "").trimStart()}`;
    const here = mailboxes.filter((m) => joined.startsWith(m.name, start) && !isNameChar(joined[start + m.name.length]));
    // « Jeanne Dupont » written: a mailbox named « Jeanne » alone is not the one named.
    const longest = Math.max(0, ...here.map((m) => m.name.length));
    for (const m of here) if (m.name.length === longest) found.push({ mailbox: m, line });
  }
  return found;
}

/**
 * The returned message's To and Cc recipients whose display name starts a line of the notice
 * (whole words, case and accents aside), each with the notice's lines from its name up to the
 * next one named.
 */
export function namedRecipients(original: readonly HeaderField[], noticeText: string): TextRecipient[] {
  const mailboxes = namedMailboxes(original);
  if (mailboxes.length === 0) return [];
  const lines = noticeText.slice(0, MAX_NOTICE_CHARS).split("\n", MAX_LINES);
  const folded = lines.map((line) => fold(line).replace(/\s+/g, " "));
  const found = mentions(mailboxes, folded);
  // A name given to two addresses: the notice does not say which one failed.
  const addressesOf = new Map<string, Set<string>>();
  for (const m of mailboxes) addressesOf.set(m.name, (addressesOf.get(m.name) ?? new Set()).add(m.address.toLowerCase()));
  const out: TextRecipient[] = [];
  const seen = new Set<string>();
  const starts = [...new Set(found.map((f) => f.line))].sort((a, b) => a - b);
  for (const { mailbox, line } of found) {
    const key = mailbox.address.toLowerCase();
    if (seen.has(key) || (addressesOf.get(mailbox.name)?.size ?? 0) > 1) continue;
    seen.add(key);
    const next = starts.find((s) => s > line) ?? Number.POSITIVE_INFINITY;
    const snippet = lines.slice(line, Math.min(line + SNIPPET_LINES, next)).join("\n").trim();
    out.push({ address: mailbox.address, snippet: bounded(snippet, MAX_SNIPPET_CHARS) });
  }
  return out;
}
