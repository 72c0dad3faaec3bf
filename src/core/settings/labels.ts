/**
 * What the options page shows for each setting, and what an administrator is told when a
 * policy value is wrong. The type requires an entry for every key of the schema.
 */
import { RULES_MAX } from "../automation/rules.js";
import type { Text } from "../i18n/text.js";
import { RECORDS_MAX, RETENTION_MONTHS_MAX, RETENTION_MONTHS_MIN } from "../notice-records/retention.js";
import {
  CLOSING_TEMPLATE_MAX_LENGTH,
  EXTRA_DOMAINS_MAX,
  FOLDER_NAME_MAX_LENGTH,
  type SettingKey,
} from "./schema.js";

export type SettingGroup = "sending" | "closing" | "sorting" | "advanced";

export interface SettingLabel {
  readonly group: SettingGroup;
  readonly label: Text;
  readonly description: Text;
  /** What a valid value looks like, for the messages about a wrong policy value. */
  readonly expected: Text;
}

export const GROUP_LABELS: { readonly [G in SettingGroup]: Text } = {
  sending: { fr: "Envoi aux patients", en: "Sending to patients" },
  closing: { fr: "Clôture des échanges", en: "Closing exchanges" },
  sorting: { fr: "Classement et retours", en: "Sorting and bounces" },
  advanced: { fr: "Avancé", en: "Advanced" },
};

/** The groups in the order of the options page. */
export const SETTING_GROUPS: readonly SettingGroup[] = ["sending", "closing", "sorting", "advanced"];

const BOOLEAN: Text = {
  fr: "true ou false (1 ou 0, \"true\" ou \"false\" sont aussi acceptés)",
  en: "true or false (1 or 0, \"true\" or \"false\" are accepted too)",
};

