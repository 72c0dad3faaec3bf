/** The domain of every patient mailbox of Mon espace santé. */
export const PATIENT_DOMAIN = "patient.mssante.fr";

/** Anything normalisation would change (most inputs need nothing: they are returned as they are). */
const CHANGED = /[ \t\n\r.\u00a0\u2009\u202f\u200b\ufeffab]/;

/**
 * Normalises what a user typed or pasted: drops spaces of every kind (no-break, narrow
 * no-break, thin, zero-width), tabs, line breaks and dots, and upper-cases the Corsican
 * `2a`/`2b`. Nothing else is changed, so that an input with another character is
 * reported, not silently "fixed". The whole input is read: characters after a valid
 * number must make it fail, never be cut off.
 */
export function normalizeIns(input: string): string {
  if (!CHANGED.test(input)) return input;
  let out = "";
  let from = 0; // start of the run of kept characters not yet copied
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (isDropped(c)) {
      out += input.slice(from, i);
      from = i + 1;
    } else if (c === 0x61 || c === 0x62) {
      // a, b → A, B (the only letters an INS can hold)
      out += input.slice(from, i) + (c === 0x61 ? "A" : "B");
      from = i + 1;
    }
  }
  return out + input.slice(from);
}

/**
 * When the user pastes a whole patient address, keeps the part before the `@`.
 * Any other domain is left as it is (and then fails the layout check).
 */
export function stripPatientDomain(input: string): string {
  if (!input.includes("@")) return input;
  const trimmed = input.trim();
  const at = trimmed.lastIndexOf("@");
  if (at < 0) return input;
  const domain = trimmed.slice(at + 1).toLowerCase();
  return domain === PATIENT_DOMAIN ? trimmed.slice(0, at) : input;
}

/** Spaces of every kind, tabs, line breaks and dots: dropped from what the user typed. */
function isDropped(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0x0a ||
    c === 0x0d ||
    c === 0x2e || // .
    c === 0xa0 || // no-break space
    c === 0x2009 || // thin space
    c === 0x202f || // narrow no-break space (French typography)
    c === 0x200b || // zero-width space
    c === 0xfeff
  );
}
