/** The words of the send guard: what happens if the message leaves as it is, and what to do. */

import type { Text } from "../i18n/text.js";
import { insProblemText, type InsCheck } from "../ins/index.js";
import type { UnresolvedRecipient } from "./expand.js";
import { FIN_SUBJECT } from "./subject.js";
import { megabytesText } from "./size.js";

type InvalidIns = Extract<InsCheck, { valid: false }>;

export interface TitledText {
  readonly title: Text;
  readonly explanation: Text;
}

/** A value of the message shown in a text: control characters removed, long ones cut. */
export function shown(value: string, max = 80): string {
  const clean = value.replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, " ");
  const chars = Array.from(clean);
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : clean;
}

/** « a », « b » et « c » / "a", "b" and "c"; at most `max` items, then "and N others". */
function list(values: readonly string[], max = 5): Text {
  const head = values.slice(0, max).map((v) => shown(v, 60));
  const more = values.length - head.length;
  const fr = head.map((v) => `« ${v} »`);
  const en = head.map((v) => `"${v}"`);
  if (more > 0) {
    fr.push(`${more} autre${more > 1 ? "s" : ""}`);
    en.push(`${more} other${more > 1 ? "s" : ""}`);
  }
  return { fr: joinWith(fr, "et"), en: joinWith(en, "and") };
}

function joinWith(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1] ?? ""}`;
}

/** An address-book list that reaches patients, with those patients (as shown). */
export interface ListWithPatients {
  readonly name: string;
  readonly patients: readonly string[];
}

export function patientsSeeEachOtherText(count: number, lists: readonly ListWithPatients[] = []): TitledText {
  const fromLists = lists.map((l) => {
    const who = list(l.patients);
    const n = l.patients.length;
    return {
      fr: ` La liste du carnet d'adresses « ${shown(l.name, 60)} » envoie le message à ${n} patient${n > 1 ? "s" : ""} : ${who.fr}.`,
      en: ` The address-book list "${shown(l.name, 60)}" sends the message to ${n} patient${n > 1 ? "s" : ""}: ${who.en}.`,
    };
  });
  const listFix: Text =
    lists.length > 0
      ? {
          fr: " La correction proposée remplace la liste par ses membres, patients en « Cci ».",
          en: " The offered fix replaces the list with its members, the patients in \"Bcc\".",
        }
      : { fr: "", en: "" };
  return {
    title: {
      fr: "Plusieurs patients en destinataires visibles",
      en: "Several patients among the visible recipients",
    },
    explanation: {
      fr: `${count} patients sont en « À » ou « Cc » : chacun verrait l'adresse des autres, donc leur matricule INS.${fromLists.map((t) => t.fr).join("")} Envoyez un message par patient, ou mettez les patients en « Cci » (copie cachée).${listFix.fr}`,
      en: `${count} patients are in "To" or "Cc": each would see the others' address, and so their INS number.${fromLists.map((t) => t.en).join("")} Send one message per patient, or put the patients in "Bcc" (blind copy).${listFix.en}`,
    },
  };
}

/**
 * One patient is visible (To or Cc) while other patients also receive the message (in
 * Bcc, or through a list): each of them sees the visible patient's address.
 */
export function patientSeenByOthersText(visible: readonly string[], others: number, lists: readonly ListWithPatients[] = []): TitledText {
  const who = list(visible);
  const fromLists = lists.map((l) => ({
    fr: ` La liste du carnet d'adresses « ${shown(l.name, 60)} » envoie le message à ${l.patients.length} patient${l.patients.length > 1 ? "s" : ""}.`,
    en: ` The address-book list "${shown(l.name, 60)}" sends the message to ${l.patients.length} patient${l.patients.length > 1 ? "s" : ""}.`,
  }));
  return {
    title: {
      fr: "Un patient visible des autres patients destinataires",
      en: "A patient visible to the other patients who receive the message",
    },
    explanation: {
      fr: `${who.fr} est en « À » ou « Cc », et ${others} autre${others > 1 ? "s" : ""} patient${others > 1 ? "s" : ""} reçoi${others > 1 ? "vent" : "t"} aussi le message (en « Cci » ou par une liste) : chacun verrait l'adresse du patient visible, donc son matricule INS.${fromLists.map((t) => t.fr).join("")} Envoyez un message par patient, ou mettez tous les patients en « Cci » (copie cachée).`,
      en: `${who.en} is in "To" or "Cc", and ${others} other patient${others > 1 ? "s" : ""} also receive${others > 1 ? "" : "s"} the message (in "Bcc" or through a list): each would see the visible patient's address, and so their INS number.${fromLists.map((t) => t.en).join("")} Send one message per patient, or put all the patients in "Bcc" (blind copy).`,
    },
  };
}

