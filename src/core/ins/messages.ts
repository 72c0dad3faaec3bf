import type { Text } from "../i18n/text.js";
import type { InsCheck, InsProblem } from "./check.js";
import { overseasName, probableBirthYear, type InsIdentity } from "./decode.js";

type Invalid = Extract<InsCheck, { valid: false }>;

/** What went wrong and what to do, in words a professional understands. */
export function insProblemText(check: Invalid): Text {
  const d = check.detail ?? "";
  const texts: Record<InsProblem, Text> = {
    empty: {
      fr: "Saisissez ou collez le matricule INS du patient (15 caractères).",
      en: "Type or paste the patient's INS number (15 characters).",
    },
    "invalid-character": {
      fr: `Caractère « ${d} » non valide : un matricule INS ne contient que des chiffres, et 2A ou 2B pour une naissance en Corse.`,
      en: `Invalid character "${d}": an INS number holds only digits, and 2A or 2B for a birth in Corsica.`,
    },
    "key-missing": {
      fr: "La clé de 2 chiffres manque : un matricule INS a 15 caractères (13 + la clé). Recopiez aussi les 2 derniers chiffres de la carte Vitale ou de l'attestation.",
      en: "The 2-digit key is missing: an INS number has 15 characters (13 + the key). Also copy the last 2 digits from the carte Vitale or the certificate.",
    },
    "too-short": {
      fr: `Il manque ${d} caractère${plural(d)} : un matricule INS a 15 caractères. Vérifiez le numéro sur le document du patient.`,
      en: `${d} character${plural(d)} missing: an INS number has 15 characters. Check the number on the patient's document.`,
    },
    "too-long": {
      fr: `${d} caractère${plural(d)} de trop : un matricule INS a 15 caractères. Vérifiez que vous n'avez pas collé autre chose avec le numéro.`,
      en: `${d} character${plural(d)} too many: an INS number has 15 characters. Check that nothing else was pasted with it.`,
    },
    "provisional-number": {
      fr: "Un numéro qui commence par 7 ou 8 est un numéro provisoire, pas un matricule INS. Utilisez l'INS qualifié du patient (téléservice INSi).",
      en: "A number starting with 7 or 8 is a temporary number, not an INS. Use the patient's qualified INS (INSi service).",
    },
    "migrant-number": {
      fr: "Un numéro qui commence par 5 ou 6 n'est pas un matricule INS. Utilisez l'INS qualifié du patient (téléservice INSi).",
      en: "A number starting with 5 or 6 is not an INS. Use the patient's qualified INS (INSi service).",
    },
    "first-digit": {
      fr: `Le premier chiffre est « ${d} » : il doit être 1 (homme) ou 2 (femme). Vérifiez le numéro.`,
      en: `The first digit is "${d}": it must be 1 (man) or 2 (woman). Check the number.`,
    },
    "corsica-misplaced": {
      fr: "Les lettres A et B ne peuvent figurer qu'en 7e position, dans 2A ou 2B (naissance en Corse). Vérifiez le numéro.",
      en: "The letters A and B may only stand in 7th position, as 2A or 2B (born in Corsica). Check the number.",
    },
    month: {
      fr: `Le mois de naissance (4e et 5e chiffres) vaut « ${d} », ce qui n'existe pas : un chiffre est probablement mal saisi.`,
      en: `The month of birth (4th and 5th digits) is "${d}", which does not exist: a digit is probably mistyped.`,
    },
    "key-out-of-range": {
      fr: `La clé « ${d} » est impossible (elle va de 01 à 97) : un chiffre est probablement mal saisi.`,
      en: `The key "${d}" is impossible (it goes from 01 to 97): a digit is probably mistyped.`,
    },
    "key-mismatch": {
      fr: "La clé ne correspond pas au numéro : un chiffre est probablement mal saisi, ou deux chiffres inversés. Vérifiez sur la carte Vitale ou l'attestation avant d'écrire au patient.",
      en: "The key does not match the number: a digit is probably mistyped, or two digits swapped. Check the carte Vitale or the certificate before writing to the patient.",
    },
  };
  return texts[check.problem];
}

function plural(count: string): string {
  return count === "1" ? "" : "s";
}

const MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "Femme, née en mars 1955, à l'étranger" — what the professional confirms. */
export function describeIdentity(identity: InsIdentity, referenceYear: number): Text {
  const year = probableBirthYear(identity.birthYearDigits, referenceYear);
  const female = identity.sex === "female";
  const month = identity.birthMonth;
  const whenFr = month === null ? `en ${year} (mois inconnu)` : `en ${MONTHS_FR[month - 1] ?? ""} ${year}`;
  const whenEn = month === null ? `in ${year} (month unknown)` : `in ${MONTHS_EN[month - 1] ?? ""} ${year}`;
  const place = placeText(identity);
  return {
    fr: `${female ? "Femme, née" : "Homme, né"} ${whenFr}, ${place.fr}`,
    en: `${female ? "Woman" : "Man"}, born ${whenEn}, ${place.en}`,
  };
}

function placeText(identity: InsIdentity): Text {
  const p = identity.birthPlace;
  switch (p.kind) {
    case "etranger":
      return { fr: "à l'étranger", en: "abroad" };
    case "corse":
      return { fr: `en Corse (${p.departement})`, en: `in Corsica (${p.departement})` };
    case "outre-mer": {
      const name = overseasName(p.departement);
      return name === undefined
        ? { fr: `outre-mer (${p.departement})`, en: `overseas (${p.departement})` }
        : { fr: `outre-mer (${name.fr})`, en: `overseas (${name.en})` };
    }
    case "metropole":
      return { fr: `en France (département ${p.departement})`, en: `in France (département ${p.departement})` };
  }
}
