/** A patient's message to the doctor of the test profile (`MSSANTE_IDENTITY`), as raw mail. */
import { MSSANTE_IDENTITY } from "../../harness/index.js";

export interface PatientMail {
  readonly from: string;
  readonly name: string;
  /** The Message-ID, without its angle brackets. */
  readonly id: string;
  readonly subject: string;
  readonly date?: string;
  readonly type?: string;
  readonly body?: string;
}

/** A shorter body than the default. */
export const SHORT_QUESTION = "Bonjour docteur,\r\n\r\nJ'ai une question.\r\n";

export function patientMessage(o: PatientMail): string {
  return [
    `From: ${o.name} <${o.from}>`,
    `To: ${MSSANTE_IDENTITY.fullName} <${MSSANTE_IDENTITY.email}>`,
    `Subject: ${o.subject}`,
    `Date: ${o.date ?? "Mon, 03 Mar 2025 09:15:00 +0100"}`,
    `Message-ID: <${o.id}>`,
    "MIME-Version: 1.0",
    `Content-Type: ${o.type ?? "text/plain; charset=UTF-8"}`,
    "Content-Transfer-Encoding: 8bit",
    "",
    o.body ?? "Bonjour docteur,\r\n\r\nJ'ai une question sur mon traitement.\r\n",
  ].join("\r\n");
}
