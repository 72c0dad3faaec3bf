/** CSV as RFC 4180 writes it: comma-separated, CRLF line ends, quotes only when needed. */

/** Spreadsheets run a cell that starts with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field. A value a spreadsheet would read as a formula gets a leading apostrophe
 * (so that opening the file runs nothing); a value holding a comma, a quote or a line
 * break is quoted, its quotes doubled.
 */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One record, with its line end. */
export function csvRow(values: readonly string[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
