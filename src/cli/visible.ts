/**
 * Text from outside (a mail, a typed value) made safe to print: every character that could
 * drive a terminal or a spreadsheet, or change how the text around it reads, is written as
 * a `\uXXXX` escape — C0 and C1 controls, DEL, the line and paragraph separators, and the
 * bidirectional controls (marks, embeddings, overrides, isolates) that can make a line
 * read in another order than it is stored.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function visible(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
