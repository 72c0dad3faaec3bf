/**
 * Ninth hostile round, after 070c6b8, aimed at the rules of the seventh and eighth rounds and at
 * their reverse: (a) a FINAL notice ("failed permanently") whose words of delay are only its
 * cause ("was delayed for 3 days and has expired"), and words of a next attempt (« nouvelle
 * tentative a… », "will keep trying", "retry in 300 seconds") standing in a final notice in
 * another sense — a past attempt that failed, a quoted earlier warning, the remote server's last
 * reply — and a sending limit's « nouvelle tentative d'envoi demain » addressed to the sender; (b) genuine delay warnings that announce the next attempt in words the list does
 * not hold (« Prochaine tentative : », "Next retry scheduled"), or whose recipient lines hold
 * what looks like a final refusal (a host address 5.x.x.x, "before giving up"); (c) the closing
 * rule and the help desk's label around the failed recipients (« Merci. » above an Exim list, a
 * signature with a telephone number after its address, « Contact : » as a list's label);
 * (d) the closed-mailbox sentence beside a second patient with its own cause; (e) sender phrases
 * inside an unknown recipient's reply, and the reverse; (f) quarantine digests in other words.
 * `withstood` holds what the code read right; `found` the cases it read wrong before the fixes
 * that follow this round, each stating the answer a careful reader of the notice would give.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import {
  addresses,
  closedSentence,
  HOSPITAL_POSTMASTER,
  LAB,
  PATIENT,
  PATIENT2,
  textNotice,
} from "./notice-builders.js";

describe("withstood", () => {
  it("'Delivery was delayed for 5 days; the server will not retry and the message has been deleted' is a bounce", async () => {
    const n = await classifyMessage(
      textNotice("Undeliverable: Résultats", [
        `Your message to ${PATIENT} could not be delivered.`,
        "Delivery was delayed for 5 days; the server will not retry and the message has been deleted.",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.action).toBe("failed");
  });
  // The recipient's own words: « remise différée », a 4.4.2 code; « échec définitif » is only what may come.
  it("« remise différée (421 4.4.2) ; sans réponse d'ici 5 jours : échec définitif » on the recipient's line stays a delay", async () => {
    const n = await classifyMessage(
      textNotice("Remise différée : Résultats", [
        "La remise de votre message est retardée. Vous n'avez rien à faire.",
        "",
        `Destinataire : ${PATIENT} — remise différée (421 4.4.2 délai de connexion dépassé) ; sans réponse d'ici 5 jours : échec définitif.`,
      ]),
    );
    expect(n.kind).toBe("delay");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.action).toBe("delayed");
  });
  // An Exim list: one failed recipient, even with « Merci. » from the site's own text four lines above.
  it("Exim's list under a site text ending « Merci. » with ONE recipient still reports the patient", async () => {
    const n = await classifyMessage(
      textNotice("Mail delivery failed: returning message to sender", [
        "This message was created automatically by mail delivery software.",
        "Pour toute question, appelez le support informatique au poste 4242.",
        "Merci.",
        "",
        "A message that you sent could not be delivered to one or more of its recipients. This is a permanent error. The following address(es) failed:",
        "",
        `  ${PATIENT}`,
        "    host mx.patient.mssante.fr [192.0.2.10]",
        "    SMTP error from remote mail server after RCPT TO:",
        "    550 5.1.1 User unknown",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("unknown-recipient");
  });
  // Postfix's own words for an unknown address on a relay host: "relay" here is the host's table, not a relay refused.
  it("Postfix '550 5.1.1 <patient>: Recipient address rejected: User unknown in relay recipient table' is an unknown recipient", async () => {
    const n = await classifyMessage(
      textNotice("Undelivered Mail Returned to Sender", [
        "This is the mail system at host relay.example.net.",
        "",
        "I'm sorry to have to inform you that your message could not be delivered to one or more recipients.",
        "",
        `<${PATIENT}>: host mx.patient.mssante.fr[192.0.2.10] said: 550 5.1.1`,
        `    <${PATIENT}>: Recipient address rejected: User unknown in relay recipient table (in reply to RCPT TO command)`,
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("unknown-recipient");
  });
  // « Contact : » is this list's label for each addressee; the help desk has its own line, « Assistance : ».
  it("a list « Contact : <patient> — Motif : 550 5.1.1 … » / « Contact : <lab> — Motif : 552 5.2.2 … » reports both", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          "Votre message n'a pas pu être remis aux destinataires suivants :",
          "",
          `Contact : ${PATIENT} — Motif : 550 5.1.1 destinataire inconnu`,
          `Contact : ${LAB} — Motif : 552 5.2.2 boîte aux lettres pleine`,
          "",
          "Assistance : support-messagerie@chu-exemple.fr",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n).sort()).toEqual([LAB, PATIENT].sort());
  });
  // A daily report: a quarantine part about mail TO the doctor, and one message the doctor sent that failed.
  it("a daily report with messages sent to the doctor held AND 'Your message to <patient> was not delivered' is a bounce for the patient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Daily mail report",
        [
          "Messages sent to you and held in quarantine: 2 (not delivered to your mailbox).",
          "",
          `Your message to ${PATIENT} was not delivered: 550 5.1.1 User unknown.`,
        ],
        "Mail Gateway <postmaster@relay.example.net>",
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("unknown-recipient");
  });
  // "Next retry scheduled" is no listed phrase of a next attempt; the subject « Delivery delayed » keeps it a delay.
  it("'Despite 3 attempts … could not be delivered. Next retry scheduled at 14:00 UTC. Delivery has been delayed' is a delay", async () => {
    const n = await classifyMessage(
      textNotice("Delivery delayed: Résultats", [
        `Despite 3 attempts over the last 4 hours, your message to ${PATIENT} could not be delivered.`,
        "Next retry scheduled at 14:00 UTC. Delivery has been delayed; you do not need to resend your message.",
      ]),
    );
    expect(n.kind).toBe("delay");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.action).toBe("delayed");
  });
  // A French quarantine digest of mail TO the doctor, « à votre attention »: nothing the doctor sent failed.
  it("a French quarantine digest « 2 messages à votre attention, retenus en quarantaine, non distribués » is no notice", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de quarantaine",
        [
          "Bonjour,",
          "",
          "2 messages à votre attention, retenus en quarantaine, non distribués :",
          "",
          "De : promo@boutique.example — Objet : Offre spéciale — 01/12/2025 08:12",
          "De : newsletter@pharma.example — Objet : Nouveautés — 01/12/2025 09:40",
          "",
          "Pour libérer un message, ouvrez le portail de quarantaine.",
        ],
        "Passerelle antispam <quarantaine@chu-exemple.fr>",
      ),
    );
    expect(n.kind).toBe("none");
  });
});

describe("found", () => {
  // "failed permanently", "Technical details of permanent failure": final. "Message was delayed for 3 days and has
  // expired" only says why; no next attempt is announced.
  it("'Delivery to the following recipient failed permanently … Message was delayed for 3 days and has expired' is a bounce", async () => {
    const n = await classifyMessage(
      textNotice(
        "Delivery Status Notification (Failure)",
        [
          "Delivery to the following recipient failed permanently:",
          "",
          `     ${PATIENT}`,
          "",
          "Technical details of permanent failure:",
          "Message was delayed for 3 days and has expired. Last response from mx.patient.mssante.fr: 421 4.4.2 Connection timed out",
        ],
        "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.action).toBe("failed");
  });
  // « Une nouvelle tentative a échoué » is a past attempt; « aucune autre tentative ne sera effectuée »: final.
  it("« … une nouvelle tentative a échoué le 03/12 ; délai maximal de remise dépassé, aucune autre tentative » is a bounce", async () => {
    const n = await classifyMessage(
      textNotice("Non distribué : Résultats", [
        "Votre message n'a pas pu être distribué au destinataire suivant :",
        "",
        `  ${PATIENT}`,
        "",
        "Le serveur du destinataire ne répondait pas. Une nouvelle tentative a échoué le 03/12/2025 à 10:00 ; " +
          "le délai maximal de remise est dépassé et aucune autre tentative ne sera effectuée.",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.action).toBe("failed");
  });
  // The earlier warning's "will keep trying" is quoted; the notice itself says the period has passed.
  it("a final notice quoting the earlier warning ('the server will keep trying for 5 days') then 'No further attempts' is a bounce", async () => {
    const n = await classifyMessage(
      textNotice("Undeliverable: Résultats", [
        `Your message to ${PATIENT} could not be delivered and has been returned.`,
        'On 28/11 you were sent a warning ("Delivery delayed: the server will keep trying for 5 days").',
        "That period has now passed: delivery delay exceeded. No further attempts will be made.",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.action).toBe("failed");
  });
  // "retry in 300 seconds" is the remote server's last reply, quoted; the notice says it gave up.
  it("'has been delayed for 5 days … maximum delivery delay exceeded; no further attempts. Last error: 451 4.7.1 … retry in 300 seconds' is a bounce", async () => {
    const n = await classifyMessage(
      textNotice("Undeliverable: Résultats", [
        `Your message to ${PATIENT} has been delayed for 5 days and could not be delivered.`,
        "The maximum delivery delay has been exceeded; no further attempts will be made.",
        "Last error: 451 4.7.1 Greylisted, retry in 300 seconds",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.action).toBe("failed");
  });
  // A 550 5.7.1 refusal of the doctor's own sending quota: the SENDER may try again tomorrow, the server will not.
  it("« 550 5.7.1 Quota d'envoi dépassé pour votre compte … Vous pourrez faire une nouvelle tentative d'envoi demain » is a bounce, sender refused", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          "Votre message n'a pas pu être remis au destinataire suivant :",
          "",
          `  ${PATIENT}`,
          "  550 5.7.1 Quota d'envoi dépassé pour votre compte (200 messages par jour). Vous pourrez faire une nouvelle tentative d'envoi demain.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]).toMatchObject({ action: "failed", reason: "sender-rejected" });
  });
  // « Prochaine tentative : 14 h 00 » announces the next attempt; « malgré 3 tentatives » tells only what came before.
  it("« Malgré 3 tentatives … n'a pas pu être remis … Prochaine tentative : aujourd'hui à 14 h 00. La remise est retardée » is a delay", async () => {
    const n = await classifyMessage(
      textNotice("Remise différée : Résultats", [
        `Malgré 3 tentatives depuis 4 heures, votre message à ${PATIENT} n'a pas pu être remis : le serveur du destinataire ne répond pas.`,
        "Prochaine tentative : aujourd'hui à 14 h 00. La remise est retardée ; vous n'avez rien à faire.",
      ]),
    );
    expect(n.kind).toBe("delay");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.action).toBe("delayed");
  });
  // The remote host's IP address starts with 5 (5.135.22.10): it is no 5.x.x status code. The reply is 451 4.3.0.
  it("Exim's delay warning whose host is [5.135.22.10] with '451 4.3.0 Temporary lookup failure' stays a delay", async () => {
    const n = await classifyMessage(
      textNotice("Warning: message 1vAbCd-000123-Xy delayed 24 hours", [
        "This message was created automatically by mail delivery software.",
        "A message that you sent has not yet been delivered to one or more of its recipients after more than 24 hours on the queue on relay.example.net.",
        "",
        "The address to which the message has not yet been delivered is:",
        "",
        `  ${PATIENT}`,
        "    host mx.patient.mssante.fr [5.135.22.10]",
        "    Delay reason: SMTP error from remote mail server after RCPT TO:",
        "    451 4.3.0 Temporary lookup failure",
        "",
        "No action is required on your part. Delivery attempts will continue for some time.",
      ]),
    );
    expect(n.kind).toBe("delay");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.action).toBe("delayed");
  });
  // "We'll keep trying … before giving up" announces the next attempts; "giving up" is only what may come.
  it("'hasn't been delivered yet … We'll keep trying for 2 more days before giving up.' stays a delay", async () => {
    const n = await classifyMessage(
      textNotice("Delivery delayed: Résultats", [
        `Your message to ${PATIENT} hasn't been delivered yet because the recipient's server isn't responding.`,
        "We'll keep trying for 2 more days before giving up.",
        "Reason: 421 4.4.2 Connection timed out",
      ]),
    );
    expect(n.kind).toBe("delay");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.action).toBe("delayed");
  });
  // Exim's list under a site text ending « Merci. »: the first failed address stands within four lines of it.
  it("Exim's list under a site text ending « Merci. » reports BOTH the patient and the lab", async () => {
    const n = await classifyMessage(
      textNotice("Mail delivery failed: returning message to sender", [
        "This message was created automatically by mail delivery software.",
        "Pour toute question, appelez le support informatique au poste 4242.",
        "Merci.",
        "",
        "A message that you sent could not be delivered to one or more of its recipients. This is a permanent error. The following address(es) failed:",
        "",
        `  ${PATIENT}`,
        "    host mx.patient.mssante.fr [192.0.2.10]",
        "    SMTP error from remote mail server after RCPT TO:",
        "    550 5.1.1 User unknown",
        `  ${LAB}`,
        "    host mx.bio-analyses.example [192.0.2.20]",
        "    SMTP error from remote mail server after RCPT TO:",
        "    550 5.1.1 User unknown",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n).sort()).toEqual([LAB, PATIENT].sort());
  });
  // A signature's address with the desk's telephone after it is still the signature, not a failed recipient.
  it("a signature « Cordialement, / Service messagerie du CHU / support-messagerie@… - Tél. 01 23 45 67 89 » is not a failed recipient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis : 550 5.1.1 destinataire inconnu.`,
          "",
          "Cordialement,",
          "Service messagerie du CHU",
          "support-messagerie@chu-exemple.fr - Tél. 01 23 45 67 89",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("unknown-recipient");
  });
  // Two patients: the first's mailbox is closed (the platform's sentence), the second's INS is unknown (5.1.1).
  it("Exim: patient 1 with the platform's closed-mailbox reply, patient 2 with '550 5.1.1 User unknown', keep each its own reason", async () => {
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
        "    SMTP error from remote mail server after RCPT TO:",
        `    550 5.1.1 <${PATIENT2}>: User unknown`,
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT, PATIENT2]);
    expect(n.recipients.map((r) => r.reason)).toEqual(["mailbox-closed", "unknown-recipient"]);
  });
  // « la boîte indiquée par l'expéditeur n'existe pas »: it is the RECIPIENT's mailbox that does not exist.
  it("« 550 5.1.1 Destinataire inconnu : la boîte indiquée par l'expéditeur n'existe pas sur ce serveur » is an unknown recipient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis.`,
          "Motif : 550 5.1.1 Destinataire inconnu : la boîte indiquée par l'expéditeur n'existe pas sur ce serveur.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("unknown-recipient");
  });
});

describe("after this round's fixes", () => {
  // "has expired" ends the attempts only when the message or its delivery has expired: an
  // expired TLS certificate is the reason of a delay still being retried.
  it("a delay warning whose cause is 'the remote server's TLS certificate has expired' stays a delay", async () => {
    const n = await classifyMessage(
      textNotice("Warning: message to a patient", [
        `Delivery to ${PATIENT} has been delayed.`,
        "The remote server's TLS certificate has expired.",
        "The message could not be delivered yet; we will retry for 4 more days.",
      ]),
    );
    expect(n.kind).toBe("delay");
    expect(n.recipients[0]?.action).toBe("delayed");
  });
});