export const SETTING_LABELS: { readonly [K in SettingKey]: SettingLabel } = {
  readReceiptDefault: {
    group: "sending",
    label: { fr: "Demander un accusé de lecture", en: "Request a read receipt" },
    description: {
      fr: "Coché par défaut dans chaque message à un patient. Mon espace santé envoie l'accusé automatiquement quand le patient ouvre l'échange.",
      en: "Ticked by default in every message to a patient. Mon espace santé sends the receipt automatically when the patient opens the exchange.",
    },
    expected: BOOLEAN,
  },
  noReplyDefault: {
    group: "sending",
    label: { fr: "Messages sans réponse possible", en: "Messages that allow no reply" },
    description: {
      fr: "Coché par défaut : le patient ne peut pas répondre au message (en-tête X-MSS-MES: FIN), sans que l'échange soit clos. Utile pour les résultats et les rappels.",
      en: "Ticked by default: the patient cannot reply to the message (header X-MSS-MES: FIN), without closing the exchange. Useful for results and reminders.",
    },
    expected: BOOLEAN,
  },
  closingTemplate: {
    group: "closing",
    label: { fr: "Message de clôture", en: "Closing message" },
    description: {
      fr: "Texte proposé quand vous clôturez un échange (objet [FIN]). {patient} est remplacé par le nom du patient.",
      en: "Text proposed when you close an exchange (subject [FIN]). {patient} is replaced by the patient's name.",
    },
    expected: {
      fr: `un texte d'au plus ${CLOSING_TEMPLATE_MAX_LENGTH} caractères, dont le seul champ à remplacer est {patient} (dans un fichier de stratégie, les retours à la ligne s'écrivent \\n)`,
      en: `a text of at most ${CLOSING_TEMPLATE_MAX_LENGTH} characters whose only placeholder is {patient} (in a policy file, line breaks are written \\n)`,
    },
  },
  reviewBeforeClosing: {
    group: "closing",
    label: { fr: "Relire avant de clôturer", en: "Review before closing" },
    description: {
      fr: "Ouvre le message de clôture pour relecture au lieu de l'envoyer aussitôt.",
      en: "Opens the closing message for review instead of sending it at once.",
    },
    expected: BOOLEAN,
  },
  automationRules: {
    group: "closing",
    label: { fr: "Règles automatiques", en: "Automatic rules" },
    description: {
      fr: "Quand un message correspond (identité d'envoi, destinataire patient, nouveau message ou réponse, repère dans l'objet ou le texte), demander un accusé de lecture, interdire la réponse (X-MSS-MES: FIN) ou, pour une messagerie applicative, clore l'échange ([FIN]) sans demander. Vos choix dans la fenêtre MSSanté Patient du message priment.",
      en: "When a message matches (sending identity, patient recipient, new message or reply, marker in the subject or text), request a read receipt, forbid replies (X-MSS-MES: FIN) or, for an applicative mailbox, close the exchange ([FIN]) without asking. Your choices in the message's MSSanté Patient window win.",
    },
    expected: {
      fr: `une liste JSON d'au plus ${RULES_MAX} règles, par exemple [{"name": "Résultats", "identities": ["resultats@labo.mssante.fr"], "readReceipt": true, "noReply": true}] ; « closeWithoutAsking » demande une liste d'identités`,
      en: `a JSON list of at most ${RULES_MAX} rules, e.g. [{"name": "Results", "identities": ["results@lab.mssante.fr"], "readReceipt": true, "noReply": true}]; "closeWithoutAsking" needs a list of identities`,
    },
  },
  tagPatientMessages: {
    group: "sorting",
    label: { fr: "Étiqueter les messages des patients", en: "Tag patients' messages" },
    description: {
      fr: "Ajoute une étiquette aux messages échangés avec une messagerie Mon espace santé.",
      en: "Adds a tag to messages exchanged with a Mon espace santé mailbox.",
    },
    expected: BOOLEAN,
  },
  bounceTag: {
    group: "sorting",
    label: { fr: "Étiqueter les messages non distribués", en: "Tag undelivered-mail notices" },
    description: {
      fr: "Ajoute une étiquette aux avis de non-distribution (et de remise retardée) d'un message à un patient. Un accusé de lecture étiquette plutôt le message envoyé « Lu par le patient ».",
      en: "Adds a tag to the non-delivery (and delayed-delivery) notices of a message to a patient. A read receipt tags the sent message \"Read by the patient\" instead.",
    },
    expected: BOOLEAN,
  },
  bounceMove: {
    group: "sorting",
    label: { fr: "Ranger les messages non distribués", en: "File undelivered-mail notices" },
    description: {
      fr: "Déplace les avis de non-distribution d'un message à un patient dans un dossier à part (les avis de retard et les accusés de lecture restent où ils sont arrivés).",
      en: "Moves the non-delivery notices of a message to a patient to a separate folder (delay warnings and read receipts stay where they arrived).",
    },
    expected: BOOLEAN,
  },
  bounceFolderName: {
    group: "sorting",
    label: { fr: "Dossier des messages non distribués", en: "Folder for undelivered-mail notices" },
    description: {
      fr: "Nom du dossier où ranger ces avis ; il est créé dans le compte s'il n'existe pas.",
      en: "Name of the folder for these notices; it is created in the account if missing.",
    },
    expected: {
      fr: `un nom de dossier non vide d'au plus ${FOLDER_NAME_MAX_LENGTH} caractères, sans / ni \\`,
      en: `a non-empty folder name of at most ${FOLDER_NAME_MAX_LENGTH} characters, without / or \\`,
    },
  },
  noticeRetentionMonths: {
    group: "sorting",
    label: { fr: "Conservation des retours et accusés (en mois)", en: "Keep bounces and receipts (months)" },
    description: {
      fr: `Durée pendant laquelle le module garde ce qu'il a relevé d'un avis de non-distribution ou d'un accusé de lecture (pour le panneau des retours). Au-delà, et quand le message de l'avis est supprimé définitivement, ce relevé est effacé ; au plus ${RECORDS_MAX} avis sont gardés, les plus anciens partent en premier. Les messages eux-mêmes restent dans vos dossiers.`,
      en: `How long the add-on keeps what it noted about a non-delivery notice or a read receipt (for the returns panel). After that, and when the notice's message is permanently deleted, the note is erased; at most ${RECORDS_MAX} notices are kept, the oldest go first. The messages themselves stay in your folders.`,
    },
    expected: {
      fr: `un nombre entier de mois, de ${RETENTION_MONTHS_MIN} à ${RETENTION_MONTHS_MAX}`,
      en: `a whole number of months, from ${RETENTION_MONTHS_MIN} to ${RETENTION_MONTHS_MAX}`,
    },
  },
  extraSenderDomains: {
    group: "advanced",
    label: { fr: "Autres domaines MSSanté de l'expéditeur", en: "Other MSSanté sender domains" },
    description: {
      fr: "Domaines d'envoi traités comme ceux en .mssante.fr, pour les plateformes de test ou de formation. Laissez vide en usage normal.",
      en: "Sending domains treated like those ending in .mssante.fr, for test or training platforms. Leave empty in normal use.",
    },
    expected: {
      fr: `une liste d'au plus ${EXTRA_DOMAINS_MAX} noms de domaine, par exemple ["test.mssante.fr"] ou "a.example.fr; b.example.fr"`,
      en: `a list of at most ${EXTRA_DOMAINS_MAX} domain names, e.g. ["test.mssante.fr"] or "a.example.fr; b.example.fr"`,
    },
  },
};
