/** The words of "Clore l'échange": why it is not offered, what happened after a click. */
import { msg, plural, type Message } from "../i18n/text.js";
import { shown } from "../compose/messages.js";
import { patientCalled, withoutPatientIdsText } from "../privacy/patient-ids.js";
import type { NotClosableReason } from "./patient.js";

/** The header button's tooltip on a message it can close (also the manifest's default title). */
export const CLOSE_ACTION_TITLE: Message = msg("closeActionTitle");

const NOT_CLOSABLE = {
  "no-message": "closeNoMessage",
  "not-patient": "closeNotPatient",
  "several-patients": "closeSeveralPatients",
  "not-ours": "closeNotOurs",
  "invalid-ins": "closeInvalidIns",
} as const satisfies Record<NotClosableReason | "no-message", string>;

export function notClosableText(reason: NotClosableReason | "no-message"): Message {
  return msg(NOT_CLOSABLE[reason]);
}

/** The context-menu entry's title while it can close (also its title when created). */
export const CLOSE_MENU_TITLE: Message = msg("menuCloseConversation");

/** The same reasons, for the context-menu entry: a menu entry has no tooltip, its title says why. */
const MENU_NOT_CLOSABLE = {
  "no-message": "menuCloseNoMessage",
  "not-patient": "menuCloseNotPatient",
  "several-patients": "menuCloseSeveralPatients",
  "not-ours": "menuCloseNotOurs",
  "invalid-ins": "menuCloseInvalidIns",
} as const satisfies Record<NotClosableReason | "no-message", string>;

export function notClosableMenuTitle(reason: NotClosableReason | "no-message"): Message {
  return msg(MENU_NOT_CLOSABLE[reason]);
}

/*
 * The texts below are shown as desktop notifications (lock screens): they name the
 * patient (`patientName`, "" when unknown), never give the address nor the matricule.
 */

export function closedText(patientName: string): Message {
  return msg("closedNotice", patientCalled(shown(patientName, 64)));
}

/** Thunderbird is offline: the [FIN] waits in the Outbox; the exchange closes when it leaves. */
export function closeQueuedText(patientName: string): Message {
  return msg("closeQueuedNotice", patientCalled(shown(patientName, 64)));
}

/** Thunderbird sends in the background: the [FIN] went to the Outbox and leaves from there. */
export function closeBackgroundText(patientName: string): Message {
  return msg("closeBackgroundNotice", patientCalled(shown(patientName, 64)));
}

/** "Close after sending" on a message sent later: the [FIN] waits for it to leave the Outbox. */
export function pendingCloseText(patientName: string): Message {
  return msg("pendingCloseNotice", patientCalled(shown(patientName, 64)));
}

/** The message a close was waiting for left the Outbox without being sent. */
export function pendingDroppedText(patientName: string): Message {
  return msg("pendingDroppedNotice", patientCalled(shown(patientName, 64)));
}

/**
 * Closes that waited too long for their message to leave the Outbox were given up; names
 * no patient (the notification may be seen by anyone near the screen).
 */
export function pendingExpiredText(count: number, days: number): Message {
  return plural("pendingExpiredNotice", count, patientCalled(""), days, count);
}

export function alreadyClosingText(patientName: string): Message {
  return msg("alreadyClosingNotice", patientCalled(shown(patientName, 64)));
}

export function reviewText(patientName: string): Message {
  return msg("reviewNotice", patientCalled(shown(patientName, 64)));
}

export function closeFailedText(patientName: string, reason: string): Message {
  return msg("closeFailedNotice", patientCalled(shown(patientName, 64)), withoutPatientIdsText(shown(reason, 200)));
}

/** Why a close did not start: Thunderbird's own error text, or one of ours (in the UI's language). */
export function closeNotStartedText(reason: string | Message): Message {
  return msg("closeNotStartedNotice", typeof reason === "string" ? withoutPatientIdsText(shown(reason, 200)) : reason);
}

/** The sent message's copy was not found, so no [FIN] can answer it. */
export function noSentCopyReason(): Message {
  return msg("closeReasonNoSentCopy");
}

/**
 * "Close after sending" given up because the add-on cannot tell whether the message went
 * (its compose window closed long after the send was let go, or Thunderbird answered the send
 * without saying it went): no [FIN], and the user closes it once the message is sent.
 */
export function sendNotKnownText(): Message {
  return msg("closeAfterSendNotKnownNotice");
}

/**
 * "Close after sending" given up because the compose window closed without its message being
 * sent (saved as a draft, given up, or closed after a refusal): the close is not kept with a
 * draft, so no [FIN] will follow if it is sent later.
 */
export function closeDroppedText(): Message {
  return msg("closeAfterSendDroppedNotice");
}

/** A message sent in the background was not found in the Outbox nor among sent messages. */
export function backgroundSendNotFoundReason(): Message {
  return msg("closeReasonBackgroundSendNotFound");
}
