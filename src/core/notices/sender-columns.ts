/**
 * Where a notice names the sender's own address beside a failed recipient's: in a table whose
 * header row labels its columns (« Expéditeur ; Destinataire ; Code ; Motif », "From | To |
 * Status"), and on a line that only labels the sender's address under a recipient's
 * (« expéditeur <x> »). Such an address is the sender's, never a failed recipient's, and its
 * line says nothing of the recipient's failure.
 */
import { isAddress } from "./addresses.js";
import { fold } from "./fold.js";
import { findStatus, strongIn, weakIn } from "./reasons/match.js";

/**
 * What a table's column holds, by its label: the sender's address, a failed recipient's, an
 * address of the returned message's own header shown as a table (its To: named there whether or
 * not it failed), a recipient whose row says it was delivered; or "unsure" for a row of the
 * table that does not fit its header, whose addresses are read as a failed recipient's.
 */
export type ColumnRole = "sender" | "recipient" | "original" | "delivered" | "unsure";

/** Rows read above an address to find its table's header row. */
const MAX_ROWS_ABOVE = 30;
/** A column's label is short: a few words, at most this many characters. */
const MAX_LABEL_CHARS = 40;
const MAX_LABEL_WORDS = 5;
/** A line longer than this is no table row read here. */
const MAX_ROW_CHARS = 2000;
/** Where a tab takes the text to in a table aligned with spaces: the next multiple of this. */
const TAB_STOP = 8;

/** Cell separators, most telling first; a table aligned with spaces has none. */
const SEPARATORS = [";", "|", "\t", ","] as const;

/** A column label naming the sender (folded, trimmed): « Expéditeur », « Adresse de l'émetteur », "From", "Von". */
const SENDER_COLUMN = new RegExp(
  [
    "^(?:(?:adresse|courriel|e-?mail|mail) (?:de l'|d'|du |de )?|(?:original|envelope|enveloppe) )?",
    "(?:expediteur|emetteur|envoyeur|sender|from|mail from|de|von|absender|envoye par|sent by|",
    "van|afzender|da|mittente|remitente|remetente|avsandare|nadawca)",
    "(?: (?:address|adresse|e-?mail|mail))?$",
  ].join(""),
);

/** A column label naming the recipient (folded, trimmed): « Destinataire », « À », "To", "An". */
const RECIPIENT_COLUMN = new RegExp(
  [
    "^(?:(?:adresse|courriel|e-?mail|mail) (?:de l'|d'|du |de )?|(?:original|envelope|enveloppe|final|failed) )?",
    "(?:destinataires?|recipients?|to|rcpt to|rcpt|a|pour|empfanger|envoye a|sent to|",
    "an|aan|para|till|destinatari[oa]s?|destinatari|ontvanger|mottagare|odbiorca|adressat)",
    "(?: (?:address|adresse|e-?mail|mail))?$",
  ].join(""),
);

/** A column label of the returned message's subject: with one, the table shows its header fields. */
const SUBJECT_COLUMN = /^(?:subject|objet|sujet|betreff|oggetto|asunto|assunto|onderwerp)$/;
/** A column label of a delivery's outcome: a table with one reports each recipient's fate. */
const OUTCOME_COLUMN = /status|statut|etat|code|reason|motif|raison|cause|error|erreur|diagnostic|result|detail/;
/** The line above a table that shows the returned message's header fields (folded). */
const ORIGINAL_ABOVE = /original message|message d'origine|message original|ursprungliche nachricht|returned message/;

/** A reply code of a refusal or a delay (`550`, `451`) standing alone in a row. */
const FAILURE_REPLY = /(?<![\w.])[45]\d\d(?![\w.])/;

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
  /** Where the cell starts in the line as written. */
  readonly start: number;
}

interface AlignedCell extends Cell {
  /** The columns the cell's text covers on screen, tabs taken to their stops: [from, to). */
  readonly from: number;
  readonly to: number;
}

/**
 * The cells of a line cut at `separator` (one character), each with where it starts. A
 * separator between double quotes is the cell's text (« "Dupont, Jeanne" <x> », « "Mon, 1 Dec
 * 2025" »), as in CSV; a doubled quote inside quotes is read as two, which leaves the state as
 * it was. A blank last cell (a row that ends with its separator) is not counted.
 */
