/**
 * Eighth hostile round, after 99ecd7b, aimed at that round's new rules and at their reverse:
 * (a) the "given up" words that now overrule delay words (« malgré plusieurs tentatives »,
 * « … puis supprimé », « … retourné et supprimé », "despite repeated attempts") standing in a
 * genuine delay warning that only says what WILL happen; (b) a delay notice's recipient read as
 * refused for good from its own lines (« n'a pas pu être remis à <x> pour le moment », "could not
 * be delivered to <x> at this time", a "500 messages per hour" limit taken for a 5xx reply);
 * (c) the signature rule (an address alone on its line under « Cordialement, » / "Kind regards,")
 * meeting a customised Postfix template whose per-recipient lines come after its signature, and
 * the help desk's « Contact : » label, « Merci de vérifier l'adresse : », `MAIL FROM:` /
 * `RCPT TO:` transcripts; (d) the new sender-side phrases (« Adresse de l'émetteur : »,
 * « Adresse IP source : ») as plain fields of a gateway's report on an unknown recipient;
 * (e) the closed-mailbox sentence once above two platform recipients; (f) a bounce of a message
 * to a colleague whose sentence says it was put back "in your mailbox" / « dans votre boîte ».
 * `withstood` holds what the code read right; `found` the cases it read wrong before the fixes
 * that follow this round, each stating the answer a careful reader of the notice would give.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import {
  addresses,
  closedSentence,
  COLLEAGUE,
  DOCTOR,
  HOSPITAL_POSTMASTER,
  LAB,
  PATIENT,
  PATIENT2,
  PLATFORM,
  SHARED,
  SUBSYSTEM,
  textNotice,
} from "./notice-builders.js";

describe("withstood", () => {
  it("Exim's 24-hour delay warning ('will give up … returned to you' in the future) stays a delay", async () => {
    const n = await classifyMessage(
      textNotice("Warning: message 1vAbCd-000123-Xy delayed 24 hours", [
        "This message was created automatically by mail delivery software.",
        "A message that you sent has not yet been delivered to one or more of its recipients after more than 24 hours on the queue on relay.example.net.",
        "",
        "The message identifier is:     1vAbCd-000123-Xy",
        "The subject of the message is: Résultats",
        "",
        "The address to which the message has not yet been delivered is:",
        "",
        `  ${PATIENT}`,
        "    host mx.patient.mssante.fr [192.0.2.10]",
        "    Delay reason: SMTP error from remote mail server after RCPT TO:",
        "    451 4.3.0 Temporary lookup failure",
        "",
        "No action is required on your part. Delivery attempts will continue for some time, and this warning may be " +
          "repeated at intervals if the message remains undelivered. Eventually the mail delivery software will give up, " +
          "and when that happens, the message will be returned to you.",
      ]),
    );
    expect(n.kind).toBe("delay");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.action).toBe("delayed");
  });
  it("'has not yet been delivered … if it is not delivered within 5 days it will be deleted' stays a delay", async () => {
    const n = await classifyMessage(
      textNotice("Delivery delayed: Résultats", [
        `Your message to ${PATIENT} has not yet been delivered. The server will keep trying for 5 days.`,
        "If it is not delivered within 5 days it will be deleted and you will be notified.",
      ]),
    );
    expect(n.kind).toBe("delay");
    expect(addresses(n)).toEqual([PATIENT]);
  });
  it("« a échoué temporairement : délai dépassé lors de la connexion … Nouvelle tentative dans 30 minutes » stays a delay", async () => {
    const n = await classifyMessage(
      textNotice("Remise différée : Résultats", [
        `La remise de votre message à ${PATIENT} a échoué temporairement : délai dépassé lors de la connexion au serveur du destinataire.`,
        "Nouvelle tentative dans 30 minutes.",
      ]),
    );
    expect(n.kind).toBe("delay");
    expect(addresses(n)).toEqual([PATIENT]);
  });
  it("« Malgré plusieurs tentatives … n'a pas encore pu être remis » under « Remise différée » stays a delay", async () => {
    const n = await classifyMessage(
      textNotice("Remise différée : Résultats", [
        `Malgré plusieurs tentatives, votre message à ${PATIENT} n'a pas encore pu être remis : le serveur du destinataire ne répond pas.`,
        "",
        "Nouvelle tentative dans 2 heures. Le serveur continuera d'essayer pendant 4 jours ; vous n'avez rien à faire.",
      ]),
    );
    expect(n.kind).toBe("delay");
    expect(addresses(n)).toEqual([PATIENT]);
  });
  it("'could not be delivered. The server tried for 5 days; no further attempts will be made.' (421 4.4.2) is a bounce, expired", async () => {
    const n = await classifyMessage(
      textNotice("Undeliverable: Résultats", [
        `Your message to ${PATIENT} could not be delivered. The server tried for 5 days; no further attempts will be made.`,
        "Last error: 421 4.4.2 Connection timed out",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]).toMatchObject({ action: "failed", reason: "expired" });
  });
  it("« Contact : support-mss@… » ABOVE the recipient's block leaves the patient the failed recipient, unknown", async () => {
    const n = await classifyMessage(
      textNotice("Message non remis : Résultats", [
        "Votre message n'a pas pu être remis.",
        "",
        "Contact : support-mss@operateur-sante.example",
        "",
        "Destinataire :",
        `  ${PATIENT}`,
        "Motif : 550 5.1.1 destinataire inconnu",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("unknown-recipient");
  });
  it("« Merci de vérifier l'adresse : » then the patient's address alone on its line: the patient failed", async () => {
    const n = await classifyMessage(
      textNotice("Message non remis : Résultats", [
        "Votre message n'a pas pu être remis : destinataire inconnu.",
        "Merci de vérifier l'adresse :",
        PATIENT,
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("unknown-recipient");
  });
  it("a customised Postfix text signed « Cordialement, » with ONE recipient line below it still reports the patient", async () => {
    const n = await classifyMessage(
      textNotice("Message non remis : Résultats", [
        "Bonjour,",
        "",
        "Votre message n'a pas pu être distribué à un ou plusieurs destinataires.",
        "",
        "Cordialement,",
        "Le service informatique",
        "",
        `<${PATIENT}>: host mx.patient.mssante.fr[192.0.2.10] said: 550 5.1.1 <${PATIENT}>:`,
        "    Recipient address rejected: User unknown (in reply to RCPT TO command)",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("unknown-recipient");
  });
  it("a transcript '>>> MAIL FROM: <shared> BODY=8BITMIME' / '>>> RCPT TO: <patient>' reports only the patient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Returned mail: see transcript for details",
        [
          "   ----- Transcript of session follows -----",
          "... while talking to mx.patient.mssante.fr.:",
          `>>> MAIL FROM: <${SHARED}> BODY=8BITMIME SIZE=4096`,
          "<<< 250 2.1.0 Sender OK",
          `>>> RCPT TO: <${PATIENT}>`,
          "<<< 550 5.1.1 Recipient unknown",
          "554 5.0.0 Service unavailable",
        ],
        SUBSYSTEM,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("unknown-recipient");
  });
  it("a French « Dialogue SMTP » with bare 'MAIL From:shared' / 'RCPT To:patient' reports only the patient", async () => {
    const n = await classifyMessage(
      textNotice("Échec de la remise", [
        "Votre message n'a pas pu être remis.",
        "",
        "Dialogue SMTP :",
        `MAIL From:${SHARED}`,
        "250 OK",
        `RCPT To:${PATIENT}`,
        "550 5.1.1 utilisateur inconnu",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("unknown-recipient");
  });
  it("Exim: two patients, each with the platform's own closed-mailbox reply, are both mailbox-closed", async () => {
    const n = await classifyMessage(
      textNotice("Mail delivery failed: returning message to sender", [
        "A message that you sent could not be delivered to one or more of its recipients. This is a permanent error. The following address(es) failed:",
        "",
        `  ${PATIENT}`,
        "    host mx.patient.mssante.fr [192.0.2.10]",
        "    SMTP error from remote mail server after end of data:",
        `    550 5.2.1 ${closedSentence(PATIENT)}`,
        `  ${PATIENT2}`,
        "    host mx.patient.mssante.fr [192.0.2.10]",
        "    SMTP error from remote mail server after end of data:",
        `    550 5.2.1 ${closedSentence(PATIENT2)}`,
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT, PATIENT2]);
    expect(n.recipients.map((r) => r.reason)).toEqual(["mailbox-closed", "mailbox-closed"]);
  });
  it("'Undeliverable:' from the mail system, 'could not be delivered and has been returned to your mailbox', is a bounce", async () => {
    const n = await classifyMessage(
      textNotice("Undeliverable: Résultats", [
        `Your message to ${COLLEAGUE} could not be delivered and has been returned to your mailbox.`,
        "Reason: 550 5.1.1 User unknown",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([COLLEAGUE]);
    expect(n.recipients[0]?.reason).toBe("unknown-recipient");
  });
});

describe("found", () => {
  // "Pour le moment", « nouvelle tentative dans 2 heures », « continuera d'essayer pendant 4 jours »: the
  // server has NOT given up; « malgré plusieurs tentatives » only tells what happened so far.
  it("« Malgré plusieurs tentatives, … n'a pas pu être remis à <patient> pour le moment. Nouvelle tentative dans 2 heures » is a delay", async () => {
    const n = await classifyMessage(
      textNotice("Remise différée : Résultats", [
        `Malgré plusieurs tentatives, votre message n'a pas pu être remis à ${PATIENT} pour le moment.`,
        "Nouvelle tentative dans 2 heures. Le serveur continuera d'essayer pendant 4 jours.",
      ]),
    );
    expect(n.kind).toBe("delay");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.action).toBe("delayed");
  });
  // « conservé 5 jours … puis supprimé s'il n'a pas pu être distribué » is what WILL happen, conditionally.
  it("« est retardée … Nouvelle tentative dans 1 heure. Conservé 5 jours, puis supprimé s'il n'a pas pu être distribué » is a delay", async () => {
    const n = await classifyMessage(
      textNotice("Remise différée : Résultats", [
        `La remise de votre message à ${PATIENT} est retardée : le serveur du destinataire ne répond pas.`,
        "Nouvelle tentative dans 1 heure. Le message est conservé 5 jours en file d'attente, puis supprimé s'il n'a pas pu être distribué.",
      ]),
    );
    expect(n.kind).toBe("delay");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.action).toBe("delayed");
  });
  // « il vous sera retourné et supprimé » is the future, under « S'il n'a pas pu être remis au bout de 5 jours ».
  it("« n'a pas encore été remis. Nouvelle tentative dans 1 heure. S'il n'a pas pu être remis au bout de 5 jours, il vous sera retourné et supprimé » is a delay", async () => {
    const n = await classifyMessage(
      textNotice("Remise différée : Résultats", [
        `Votre message à ${PATIENT} n'a pas encore été remis. Nouvelle tentative dans 1 heure.`,
        "S'il n'a pas pu être remis au bout de 5 jours, il vous sera retourné et supprimé de la file d'attente.",
      ]),
    );
    expect(n.kind).toBe("delay");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.action).toBe("delayed");
  });
  // sendmail's own delay subject and banner ("WARNING MESSAGE ONLY", "Will keep trying"): "despite repeated attempts"
  // only recalls the tries so far.
  it("sendmail's 'Warning: could not send message for past 4 hours' with 'Despite repeated attempts … Will keep trying' is a delay", async () => {
    const n = await classifyMessage(
      textNotice(
        "Warning: could not send message for past 4 hours",
        [
          "    **********************************************",
          "    **      THIS IS A WARNING MESSAGE ONLY      **",
          "    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **",
          "    **********************************************",
          "",
          `Despite repeated attempts, your message to ${PATIENT} could not be delivered.`,
          "Will keep trying until message is 5 days old.",
        ],
        SUBSYSTEM,
      ),
    );
    expect(n.kind).toBe("delay");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.action).toBe("delayed");
  });
  // The recipient's own lines say « pour le moment » and a network cause; the retry paragraph just below is
  // about the same, single, recipient.
  it("« n'a pas pu être remis à <patient> pour le moment. Motif : … ne répond pas » then « Nouvelle tentative dans 1 heure » is a delay", async () => {
    const n = await classifyMessage(
      textNotice("Remise différée : Résultats", [
        `Votre message n'a pas pu être remis à ${PATIENT} pour le moment.`,
        "Motif : le serveur du destinataire ne répond pas (délai de connexion).",
        "",
        "Nouvelle tentative dans 1 heure ; le serveur continuera d'essayer pendant 5 jours. Vous n'avez rien à faire.",
      ]),
    );
    expect(n.kind).toBe("delay");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.action).toBe("delayed");
  });
  // "at this time" plus "will keep trying … You don't need to do anything": nothing final.
  it("'could not be delivered to <patient> at this time. Reason: … timed out' then 'will keep trying … for 5 more days' is a delay", async () => {
    const n = await classifyMessage(
      textNotice("Delivery delayed: Résultats", [
        `Your message could not be delivered to ${PATIENT} at this time.`,
        "Reason: connection to mx.patient.mssante.fr timed out.",
        "",
        "The server will keep trying to deliver it for 5 more days. You don't need to do anything.",
      ]),
    );
    expect(n.kind).toBe("delay");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.action).toBe("delayed");
  });
  // Gmail's delay shape; the remote reply is 451 4.7.1 and "500 messages per hour" is a count, not a 5xx reply.
  it("Gmail 'has been delayed' with '451 4.7.1 Rate limit exceeded (max 500 messages per hour)' is a delay", async () => {
    const n = await classifyMessage(
      textNotice(
        "Delivery Status Notification (Delay)",
        [
          "Delivery to the following recipient has been delayed:",
          "",
          `     ${PATIENT}`,
          "",
          "Technical details of temporary failure:",
          "The recipient server did not accept our requests to connect: 451 4.7.1 Rate limit exceeded (max 500 messages per hour), try again later",
          "",
          "Message will be retried for 2 more days. You will be notified if delivery fails permanently.",
        ],
        "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
      ),
    );
    expect(n.kind).toBe("delay");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]).toMatchObject({ action: "delayed", reason: "temporary" });
  });
  // Postfix appends one "<rcpt>: …" paragraph per recipient after the template's text, signature included: the
  // first paragraph under "Kind regards, / The IT team" is a failed recipient, not the signer.
  it("a customised Postfix text signed 'Kind regards, / The IT team', then the patient's and the lab's lines, reports both", async () => {
    const n = await classifyMessage(
      textNotice("Undelivered Mail Returned to Sender", [
        "This is the mail system at host relay.example.net.",
        "",
        "Your message could not be delivered to one or more recipients.",
        "",
        "Kind regards,",
        "The IT team",
        "",
        `<${PATIENT}>: host mx.patient.mssante.fr[192.0.2.10] said: 550 5.1.1`,
        `    <${PATIENT}>: Recipient address rejected: User unknown (in reply to RCPT TO command)`,
        "",
        `<${LAB}>: host mx.bio-analyses.example[192.0.2.20] said: 550 5.1.1`,
        `    <${LAB}>: Recipient address rejected: User unknown (in reply to RCPT TO command)`,
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n).sort()).toEqual([LAB, PATIENT].sort());
    expect(n.recipients.map((r) => r.reason)).toEqual(["unknown-recipient", "unknown-recipient"]);
  });
  // « Adresse de l'émetteur : » is a field of the report naming who sent; the cause given is 5.1.1, « destinataire inconnu ».
  it("a gateway's report « Adresse du destinataire / Adresse de l'émetteur / Motif : 550 5.1.1 destinataire inconnu » is an unknown recipient", async () => {
    const n = await classifyMessage(
      textNotice("Message non remis : Résultats", [
        "Votre message n'a pas pu être remis au destinataire suivant.",
        "",
        `Adresse du destinataire : ${PATIENT}`,
        `Adresse de l'émetteur : ${DOCTOR}`,
        "Motif : 550 5.1.1 destinataire inconnu",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("unknown-recipient");
  });
  // « Adresse IP source : 203.0.113.5 » is a field of the report, not a block; the cause is « Utilisateur inconnu ».
  it("a gateway's report « Destinataire / Adresse IP source : 203.0.113.5 / Motif : 550 5.1.1 Utilisateur inconnu » is an unknown recipient", async () => {
    const n = await classifyMessage(
      textNotice("Message non remis : Résultats", [
        "Votre message a été rejeté par la passerelle de messagerie.",
        "",
        `Destinataire : ${PATIENT}`,
        "Adresse IP source : 203.0.113.5",
        "Motif : 550 5.1.1 Utilisateur inconnu",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("unknown-recipient");
  });
  // The platform's own notice: its sentence, once, covers every address it lists (with one address the same
  // notice reads mailbox-closed); the 5.1.1 under each is the technical code of that same closure.
  it("the platform's closed-mailbox notice listing two patients, each '550 5.1.1 Mailbox unavailable', is mailbox-closed for both", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non distribué",
        [
          "Le message que vous avez envoyé n'a pas pu être distribué car la messagerie Mon espace Santé de votre destinataire est clôturée.",
          "",
          "Destinataires concernés :",
          `  ${PATIENT} : 550 5.1.1 Mailbox unavailable`,
          `  ${PATIENT2} : 550 5.1.1 Mailbox unavailable`,
        ],
        PLATFORM,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT, PATIENT2]);
    expect(n.recipients.map((r) => r.reason)).toEqual(["mailbox-closed", "mailbox-closed"]);
  });
  // « Votre message à <confrère> n'a pas pu être distribué »: the doctor's own message failed; « dans votre
  // boîte d'envoi » only says where the copy went back. The same notice without that clause is a bounce.
  it("« Votre message à <confrère> n'a pas pu être distribué, il a été replacé dans votre boîte d'envoi » is a bounce", async () => {
    const n = await classifyMessage(
      textNotice(
        "Retour de message : Résultats",
        [
          `Votre message à ${COLLEAGUE} n'a pas pu être distribué, il a été replacé dans votre boîte d'envoi.`,
          "Motif : 552 5.2.2 boîte aux lettres pleine",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([COLLEAGUE]);
    expect(n.recipients[0]?.reason).toBe("mailbox-full");
  });
  // "Your message to <colleague> could not be delivered": outbound; "returned to your mailbox" is the copy coming back.
  it("a postmaster's 'Your message to <colleague> could not be delivered and has been returned to your mailbox' is a bounce", async () => {
    const n = await classifyMessage(
      textNotice(
        "Returned message: Résultats",
        [
          `Your message to ${COLLEAGUE} could not be delivered and has been returned to your mailbox.`,
          "Reason: 552 5.2.2 Mailbox full",
        ],
        "Postmaster <postmaster@cabinet-durand.example>",
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([COLLEAGUE]);
    expect(n.recipients[0]?.reason).toBe("mailbox-full");
  });
});
