/**
 * CSV as RFC 4180 writes it: comma-separated, CRLF line ends, quotes only when needed.
 * Values come from outside mail, so a cell never holds a raw control character (they are
 * written as `\uXXXX`, as in the table output) and never starts a spreadsheet formula.
 */
import { visible } from "./visible.js";

/** Spreadsheets run a cell that starts with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field. Control characters (line breaks and tabs included) are escaped; a value a
 * spreadsheet would read as a formula gets a leading apostrophe (so that opening the file
 * runs nothing); a value holding a comma or a quote is quoted, its quotes doubled.
 */
export function csvField(value: string): string {
  const escaped = visible(value);
  const safe = FORMULA_START.test(value) ? `'${escaped}` : escaped;
  return /[",]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One record, with its line end. */
export function csvRow(values: readonly string[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
