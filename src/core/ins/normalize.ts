/** The domain of every patient mailbox of Mon espace santé. */
export const PATIENT_DOMAIN = "patient.mssante.fr";

/** Inputs longer than this are not worth reading: no INS is hidden in them. */
export const MAX_INPUT_LENGTH = 256;

/**
 * Normalises what a user typed or pasted: drops spaces of every kind, tabs and dots,
 * and upper-cases the Corsican `2a`/`2b`. Nothing else is changed, so that an input
 * with another character is reported, not silently "fixed".
 */
export function normalizeIns(input: string): string {
  let out = "";
  const end = Math.min(input.length, MAX_INPUT_LENGTH);
  for (let i = 0; i < end; i++) {
    const c = input.charCodeAt(i);
    if (isDropped(c)) continue;
    // a, b → A, B (the only letters an INS can hold)
    out += c === 0x61 || c === 0x62 ? String.fromCharCode(c - 0x20) : input.charAt(i);
  }
  return out;
}

function isDropped(c: number): boolean {
  return (
    c === 0x20 || // space
    c === 0x09 || // tab
    c === 0x2e || // dot
    c === 0x0a ||
    c === 0x0d ||
    c === 0xa0 || // no-break space
    c === 0x202f || // narrow no-break space (French typography)
    c === 0x2009 || // thin space
    c === 0x200b || // zero-width space (copied from web pages)
    c === 0xfeff
  );
}

/**
 * When the user pastes a whole patient address, keeps the part before the `@`.
 * Any other domain is left as it is (and then fails the layout check).
 */
export function stripPatientDomain(input: string): string {
  const trimmed = input.trim();
  const at = trimmed.lastIndexOf("@");
  if (at < 0) return input;
  const domain = trimmed.slice(at + 1).toLowerCase();
  return domain === PATIENT_DOMAIN ? trimmed.slice(0, at) : input;
}
