/** Text longer than this is not scanned for a reason. */
export const MAX_REASON_TEXT = 6000;

/** Printable ASCII and the usual whitespace, without the backquote that `fold` turns into an apostrophe. */
const ASCII = /^[\t\n\r\x20-\x5f\x61-\x7e]*$/;

/**
 * Lower case, without accents, with typographic apostrophes and spaces made plain: what the
 * phrase tables are written against (so "clôturée" and "cloturee" read the same).
 */
export function fold(text: string): string {
  const cut = text.slice(0, MAX_REASON_TEXT * 2);
  // Most notices are plain ASCII: nothing to fold but the case.
  if (ASCII.test(cut)) return cut.toLowerCase();
  return cut
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2018\u2019\u02bc\u00b4`]/g, "'")
    .replace(/[\u00a0\u202f\u2009]/g, " ")
    .toLowerCase();
}