function cutCells(line: string, separator: string): Cell[] {
  const cells: Cell[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === separator && !quoted) {
      cells.push({ text: line.slice(start, i), start });
      start = i + 1;
    }
  }
  const last = line.slice(start);
  if (last.trim() !== "" || cells.length === 0) cells.push({ text: last, start });
  return cells;
}

/**
 * The cells of a line aligned with spaces: runs of text apart by two spaces or more, or a tab,
 * each with the columns it covers on screen (a tab goes to the next stop of TAB_STOP).
 */
function alignedCells(line: string): AlignedCell[] {
  const cells: AlignedCell[] = [];
  let column = 0;
  let start = -1;
  let from = 0;
  let end = 0;
  let to = 0;
  const close = (): void => {
    if (start >= 0) cells.push({ text: line.slice(start, end), start, from, to });
    start = -1;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "\t") {
      close();
      column = (Math.floor(column / TAB_STOP) + 1) * TAB_STOP;
      continue;
    }
    if (c === " ") {
      if (start >= 0 && line[i + 1] !== " " && line[i + 1] !== "\t" && i + 1 < line.length) {
        column++;
        continue;
      }
      close();
      column++;
      continue;
    }
    if (start < 0) {
      start = i;
      from = column;
    }
    column++;
    end = i + 1;
    to = column;
  }
  close();
  return cells;
}

/** The labels of a header row's cells (folded, trimmed, without marks). */
function labelsOf(cells: readonly Cell[]): string[] {
  return cells.map((c) => stripped(fold(c.text).replace(/\s+/g, " "), LABEL_MARKS));
}

/**
 * The roles of a header row's columns (null for a column of something else), or null when it is
 * no header. Under « Original message: », or beside a Subject column with no column of outcome,
 * the table shows the returned message's header: its recipients' columns are the original's.
 */
function headerRoles(labels: readonly string[], original: boolean): (ColumnRole | null)[] | null {
  const filled = labels.filter((l) => l !== "");
  if (filled.length < 2) return null;
  const labelLike = (l: string): boolean =>
    l.length <= MAX_LABEL_CHARS && l.split(" ").length <= MAX_LABEL_WORDS && !/[@.!?]/.test(l);
  if (!filled.every(labelLike)) return null;
  const roles = labels.map((l): ColumnRole | null =>
    SENDER_COLUMN.test(l) ? "sender" : RECIPIENT_COLUMN.test(l) ? "recipient" : null,
  );
  if (!roles.includes("sender")) return null;
  const shown = (original || filled.some((l) => SUBJECT_COLUMN.test(l))) && !filled.some((l) => OUTCOME_COLUMN.test(l));
  return shown ? roles.map((r) => (r === "recipient" ? "original" : r)) : roles;
}

/**
 * The header row above line `i` of a table: past its other rows (each with an address). A ruled
 * line is read only right under the header (the line above it is the header); past a ruled line
 * between rows, the rows below are the table's but no longer said to fit its columns.
 */
function headerAbove(lines: readonly string[], i: number): { readonly at: number; readonly ruledOff: boolean } | null {
  let ruledOff = false;
  for (let k = i - 1; k >= 0 && k >= i - MAX_ROWS_ABOVE; k--) {
    const line = (lines[k] ?? "").slice(0, MAX_ROW_CHARS);
    if (line.trim() === "") return null;
    if (RULE_LINE.test(line)) {
      const above = (lines[k - 1] ?? "").slice(0, MAX_ROW_CHARS);
      if (k === 0 || above.trim() === "" || RULE_LINE.test(above)) return null;
      if (!above.includes("@")) return { at: k - 1, ruledOff };
      ruledOff = true;
      continue;
    }
    if (line.includes("@")) continue;
    return { at: k, ruledOff };
  }
  return null;
}

/** The line above a header says the table shows the returned message (« Original message: »). */
function originalAbove(lines: readonly string[], header: number): boolean {
  for (let k = header - 1; k >= 0 && k >= header - 2; k--) {
    const line = (lines[k] ?? "").slice(0, MAX_ROW_CHARS);
    if (line.trim() !== "") return ORIGINAL_ABOVE.test(fold(line));
  }
  return false;
}

/** The row says its recipient got the message: a success code (`250 2.0.0`) and no code of failure. */
function rowDelivered(row: string): boolean {
  if (findStatus(row, true)?.startsWith("2.") !== true) return false;
  if (findStatus(row) !== null || FAILURE_REPLY.test(row)) return false;
  // A refusal said in words beside a success quoted from an earlier step (« 250 2.1.5 Ok (RCPT)
  // puis refus après DATA : boîte pleine »): any cause the classifier's tables name.
  return strongIn(row).length === 0 && weakIn(row).length === 0;
}

