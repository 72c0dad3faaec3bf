/**
 * What the message header shows of a patient exchange: the "Clore l'échange" button's
 * label and tooltip. The tooltip says it is a Mon espace santé exchange, gives the matricule
 * INS and what it decodes to, and the state (open, or closed on a date); the label reads
 * "Échange clos le …" once a [FIN] went to the patient, and the button is then disabled.
 */
import { shown } from "../compose/messages.js";
import { CLOSE_MENU_TITLE } from "./messages.js";
import { msg, type Message, type Sub } from "../i18n/text.js";
import { describeIdentity } from "../ins/index.js";
import { patientCalled } from "../privacy/patient-ids.js";
import type { ConversationPatient } from "./patient.js";
import type { ConversationState } from "./state.js";

/** The header button's label while the exchange can be closed (also the manifest's label). */
export const CLOSE_ACTION_LABEL: Message = msg("closeActionLabel");

export interface ExchangeView {
  readonly enabled: boolean;
  readonly label: Message;
  readonly title: Message;
  /** The message list's context-menu entry for the same state: enabled alike, its title says why not. */
  readonly menuTitle: Message;
}

/**
 * A date, and a date and time, in the local time zone of `offsetMinutes` (as
 * `Date#getTimezoneOffset` gives it), written by `Intl` for `locale`:
 * `25/11/2026`, `25/11/2026 à 09:15` in French.
 */
export function dateText(ms: number, offsetMinutes: number, locale: string): { day: string; dayAndTime: Message } {
  const local = new Date(ms - offsetMinutes * 60_000);
  const { day, time } = formatsFor(locale);
  const dayText = day.format(local);
  return { day: dayText, dayAndTime: msg("dateAtTime", dayText, time.format(local)) };
}

/** The formats of a locale, made once (making one is far slower than using it). */
const FORMATS = new Map<string, { readonly day: Intl.DateTimeFormat; readonly time: Intl.DateTimeFormat }>();

function formatsFor(locale: string): { readonly day: Intl.DateTimeFormat; readonly time: Intl.DateTimeFormat } {
  const known = FORMATS.get(locale);
  if (known !== undefined) return known;
  const made = {
    day: new Intl.DateTimeFormat(locale, { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }),
    time: new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone: "UTC" }),
  };
  FORMATS.set(locale, made);
  return made;
}

/** The matricule grouped as on the card: `2 55 08 14 168 025 38`. */
export function groupedIns(ins: string): string {
  const parts = [ins.slice(0, 1), ins.slice(1, 3), ins.slice(3, 5), ins.slice(5, 7), ins.slice(7, 10), ins.slice(10, 13), ins.slice(13)];
  return parts.filter((p) => p !== "").join(" ");
}

function who(patient: ConversationPatient): Sub {
  return patient.name === "" ? msg("patientWord") : shown(patient.name);
}

/**
 * The header button for a patient exchange in the given state. `referenceYear` decides the
 * century of the birth year; `offsetMinutes` the time zone the date is written in; `locale`
 * the language dates are written in (the interface language's tag).
 */
export function exchangeView(
  patient: ConversationPatient,
  state: ConversationState,
  referenceYear: number,
  offsetMinutes: number,
  locale: string,
  waitingSince: number | null = null,
): ExchangeView {
  const identity = describeIdentity(patient.identity, referenceYear, locale);
  const facts = [who(patient), groupedIns(patient.ins), identity] as const;
  if (state.state === "open" && waitingSince !== null) {
    // A [FIN] from the user waits in the Outbox: not closed yet, and no second [FIN].
    return {
      enabled: false,
      label: msg("exchangeWaitingLabel"),
      title: msg("exchangeWaitingTitle", ...facts, dateText(waitingSince, offsetMinutes, locale).dayAndTime),
      menuTitle: msg("menuCloseWaiting"),
    };
  }
  if (state.state === "open") {
    return { enabled: true, label: CLOSE_ACTION_LABEL, title: msg("exchangeOpenTitle", ...facts), menuTitle: CLOSE_MENU_TITLE };
  }
  const when = dateText(state.on, offsetMinutes, locale);
  return {
    enabled: false,
    label: msg("exchangeClosedLabel", when.day),
    title: msg("exchangeClosedTitle", ...facts, when.dayAndTime),
    menuTitle: msg("menuCloseClosed", when.day),
  };
}

/**
 * Said (a desktop notification) when a close is asked (shortcut, menu) on an exchange
 * already closed: names the patient (`patientName`, "" when unknown), never the address.
 */
export function alreadyClosedText(patientName: string, on: number, offsetMinutes: number, locale: string): Message {
  return msg("alreadyClosedNotice", dateText(on, offsetMinutes, locale).dayAndTime, patientCalled(shown(patientName, 64)));
}
