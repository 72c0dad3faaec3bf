/**
 * A notice without a machine-readable part that names its failed recipients by display name
 * only (Exchange, Domino…), with the returned message: for the tests of
 * formats/named-recipients.ts.
 */
import { expect } from "vitest";
import { classifyMessage, type Reason } from "../../../src/core/notices/index.js";
import { DOCTOR } from "./notice-builders.js";

export interface DisplayNameShape {
  /** The notice's own text. */
  readonly notice: string;
  /** The returned message's To, Cc and From (From: « Dr Martin » and the doctor's address). */
  readonly to: string;
  readonly cc?: string;
  readonly from?: string;
  /** How the returned message comes: attached whole, its headers only, or pasted below. */
  readonly returned?: "rfc822" | "headers" | "pasted";
  /** Extra header lines of the returned message (CRLF ended), its subject and its body. */
  readonly extra?: string;
  readonly subject?: string;
  readonly body?: string;
  /** The notice's subject; its text as HTML. */
  readonly noticeSubject?: string;
  readonly html?: boolean;
}

export function displayNameNotice(s: DisplayNameShape): string {
  const headers =
    `From: ${s.from ?? `Dr Martin <${DOCTOR}>`}\r\n` +
    `To: ${s.to}\r\n` +
    (s.cc === undefined ? "" : `Cc: ${s.cc}\r\n`) +
    (s.extra ?? "") +
    `Subject: ${s.subject ?? "Vos resultats"}\r\n` +
    "Date: Thu, 3 Dec 2026 09:59:00 +0100\r\n" +
    "Message-ID: <orig-1@medecin.mssante.fr>\r\n";
  const returned = s.returned ?? "rfc822";
  const body = s.body ?? "Bonjour.";
  const head =
    "From: postmaster@clinique-exemple.fr\r\n" +
    `To: ${DOCTOR}\r\n` +
    `Subject: ${s.noticeSubject ?? "Undeliverable: Vos resultats"}\r\n` +
    "Date: Thu, 3 Dec 2026 10:00:00 +0100\r\n" +
    "Message-ID: <ndr-1@clinique-exemple.fr>\r\n" +
    "MIME-Version: 1.0\r\n";
  const textType = s.html === true ? "text/html" : "text/plain";
  if (returned === "pasted") {
    return `${head}Content-Type: ${textType}; charset=utf-8\r\n\r\n${s.notice}\r\n\r\n-----Original Message-----\r\n${headers}\r\n${body}\r\n`;
  }
  const type = returned === "rfc822" ? "message/rfc822" : "text/rfc822-headers";
  return (
    `${head}Content-Type: multipart/mixed; boundary="b1"\r\n\r\n` +
    `--b1\r\nContent-Type: ${textType}; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${s.notice}\r\n\r\n` +
    `--b1\r\nContent-Type: ${type}\r\n\r\n${headers}${returned === "rfc822" ? `\r\n${body}\r\n` : ""}` +
    "--b1--\r\n"
  );
}

/** The same notice, the returned message sent by « Dr Jean Martin » (the doctor's full name). */
export function jeanMartinNotice(s: DisplayNameShape): string {
  return displayNameNotice({ from: `Dr Jean Martin <${DOCTOR}>`, ...s });
}

/** The failed recipients' addresses the classifier gives for a bounce. */
export async function failedAddresses(raw: string): Promise<string[]> {
  const notice = await classifyMessage(raw);
  expect(notice.kind).toBe("bounce");
  return notice.recipients.map((r) => r.address);
}

/** Exchange 2007–2016 in French: one failed recipient named by display name, with its date and cause. */
export function exchangeFrench(name: string): string {
  return (
    "Échec de la remise à ces destinataires ou groupes :\r\n\r\n" +
    `${name} le 03/12/2026 10:00\r\n` +
    "L'adresse de messagerie que vous avez entrée est introuvable. Vérifiez l'adresse de messagerie du destinataire et " +
    "essayez de renvoyer le message.\r\n" +
    "<mx.clinique-exemple.fr #5.1.1 smtp;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found>"
  );
}

/** Exchange's headings over its list of failed recipients, with the blank line after them. */
/** The recipients the display-name reviews write to, by the name the notices give them. */
export const JEANNE = "jeanne.dupont@clinique-exemple.fr";
export const PAUL = "p.durand@clinique-exemple.fr";
/** An address at a domain with a null MX (it takes no mail). */
export const NULL_MX = "dupont@sans-courrier.example";

export const FRENCH_HEADING = "Échec de la remise à ces destinataires ou groupes :\r\n\r\n";
export const ENGLISH_HEADING = "Delivery has failed to these recipients or groups:\r\n\r\n";

/** Exchange's cause under an unknown recipient's name, with its diagnostic line. */
export const FRENCH_WHY =
  "L'adresse de messagerie que vous avez entrée est introuvable. Vérifiez l'adresse de messagerie du destinataire et " +
  "essayez de renvoyer le message.\r\n" +
  "<mx.clinique-exemple.fr #5.1.1 smtp;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found>\r\n\r\n";
export const ENGLISH_WHY =
  "The e-mail address you entered couldn't be found. Please check the recipient's e-mail address and try to resend " +
  "the message.\r\n" +
  "<mx.clinique-exemple.fr #5.1.1 smtp;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found>\r\n\r\n";

/** Each recipient's address and reason, whatever the kind of notice. */
export async function recipientReasons(raw: string): Promise<[string, Reason | null][]> {
  const notice = await classifyMessage(raw);
  return notice.recipients.map((r) => [r.address, r.reason]);
}
