/**
 * The pieces every generated mailbox of the benchmarks shares: the professional who sends,
 * the patients' addresses, dates within the notices' retention, the sent message a notice
 * answers, and base64 wrapped as mail wraps it. Each benchmark builds its own messages
 * (ordinary mail, notices, large originals) from these.
 */
import { MSSANTE_IDENTITY } from "../harness/index.js";

/** The sending professional: the harness's MSSanté identity. */
export const DOCTOR = MSSANTE_IDENTITY.email;

/** Patient `n`'s address: 13 digits (a key-less test number) at the patient domain. */
export function patientAddress(n: number): string {
  return `${String(2_000_000_000_000 + n * 104_729).slice(0, 13)}@patient.mssante.fr`;
}

/**
 * The date of message `n`, as a Date header writes it: from 270 days ago, `stepMinutes`
 * apart, so that every notice is within the default 12-month retention and is kept.
 */
export function mailDate(n: number, stepMinutes = 37): string {
  const today = new Date();
  const first = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 270, 8, 0, 0);
  return new Date(first + n * stepMinutes * 60_000).toUTCString().replace("GMT", "+0000");
}

/** The header of sent message `n` to patient `n`, the one its notice names. */
export function sentHead(n: number, subject: string, idPrefix: string, date: string): string[] {
  return [`From: ${DOCTOR}`, `To: ${patientAddress(n)}`, `Subject: ${subject}`, `Date: ${date}`, `Message-ID: <${idPrefix}-${n}@medecin.mssante.fr>`];
}

/** Bytes as base64 in lines of 76 characters, CRLF between them (RFC 2045). */
export function base64Lines(data: Uint8Array): string {
  const b64 = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join("\r\n");
}
