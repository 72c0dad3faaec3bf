/**
 * Notices that name a failed recipient by display name only (« Jeanne Dupont le 03/12/2026 »,
 * "Jeanne Dupont on 12/3/2026"): the address comes from the returned message's own To and Cc,
 * for a name the notice itself writes as a whole. A recipient the notice does not name, or one
 * in Bcc (absent from the returned headers), is never guessed.
 */
import { addressParser } from "postal-mime";
import { isAddress } from "../addresses.js";
import { fold } from "../fold.js";
import { bounded, decodeHeaderValue, getHeaders } from "../headers.js";
import type { TextRecipient } from "../plaintext.js";
import type { HeaderField } from "../types.js";

/** A shorter name ("Dr", "Jo") is too likely to stand in a notice for another reason. */
const MIN_NAME_CHARS = 4;
/** Lines of the notice read, and lines kept after the name as its diagnostic. */
const MAX_LINES = 400;
const SNIPPET_LINES = 4;
const MAX_SNIPPET_CHARS = 1000;
const MAX_FIELD_CHARS = 4000;
/** Mailboxes looked for, and notice text read: a hostile message cannot make the search long. */
const MAX_MAILBOXES = 50;
const MAX_NOTICE_CHARS = 64 * 1024;

interface NamedMailbox {
  readonly name: string;
  readonly address: string;
}

/** Display name and address of each mailbox in the returned message's To and Cc. */
function namedMailboxes(original: readonly HeaderField[]): NamedMailbox[] {
  const out: NamedMailbox[] = [];
  for (const field of ["to", "cc"]) {
    for (const value of getHeaders(original, field)) {
      let parsed: ReturnType<typeof addressParser>;
      try {
        parsed = addressParser(decodeHeaderValue(value.slice(0, MAX_FIELD_CHARS)), { flatten: true });
      } catch {
        continue;
      }
      for (const m of parsed) {
        const name = m.name.replace(/\s+/g, " ").trim();
        if (m.address === undefined || !isAddress(m.address) || name.includes("@")) continue;
        if (out.length < MAX_MAILBOXES) out.push({ name, address: m.address });
      }
    }
  }
  return out;
}

/** Lower case letters and digits, accents folded: what makes a word go on. */
function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[a-z0-9]/.test(c);
}

/** Where the folded name stands in the folded line as whole words, or -1. */
function wholeWordsAt(line: string, name: string): number {
  for (let at = line.indexOf(name); at !== -1; at = line.indexOf(name, at + 1)) {
    if (!isWordChar(line[at - 1]) && !isWordChar(line[at + name.length])) return at;
  }
  return -1;
}

/**
 * The returned message's To and Cc recipients whose display name the notice writes (whole
 * words, case and accents aside), each with the notice's lines from its name on.
 */
export function namedRecipients(original: readonly HeaderField[], noticeText: string): TextRecipient[] {
  const mailboxes = namedMailboxes(original).filter((m) => {
    const name = fold(m.name);
    return name.length >= MIN_NAME_CHARS && /[a-z]/.test(name);
  });
  if (mailboxes.length === 0) return [];
  const lines = noticeText.slice(0, MAX_NOTICE_CHARS).split("\n", MAX_LINES);
  const folded = lines.map((line) => fold(line).replace(/\s+/g, " "));
  const out: TextRecipient[] = [];
  const seen = new Set<string>();
  for (const m of mailboxes) {
    const key = m.address.toLowerCase();
    if (seen.has(key)) continue;
    const name = fold(m.name);
    const line = folded.findIndex((l) => wholeWordsAt(l, name) !== -1);
    if (line === -1) continue;
    seen.add(key);
    const snippet = lines.slice(line, line + SNIPPET_LINES).join("\n").trim();
    out.push({ address: m.address, snippet: bounded(snippet, MAX_SNIPPET_CHARS) });
  }
  return out;
}
