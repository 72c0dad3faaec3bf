/**
 * Where a notice names the sender's own address beside a failed recipient's: in a table whose
 * header row labels its columns (« Expéditeur ; Destinataire ; Code ; Motif », "From | To |
 * Status"), and on a line that only labels the sender's address under a recipient's
 * (« expéditeur <x> »). Such an address is the sender's, never a failed recipient's, and its
 * line says nothing of the recipient's failure.
 */
import { isAddress } from "./addresses.js";
import { fold } from "./fold.js";

/** What a table's column holds, by its label. */
export type ColumnRole = "sender" | "recipient";

/** Rows read above an address to find its table's header row. */
const MAX_ROWS_ABOVE = 30;
/** A column's label is short: a few words, at most this many characters. */
const MAX_LABEL_CHARS = 40;
const MAX_LABEL_WORDS = 5;
/** A line longer than this is no table row read here. */
const MAX_ROW_CHARS = 2000;

/** Cell separators, most telling first; a table aligned with spaces has none. */
const SEPARATORS = [";", "|", "\t", ","] as const;

/** A column label naming the sender (folded, trimmed): « Expéditeur », « Adresse de l'émetteur », "From", "Sender". */
const SENDER_COLUMN = new RegExp(
  [
    "^(?:(?:adresse|courriel|e-?mail|mail) (?:de l'|d'|du |de )?|(?:original|envelope|enveloppe) )?",
    "(?:expediteur|emetteur|envoyeur|sender|from|mail from|de|von|absender|envoye par|sent by)",
    "(?: (?:address|adresse|e-?mail|mail))?$",
  ].join(""),
);

/** A column label naming the recipient (folded, trimmed): « Destinataire », « À », "To", "Recipient". */
const RECIPIENT_COLUMN = new RegExp(
  [
    "^(?:(?:adresse|courriel|e-?mail|mail) (?:de l'|d'|du |de )?|(?:original|envelope|enveloppe|final|failed) )?",
    "(?:destinataires?|recipients?|to|rcpt to|rcpt|a|pour|empfanger|envoye a|sent to)",
    "(?: (?:address|adresse|e-?mail|mail))?$",
  ].join(""),
);

/** A ruled line under a header row: `-----`, `|---|---|`, `+===+`. */
const RULE_LINE = /^[ \t|+:]*[-=]{3}[ \t|+:=-]*$/;

/** Marks around a label, or its colon: `**From**`, « Destinataire : ». */
const LABEL_MARKS = " \t*_\"'«»:";

