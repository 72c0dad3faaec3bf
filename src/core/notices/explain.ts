import type { Text } from "../i18n/text.js";
import type { Notice, NoticeRecipient, Reason } from "./types.js";

/** What happened and what to do, for one recipient of a notice. */
export interface Explanation {
  /** A short heading. */
  readonly title: Text;
  /** What the notice means. */
  readonly explanation: Text;
  /** What to do next, in order. */
  readonly steps: readonly Text[];
}

export interface ExplainOptions {
  /** The recipient is a patient mailbox of Mon espace santé (`…@patient.mssante.fr`). */
  readonly patient?: boolean;
  /** For a patient: whether the number before the `@` passes the INS checks. */
  readonly insValid?: boolean | null;
}

const NOTE_IN_FILE: Text = {
  fr: "Notez dans le dossier du patient que ce message ne lui est pas parvenu, avec la date.",
  en: "Note in the patient's file that this message did not reach them, with the date.",
};

const OTHER_CHANNEL: Text = {
  fr: "Transmettez l'information par un autre moyen : courrier papier, remise en main propre lors d'une consultation, ou appel au patient.",
  en: "Send the information another way: paper mail, hand it over at a consultation, or call the patient.",
};

const CHECK_INS_OWN: Text = {
  fr: "Vérifiez que le matricule INS est bien celui du patient lui-même (et non celui d'un parent, pour un enfant) : comparez-le à l'INS qualifié de son dossier ou au téléservice INSi. Un numéro dont la clé est valide mais qui n'est pas le sien peut désigner la messagerie d'une autre personne.",
  en: "Check that the INS number is the patient's own (not a parent's, for a child): compare it with the qualified INS in the file or with the INSi service. A number whose key is valid but which is not theirs can point to someone else's mailbox.",
};

const INS_KEY_INVALID: Text = {
  fr: "Le numéro avant « @patient.mssante.fr » n'est pas un matricule INS valide (clé ou format) : il a été mal saisi. Reprenez-le depuis l'INS qualifié du patient.",
  en: 'The number before "@patient.mssante.fr" is not a valid INS number (key or layout): it was mistyped. Take it again from the patient\'s qualified INS.',
};

const NOT_DELIVERED: Text = {
  fr: "Le message n'a pas été distribué.",
  en: "The message was not delivered.",
};

