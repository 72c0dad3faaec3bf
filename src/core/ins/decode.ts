import { msg, type Message } from "../i18n/text.js";

/** What an INS tells about the person, shown to the professional for confirmation. */
export interface InsIdentity {
  readonly sex: "male" | "female";
  /** The two digits of the year of birth (the century is not in the number). */
  readonly birthYearDigits: number;
  /** 1–12, or null when the month is unknown (codes 20–99). */
  readonly birthMonth: number | null;
  readonly birthPlace: BirthPlace;
}

export type BirthPlace =
  | { readonly kind: "metropole"; readonly departement: string }
  | { readonly kind: "corse"; readonly departement: "2A" | "2B" | "20" }
  | { readonly kind: "outre-mer"; readonly departement: string }
  | { readonly kind: "etranger" };

/**
 * Decodes the identity fields of a matricule that already passed `checkIns`
 * (15 characters, digits with 2A/2B at positions 6–7).
 */
export function decodeIns(ins: string): InsIdentity {
  const month = (ins.charCodeAt(3) - 0x30) * 10 + (ins.charCodeAt(4) - 0x30);
  return {
    sex: ins.charCodeAt(0) === 0x31 ? "male" : "female",
    birthYearDigits: (ins.charCodeAt(1) - 0x30) * 10 + (ins.charCodeAt(2) - 0x30),
    birthMonth: month >= 1 && month <= 12 ? month : null,
    birthPlace: decodePlace(ins),
  };
}

function decodePlace(ins: string): BirthPlace {
  const dep = ins.slice(5, 7);
  if (dep === "2A" || dep === "2B" || dep === "20") return { kind: "corse", departement: dep };
  if (dep === "99") return { kind: "etranger" };
  if (dep === "97" || dep === "98") return { kind: "outre-mer", departement: ins.slice(5, 8) };
  return { kind: "metropole", departement: dep };
}

/**
 * The most likely full year of birth: the latest year ending in those two digits that is
 * not after `referenceYear`. The INS holds no century, so a person aged 100 or more is
 * shown a century too late; the professional confirms against the patient's file.
 */
export function probableBirthYear(digits: number, referenceYear: number): number {
  const century = Math.floor(referenceYear / 100) * 100;
  const candidate = century + digits;
  return candidate <= referenceYear ? candidate : candidate - 100;
}

/** The overseas départements and territories whose name is known, by their 3-digit code. */
const OVERSEAS = ["971", "972", "973", "974", "975", "976", "977", "978", "984", "986", "987", "988"] as const;

/** The name of an overseas département or territory, or undefined for an unknown code. */
export function overseasName(departement: string): Message | undefined {
  const code = OVERSEAS.find((c) => c === departement);
  return code === undefined ? undefined : msg(`insOverseas${code}`);
}
