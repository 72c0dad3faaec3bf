/**
 * The panel's sentences that carry numbers, dates or names, in French and English; and the
 * explanation of one stored recipient (the classifier's own wording).
 */
import type { Text } from "../i18n/text.js";
import { explainRecipient, reasonLabel, type Explanation, type NoticeRecipient } from "../notices/index.js";
import type { DispositionType } from "../notices/index.js";
import type { PanelCounts } from "./view.js";
import { RECIPIENTS_MAX, type RecordRecipient } from "./record.js";
import { RECORDS_MAX } from "./retention.js";

const DISPOSITIONS: readonly DispositionType[] = ["displayed", "deleted", "dispatched", "processed", "denied", "failed"];

function dispositionType(value: string | null): DispositionType | null {
  return DISPOSITIONS.find((d) => d === value) ?? null;
}

/** The stored recipient, as the classifier's explanation reads it. */
export function asNoticeRecipient(r: RecordRecipient): NoticeRecipient {
  const type = dispositionType(r.disposition);
  const action = r.action;
  return {
    address: r.address,
    action: action === "failed" || action === "delayed" || action === "delivered" || action === "relayed" || action === "expanded" ? action : null,
    status: r.status,
    diagnostic: null,
    reason: r.reason,
    ins: r.ins,
    insValid: r.insValid,
    disposition: type === null ? null : { type, mode: null, error: r.dispositionError, errorText: null },
    date: r.date,
  };
}

