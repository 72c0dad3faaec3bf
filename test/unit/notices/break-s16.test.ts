/**
 * Twelfth hostile round, after 28a7881, aimed at the rules that commit brought in: (a) a
 * recipient whose own lines give its own status reads its cause without the other recipients'
 * lines (textsWithoutOthers) — a cause said once for all on the last recipient's lines, a
 * details section after a blank line that the previous recipient's lines swallow — and two
 * addresses on one line (the second one lost); (b) the stop under a condition (STOPPED's
 * lookbehind): « si » as the hospital's « SI », « Si vous pensez… » before « aucune nouvelle
 * tentative », and the stop said for after the retries' end (« Passé ce délai… », "after
 * that, …") in a delay warning; (c) GIVEN_UP and NEXT_ATTEMPT: « pas de nouvelle tentative de
 * remise avant 15 h », « ne réessaiera pas avant 15 h », « délai dépassé » of a connection,
 * « délai maximal … atteint » under « si »; (d) stillTriedBeside: "before giving up", « remise
 * différée » without the words of a next attempt; (e) the sender said missing
 * (namesMissingSender) with a comma, « de ce courriel », « Expéditeur <x> inconnu », and the
 * recipient « de l'expéditeur »; (f) closings that cut a list of failed recipients: a custom
 * text signed « Merci, » above an Exchange list by display name, "Thank you." above a list of
 * addresses.
 * 6 withstood, 19 found. All but one were mended in the same stop; the last one, a details
 * section naming each recipient again after a blank line, which the previous recipient's lines
 * swallowed, was mended later (where several recipients are reported, a line an address opens
 * again is that recipient's and ends the previous one's lines), with its neighbours: English
 * words, the details in another order, addresses alone on their lines, three recipients.
 * `withstood` holds what the code read right; `found` the cases it read wrong, each stating
 * the answer a careful reader of the notice would give.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import { displayNameNotice } from "./display-name-notice.js";
import {
  addresses,
  DOCTOR,
  HOSPITAL_POSTMASTER,
  LAB,
  PATIENT,
  PATIENT2,
  recipientOf,
  textNotice,
} from "./notice-builders.js";

describe("withstood", () => {
  // The stop under "If you believe…" is softened, but the notice still says the delivery has failed.
  it("'Delivery to … has been delayed for 5 days and has failed … If you believe …, as no further attempts will be made' is a bounce", async () => {
    const n = await classifyMessage(
      textNotice("Delivery Status Notification (Failure)", [
        `Delivery to ${PATIENT} has been delayed for 5 days and has failed: 421 4.4.2 connection timed out.`,
        "If you believe the address is correct, contact the recipient by other means, as no further attempts will be made.",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "failed", reason: "expired" });
  });
  // Exim's blocks: each recipient's cause on its continuation lines, the lab's not taken by the patient.
  it("Exim's two blocks (patient 'Mailbox disabled' 5.0.0, lab 'User unknown' 5.1.1) keep each cause with its recipient", async () => {
    const n = await classifyMessage(
      textNotice("Mail delivery failed: returning message to sender", [
        "This message was created automatically by mail delivery software.",
        "",
        "A message that you sent could not be delivered to one or more of its",
        "recipients. This is a permanent error. The following address(es) failed:",
        "",
        `  ${PATIENT}`,
        "    host mx.patient.mssante.fr [192.0.2.10]",
        `    SMTP error from remote mail server after RCPT TO:<${PATIENT}>:`,
        "    550 5.0.0 Mailbox disabled for this recipient",
        `  ${LAB}`,
        "    host mx.bio-analyses.example [192.0.2.20]",
        `    SMTP error from remote mail server after RCPT TO:<${LAB}>:`,
        "    550 5.1.1 User unknown",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, PATIENT)?.reason).toBe("mailbox-closed");
    expect(recipientOf(n, LAB)?.reason).toBe("unknown-recipient");
  });
  // « avant d'abandonner » is no stop: the patient's next attempt is in an hour.
  it("the lab's stop beside the patient's « nouvelle tentative dans 1 heure ; … pendant 5 jours avant d'abandonner » delays the patient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Résultats",
        [
          "Votre message n'a pas pu être remis à tous ses destinataires.",
          "",
          `${LAB} : 550 5.1.1 Utilisateur inconnu — aucune autre tentative ne sera effectuée.`,
          "",
          `${PATIENT} : 421 4.4.2 Le serveur ne répond pas — nouvelle tentative dans 1 heure ; le serveur réessaiera pendant 5 jours avant d'abandonner.`,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, LAB)?.action).toBe("failed");
    expect(recipientOf(n, PATIENT)).toMatchObject({ action: "delayed", reason: "temporary" });
  });
  // The last recipient's detail after a blank line is its own.
  it("« Détail pour LAB : utilisateur inconnu » after a blank line under the lab's « 550 5.0.0 » is the lab's cause", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Résultats",
        [
          "Votre message n'a pas pu être remis aux destinataires suivants :",
          "",
          `  ${PATIENT} : 550 5.2.1 boîte aux lettres désactivée`,
          `  ${LAB} : 550 5.0.0`,
          "",
          `  Détail pour ${LAB} : utilisateur inconnu dans l'annuaire.`,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, PATIENT)?.reason).toBe("mailbox-closed");
    expect(recipientOf(n, LAB)?.reason).toBe("unknown-recipient");
  });
  // Postfix's reject_unlisted_sender, wrapped: the doctor's own address, quoted after the 5.1.0.
  it("Postfix's '550 5.1.0 <doctor>: Sender address rejected: User unknown in local recipient table' is a sender refusal", async () => {
    const n = await classifyMessage(
      textNotice("Undelivered Mail Returned to Sender", [
        "This is the mail system at host relay.chu-exemple.fr.",
        "",
        "I'm sorry to have to inform you that your message could not",
        "be delivered to one or more recipients. It's attached below.",
        "",
        `<${PATIENT}>: host mx.patient.mssante.fr[192.0.2.10] said: 550 5.1.0`,
        `    <${DOCTOR}>: Sender address rejected: User unknown in local recipient`,
        "    table (in reply to RCPT TO command)",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("sender-rejected");
  });
  // Typographic apostrophes (’) in « L’expéditeur n’existe pas »: the sender, as with plain ones.
  it("« 550 5.1.0 L’expéditeur n’existe pas dans l’annuaire national MSSanté » (typographic apostrophes) is a sender refusal", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis.`,
          "Motif : 550 5.1.0 L’expéditeur n’existe pas dans l’annuaire national MSSanté.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("sender-rejected");
  });
});

describe("found", () => {
  // Two addresses on one line, the cause on the indented line under them: both failed, both full.
  it("« PATIENT, PATIENT2 : 550 5.0.0 » with « Motif : boîte aux lettres pleine » indented below reports both, full", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          "Votre message n'a pas pu être remis aux destinataires suivants :",
          "",
          `${PATIENT}, ${PATIENT2} : 550 5.0.0`,
          "    Motif : boîte aux lettres pleine (quota dépassé).",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT, PATIENT2]);
    expect(recipientOf(n, PATIENT)?.reason).toBe("mailbox-full");
    expect(recipientOf(n, PATIENT2)?.reason).toBe("mailbox-full");
  });
  // « Motif : les boîtes … de ces destinataires sont pleines » is said once for both, on the last one's lines.
  it("« PATIENT : 550 5.0.0 / PATIENT2 : 550 5.0.0 / Motif : les boîtes aux lettres de ces destinataires sont pleines » gives both a full mailbox", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          "Votre message n'a pas pu être remis aux destinataires suivants :",
          `${PATIENT} : 550 5.0.0`,
          `${PATIENT2} : 550 5.0.0`,
          "Motif : les boîtes aux lettres de ces destinataires sont pleines (quota dépassé).",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, PATIENT2)?.reason).toBe("mailbox-full");
    expect(recipientOf(n, PATIENT)?.reason).toBe("mailbox-full");
  });
  // The details section names each recipient again: the lab's « utilisateur inconnu » is not the patient's.
  it("a table « LAB : 550 5.0.0 / PATIENT : 451 4.0.0 » then « Détails : LAB : utilisateur inconnu / PATIENT : pas de réponse pendant 5 jours » keeps each cause", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Résultats",
        [
          "Votre message n'a pas pu être remis aux destinataires suivants :",
          "",
          `  ${LAB} : 550 5.0.0`,
          `  ${PATIENT} : 451 4.0.0`,
          "",
          "Détails :",
          `  ${LAB} : utilisateur inconnu dans l'annuaire.`,
          `  ${PATIENT} : le serveur du destinataire n'a pas répondu pendant 5 jours.`,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, PATIENT)).toMatchObject({ action: "failed", reason: "expired" });
    expect(recipientOf(n, LAB)?.reason).toBe("unknown-recipient");
  });
  // The same in English, each cause on the line that names its recipient again.
  it("a table 'LAB: 550 5.0.0 / PATIENT: 451 4.0.0' then 'Details: LAB: user unknown / PATIENT: no answer for 5 days, giving up' keeps each cause", async () => {
    const n = await classifyMessage(
      textNotice("Delivery status: Résultats", [
        "Your message could not be delivered to the following recipients:",
        "",
        `  ${LAB}: 550 5.0.0`,
        `  ${PATIENT}: 451 4.0.0`,
        "",
        "Details:",
        `  ${LAB}: user unknown in the directory.`,
        `  ${PATIENT}: no answer from the remote server for 5 days, giving up.`,
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, PATIENT)).toMatchObject({ action: "failed", reason: "expired" });
    expect(recipientOf(n, LAB)?.reason).toBe("unknown-recipient");
  });
  // The details in another order than the table: each line still goes to the address it names.
  it("a table « LAB : 550 5.0.0 / PATIENT : 552 5.0.0 » then « Détails : PATIENT : boîte pleine / LAB : utilisateur inconnu » keeps each cause", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Résultats",
        [
          "Votre message n'a pas pu être remis aux destinataires suivants :",
          "",
          `  ${LAB} : 550 5.0.0`,
          `  ${PATIENT} : 552 5.0.0`,
          "",
          "Détails :",
          `  ${PATIENT} : boîte aux lettres pleine.`,
          `  ${LAB} : utilisateur inconnu dans l'annuaire.`,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, PATIENT)?.reason).toBe("mailbox-full");
    expect(recipientOf(n, LAB)?.reason).toBe("unknown-recipient");
  });
  // Each address alone on its line in the details, between angle brackets, its cause indented below.
  it("« Détails : / <LAB> / utilisateur inconnu / <PATIENT> / boîte pleine » under a table of 550 5.0.0 keeps each cause", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Résultats",
        [
          "Votre message n'a pas pu être remis aux destinataires suivants :",
          "",
          `  <${LAB}> : 550 5.0.0`,
          `  <${PATIENT}> : 550 5.0.0`,
          "",
          "Détails :",
          `  <${LAB}>`,
          "      utilisateur inconnu dans l'annuaire.",
          `  <${PATIENT}>`,
          "      boîte aux lettres pleine (quota dépassé).",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, PATIENT)?.reason).toBe("mailbox-full");
    expect(recipientOf(n, LAB)?.reason).toBe("unknown-recipient");
  });
  // Three recipients, the details in yet another order: the second patient's closed mailbox is its own.
  it("a table of three 550 5.0.0 then details « PATIENT2 : clôturée / LAB : inconnu / PATIENT : pleine » keeps each cause", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Résultats",
        [
          "Votre message n'a pas pu être remis aux destinataires suivants :",
          "",
          `  ${LAB} : 550 5.0.0`,
          `  ${PATIENT} : 550 5.0.0`,
          `  ${PATIENT2} : 550 5.0.0`,
          "",
          "Détails :",
          `  ${PATIENT2} : messagerie Mon espace santé clôturée.`,
          `  ${LAB} : utilisateur inconnu dans l'annuaire.`,
          `  ${PATIENT} : boîte aux lettres pleine.`,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, PATIENT2)?.reason).toBe("mailbox-closed");
    expect(recipientOf(n, LAB)?.reason).toBe("unknown-recipient");
    expect(recipientOf(n, PATIENT)?.reason).toBe("mailbox-full");
  });
  // « le SI hospitalier » is the information system, no « si » of a condition: the stop is final.
  it("« refusé par la passerelle de sécurité du SI hospitalier, aucune nouvelle tentative ne sera effectuée » is a bounce", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis.`,
          "Le message a été refusé par la passerelle de sécurité du SI hospitalier, aucune nouvelle tentative ne sera effectuée.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "failed" });
  });
  // « Si vous pensez… » conditions the advice, not the stop: nothing more will be tried.
  it("« remise différée depuis 5 jours … Si vous pensez que l'adresse est correcte, contactez … : aucune nouvelle tentative ne sera effectuée » is a bounce", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis : remise différée depuis 5 jours, le serveur du destinataire ne répond pas.`,
          "Si vous pensez que l'adresse est correcte, contactez le destinataire par un autre moyen : aucune nouvelle tentative ne sera effectuée.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "failed" });
  });
  // « Passé ce délai » puts the stop after five days of retries still to come: a delay warning.
  it("« n'a pas pu être remis pour le moment … continuera d'essayer pendant 5 jours. Passé ce délai, aucune nouvelle tentative » is a delay", async () => {
    const n = await classifyMessage(
      textNotice(
        "Remise différée : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis pour le moment : le serveur du destinataire ne répond pas (421 4.4.2).`,
          "Le serveur continuera d'essayer pendant 5 jours. Passé ce délai, aucune nouvelle tentative ne sera effectuée et le message vous sera retourné.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("delay");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "delayed" });
  });
  // The same in English: the stop comes "after that", the retries are still under way.
  it("'could not be delivered yet … will keep trying until 3 Dec 10:00; after that, no further attempts will be made' is a delay", async () => {
    const n = await classifyMessage(
      textNotice("Delivery Status Notification", [
        `Your message to ${PATIENT} could not be delivered yet: 421 4.4.2 connection timed out.`,
        "The server will keep trying until 3 Dec 2025 10:00; after that, no further attempts will be made.",
      ]),
    );
    expect(n.kind).toBe("delay");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "delayed" });
  });
  // « de remise » between the words and « avant 15 h 00 »: still the time of the next attempt.
  it("« n'a pas pu être remis pour le moment (421 4.3.2). Pas de nouvelle tentative de remise avant 15 h 00 » is a delay", async () => {
    const n = await classifyMessage(
      textNotice(
        "Remise différée : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis pour le moment : le serveur du destinataire est indisponible (421 4.3.2).`,
          "Pas de nouvelle tentative de remise avant 15 h 00 ; vous n'avez rien à faire.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("delay");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "delayed" });
  });
  // « ne réessaiera pas avant 15 h 00 » gives the time of the next attempt, as « pas de nouvelle tentative avant » does.
  it("« n'a pas pu être remis pour le moment : 451 4.7.1 greylisting … Notre serveur ne réessaiera pas avant 15 h 00 » is a delay", async () => {
    const n = await classifyMessage(
      textNotice(
        "Remise différée : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis pour le moment : 451 4.7.1 greylisting, réessayez plus tard.`,
          "Notre serveur ne réessaiera pas avant 15 h 00 ; vous n'avez rien à faire.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("delay");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "delayed" });
  });
  // "before giving up" is the end of five days of retries to come, not a server that gave up.
  it("the lab's 'no further attempts' beside the patient's '421 4.4.2 … will keep trying for up to 5 days before giving up' delays the patient", async () => {
    const n = await classifyMessage(
      textNotice("Delivery status: Résultats", [
        "Your message could not be delivered to all of its recipients.",
        "",
        `${LAB}: 550 5.1.1 User unknown; no further attempts will be made for this recipient.`,
        "",
        `${PATIENT}: 421 4.4.2 Connection timed out. The server will keep trying for up to 5 days before giving up.`,
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, LAB)?.action).toBe("failed");
    expect(recipientOf(n, PATIENT)).toMatchObject({ action: "delayed", reason: "temporary" });
  });
  // « remise différée » with a 4.x.x is a deferral: the patient's own lines say it is still to be delivered.
  it("the lab's « aucune autre tentative » beside the patient's « 451 4.7.1 Liste grise — remise différée » delays the patient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Résultats",
        [
          "Votre message n'a pas pu être remis à tous ses destinataires.",
          "",
          `${LAB} : 550 5.1.1 Utilisateur inconnu — aucune autre tentative ne sera effectuée.`,
          "",
          `${PATIENT} : 451 4.7.1 Liste grise — remise différée.`,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, LAB)?.action).toBe("failed");
    expect(recipientOf(n, PATIENT)).toMatchObject({ action: "delayed", reason: "temporary" });
  });
  // « délai dépassé lors de la connexion » is a timeout of one attempt; the message stays queued.
  it("« n'a pas pu être remis pour le moment : 421 4.4.2 délai dépassé lors de la connexion … Remise différée » is a delay", async () => {
    const n = await classifyMessage(
      textNotice(
        "Remise différée : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis pour le moment : 421 4.4.2 délai dépassé lors de la connexion au serveur distant.`,
          "Remise différée : le message reste en file d'attente.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("delay");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "delayed" });
  });
  // « si le délai maximal de remise est atteint » is a limit still to come: the message will be returned then.
  it("« n'a pas pu être remis pour le moment … Remise différée. Il vous sera retourné si le délai maximal de remise est atteint » is a delay", async () => {
    const n = await classifyMessage(
      textNotice(
        "Remise différée : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis pour le moment (421 4.4.2 le serveur du destinataire ne répond pas).`,
          "Remise différée. Il vous sera retourné si le délai maximal de remise est atteint.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("delay");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "delayed" });
  });
  // The sender's address between commas after « L'expéditeur »: still the doctor's own address not registered.
  it("« 550 5.1.0 L'expéditeur, doctor, n'est pas enregistré dans l'annuaire national MSSanté » is a sender refusal", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis.`,
          `Motif : 550 5.1.0 L'expéditeur, ${DOCTOR}, n'est pas enregistré dans l'annuaire national MSSanté.`,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("sender-rejected");
  });
  // « Expéditeur <doctor> inconnu » without the article: the doctor's address, not the patient's.
  it("« 550 5.1.0 Expéditeur <doctor> inconnu de l'annuaire national MSSanté » is a sender refusal", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis.`,
          `Motif : 550 5.1.0 Expéditeur <${DOCTOR}> inconnu de l'annuaire national MSSanté.`,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("sender-rejected");
  });
  // « de ce courriel » stands where « du message » does.
  it("« 550 5.1.0 L'expéditeur de ce courriel est inconnu de l'annuaire national MSSanté » is a sender refusal", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis.`,
          "Motif : 550 5.1.0 L'expéditeur de ce courriel est inconnu de l'annuaire national MSSanté.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("sender-rejected");
  });
  // What does not exist is « le destinataire <patient> »; « de l'expéditeur <doctor> » only says whose message it was.
  it("« 550 5.1.1 Le destinataire <patient> de l'expéditeur <doctor> n'existe pas dans l'annuaire » is an unknown recipient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          "Votre message n'a pas pu être remis.",
          `Motif : 550 5.1.1 Le destinataire <${PATIENT}> de l'expéditeur <${DOCTOR}> n'existe pas dans l'annuaire.`,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("unknown-recipient");
  });
  // An administrator's custom text signed « Merci, » above Exchange's own list: the list still names the patient.
  it("Exchange's 'Delivery has failed to these recipients or groups: Jeanne Dupont' under a custom text signed « Merci, / La DSI du CHU » names the patient", async () => {
    const n = await classifyMessage(
      displayNameNotice({
        to: `Jeanne Dupont <${PATIENT}>`,
        notice: [
          "Besoin d'aide ? Contactez le support informatique au 01 23 45 67 89.",
          "Merci,",
          "La DSI du CHU",
          "",
          "Delivery has failed to these recipients or groups:",
          "",
          "Jeanne Dupont",
          "The e-mail address you entered couldn't be found. Please check the recipient's e-mail address and try to resend the message.",
        ].join("\r\n"),
      }),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
  });
  // "Thank you." ends the request to check the address; the indented address below is the failed one.
  it("'… the following recipient either. Please check the address and resend. / Thank you. / <blank> / PATIENT / 550 5.2.1 mailbox disabled' reports the patient", async () => {
    const n = await classifyMessage(
      textNotice("Undeliverable: Résultats", [
        `Your message to ${LAB} could not be delivered: 550 5.1.1 user unknown.`,
        "Your message could not be delivered to the following recipient either. Please check the address and resend.",
        "Thank you.",
        "",
        `    ${PATIENT}`,
        "        550 5.2.1 mailbox disabled",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([LAB, PATIENT]);
    expect(recipientOf(n, PATIENT)?.reason).toBe("mailbox-closed");
  });
});
