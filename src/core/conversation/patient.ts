/**
 * Who the patient of a displayed message is: the sender, when the message comes from a
 * patient mailbox, or the one patient we wrote to, when the message is ours. Anything else
 * (no patient, several patients, a mistyped matricule) cannot be closed in one click, and
 * the reason is said.
 */
import { parseRecipients, patientOf, personName, type Mailbox } from "../compose/index.js";
import { decodeIns, type InsIdentity } from "../ins/index.js";

/** The header fields of a message that matter here, as Thunderbird lists them. */
export interface MessageParties {
  /** The `From` field, e.g. `"Marie Durand <2550…@patient.mssante.fr>"`. */
  readonly author: string;
  readonly recipients: readonly string[];
  readonly ccList: readonly string[];
  readonly bccList: readonly string[];
}

export interface ConversationPatient {
  /** The patient's address as written in the message (`<INS>@patient.mssante.fr`). */
  readonly address: string;
  /** The matricule INS, normalised. */
  readonly ins: string;
  readonly identity: InsIdentity;
  /** The display name of the message, when it is a real name (not the address or the INS). */
  readonly name: string;
  /** The patient wrote the message, or we wrote to the patient. */
  readonly direction: "from-patient" | "to-patient";
}

/**
 * - `not-patient`: neither from a patient nor ours to a patient;
 * - `several-patients`: ours, to more than one patient (which one to close is not clear);
 * - `not-ours`: to a patient, but not sent by one of our addresses;
 * - `invalid-ins`: the patient address does not hold a valid matricule INS.
 */
export type NotClosableReason = "not-patient" | "several-patients" | "not-ours" | "invalid-ins";

export type PatientLookup =
  | { readonly ok: true; readonly patient: ConversationPatient }
  | { readonly ok: false; readonly reason: NotClosableReason };

function mailboxes(fields: readonly string[]): Mailbox[] {
  return fields.flatMap((field) => parseRecipients(field));
}

/**
 * A display name worth greeting: not empty, not an address, not the matricule itself nor
 * any other INS (`personName`: cleaned of invisible characters and cut as the add-on
 * writes names).
 */
export function usableName(name: string, ins: string): string {
  const clean = personName(name);
  if (clean.replace(/[\s.]/g, "").toUpperCase() === ins) return "";
  return clean;
}

function patientFrom(mailbox: Mailbox, direction: ConversationPatient["direction"]): PatientLookup {
  const check = patientOf(mailbox.address);
  if (check === null) return { ok: false, reason: "not-patient" };
  if (!check.valid) return { ok: false, reason: "invalid-ins" };
  return {
    ok: true,
    patient: {
      address: mailbox.address.trim(),
      ins: check.ins,
      identity: decodeIns(check.ins),
      name: usableName(mailbox.name, check.ins),
      direction,
    },
  };
}

/**
 * The patient of a message. `ownAddresses` are the addresses of the user's identities:
 * a message to a patient counts only when one of them sent it.
 */
export function conversationPatient(message: MessageParties, ownAddresses: readonly string[]): PatientLookup {
  const author = parseRecipients(message.author)[0];
  if (author !== undefined && patientOf(author.address) !== null) return patientFrom(author, "from-patient");

  const seen = new Map<string, Mailbox>();
  for (const mailbox of mailboxes([...message.recipients, ...message.ccList, ...message.bccList])) {
    if (patientOf(mailbox.address) === null) continue;
    const key = mailbox.address.trim().toLowerCase();
    if (!seen.has(key)) seen.set(key, mailbox);
  }
  const patients = [...seen.values()];
  const [only] = patients;
  if (only === undefined) return { ok: false, reason: "not-patient" };
  if (patients.length > 1) return { ok: false, reason: "several-patients" };
  const own = new Set(ownAddresses.map((a) => a.trim().toLowerCase()));
  if (author === undefined || !own.has(author.address.trim().toLowerCase())) return { ok: false, reason: "not-ours" };
  return patientFrom(only, "to-patient");
}

export interface IdentityRef {
  readonly id: string;
  readonly email: string;
}

/**
 * The identity to close from: the one the patient wrote to (first among To, then Cc, then
 * Bcc), or the one that wrote to the patient. Null when none of the user's identities is
 * in the message (an alias, a forwarded copy): the caller lets Thunderbird choose, and the
 * send guard checks the sender.
 */
export function closingIdentity(
  message: MessageParties,
  direction: ConversationPatient["direction"],
  identities: readonly IdentityRef[],
): IdentityRef | null {
  const byAddress = (address: string): IdentityRef | undefined =>
    identities.find((identity) => identity.email.trim().toLowerCase() === address.trim().toLowerCase());
  const candidates =
    direction === "to-patient"
      ? mailboxes([message.author])
      : mailboxes([...message.recipients, ...message.ccList, ...message.bccList]);
  for (const mailbox of candidates) {
    const identity = byAddress(mailbox.address);
    if (identity !== undefined) return identity;
  }
  return null;
}