export function explainStored(r: RecordRecipient, kind: "bounce" | "delay" | "receipt"): Explanation {
  const recipient = asNoticeRecipient(r);
  // A bounce whose recipient line carries no action is a failure.
  return explainRecipient(kind === "bounce" && recipient.action === null ? { ...recipient, action: "failed" } : recipient);
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function countsText(c: PanelCounts): Text {
  return {
    fr: `${plural(c.bounces, "non-distribution", "non-distributions")}, ${plural(c.delays, "retard", "retards")}, ${plural(c.receipts, "accusé de lecture", "accusés de lecture")} ; ${plural(c.unhandled, "à traiter", "à traiter")} ; ${plural(c.patients, "patient concerné", "patients concernés")}. Affichés : ${c.shown}.`,
    en: `${plural(c.bounces, "bounce", "bounces")}, ${plural(c.delays, "delay", "delays")}, ${plural(c.receipts, "read receipt", "read receipts")}; ${c.unhandled} to handle; ${plural(c.patients, "patient", "patients")} concerned. Shown: ${c.shown}.`,
  };
}

export interface ScanFigures {
  readonly foldersDone: number;
  readonly folders: number;
  readonly messages: number;
  /** Messages whose headers were read (all of them in a thorough scan). */
  readonly headerReads: number;
  readonly fullReads: number;
  readonly notices: number;
  readonly errors: number;
  /** A thorough scan (the headers of every message); a quick one when false or absent. */
  readonly thorough?: boolean;
}

export function scanProgressText(p: ScanFigures): Text {
  return {
    fr: `Dossier ${Math.min(p.foldersDone + 1, p.folders)} sur ${p.folders} : ${plural(p.messages, "message examiné", "messages examinés")}, ${plural(p.notices, "avis trouvé", "avis trouvés")}.`,
    en: `Folder ${Math.min(p.foldersDone + 1, p.folders)} of ${p.folders}: ${plural(p.messages, "message looked at", "messages looked at")}, ${plural(p.notices, "notice found", "notices found")}.`,
  };
}

export function scanDoneText(p: ScanFigures, cancelled: boolean): Text {
  const errors = p.errors === 0 ? { fr: "", en: "" } : { fr: ` ${plural(p.errors, "message illisible", "messages illisibles")}.`, en: ` ${plural(p.errors, "message", "messages")} could not be read.` };
  const scan = p.thorough === true ? { fr: "Analyse approfondie", en: "Thorough scan" } : { fr: "Analyse rapide", en: "Quick scan" };
  const reads = {
    fr: `en-têtes lus pour ${plural(p.headerReads, "message", "messages")}, ${plural(p.fullReads, "lu en entier", "lus en entier")}`,
    en: `headers read for ${plural(p.headerReads, "message", "messages")}, ${p.fullReads} read in full`,
  };
  return cancelled
    ? {
        fr: `${scan.fr} annulée après ${plural(p.messages, "message", "messages")} (${reads.fr}) : ${plural(p.notices, "avis trouvé", "avis trouvés")}.${errors.fr}`,
        en: `${scan.en} cancelled after ${plural(p.messages, "message", "messages")} (${reads.en}): ${plural(p.notices, "notice found", "notices found")}.${errors.en}`,
      }
    : {
        fr: `${scan.fr} terminée : ${plural(p.messages, "message examiné", "messages examinés")} dans ${plural(p.folders, "dossier", "dossiers")}, ${reads.fr}, ${plural(p.notices, "avis trouvé", "avis trouvés")}.${errors.fr}`,
        en: `${scan.en} finished: ${plural(p.messages, "message", "messages")} looked at in ${plural(p.folders, "folder", "folders")}, ${reads.en}, ${plural(p.notices, "notice found", "notices found")}.${errors.en}`,
      };
}

export function readOnText(date: string, formatted: string): Text {
  return date === "" ? { fr: "Lu par le patient", en: "Read by the patient" } : { fr: `Lu par le patient le ${formatted}`, en: `Read by the patient on ${formatted}` };
}

export function sentMessageTitle(subject: string | null, formattedDate: string | null): Text {
  if (subject !== null && subject !== "") return { fr: `Message « ${subject} »`, en: `Message "${subject}"` };
  if (formattedDate !== null) return { fr: `Message du ${formattedDate}`, en: `Message of ${formattedDate}` };
  return { fr: "Message envoyé (non identifié par l'avis)", en: "Sent message (not identified by the notice)" };
}

export function noticeDateText(kind: "bounce" | "delay" | "receipt", formatted: string): Text {
  switch (kind) {
    case "bounce":
      return { fr: `Non distribué — avis du ${formatted}`, en: `Not delivered — notice of ${formatted}` };
    case "delay":
      return { fr: `Remise retardée — avis du ${formatted}`, en: `Delivery delayed — notice of ${formatted}` };
    case "receipt":
      return { fr: `Accusé de lecture du ${formatted}`, en: `Read receipt of ${formatted}` };
  }
}

export function patientHeading(name: string | null, ins: string | null, address: string, insValid: boolean | null): Text {
  if (ins === null) return { fr: name === null ? address : `${name} <${address}>`, en: name === null ? address : `${name} <${address}>` };
  const invalid = insValid === false ? { fr: " (INS non valide)", en: " (invalid INS)" } : { fr: "", en: "" };
  return name === null
    ? { fr: `Patient INS ${ins}${invalid.fr}`, en: `Patient INS ${ins}${invalid.en}` }
    : { fr: `${name} — INS ${ins}${invalid.fr}`, en: `${name} — INS ${ins}${invalid.en}` };
}

export { reasonLabel };

/** Under a sent message: recipients of its notices that were not kept (beyond the cap). */
export function moreRecipientsText(n: number): Text {
  return {
    fr: `${plural(n, "autre destinataire", "autres destinataires")} de l'avis non ${n === 1 ? "conservé" : "conservés"} (au-delà de ${RECIPIENTS_MAX} par avis).`,
    en: `${plural(n, "other recipient", "other recipients")} of the notice not kept (beyond ${RECIPIENTS_MAX} per notice).`,
  };
}

/**
 * What the add-on stores about patients, where, and for how long: shown in the options page
 * beside the retention setting (and said the same way in docs/admin.md).
 */
export function storedDataText(months: number): { readonly heading: Text; readonly paragraphs: readonly Text[] } {
  const monthsFr = plural(months, "mois", "mois");
  const monthsEn = plural(months, "month", "months");
  return {
    heading: { fr: "Ce que le module conserve sur les patients", en: "What the add-on keeps about patients" },
    paragraphs: [
      {
        fr: `Quoi : pour chaque avis de non-distribution, de remise retardée ou accusé de lecture reconnu, l'identifiant (Message-ID) de l'avis et celui du message envoyé, leurs dates, le compte et le dossier où était l'avis, et, pour au plus ${RECIPIENTS_MAX} destinataires, l'adresse (pour un patient, elle contient son matricule INS), le matricule INS et la validité de sa clé, le code d'état et le motif de l'échec ou le type d'accusé ; la date où vous l'avez marqué « traité ». Ni objet, ni texte, ni pièce jointe, ni nom : ils sont relus dans vos dossiers quand le panneau les affiche.`,
        en: `What: for each non-delivery notice, delay warning or read receipt recognised, the Message-ID of the notice and of the sent message, their dates, the account and folder the notice was in, and, for at most ${RECIPIENTS_MAX} recipients, the address (a patient's contains their INS number), the INS number and whether its key is valid, the status code and the reason for the failure or the kind of receipt; when you marked it "handled". No subject, text, attachment or name: the panel reads them again from your folders when it shows them.`,
      },
      {
        fr: "Où : dans le stockage local du module (storage.local), dans votre profil Thunderbird, sur cet ordinateur. Rien n'est envoyé ailleurs.",
        en: "Where: in the add-on's local storage (storage.local), in your Thunderbird profile, on this computer. Nothing is sent anywhere.",
      },
      {
        fr: `Combien de temps : ${monthsFr} au plus, comptés depuis la date de l'avis (ou depuis son enregistrement, si elle est postérieure) ; effacé dès que le message de l'avis est mis à la corbeille, supprimé définitivement ou introuvable (un message restauré depuis la corbeille est retrouvé par la prochaine analyse) ; ${RECORDS_MAX} avis au plus, les plus anciens effacés en premier.`,
        en: `How long: ${monthsEn} at most, counted from the notice's date (or from when it was stored, if that is earlier); erased as soon as the notice's message is moved to the Trash, permanently deleted or can no longer be found (a message restored from the Trash is found again by the next scan); ${RECORDS_MAX} notices at most, the oldest erased first.`,
      },
      {
        fr: "Le module ne conserve rien d'autre sur les patients : ses réglages ne contiennent que ce que vous y saisissez, l'état des fenêtres de rédaction est gardé en mémoire et oublié à la fermeture de Thunderbird, et les étiquettes sont posées sur les messages eux-mêmes, dans vos dossiers. Seule exception, « Clore l'échange après l'envoi » d'un message envoyé plus tard : l'identifiant du message et l'adresse du patient sont gardés tant que le message attend dans la boîte d'envoi, 30 jours au plus, et effacés dès que le [FIN] est parti ou abandonné (au-delà de 30 jours, il est abandonné et vous en êtes averti).",
        en: "The add-on keeps nothing else about patients: its settings hold only what you type into them, the state of compose windows is kept in memory and forgotten when Thunderbird quits, and tags are set on the messages themselves, in your folders. One exception, \"close the exchange after sending\" on a message sent later: the message's id and the patient's address are kept while the message waits in the Outbox, 30 days at most, and erased as soon as the [FIN] has gone or been given up (after 30 days it is given up, and you are told).",
      },
    ],
  };
}
