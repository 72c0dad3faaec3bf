/**
 * Who may write to a patient: a mailbox of the MSSanté network (every such address ends
 * with `.mssante.fr`), or a domain the administrator added in the settings (a test
 * platform, for instance). A patient address is never a professional sender.
 */

import { PATIENT_DOMAIN } from "../ins/index.js";
import { domainOf, parseRecipients } from "./recipients.js";

const MSSANTE_SUFFIX = ".mssante.fr";
const HOSTNAME = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*$/;

/**
 * An extra domain as entered in the settings, normalised: trimmed, lower-cased, leading
 * `@` and `.` dropped (`@Test.Example` → `test.example`). Null when it is not a domain.
 */
export function normalizeDomainEntry(entry: string): string | null {
  const d = entry.trim().toLowerCase().replace(/^[@.]+/, "").replace(/\.$/, "");
  return HOSTNAME.test(d) ? d : null;
}

/**
 * The one address of a From value (`"Dr Martin <dr.martin@medecin.mssante.fr>"` or a bare
 * address), or null when it holds no address or several.
 */
export function senderAddress(from: string): string | null {
  const found = parseRecipients(from);
  return found.length === 1 && found[0] !== undefined ? found[0].address : null;
}

/** `patient.mssante.fr` and anything below it. */
export function isPatientDomain(domain: string): boolean {
  return domain === PATIENT_DOMAIN || domain.endsWith(`.${PATIENT_DOMAIN}`);
}

/**
 * True when this sender may write to a patient: its domain ends with `.mssante.fr` (but
 * is not `patient.mssante.fr`), or is one of `extraDomains` or below one of them
 * (`test.example` allows `test.example` and `a.test.example`, not `nottest.example`).
 */
export function senderAllowed(address: string, extraDomains: readonly string[]): boolean {
  const sender = senderAddress(address);
  if (sender === null || sender.lastIndexOf("@") <= 0) return false;
  const domain = domainOf(sender);
  if (!HOSTNAME.test(domain) || isPatientDomain(domain)) return false;
  if (domain.endsWith(MSSANTE_SUFFIX)) return true;
  return extraDomains.some((entry) => {
    const d = normalizeDomainEntry(entry);
    return d !== null && (domain === d || domain.endsWith(`.${d}`));
  });
}