/** A recipient whose display name holds a patient's address or INS other than its own address. */
export function displayNameOtherPatientText(name: string, address: string, lists: readonly string[] = []): TitledText {
  const n = shown(name, 60);
  const a = shown(address, 60);
  const where: Text =
    lists.length === 0
      ? {
          fr: " La correction proposée retire ces noms et garde les adresses.",
          en: " The offered fix removes these names and keeps the addresses.",
        }
      : {
          fr: ` Il vient de la liste du carnet d'adresses ${list(lists).fr} : corrigez le nom du contact dans le carnet d'adresses.`,
          en: ` It comes from the address-book list ${list(lists).en}: correct the contact's name in the address book.`,
        };
  return {
    title: {
      fr: `Nom d'affichage portant l'INS d'un autre patient : « ${n} »`,
      en: `Display name holding another patient's INS: "${n}"`,
    },
    explanation: {
      fr: `Le destinataire « ${a} » est affiché sous le nom « ${n} », qui contient une adresse patient ou un matricule INS qui n'est pas le sien. Ce nom est écrit dans l'en-tête du message : le patient qui le reçoit verrait l'INS d'un autre patient, et l'affichage fait croire que le message va à cet autre patient.${where.fr}`,
      en: `The recipient "${a}" is shown under the name "${n}", which holds a patient address or INS number that is not its own. That name is written in the message's header: the patient who receives it would see another patient's INS, and the display suggests that the message goes to that other patient.${where.en}`,
    },
  };
}

export function insInvalidText(address: string, check: InvalidIns, lists: readonly string[] = []): TitledText {
  const problem = insProblemText(check);
  const a = shown(address);
  const where: Text =
    lists.length === 0
      ? { fr: "", en: "" }
      : {
          fr: ` Elle vient de la liste du carnet d'adresses ${list(lists).fr} : corrigez-la dans le carnet d'adresses.`,
          en: ` It comes from the address-book list ${list(lists).en}: correct it in the address book.`,
        };
  return {
    title: { fr: `Adresse patient non valide : ${a}`, en: `Invalid patient address: ${a}` },
    explanation: {
      fr: `Le matricule INS de cette adresse n'est pas bon. ${problem.fr} Tel quel, le message ne serait pas distribué. Corrigez l'adresse à partir de l'INS qualifié du patient.${where.fr}`,
      en: `The INS number in this address is wrong. ${problem.en} As it is, the message would not be delivered. Correct the address from the patient's qualified INS.${where.en}`,
    },
  };
}

const FIELD_NAMES = { to: { fr: "« À »", en: '"To"' }, cc: { fr: "« Cc »", en: '"Cc"' }, bcc: { fr: "« Cci »", en: '"Bcc"' } } as const;

