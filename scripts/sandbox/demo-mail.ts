/**
 * The demo mailbox of the sandbox profile: a patient's reply, a bounce from a closed
 * Mon espace santé mailbox, and a read receipt. Invented people and numbers (key-valid INS).
 */
export const DEMO_PROFESSIONAL = { email: "dr.demo@medecin.mssante.fr", fullName: "Dr Camille Démo" };
export const DEMO_PATIENT = { ins: "255081416802538", name: "Marie Durand" };
const PATIENT_ADDRESS = `${DEMO_PATIENT.ins}@patient.mssante.fr`;
const CLOSED_ADDRESS = "146026322000196@patient.mssante.fr";

function date(daysAgo: number, now: Date): string {
  return new Date(now.getTime() - daysAgo * 86_400_000).toUTCString().replace("GMT", "+0000");
}

/** The folder of Local Folders the demo identity keeps its sent mail in (its "Sent" folder). */
export const DEMO_SENT_FOLDER = "Sent";

/**
 * The messages the demo professional sent, kept in the Sent folder: the results the patient
 * answered and read (the read receipt names it, so it is checked as genuine), and the
 * convocation that came back from a closed mailbox.
 */
export function demoSentMessages(now = new Date()): string[] {
  const me = `${DEMO_PROFESSIONAL.fullName} <${DEMO_PROFESSIONAL.email}>`;
  const sent = (to: string, subject: string, id: string, daysAgo: number, body: string): string =>
    [
      `From: ${me}`,
      `To: ${to}`,
      `Subject: ${subject}`,
      `Date: ${date(daysAgo, now)}`,
      `Message-ID: <${id}@medecin.mssante.fr>`,
      `Disposition-Notification-To: ${me}`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=UTF-8",
      "Content-Transfer-Encoding: 8bit",
      "",
      body,
      "",
    ].join("\r\n");
  return [
    sent(`${DEMO_PATIENT.name} <${PATIENT_ADDRESS}>`, "Vos résultats d'analyse", "demo-sent-1", 3, "Bonjour, vos résultats sont normaux."),
    sent(CLOSED_ADDRESS, "Convocation", "demo-sent-2", 3, "Bonjour, merci de prendre rendez-vous."),
  ];
}

export function demoMessages(now = new Date()): string[] {
  const me = `${DEMO_PROFESSIONAL.fullName} <${DEMO_PROFESSIONAL.email}>`;
  const patientMessage = [
    `From: ${DEMO_PATIENT.name} <${PATIENT_ADDRESS}>`,
    `To: ${me}`,
    `Subject: Re: Vos résultats d'analyse`,
    `Date: ${date(1, now)}`,
    "Message-ID: <demo-patient-1@patient.mssante.fr>",
    "In-Reply-To: <demo-sent-1@medecin.mssante.fr>",
    "References: <demo-sent-1@medecin.mssante.fr>",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    "Bonjour Docteur,",
    "",
    "Merci pour les résultats. Dois-je reprendre rendez-vous dans trois mois ?",
    "",
    "Marie Durand",
    "",
  ].join("\r\n");

  const bounce = [
    "From: Mail Delivery System <MAILER-DAEMON@mssante.fr>",
    `To: ${DEMO_PROFESSIONAL.email}`,
    "Subject: Non distribué : Convocation",
    `Date: ${date(2, now)}`,
    "Message-ID: <demo-bounce-1@mssante.fr>",
    "Auto-Submitted: auto-replied",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="demo-b1"',
    "",
    "--demo-b1",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    `Le message que vous avez envoyé à "${CLOSED_ADDRESS}" n'a pas pu être distribué car la messagerie Mon espace Santé de votre destinataire est clôturée.`,
    "",
    "--demo-b1",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.mssante.fr",
    "",
    `Final-Recipient: rfc822; ${CLOSED_ADDRESS}`,
    "Action: failed",
    "Status: 5.2.1",
    "Diagnostic-Code: smtp; 550 5.2.1 Mailbox disabled",
    "",
    "--demo-b1",
    "Content-Type: text/rfc822-headers",
    "",
    `From: ${me}`,
    `To: ${CLOSED_ADDRESS}`,
    "Subject: Convocation",
    "Message-ID: <demo-sent-2@medecin.mssante.fr>",
    "",
    "--demo-b1--",
    "",
  ].join("\r\n");

  const receipt = [
    `From: ${DEMO_PATIENT.name} <${PATIENT_ADDRESS}>`,
    `To: ${DEMO_PROFESSIONAL.email}`,
    "Subject: Accusé de lecture : Vos résultats d'analyse",
    `Date: ${date(1, now)}`,
    "Message-ID: <demo-mdn-1@patient.mssante.fr>",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=disposition-notification; boundary="demo-r1"',
    "",
    "--demo-r1",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    "Le message « Vos résultats d'analyse » a été lu par le patient.",
    "",
    "--demo-r1",
    "Content-Type: message/disposition-notification",
    "",
    "Reporting-UA: patient.mssante.fr",
    `Final-Recipient: rfc822; ${PATIENT_ADDRESS}`,
    "Original-Message-ID: <demo-sent-1@medecin.mssante.fr>",
    "Disposition: automatic-action/MDN-sent-automatically; displayed",
    "",
    "--demo-r1--",
    "",
  ].join("\r\n");

  return [patientMessage, bounce, receipt];
}
