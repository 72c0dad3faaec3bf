/** The domain of every patient mailbox of Mon espace santé. */
export const PATIENT_DOMAIN = "patient.mssante.fr";

/** Spaces of every kind, tabs, line breaks and dots: dropped from what the user typed. */
const DROPPED = /[ \t\n\r.\u00a0\u2009\u202f\u200b\ufeff]/g;

/**
 * Normalises what a user typed or pasted: drops spaces of every kind (no-break, narrow
 * no-break, thin, zero-width), tabs, line breaks and dots, and upper-cases the Corsican
 * `2a`/`2b`. Nothing else is changed, so that an input with another character is
 * reported, not silently "fixed". The whole input is read: characters after a valid
 * number must make it fail, never be cut off.
 */
export function normalizeIns(input: string): string {
  // a, b → A, B (the only letters an INS can hold)
  return input.replace(DROPPED, "").replace(/[ab]/g, (c) => c.toUpperCase());
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
