/** Shared data for the compose tests: real key-valid INS and a generator of more. */
import fc from "fast-check";
import type { SendInput } from "../../../src/core/compose/index.js";

/** Key-valid matricules from the domain notes. */
export const VALID_INS = [
  "295109912611193",
  "253072A07300443",
  "253072B07300470",
  "186022A21532523",
  "146026322000196",
  "255081416802538",
] as const;

export const BAD_KEY_INS = "295109912611199";
export const BAD_FORMAT_INS = "253072C07300443";

export const patient = (ins: string): string => `${ins}@patient.mssante.fr`;

export const DOCTOR = "Dr Anne Martin <anne.martin@medecin.mssante.fr>";
export const COLLEAGUE = "cardio@ch-exemple.mssante.fr";

/** Key computed with BigInt, independently of the code under test. */
export function withKey(body: string): string {
  const numeric = body.replace("2A", "19").replace("2B", "18");
  return body + (97n - (BigInt(numeric) % 97n)).toString().padStart(2, "0");
}

/** Any key-valid matricule INS (metropolitan layout). */
export const arbIns: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("1", "2"),
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 1, max: 12 }),
    fc.constantFrom("01", "33", "75", "2A", "2B", "99"),
    fc.integer({ min: 0, max: 999_999 }),
  )
  .map(([sex, year, month, dep, rest]) =>
    withKey(`${sex}${String(year).padStart(2, "0")}${String(month).padStart(2, "0")}${dep}${String(rest).padStart(6, "0")}`),
  );

/** A plain message from an MSSanté sender, with nothing wrong in it. */
export function message(overrides: Partial<SendInput> = {}): SendInput {
  return {
    from: DOCTOR,
    to: [],
    cc: [],
    bcc: [],
    replyTo: [],
    subject: "Vos résultats",
    bodyBytes: 2_000,
    attachments: [],
    customHeaders: [],
    returnReceipt: false,
    ...overrides,
  };
}
