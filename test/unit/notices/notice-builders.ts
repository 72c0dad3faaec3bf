/**
 * Small message builders for the issue-11 tests: hand-written notices, in the project's own
 * words, shaped like the real ones that were misread.
 */

export const PATIENT = "295109912611193@patient.mssante.fr";
export const DOCTOR = "dr.martin@medecin.mssante.fr";

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