/** A recipient the guard could not turn into addresses, while the message may reach a patient. */
export function recipientUnresolvedText(u: UnresolvedRecipient & { readonly field: "to" | "cc" | "bcc" }): TitledText {
  const label = shown(u.label, 60);
  const field = FIELD_NAMES[u.field];
  const inList: Text =
    u.via.length === 0
      ? { fr: `en ${field.fr}`, en: `in ${field.en}` }
      : { fr: `dans la liste « ${shown(u.via.join(" › "), 60)} » (${field.fr})`, en: `in the list "${shown(u.via.join(" › "), 60)}" (${field.en})` };
  const why: Text =
    u.reason === "address-book-unreadable"
      ? {
          fr: `Le carnet d'adresses n'a pas pu être lu${u.problem === "no-permission" ? " (le module n'en a pas l'autorisation)" : ""} : impossible de savoir si ce destinataire est une liste, ni à qui elle enverrait le message.`,
          en: `The address book could not be read${u.problem === "no-permission" ? " (the add-on is not allowed to)" : ""}: whether this recipient is a list, and whom it would send the message to, cannot be known.`,
        }
      : u.reason === "several-lists"
        ? {
            fr: "Plusieurs listes du carnet d'adresses portent ce nom : impossible de savoir laquelle Thunderbird utiliserait.",
            en: "Several address-book lists bear this name: which one Thunderbird would use cannot be known.",
          }
        : u.reason === "unknown-entry"
          ? {
              fr: "Ce contact ou cette liste du carnet d'adresses est introuvable, ou n'a pas d'adresse.",
              en: "This address-book contact or list cannot be found, or has no address.",
            }
          : {
              fr: "Ce n'est pas une adresse, et aucune liste du carnet d'adresses ne porte ce nom (un surnom ou un nom seul ?) : impossible de savoir à qui il enverrait le message.",
              en: "It is not an address, and no address-book list bears this name (a nickname or a bare name?): who it would send the message to cannot be known.",
            };
  const stake: Text = u.mayReachPatient
    ? { fr: "Il peut désigner un patient.", en: "It may stand for a patient." }
    : { fr: "Le message va à un patient.", en: "The message goes to a patient." };
  return {
    title: { fr: `Destinataire impossible à vérifier : « ${label} »`, en: `Recipient that cannot be checked: "${label}"` },
    explanation: {
      fr: `« ${label} », ${inList.fr}. ${why.fr} ${stake.fr} Pour qu'aucun patient ne voie l'adresse d'un autre, le message est retenu. Remplacez-le par les adresses elles-mêmes (clic droit sur la liste → « Développer la liste »), ou corrigez le carnet d'adresses.`,
      en: `"${label}", ${inList.en}. ${why.en} ${stake.en} So that no patient sees another's address, the message is held. Replace it with the addresses themselves (right-click the list → "Expand List"), or correct the address book.`,
    },
  };
}

export type SenderProblem = "missing" | "patient" | "outside";

export function senderText(from: string, problem: SenderProblem): TitledText {
  const f = shown(from);
  const what: Text =
    problem === "missing"
      ? { fr: "Aucune adresse d'expéditeur n'est choisie.", en: "No sender address is chosen." }
      : problem === "patient"
        ? {
            fr: `Le message part d'une adresse patient (« ${f} ») : une adresse de Mon espace santé ne peut pas écrire en tant que professionnel.`,
            en: `The message is sent from a patient address ("${f}"): a Mon espace santé address cannot write as a professional.`,
          }
        : {
            fr: `Le message part de « ${f} », qui n'est pas une adresse MSSanté (se terminant par .mssante.fr).`,
            en: `The message is sent from "${f}", which is not an MSSanté address (ending with .mssante.fr).`,
          };
  return {
    title: {
      fr: "L'expéditeur n'est pas une messagerie MSSanté",
      en: "The sender is not an MSSanté mailbox",
    },
    explanation: {
      fr: `${what.fr} Seule une messagerie MSSanté peut écrire à un patient : le message serait refusé. Choisissez votre adresse MSSanté dans le champ « De ».`,
      en: `${what.en} Only an MSSanté mailbox can write to a patient: the message would be refused. Choose your MSSanté address in the "From" field.`,
    },
  };
}

export function subjectMalformedText(subject: string): TitledText {
  const s = shown(subject);
  return {
    title: {
      fr: `Objet ${FIN_SUBJECT} mal écrit : l'échange ne sera pas clôturé`,
      en: `${FIN_SUBJECT} subject not exact: the exchange will not be closed`,
    },
    explanation: {
      fr: `L'objet « ${s} » ne clôture rien : seul un objet fait exactement des 5 caractères ${FIN_SUBJECT} (en majuscules, sans rien avant ni après, pas même « Re: ») met fin à l'échange avec le patient. Pour clôturer, mettez l'objet exactement à ${FIN_SUBJECT} ; sinon, retirez « FIN » de l'objet.`,
      en: `The subject "${s}" closes nothing: only a subject made of exactly the 5 characters ${FIN_SUBJECT} (upper case, nothing before or after, not even "Re:") ends the exchange with the patient. To close it, set the subject to exactly ${FIN_SUBJECT}; otherwise remove "FIN" from the subject.`,
    },
  };
}

