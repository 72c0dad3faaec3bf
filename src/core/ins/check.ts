import { decodeIns, type InsIdentity } from "./decode.js";
import { normalizeIns, PATIENT_DOMAIN, stripPatientDomain } from "./normalize.js";

/** Why a string is not a usable matricule INS. Each has its own message (`insProblemText`). */
export type InsProblem =
  | "empty"
  | "invalid-character"
  | "key-missing"
  | "too-short"
  | "too-long"
  | "provisional-number"
  | "migrant-number"
  | "first-digit"
  | "corsica-misplaced"
  | "month"
  | "key-out-of-range"
  | "key-mismatch";

export type InsCheck =
  | {
      readonly valid: true;
      /** The 15 normalised characters. */
      readonly ins: string;
      readonly address: string;
      readonly identity: InsIdentity;
    }
  | {
      readonly valid: false;
      readonly normalized: string;
      readonly problem: InsProblem;
      /** Details for the message: the offending character, how many are missing… */
      readonly detail?: string;
    };

export const INS_LENGTH = 15;

/**
 * Checks a matricule INS as typed or pasted (spaces, dots, lower-case 2a/2b and a whole
 * patient address are accepted). Never throws; never gives an address for an invalid number.
 */
export function checkIns(input: unknown): InsCheck {
  if (typeof input !== "string") return invalid("", "empty");
  const ins = normalizeIns(stripPatientDomain(input));
  if (ins.length === 0) return invalid(ins, "empty");

  let letterAt = -1;
  let letters = 0;
  for (let i = 0; i < ins.length; i++) {
    const c = ins.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) continue;
    const corsican = (c === 0x41 || c === 0x42) && i > 0 && ins.charCodeAt(i - 1) === 0x32;
    // The whole character (an emoji is two UTF-16 units), so that the message can show it.
    if (!corsican) return invalid(ins, "invalid-character", String.fromCodePoint(ins.codePointAt(i) ?? c));
    letters++;
    letterAt = i;
  }

  if (ins.length === INS_LENGTH - 2) return invalid(ins, "key-missing");
  if (ins.length < INS_LENGTH) return invalid(ins, "too-short", String(INS_LENGTH - ins.length));
  if (ins.length > INS_LENGTH) return invalid(ins, "too-long", String(ins.length - INS_LENGTH));

  const first = ins.charAt(0);
  if (first === "7" || first === "8") return invalid(ins, "provisional-number");
  if (first === "5" || first === "6") return invalid(ins, "migrant-number");
  if (first !== "1" && first !== "2") return invalid(ins, "first-digit", first);

  // A and B may only stand in the département (positions 6–7), as 2A or 2B.
  if (letters > 1 || (letters === 1 && letterAt !== 6)) return invalid(ins, "corsica-misplaced");

  const month = twoDigits(ins, 3);
  if (month === 0 || (month >= 13 && month <= 19)) return invalid(ins, "month", ins.slice(3, 5));

  const key = twoDigits(ins, 13);
  if (key < 1 || key > 97) return invalid(ins, "key-out-of-range", ins.slice(13, 15));
  if (key !== insKey(ins)) return invalid(ins, "key-mismatch");

  return { valid: true, ins, address: `${ins}@${PATIENT_DOMAIN}`, identity: decodeIns(ins) };
}

/**
 * The key of a 13-character body (further characters are ignored): 97 − (body mod 97),
 * where 2A counts as 19 and 2B as 18. The body must be digits, with at most 2A/2B at
 * positions 6–7. Computed digit by digit: no string is built.
 */
export function insKey(body: string): number {
  let rest = 0;
  for (let i = 0; i < 13; i++) {
    const c = body.charCodeAt(i);
    let digit: number;
    if (c === 0x41 || c === 0x42) digit = c === 0x41 ? 9 : 8; // 2A → 19, 2B → 18
    else if (i === 5 && (body.charCodeAt(6) === 0x41 || body.charCodeAt(6) === 0x42)) digit = 1;
    else digit = c - 0x30;
    rest = (rest * 10 + digit) % 97;
  }
  return 97 - rest;
}

/** The number written by the two digits at `at` (the caller checked they are digits). */
function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 0x30) * 10 + (text.charCodeAt(at + 1) - 0x30);
}

function invalid(normalized: string, problem: InsProblem, detail?: string): InsCheck {
  return detail === undefined ? { valid: false, normalized, problem } : { valid: false, normalized, problem, detail };
}
