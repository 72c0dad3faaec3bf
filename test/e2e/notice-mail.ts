/** The mail of the notices end-to-end tests: the notice fixtures, ordinary mail, and the sent message a receipt answers. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** A message of test/fixtures/notices, as it is. */
export const noticeFixture = (name: string): string => readFileSync(resolve("test/fixtures/notices", name), "utf8");

const ORDINARY = noticeFixture("ordinary-fr.eml");

/** Ordinary mail (no notice), number `n`: each with its own Message-ID. */
export const ordinaryMail = (n: number): string => ORDINARY.replace(/^Message-ID:.*$/im, `Message-ID: <ordinary-${n}@cabinet.example>`);

/** The Message-ID of the report the read receipt of mdn-displayed-patient-fr.eml answers. */
export const SENT_ID = "cr-2024-03-25-0007@medecin.mssante.fr";

/** That report, as the user sent it to the patient (dated 2024: give it recent dates before use). */
export const SENT = [
  "Date: Mon, 25 Mar 2024 09:00:00 +0100",
  "From: Dr Martin <dr.martin@medecin.mssante.fr>",
  "To: Marie Durand <255081416802538@patient.mssante.fr>",
  "Subject: Compte rendu",
  `Message-ID: <${SENT_ID}>`,
  "MIME-Version: 1.0",
  "Content-Type: text/plain; charset=utf-8",
  "",
  "Bonjour.",
  "",
].join("\n");