export function tooLargeText(estimatedBytes: number, limitBytes: number): TitledText {
  const size = megabytesText(estimatedBytes);
  const limit = megabytesText(limitBytes);
  return {
    title: { fr: "Message trop volumineux", en: "Message too large" },
    explanation: {
      fr: `Une fois envoyé, le message pèsera environ ${size.fr}, pour une limite de ${limit.fr} par message vers Mon espace santé (les pièces jointes grossissent d'un tiers à l'envoi). Il reviendrait en erreur sans être distribué. Retirez ou réduisez des pièces jointes, ou répartissez-les sur plusieurs messages.`,
      en: `Once sent, the message will weigh about ${size.en}, over the limit of ${limit.en} per message to Mon espace santé (attachments grow by a third when sent). It would bounce without being delivered. Remove or shrink attachments, or spread them over several messages.`,
    },
  };
}

export function attachmentFormatText(names: readonly string[]): TitledText {
  const l = list(names);
  const one = names.length === 1;
  return {
    title: {
      fr: one ? "Pièce jointe dans un format non affiché par Mon espace santé" : "Pièces jointes dans un format non affiché par Mon espace santé",
      en: one ? "Attachment in a format Mon espace santé does not display" : "Attachments in a format Mon espace santé does not display",
    },
    explanation: {
      fr: `Mon espace santé affiche directement les PDF, JPEG et PNG. ${l.fr} ${one ? "devra être téléchargé" : "devront être téléchargés"} par le patient, qui ne pourra peut-être pas ${one ? "l'ouvrir" : "les ouvrir"}. Si possible, envoyez plutôt un PDF.`,
      en: `Mon espace santé displays PDF, JPEG and PNG files directly. The patient will have to download ${l.en} and may not be able to open ${one ? "it" : "them"}. If possible, send a PDF instead.`,
    },
  };
}

export function replyToText(addresses: readonly string[]): TitledText {
  const l = list(addresses);
  return {
    title: { fr: "Une adresse de réponse (Reply-To) est renseignée", en: "A Reply-To address is set" },
    explanation: {
      fr: `Les réponses du patient iront à ${l.fr}, et non à l'adresse d'envoi ; dans Mon espace santé, cette adresse deviendra son contact. Retirez-la, sauf si c'est voulu.`,
      en: `The patient's replies will go to ${l.en}, not to the sending address; in Mon espace santé, that address becomes the patient's contact. Remove it unless this is intended.`,
    },
  };
}

export function noReplyHeaderValueText(values: readonly string[]): TitledText {
  const l = list(values);
  return {
    title: { fr: "En-tête X-MSS-MES inconnu", en: "Unknown X-MSS-MES header" },
    explanation: {
      fr: `L'en-tête X-MSS-MES vaut ${l.fr}, alors que seule la valeur FIN est connue (message sans réponse possible) : son effet chez le patient est imprévisible. Retirez-le ; pour un message sans réponse possible, sa valeur doit être exactement FIN.`,
      en: `The X-MSS-MES header is ${l.en}, while only the value FIN is known (message that allows no reply): its effect for the patient is unpredictable. Remove it; for a message that allows no reply, its value must be exactly FIN.`,
    },
  };
}

export const FIX_LABELS = {
  "subject-exact-fin": { fr: `Mettre l'objet exactement à ${FIN_SUBJECT}`, en: `Set the subject to exactly ${FIN_SUBJECT}` },
  "patients-to-bcc": { fr: "Mettre les patients en Cci (copie cachée)", en: "Move the patients to Bcc (blind copy)" },
  "remove-reply-to": { fr: "Retirer l'adresse de réponse", en: "Remove the Reply-To address" },
  "remove-no-reply-header": { fr: "Retirer l'en-tête X-MSS-MES", en: "Remove the X-MSS-MES header" },
  "remove-misleading-names": { fr: "Retirer les noms trompeurs (garder les adresses)", en: "Remove the misleading names (keep the addresses)" },
} as const satisfies Record<string, Text>;
