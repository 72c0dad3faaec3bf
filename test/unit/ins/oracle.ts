/**
 * An independent reading of the INS rules of the domain notes, written with BigInt and
 * regular expressions so that the tests do not reuse the code they check.
 */

/** The key of a 13-character body: 97 − (body mod 97), 2A read as 19 and 2B as 18. */
export function keyOf(body: string): string {
  const numeric = body.slice(0, 5) + body.slice(5, 7).replace("2A", "19").replace("2B", "18") + body.slice(7);
  const key = 97n - (BigInt(numeric) % 97n);
  return key.toString().padStart(2, "0");
}

/** Appends the right key to a 13-character body. */
export function withKey(body: string): string {
  if (body.length !== 13) throw new Error(`body of ${body.length} characters: ${body}`);
  return body + keyOf(body);
}

const LAYOUT = /^[12]\d{2}(?:0[1-9]|1[0-2]|[2-9]\d)(?:\d{2}|2A|2B)\d{6}(?:0[1-9]|[1-8]\d|9[0-7])$/;

/** Whether a normalised 15-character string is a valid matricule INS. */
export function isValidIns(ins: string): boolean {
  return LAYOUT.test(ins) && keyOf(ins.slice(0, 13)) === ins.slice(13);
}

/** Normalisation as the domain notes state it: drop spaces, tabs and dots; upper-case a/b. */
export function normalizeLikeTheNotes(input: string): string {
  return input.replace(/[ \t.]/g, "").replace(/a/g, "A").replace(/b/g, "B");
}