function generic(reason: Reason): Explanation {
  switch (reason) {
    case "mailbox-closed":
      return {
        title: { fr: "Messagerie fermée", en: "Mailbox closed" },
        explanation: {
          fr: "La messagerie du destinataire est fermée ou désactivée : le message n'a pas été distribué et rien n'a été remis.",
          en: "The recipient's mailbox is closed or disabled: the message was not delivered and nothing reached them.",
        },
        steps: [
          {
            fr: "Ne renvoyez pas le message à cette adresse : il serait de nouveau refusé.",
            en: "Do not send the message to this address again: it would be refused again.",
          },
          {
            fr: "Contactez le destinataire par un autre moyen pour obtenir une adresse en service.",
            en: "Contact the recipient another way to get an address that works.",
          },
        ],
      };
    case "unknown-recipient":
      return {
        title: { fr: "Destinataire inconnu", en: "Unknown recipient" },
        explanation: {
          fr: "L'adresse n'existe pas chez le destinataire : le message n'a pas été distribué.",
          en: "The address does not exist at the recipient's end: the message was not delivered.",
        },
        steps: [
          { fr: "Vérifiez l'orthographe de l'adresse.", en: "Check the spelling of the address." },
          {
            fr: "Demandez au destinataire son adresse exacte, puis renvoyez le message.",
            en: "Ask the recipient for their exact address, then send the message again.",
          },
        ],
      };
    case "invalid-address":
      return {
        title: { fr: "Adresse mal formée", en: "Malformed address" },
        explanation: {
          fr: "L'adresse n'est pas écrite correctement : le message n'a pas été distribué.",
          en: "The address is not written correctly: the message was not delivered.",
        },
        steps: [
          {
            fr: "Corrigez l'adresse (espaces, caractères en trop, @ manquant), puis renvoyez le message.",
            en: "Correct the address (spaces, stray characters, missing @), then send the message again.",
          },
        ],
      };
    case "mailbox-full":
      return {
        title: { fr: "Boîte pleine", en: "Mailbox full" },
        explanation: {
          fr: "La boîte du destinataire est pleine : le message n'a pas été distribué.",
          en: "The recipient's mailbox is full: the message was not delivered.",
        },
        steps: [
          {
            fr: "Prévenez le destinataire par un autre moyen qu'il doit libérer de la place.",
            en: "Tell the recipient another way that they must free some space.",
          },
          {
            fr: "Renvoyez le message plus tard, ou utilisez un autre moyen s'il est urgent.",
            en: "Send the message again later, or use another channel if it is urgent.",
          },
        ],
      };
    case "message-too-large":
      return {
        title: { fr: "Message trop volumineux", en: "Message too large" },
        explanation: {
          fr: "Le message dépasse la taille acceptée par le destinataire : il n'a pas été distribué.",
          en: "The message is larger than the recipient accepts: it was not delivered.",
        },
        steps: [
          {
            fr: "Réduisez les pièces jointes (PDF compressé, moins d'images) ou répartissez-les sur plusieurs messages, puis renvoyez.",
            en: "Make the attachments smaller (compressed PDF, fewer images) or split them over several messages, then send again.",
          },
        ],
      };
    case "content-rejected":
      return {
        title: { fr: "Contenu refusé", en: "Content refused" },
        explanation: {
          fr: "Le serveur du destinataire a refusé le contenu du message (filtre anti-spam, antivirus, type de pièce jointe) : il n'a pas été distribué.",
          en: "The recipient's server refused the message's content (spam filter, antivirus, attachment type): it was not delivered.",
        },
        steps: [
          {
            fr: "Vérifiez les pièces jointes (préférez PDF, JPEG ou PNG ; pas d'exécutable ni d'archive) et les liens du message.",
            en: "Check the attachments (prefer PDF, JPEG or PNG; no programs or archives) and the links in the message.",
          },
          {
            fr: "Si le refus persiste, transmettez le texte du refus à votre support informatique ou à votre opérateur de messagerie.",
            en: "If it is refused again, send the refusal text to your IT support or mail operator.",
          },
        ],
      };
    case "sender-rejected":
      return {
        title: { fr: "Expéditeur refusé", en: "Sender refused" },
        explanation: {
          fr: "Le serveur du destinataire a refusé votre adresse ou votre serveur d'envoi (liste de blocage, authentification SPF/DKIM/DMARC, politique de l'organisme) : le message n'a pas été distribué.",
          en: "The recipient's server refused your address or your sending server (block list, SPF/DKIM/DMARC authentication, the organisation's policy): the message was not delivered.",
        },
        steps: [
          {
            fr: "Transmettez ce rapport à votre support informatique ou à votre opérateur de messagerie : le problème est de leur côté ou entre les deux serveurs.",
            en: "Send this report to your IT support or mail operator: the problem is on their side or between the two servers.",
          },
          {
            fr: "En attendant, utilisez un autre moyen si le message est urgent.",
            en: "Meanwhile, use another channel if the message is urgent.",
          },
        ],
      };
    case "host-unknown":
      return {
        title: { fr: "Domaine introuvable", en: "Domain not found" },
        explanation: {
          fr: "La partie après « @ » ne correspond à aucun serveur de messagerie qui accepte ce message : le message n'a pas été distribué.",
          en: 'The part after "@" matches no mail server that accepts this message: the message was not delivered.',
        },
        steps: [
          {
            fr: "Vérifiez l'orthographe du domaine (après « @ »), puis renvoyez le message.",
            en: 'Check the spelling of the domain (after "@"), then send the message again.',
          },
        ],
      };
    case "network-error":
      return {
        title: { fr: "Serveur injoignable", en: "Server unreachable" },
        explanation: {
          fr: "Le serveur du destinataire n'a pas pu être joint ou a rencontré une erreur : le message n'a pas été distribué.",
          en: "The recipient's server could not be reached or failed: the message was not delivered.",
        },
        steps: [
          { fr: "Renvoyez le message plus tard.", en: "Send the message again later." },
          {
            fr: "Si l'échec se répète, transmettez ce rapport à votre support informatique.",
            en: "If it fails again, send this report to your IT support.",
          },
        ],
      };
    case "expired":
      return {
        title: { fr: "Délai dépassé", en: "Delivery timed out" },
        explanation: {
          fr: "Le système de messagerie a essayé pendant plusieurs heures ou jours, puis a abandonné : le message n'a pas été distribué.",
          en: "The mail system tried for hours or days, then gave up: the message was not delivered.",
        },
        steps: [
          {
            fr: "Vérifiez l'adresse, puis renvoyez le message ; s'il est urgent, utilisez un autre moyen.",
            en: "Check the address, then send the message again; if it is urgent, use another channel.",
          },
        ],
      };
    case "temporary":
      return {
        title: { fr: "Problème temporaire", en: "Temporary problem" },
        explanation: {
          fr: "Un problème temporaire retarde la remise. Le système de messagerie réessaie en général de lui-même.",
          en: "A temporary problem is holding up delivery. The mail system usually tries again by itself.",
        },
        steps: [
          {
            fr: "Attendez : vous serez prévenu si la remise échoue définitivement.",
            en: "Wait: you will be told if delivery finally fails.",
          },
        ],
      };
    case "other":
      return {
        title: { fr: "Non distribué", en: "Not delivered" },
        explanation: {
          fr: "Le message n'a pas été distribué, pour une raison que le rapport ne précise pas clairement.",
          en: "The message was not delivered, for a reason the report does not make clear.",
        },
        steps: [
          {
            fr: "Lisez le texte du serveur distant ci-dessous ; vérifiez l'adresse puis renvoyez, ou transmettez le rapport à votre support informatique.",
            en: "Read the remote server's text below; check the address and send again, or send the report to your IT support.",
          },
        ],
      };
  }
}

