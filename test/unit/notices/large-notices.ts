/**
 * Notices that carry a large returned original (a bounce with the whole message attached, a
 * read receipt that quotes it), as big as a test wants: the report parts come first, then
 * the original with a base64 attachment of `originalBytes`.
 */
export const DOCTOR = "dr.martin@medecin.mssante.fr";
export const PATIENT = "255081416802538@patient.mssante.fr";

export type LargeKind = "bounce" | "receipt";

export interface LargeNotice {
  readonly raw: string;
  /** Where the returned original's body starts: every byte before it is report or original headers. */
  readonly originalBodyAt: number;
  readonly originalId: string;
}

function base64Lines(bytes: number, seed: number): string {
  const line = Buffer.alloc(57);
  const lines: string[] = [];
  for (let done = 0, n = 0; done < bytes; done += 78, n++) {
    for (let i = 0; i < 57; i++) line[i] = (seed * 31 + n * 7 + i * 13) & 0xff;
    lines.push(line.toString("base64"));
  }
  return lines.join("\r\n");
}

export function largeNotice(kind: LargeKind, originalBytes: number, n = 1, patient = PATIENT): LargeNotice {
  const originalId = `imagerie-${n}@medecin.mssante.fr`;
  const head =
    kind === "bounce"
      ? [
          "From: MAILER-DAEMON@mx1.mssante.fr (Mail Delivery System)",
          `To: ${DOCTOR}`,
          "Subject: Undelivered Mail Returned to Sender",
          "Date: Mon, 3 Mar 2025 10:00:00 +0100",
          `Message-ID: <large-bounce-${n}@mx1.mssante.fr>`,
          "Auto-Submitted: auto-replied",
          "MIME-Version: 1.0",
          'Content-Type: multipart/report; report-type=delivery-status; boundary="outer"',
          "",
          "--outer",
          "Content-Type: text/plain; charset=UTF-8",
          "",
          `Votre message n'a pas pu être remis à ${patient} : la messagerie Mon espace santé de ce patient est clôturée.`,
          "--outer",
          "Content-Type: message/delivery-status",
          "",
          "Reporting-MTA: dns; mx1.mssante.fr",
          "",
          `Final-Recipient: rfc822; ${patient}`,
          "Action: failed",
          "Status: 5.2.1",
          "Diagnostic-Code: smtp; 550 5.2.1 mailbox closed",
          "",
        ]
      : [
          `From: Marie Durand <${patient}>`,
          `To: ${DOCTOR}`,
          "Subject: Lu : Imagerie",
          "Date: Mon, 3 Mar 2025 10:00:00 +0100",
          `Message-ID: <large-receipt-${n}@patient.mssante.fr>`,
          "MIME-Version: 1.0",
          'Content-Type: multipart/report; report-type=disposition-notification; boundary="outer"',
          "",
          "--outer",
          "Content-Type: text/plain; charset=UTF-8",
          "",
          `Le message « Imagerie » envoyé à ${patient} a été affiché.`,
          "--outer",
          "Content-Type: message/disposition-notification",
          "",
          "Reporting-UA: messagerie Mon espace santé",
          `Final-Recipient: rfc822; ${patient}`,
          `Original-Message-ID: <${originalId}>`,
          "Disposition: automatic-action/MDN-sent-automatically; displayed",
          "",
        ];
  const original = [
    "--outer",
    "Content-Type: message/rfc822",
    "",
    `From: Dr Martin <${DOCTOR}>`,
    `To: ${patient}`,
    "Subject: Imagerie",
    "Date: Mon, 3 Mar 2025 09:00:00 +0100",
    `Message-ID: <${originalId}>`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="inner"',
    "",
    "--inner",
    "Content-Type: application/pdf; name=\"imagerie.pdf\"",
    "Content-Transfer-Encoding: base64",
    "",
    "",
  ];
  const before = [...head, ...original].join("\r\n");
  const raw = `${before}${base64Lines(originalBytes, n)}\r\n--inner--\r\n\r\n--outer--\r\n`;
  return { raw, originalBodyAt: Buffer.byteLength(before, "utf8"), originalId };
}
