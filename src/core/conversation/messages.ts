/** The words of "Clore l'échange": why it is not offered, what happened after a click. */
import type { Text } from "../i18n/text.js";
import { shown } from "../compose/messages.js";
import { patientCalled, withoutPatientIdsText } from "../privacy/patient-ids.js";
import type { NotClosableReason } from "./patient.js";

export const CLOSE_ACTION_TITLE: Text = {
  fr: "Clore l'échange : envoyer [FIN] au patient",
  en: "Close the exchange: send [FIN] to the patient",
};

export function notClosableText(reason: NotClosableReason | "no-message"): Text {
  switch (reason) {
    case "no-message":
      return {
        fr: "Clore l'échange : affichez d'abord un message d'un patient (ou envoyé à un patient)",
        en: "Close the exchange: first display a message from a patient (or sent to a patient)",
      };
    case "not-patient":
      return {
        fr: "Clore l'échange : indisponible, ce message n'est ni d'un patient ni adressé à un patient (messagerie Mon espace santé)",
        en: "Close the exchange: unavailable, this message is neither from nor to a patient (Mon espace santé mailbox)",
      };
    case "several-patients":
      return {
        fr: "Clore l'échange : indisponible, ce message est adressé à plusieurs patients ; clôturez depuis un message d'un seul patient",
        en: "Close the exchange: unavailable, this message went to several patients; close from a message of one patient",
      };
    case "not-ours":
      return {
        fr: "Clore l'échange : indisponible, ce message à un patient n'a pas été envoyé depuis l'une de vos adresses",
        en: "Close the exchange: unavailable, this message to a patient was not sent from one of your addresses",
      };
    case "invalid-ins":
      return {
        fr: "Clore l'échange : indisponible, l'adresse patient de ce message ne contient pas un matricule INS valide",
        en: "Close the exchange: unavailable, the patient address of this message does not hold a valid INS",
      };
  }
}

/*
 * The texts below are shown as desktop notifications (lock screens): they name the
 * patient (`patientName`, "" when unknown), never give the address nor the matricule.
 */

export function closedText(patientName: string): Text {
  const who = patientCalled(shown(patientName, 64));
  return {
    fr: `Échange clos : [FIN] envoyé à ${who.fr}. Le patient ne peut plus répondre.`,
    en: `Exchange closed: [FIN] sent to ${who.en}. The patient can no longer reply.`,
  };
}

/** "Close after sending" on a message sent later: the [FIN] waits for it to leave the Outbox. */
export function pendingCloseText(patientName: string): Text {
  const who = patientCalled(shown(patientName, 64));
  return {
    fr: `Votre message à ${who.fr} attend dans la boîte d'envoi. Le [FIN] partira juste après lui, une fois qu'il aura été envoyé : jamais avant, ni sans lui. L'échange sera clos à ce moment-là.`,
    en: `Your message to ${who.en} is waiting in the Outbox. The [FIN] will follow right after it, once it has been sent: never before it, nor without it. The exchange closes then.`,
  };
}

/** The message a close was waiting for left the Outbox without being sent. */
export function pendingDroppedText(patientName: string): Text {
  const who = patientCalled(shown(patientName, 64));
  return {
    fr: `L'échange avec ${who.fr} n'est PAS clos : le message qui devait partir avant le [FIN] a quitté la boîte d'envoi sans qu'une copie envoyée en soit trouvée. Aucun [FIN] n'a été envoyé ; clôturez depuis un message du patient si besoin.`,
    en: `The exchange with ${who.en} is NOT closed: the message that was to leave before the [FIN] left the Outbox but no sent copy of it was found. No [FIN] was sent; close from one of the patient's messages if needed.`,
  };
}

/**
 * Closes that waited too long for their message to leave the Outbox were given up; names
 * no patient (the notification may be seen by anyone near the screen).
 */
export function pendingExpiredText(count: number, days: number): Text {
  const who = patientCalled("");
  const many = count > 1;
  return {
    fr: `${many ? `${count} échanges ne seront PAS clos` : `L'échange avec ${who.fr} ne sera PAS clos`} : ${many ? "les messages envoyés plus tard attendaient" : "le message envoyé plus tard attendait"} dans la boîte d'envoi depuis plus de ${days} jours. Le [FIN] prévu est abandonné et l'adresse gardée pour lui effacée ; clôturez depuis un message du patient si besoin.`,
    en: `${many ? `${count} exchanges will NOT be closed` : `The exchange with ${who.en} will NOT be closed`}: ${many ? "the messages sent later had been waiting" : "the message sent later had been waiting"} in the Outbox for more than ${days} days. The planned [FIN] is given up and the address kept for it erased; close from one of the patient's messages if needed.`,
  };
}

export function alreadyClosingText(patientName: string): Text {
  const who = patientCalled(shown(patientName, 64));
  return {
    fr: `La clôture de l'échange avec ${who.fr} est déjà en cours ou faite : aucun second [FIN] n'est envoyé.`,
    en: `Closing the exchange with ${who.en} is already under way or done: no second [FIN] is sent.`,
  };
}

export function reviewText(patientName: string): Text {
  const who = patientCalled(shown(patientName, 64));
  return {
    fr: `Le message [FIN] à ${who.fr} est prêt : relisez-le, puis envoyez-le.`,
    en: `The [FIN] message to ${who.en} is ready: review it, then send it.`,
  };
}

export function closeFailedText(patientName: string, reason: string): Text {
  const who = patientCalled(shown(patientName, 64));
  const why = withoutPatientIdsText(shown(reason, 200));
  return {
    fr: `L'échange avec ${who.fr} n'est PAS clos : le message [FIN] n'est pas parti (${why.fr}). Il reste ouvert dans sa fenêtre de rédaction.`,
    en: `The exchange with ${who.en} is NOT closed: the [FIN] message was not sent (${why.en}). It is still open in its compose window.`,
  };
}

export function closeNotStartedText(reason: string): Text {
  const why = withoutPatientIdsText(shown(reason, 200));
  return {
    fr: `L'échange n'est PAS clos : impossible de préparer le message [FIN] (${why.fr}).`,
    en: `The exchange is NOT closed: the [FIN] message could not be prepared (${why.en}).`,
  };
}