/** Patient mailboxes of Mon espace santé: what the causes mean there. */
function forPatient(reason: Reason, insValid: boolean | null): Explanation {
  const base = generic(reason);
  const insStep = insValid === false ? INS_KEY_INVALID : CHECK_INS_OWN;
  switch (reason) {
    case "mailbox-closed":
      return {
        title: { fr: "Messagerie Mon espace santé clôturée", en: "Mon espace santé mailbox closed" },
        explanation: {
          fr: "La messagerie Mon espace santé de ce destinataire est clôturée (profil fermé, ou opposition à Mon espace santé). Le message n'a pas été distribué : rien n'est parvenu au patient.",
          en: "This recipient's Mon espace santé mailbox is closed (profile closed, or the person objected to Mon espace santé). The message was not delivered: nothing reached the patient.",
        },
        steps: [
          {
            fr: "Ne renvoyez pas le message à cette adresse : il serait de nouveau refusé.",
            en: "Do not send the message to this address again: it would be refused again.",
          },
          insStep,
          OTHER_CHANNEL,
          NOTE_IN_FILE,
        ],
      };
    case "unknown-recipient":
    case "invalid-address":
      return {
        title: { fr: "Patient introuvable dans Mon espace santé", en: "Patient not found in Mon espace santé" },
        explanation: {
          fr: "Aucune messagerie Mon espace santé ne correspond à cette adresse : matricule INS erroné, numéro d'un parent utilisé pour un enfant, ou patient sans profil. Le message n'a pas été distribué.",
          en: "No Mon espace santé mailbox matches this address: wrong INS number, a parent's number used for a child, or a patient without a profile. The message was not delivered.",
        },
        steps: [
          insStep,
          {
            fr: "Renvoyez seulement après avoir corrigé l'adresse ; sinon, utilisez un autre moyen.",
            en: "Send again only once the address is corrected; otherwise use another channel.",
          },
          NOTE_IN_FILE,
        ],
      };
    case "message-too-large":
      return {
        title: base.title,
        explanation: {
          fr: "Le message dépasse la taille acceptée (25 Mo au plus pour un patient, parfois moins chez votre opérateur) : il n'a pas été distribué.",
          en: "The message is larger than accepted (at most 25 MB for a patient, sometimes less at your operator): it was not delivered.",
        },
        steps: [
          {
            fr: "Réduisez les pièces jointes (PDF, JPEG ou PNG compressés) ou répartissez-les sur plusieurs messages, puis renvoyez.",
            en: "Make the attachments smaller (compressed PDF, JPEG or PNG) or split them over several messages, then send again.",
          },
        ],
      };
    case "host-unknown":
      return {
        title: base.title,
        explanation: base.explanation,
        steps: [
          {
            fr: "Le domaine d'une messagerie patient s'écrit exactement « patient.mssante.fr » : corrigez l'adresse, puis renvoyez.",
            en: 'The domain of a patient mailbox is exactly "patient.mssante.fr": correct the address, then send again.',
          },
        ],
      };
    case "mailbox-full":
    case "content-rejected":
    case "sender-rejected":
    case "network-error":
    case "expired":
    case "other":
      return { title: base.title, explanation: base.explanation, steps: [...base.steps, NOTE_IN_FILE] };
    case "temporary":
      return base;
  }
}

