/**
 * Small message builders for the issue-11 tests: hand-written notices, in the project's own
 * words, shaped like the real ones that were misread.
 */
import { expect } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";

export const PATIENT = "295109912611193@patient.mssante.fr";
export const DOCTOR = "dr.martin@medecin.mssante.fr";
/** A second patient's Mon espace santé address (valid INS key). */
export const PATIENT2 = "180057512345627@patient.mssante.fr";
export const LAB = "laboratoire@bio-analyses.example";
export const COLLEAGUE = "confrere@cabinet-durand.example";
/** The practice's shared address the original was sent from; the notice reaches the doctor's own mailbox. */
export const SHARED = "secretariat@cabinet-martin.example";
export const DAEMON = "Mail Delivery System <MAILER-DAEMON@relay.example.net>";
export const SUBSYSTEM = "Mail Delivery Subsystem <MAILER-DAEMON@relay.example.net>";
export const PLATFORM = "Mon espace santé <no-reply@patient.mssante.fr>";
export const HOSPITAL_POSTMASTER = "Service de messagerie <postmaster@chu-exemple.fr>";

/** The patient platform's closed-mailbox sentence, as quoted in the seed. */
export function closedSentence(address: string): string {
  return (
    `Le message que vous avez envoyé à "${address}" n'a pas pu être distribué car la messagerie ` +
    "Mon espace Santé de votre destinataire est clôturée"
  );
}

export interface MailParts {
  readonly from: string;
  readonly subject: string;
  readonly body: string;
  readonly contentType?: string;
  readonly extraHeaders?: string;
}

/** One message, CRLF line ends, 8bit body. */
export function mail(p: MailParts): string {
  return (
    `From: ${p.from}\r\n` +
    `To: ${DOCTOR}\r\n` +
    `Subject: ${p.subject}\r\n` +
    "Date: Mon, 1 Dec 2025 10:00:00 +0100\r\n" +
    "Message-ID: <break-test@example.org>\r\n" +
    (p.extraHeaders ?? "") +
    "MIME-Version: 1.0\r\n" +
    `Content-Type: ${p.contentType ?? "text/plain; charset=utf-8"}\r\n` +
    "Content-Transfer-Encoding: 8bit\r\n" +
    "\r\n" +
    `${p.body}\r\n`
  );
}

/** An RFC 3464 report from a mail system: one failed recipient, its status and the remote server's words. */
export function dsn(recipient: string, status: string, diagnostic: string, humanText = "Your message could not be delivered."): string {
  return mail({
    from: "Mail Delivery System <MAILER-DAEMON@relay.example.net>",
    subject: "Undelivered Mail Returned to Sender",
    extraHeaders: "Auto-Submitted: auto-replied\r\n",
    contentType: 'multipart/report; report-type=delivery-status; boundary="rep"',
    body:
      "--rep\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" +
      `${humanText}\r\n\r\n` +
      "--rep\r\nContent-Type: message/delivery-status\r\n\r\n" +
      "Reporting-MTA: dns; relay.example.net\r\n\r\n" +
      `Final-Recipient: rfc822; ${recipient}\r\n` +
      "Action: failed\r\n" +
      `Status: ${status}\r\n` +
      `Diagnostic-Code: smtp; ${diagnostic}\r\n\r\n` +
      "--rep--",
  });
}

/** A plain-text bounce from a mail system (no machine-readable part). */
export function textBounce(body: string, subject = "Mail delivery failed: returning message to sender"): string {
  return mail({
    from: "Mail Delivery System <MAILER-DAEMON@relay.example.net>",
    subject,
    extraHeaders: "Auto-Submitted: auto-replied\r\n",
    body,
  });
}

/** A notice in plain text from a mail system: its body, or its lines. */
export function textNotice(subject: string, body: string | readonly string[], from = DAEMON): string {
  const text = typeof body === "string" ? body : body.join("\r\n");
  return mail({ from, subject, extraHeaders: "Auto-Submitted: auto-replied\r\n", body: text });
}

/** One recipient's block of a delivery status report. */
export function block(recipient: string, action: string, status: string, diagnostic?: string): string {
  return (
    `Final-Recipient: rfc822; ${recipient}\r\nAction: ${action}\r\nStatus: ${status}` +
    (diagnostic === undefined ? "" : `\r\nDiagnostic-Code: smtp; ${diagnostic}`)
  );
}

/** An RFC 3464 report: a human part, then the report's blocks. */
export function report(
  human: string,
  blocks: readonly string[],
  subject = "Undelivered Mail Returned to Sender",
  from = DAEMON,
): string {
  return mail({
    from,
    subject,
    extraHeaders: "Auto-Submitted: auto-replied\r\n",
    contentType: 'multipart/report; report-type=delivery-status; boundary="rep"',
    body:
      "--rep\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
      `${human}\r\n\r\n` +
      "--rep\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; relay.example.net\r\n\r\n" +
      `${blocks.join("\r\n\r\n")}\r\n\r\n--rep--`,
  });
}

interface Reported {
  readonly address: string;
  readonly action: string | null;
  readonly reason: string | null;
}

/** The addresses a notice reports, in lower case. */
export function addresses(n: { readonly recipients: readonly { readonly address: string }[] }): string[] {
  return n.recipients.map((r) => r.address.toLowerCase());
}

/** A hospital mail service's notice in French, in plain text, from its lines. */
export function hospitalFrench(lines: readonly string[]): string {
  return textNotice("Message non remis : Résultats", lines, HOSPITAL_POSTMASTER);
}

/** The same in English. */
export function hospitalEnglish(lines: readonly string[]): string {
  return textNotice("Undeliverable: Résultats", lines, HOSPITAL_POSTMASTER);
}

/** The addresses a bounce reports as failed, in lower case (it must be read as a bounce). */
export async function failedLowerCase(raw: string): Promise<string[]> {
  const n = await classifyMessage(raw);
  expect(n.kind).toBe("bounce");
  return addresses(n);
}

/** What a notice reports for one address. */
export function recipientOf(n: { readonly recipients: readonly Reported[] }, address: string): Reported | undefined {
  return n.recipients.find((r) => r.address.toLowerCase() === address);
}