/** Two spans of screen columns [from, to) share a column. */
function overlap(a: { from: number; to: number }, b: { from: number; to: number }): boolean {
  return a.from < b.to && b.from < a.to;
}

/**
 * The row's cells of a table aligned with spaces, paired one for one with the header's labels:
 * as many cells as labels, each over its own label's columns and no other one's (a label may be
 * centred over its column, a cell may be longer than its label). Null when they do not pair.
 */
function pairedCells(header: readonly AlignedCell[], row: readonly AlignedCell[]): AlignedCell[] | null {
  if (row.length !== header.length) return null;
  for (const [k, cell] of row.entries()) {
    const own = header[k];
    if (own === undefined || !overlap(cell, own)) return null;
    const before = header[k - 1];
    const after = header[k + 1];
    if ((before !== undefined && overlap(cell, before)) || (after !== undefined && overlap(cell, after))) return null;
  }
  return [...row];
}

/**
 * When line `i` is a row of a table whose header row labels a sender's column: what the column
 * of an address at a given place on that line holds (null for a column labelled otherwise). Null
 * when the line is no such row. Columns are cut where the header cuts them (`;`, `|`, a tab, a
 * comma; quotes respected), else where its labels stand (a table aligned with spaces). A row
 * that does not fit the header (a row wrapped onto two lines, one that leaves out an empty cell,
 * cells that do not pair with the labels, a row past a ruled line between rows) under a header
 * of both a sender's and a recipient's column is the table's, but its cells are not said to be
 * under their labels: "unsure".
 */
export function tableColumns(lines: readonly string[], i: number): ((at: number) => ColumnRole | null) | null {
  // A table quoted in a reply or a forward (« > Expéditeur ; Destinataire »): read without the
  // quote marks, its rows and its header alike.
  const quote = QUOTE_MARKS.exec((lines[i] ?? "").slice(0, MAX_ROW_CHARS));
  if (quote === null) return unquotedColumns(lines, i);
  const from = Math.max(0, i - MAX_ROWS_ABOVE - 2);
  const unquoted = lines.slice(from, i + 1).map((l) => l.slice(0, MAX_ROW_CHARS).replace(QUOTE_MARKS, ""));
  const columns = unquotedColumns(unquoted, i - from);
  const shift = quote[0].length;
  return columns === null ? null : (at) => columns(at - shift);
}

/** The quote marks opening a line of a quoted message: « > », « >> », « > > ». */
const QUOTE_MARKS = /^[ \t]*>(?:[ \t]*>)*[ \t]?/;

function unquotedColumns(lines: readonly string[], i: number): ((at: number) => ColumnRole | null) | null {
  const row = (lines[i] ?? "").slice(0, MAX_ROW_CHARS);
  const above = headerAbove(lines, i);
  if (above === null) return null;
  const header = (lines[above.at] ?? "").slice(0, MAX_ROW_CHARS);
  let headerCells: Cell[] | null = null;
  let rowCells: Cell[] | null = null;
  let rowLike = false;
  for (const separator of SEPARATORS) {
    const cells = cutCells(header, separator);
    if (cells.length < 2) continue;
    headerCells = cells;
    const own = cutCells(row, separator);
    rowLike = row.includes(separator);
    rowCells = own.length === cells.length ? own : null;
    break;
  }
  if (headerCells === null) {
    const labels = alignedCells(header);
    const own = alignedCells(row);
    headerCells = labels;
    rowLike = own.length >= 2;
    rowCells = pairedCells(labels, own);
  }
  if (!rowLike) return null;
  const roles = headerRoles(labelsOf(headerCells), originalAbove(lines, above.at));
  if (roles === null) return null;
  const delivered = rowDelivered(row);
  if (rowCells === null || above.ruledOff) {
    // Only under a header of both a sender's and a recipient's column: « De   Cabinet Martin »
    // is a key-value block, whose other lines are no rows of it.
    if (!roles.includes("recipient")) return null;
    return () => (delivered ? "delivered" : "unsure");
  }
  const starts = rowCells.map((c) => c.start);
  return (place) => {
    const role = roles[lastAtOrBefore(starts, place)] ?? null;
    return role === "recipient" && delivered ? "delivered" : role;
  };
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
