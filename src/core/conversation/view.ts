/**
 * What the message header shows of a patient exchange: the "Clore l'échange" button's
 * label and tooltip. The tooltip says it is a Mon espace santé exchange, gives the matricule
 * INS and what it decodes to, and the state (open, or closed on a date); the label reads
 * "Échange clos le …" once a [FIN] went to the patient, and the button is then disabled.
 */
import { shown } from "../compose/messages.js";
import type { Text } from "../i18n/text.js";
import { describeIdentity } from "../ins/index.js";
import { patientCalled } from "../privacy/patient-ids.js";
import { CLOSE_ACTION_TITLE } from "./messages.js";
import type { ConversationPatient } from "./patient.js";
import type { ConversationState } from "./state.js";

export const CLOSE_ACTION_LABEL: Text = { fr: "Clore l'échange", en: "Close the exchange" };

export interface ExchangeView {
  readonly enabled: boolean;
  readonly label: Text;
  readonly title: Text;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * A date and time in the local time zone of `offsetMinutes` (as `Date#getTimezoneOffset`
 * gives it): `25/11/2026 à 09:15` / `25/11/2026 at 09:15`.
 */
export function dateText(ms: number, offsetMinutes: number): { day: Text; dayAndTime: Text } {
  const local = new Date(ms - offsetMinutes * 60_000);
  const day = `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  return { day: { fr: day, en: day }, dayAndTime: { fr: `${day} à ${time}`, en: `${day} at ${time}` } };
}

/** The matricule grouped as on the card: `2 55 08 14 168 025 38`. */
export function groupedIns(ins: string): string {
  const parts = [ins.slice(0, 1), ins.slice(1, 3), ins.slice(3, 5), ins.slice(5, 7), ins.slice(7, 10), ins.slice(10, 13), ins.slice(13)];
  return parts.filter((p) => p !== "").join(" ");
}

function who(patient: ConversationPatient): Text {
  if (patient.name === "") return { fr: "patient", en: "patient" };
  const name = shown(patient.name);
  return { fr: name, en: name };
}

/**
 * The header button for a patient exchange in the given state. `referenceYear` decides the
 * century of the birth year; `offsetMinutes` the time zone the date is written in.
 */
export function exchangeView(
  patient: ConversationPatient,
  state: ConversationState,
  referenceYear: number,
  offsetMinutes: number,
): ExchangeView {
  const identity = describeIdentity(patient.identity, referenceYear);
  const name = who(patient);
  const facts: Text = {
    fr: `Échange Mon espace santé avec ${name.fr} — INS ${groupedIns(patient.ins)} (${identity.fr})`,
    en: `Mon espace santé exchange with ${name.en} — INS ${groupedIns(patient.ins)} (${identity.en})`,
  };
  if (state.state === "open") {
    return {
      enabled: true,
      label: CLOSE_ACTION_LABEL,
      title: {
        fr: `${facts.fr}. État : ouvert. ${CLOSE_ACTION_TITLE.fr}`,
        en: `${facts.en}. State: open. ${CLOSE_ACTION_TITLE.en}`,
      },
    };
  }
  const when = dateText(state.on, offsetMinutes);
  return {
    enabled: false,
    label: { fr: `Échange clos le ${when.day.fr}`, en: `Exchange closed on ${when.day.en}` },
    title: {
      fr: `${facts.fr}. État : clos le ${when.dayAndTime.fr} ([FIN] envoyé). Échange déjà clos : aucun nouveau [FIN] n'est envoyé.`,
      en: `${facts.en}. State: closed on ${when.dayAndTime.en} ([FIN] sent). Exchange already closed: no new [FIN] is sent.`,
    },
  };
}

/**
 * Said (a desktop notification) when a close is asked (shortcut, menu) on an exchange
 * already closed: names the patient (`patientName`, "" when unknown), never the address.
 */
export function alreadyClosedText(patientName: string, on: number, offsetMinutes: number): Text {
  const when = dateText(on, offsetMinutes).dayAndTime;
  const who = patientCalled(shown(patientName, 64));
  return {
    fr: `Échange déjà clos le ${when.fr} : un [FIN] a été envoyé à ${who.fr}. Aucun second [FIN] n'est envoyé.`,
    en: `Exchange already closed on ${when.en}: a [FIN] was sent to ${who.en}. No second [FIN] is sent.`,
  };
}