/** The explanation and next steps for a cause of failure. */
export function explainReason(reason: Reason, options: ExplainOptions = {}): Explanation {
  return options.patient === true ? forPatient(reason, options.insValid ?? null) : generic(reason);
}

/** The explanation for one recipient of a notice (bounce, delay or receipt). */
export function explainRecipient(r: NoticeRecipient): Explanation {
  const patient = r.ins !== null;
  if (r.disposition !== null && r.action !== "failed") {
    const shown = r.disposition.type === "displayed";
    const error = r.disposition.error;
    return {
      title: shown
        ? { fr: "Message affiché", en: "Message displayed" }
        : r.disposition.type === "deleted"
          ? { fr: "Message supprimé sans être lu", en: "Message deleted unread" }
          : { fr: "Message traité", en: "Message processed" },
      explanation: error
        ? {
            fr: `Le logiciel du destinataire signale une erreur${r.disposition.errorText === null ? "" : ` : ${r.disposition.errorText}`}.`,
            en: `The recipient's software reports an error${r.disposition.errorText === null ? "" : `: ${r.disposition.errorText}`}.`,
          }
        : shown
          ? {
              fr: "Le message a été ouvert chez le destinataire. Cela ne garantit pas qu'il a été lu ni compris.",
              en: "The message was opened at the recipient's end. This does not guarantee it was read or understood.",
            }
          : { fr: "Le destinataire a reçu le message.", en: "The recipient received the message." },
      steps: error
        ? [
            {
              fr: "Lisez le détail de l'erreur et corrigez l'envoi si besoin (document, identifiant du patient).",
              en: "Read the error detail and correct the message if needed (document, patient identifier).",
            },
          ]
        : [],
    };
  }
  if (r.action === "delivered" || r.action === "relayed" || r.action === "expanded") {
    return {
      title: { fr: "Message remis", en: "Message delivered" },
      explanation: {
        fr: "Le système de messagerie confirme la remise du message.",
        en: "The mail system confirms that the message was delivered.",
      },
      steps: [],
    };
  }
  if (r.action === "delayed") {
    const cause = explainReason(r.reason ?? "temporary", { patient, insValid: r.insValid });
    return {
      title: { fr: "Remise retardée", en: "Delivery delayed" },
      explanation: {
        fr: `Le message n'est pas encore remis ; le système de messagerie continue d'essayer. Cause indiquée : ${cause.title.fr.toLowerCase()}.`,
        en: `The message is not delivered yet; the mail system keeps trying. Stated cause: ${cause.title.en.toLowerCase()}.`,
      },
      steps: [
        {
          fr: "Ne renvoyez pas le message maintenant : vous serez prévenu si la remise échoue définitivement.",
          en: "Do not send the message again now: you will be told if delivery finally fails.",
        },
      ],
    };
  }
  const base = explainReason(r.reason ?? "other", { patient, insValid: r.insValid });
  if (patient && r.insValid === false && r.reason !== "unknown-recipient" && r.reason !== "invalid-address" && r.reason !== "mailbox-closed") {
    return { ...base, steps: [INS_KEY_INVALID, ...base.steps] };
  }
  return base;
}

/** A one-line summary of a notice. */
export function summarizeNotice(n: Notice): Text {
  const count = n.recipients.length;
  switch (n.kind) {
    case "bounce":
      return count === 1
        ? {
            fr: `Le message n'a pas été distribué à ${n.recipients[0]?.address ?? ""}.`,
            en: `The message was not delivered to ${n.recipients[0]?.address ?? ""}.`,
          }
        : count === 0
          ? NOT_DELIVERED
          : { fr: `Le message n'a pas été distribué à ${count} destinataires.`, en: `The message was not delivered to ${count} recipients.` };
    case "delay":
      return { fr: "La remise du message est retardée.", en: "Delivery of the message is delayed." };
    case "receipt":
      return n.recipients.some((r) => r.disposition?.type === "displayed")
        ? { fr: "Accusé de lecture : le message a été affiché.", en: "Read receipt: the message was displayed." }
        : n.recipients.some((r) => r.disposition !== null)
          ? { fr: "Accusé de lecture.", en: "Read receipt." }
          : { fr: "Confirmation de remise.", en: "Delivery confirmation." };
    case "none":
      return { fr: "Ce message n'est pas un avis de remise.", en: "This message is not a delivery notice." };
  }
}

/** The cause of a failure in a few words (for tables and lists). */
export function reasonLabel(reason: Reason): Text {
  return generic(reason).title;
}
