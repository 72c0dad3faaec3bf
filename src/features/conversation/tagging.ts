/**
 * The optional "Patient" tag (`tagPatientMessages`): messages exchanged with a Mon espace
 * santé mailbox — from a patient, or to one — get it, so that they can be filtered and
 * searched. Applied to new mail as it arrives and to a message when it is displayed (which
 * catches up on mail received before the setting was turned on).
 */
import { message } from "../../adapters/i18n.js";
import { addTags, type MessageInfo } from "../../adapters/messages.js";
import { loadSettings } from "../settings/store.js";
import { ensureTags, type TagSpec } from "../tags.js";
import { isPatientAddress, parseRecipients } from "../../core/compose/index.js";

export const PATIENT_TAG_KEY = "mssante-patient";

export function patientTag(): TagSpec {
  return { key: PATIENT_TAG_KEY, label: message("tagPatient"), color: "#1565C0" };
}

/** From a patient mailbox, or with one among its recipients. */
export function isPatientExchange(message: Pick<MessageInfo, "author" | "recipients">): boolean {
  return [message.author, ...message.recipients].flatMap((field) => parseRecipients(field)).some((m) => isPatientAddress(m.address));
}

/** Tags the patient messages among `messages` when the setting is on; returns how many were tagged. */
export async function tagPatientMessages(messages: readonly MessageInfo[]): Promise<number> {
  const patients = messages.filter(isPatientExchange);
  if (patients.length === 0) return 0;
  if (!(await loadSettings()).values.tagPatientMessages) return 0;
  await ensureTags([patientTag()]);
  let tagged = 0;
  for (const message of patients) {
    if (await addTags(message, [PATIENT_TAG_KEY])) tagged++;
  }
  return tagged;
}