/** The text without the marks given at either end (read by hand: no pattern to backtrack). */
function stripped(text: string, marks: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && marks.includes(text.charAt(start))) start++;
  while (end > start && marks.includes(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

interface Cell {
  readonly text: string;
  readonly start: number;
}

/** The cells of a line cut at `separator`, each with where it starts. */
function cutCells(line: string, separator: string): Cell[] {
  const cells: Cell[] = [];
  let start = 0;
  for (;;) {
    const end = line.indexOf(separator, start);
    cells.push({ text: line.slice(start, end === -1 ? line.length : end), start });
    if (end === -1) return cells;
    start = end + separator.length;
  }
}

/** The cells of a line aligned with spaces: runs of text apart by two spaces or more, or a tab. */
function alignedCells(line: string): Cell[] {
  const cells: Cell[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && (line[i] === " " || line[i] === "\t")) i++;
    if (i >= line.length) break;
    const start = i;
    while (i < line.length && line[i] !== "\t" && !(line[i] === " " && (line[i + 1] ?? " ") === " ")) i++;
    cells.push({ text: line.slice(start, i), start });
  }
  return cells;
}

/** The roles of a header row's columns (null for a column of something else), or null when it is no header. */
function headerRoles(cells: readonly Cell[]): (ColumnRole | null)[] | null {
  const labels = cells.map((c) => stripped(fold(c.text).replace(/\s+/g, " "), LABEL_MARKS));
  const filled = labels.filter((l) => l !== "");
  if (filled.length < 2) return null;
  const labelLike = (l: string): boolean =>
    l.length <= MAX_LABEL_CHARS && l.split(" ").length <= MAX_LABEL_WORDS && !/[@.!?]/.test(l);
  if (!filled.every(labelLike)) return null;
  const roles = labels.map((l): ColumnRole | null =>
    SENDER_COLUMN.test(l) ? "sender" : RECIPIENT_COLUMN.test(l) ? "recipient" : null,
  );
  return roles.includes("sender") ? roles : null;
}

/** The header row above line `i` of a table: past its other rows (each with an address) and a ruled line. */
function headerAbove(lines: readonly string[], i: number): string | null {
  for (let k = i - 1; k >= 0 && k >= i - MAX_ROWS_ABOVE; k--) {
    const line = (lines[k] ?? "").slice(0, MAX_ROW_CHARS);
    if (line.trim() === "") return null;
    if (line.includes("@") || RULE_LINE.test(line)) continue;
    return line;
  }
  return null;
}

/**
 * When line `i` is a row of a table whose header row labels a sender's column: what the column
 * of an address at a given place on that line holds, the sender's address or the recipient's
 * (null for a column labelled otherwise). Null when the line is no such row. Columns are cut
 * where the header cuts them (`;`, `|`, a tab, a comma), else where its labels stand (a table
 * aligned with spaces).
 */
export function tableColumns(lines: readonly string[], i: number): ((at: number) => ColumnRole | null) | null {
  const row = (lines[i] ?? "").slice(0, MAX_ROW_CHARS);
  const header = headerAbove(lines, i);
  if (header === null) return null;
  const separator = SEPARATORS.find((s) => header.includes(s));
  if (separator !== undefined) {
    if (!row.includes(separator)) return null;
    const roles = headerRoles(cutCells(header, separator));
    if (roles === null) return null;
    const starts = cutCells(row, separator).map((c) => c.start);
    return (at) => roles[lastAtOrBefore(starts, at)] ?? null;
  }
  const cells = alignedCells(header);
  const roles = headerRoles(cells);
  if (roles === null || alignedCells(row).length < 2) return null;
  // The column whose label starts at or before the address (a cell may start a little left of its label).
  const starts = cells.map((c) => c.start - 1);
  return (at) => roles[lastAtOrBefore(starts, at)] ?? null;
}

/** The index of the last of the ascending `starts` at or before `at` (-1 when none is). */
function lastAtOrBefore(starts: readonly number[], at: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((starts[mid] ?? 0) <= at) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/**
 * A line that only labels the sender's address: « expéditeur <x@y> », "From x@y", "Sent by:
 * <x@y>". Under a recipient's line it tells whose message it was, not why it failed: the
 * words after it (« inconnu dans l'annuaire ») are the recipient's.
 */
const SENDER_LABEL = new RegExp(
  [
    "^[ \\t>*•|-]*(?:adresse de l'(?:expediteur|emetteur)|de la part de|envoye par|sent by|original sender|",
    "sender address|expediteur|emetteur|sender|from|de|absender|von|mittente|remitente|remetente|afzender|",
    "avsandare|nadawca)(?![\\p{L}\\p{N}'-])[ \\t]*:?",
  ].join(""),
  "u",
);

/** Marks that may stand around the labelled address. */
const ADDRESS_MARKS = " \t\"'«»<>[]().,;";

export function labelsSenderOnly(line: string): boolean {
  if (!line.includes("@") || line.length > 400) return false;
  const folded = fold(line);
  const label = SENDER_LABEL.exec(folded);
  if (label === null) return false;
  const rest = stripped(folded.slice(label[0].length), ADDRESS_MARKS);
  return rest !== "" && !/\s/.test(rest) && isAddress(rest);
}
