/**
 * Eleventh hostile round, after 87fc1b7, aimed at the rules that commit brought in and at their
 * reverse: (a) the sender's own address said unknown (namesMissingSender) in the words a French
 * server also uses — « l'expéditeur », « l'émetteur du message », the address between
 * guillemets — and not said so of the recipient's address given by the sender; (b) a next
 * attempt announced for one recipient beside a stop said for another (stillTriedBeside): the
 * SENDER's next try, a time limit reached, "giving up" in the recipient's own lines, an earlier
 * hop's 5.x.x quoted in a 4.x.x, a stop said in a footer for the failed ones only; (c) the
 * words that no attempt will follow, now that GIVEN_UP no longer repeats STOPPED: negated
 * (« ne réessaiera pas », « sans nouvelle tentative »), delayed (« pas de nouvelle tentative
 * avant 15 h », « aucune tentative … avant 15 h ») or conditional ("if … after 48 hours, no
 * further attempts"); (d) signatures in other shapes than « Cordialement, / … / address »:
 * a labelled address (« Courriel : … »), « Bien à vous, », the "-- " delimiter.
 * 8 withstood, 17 found. All but one were mended in the same stop; the last one, a footer that
 * stops the recipients « en échec » and goes on trying those « en attente », was mended later
 * (a stop said for the failed ones only is not about a recipient its own lines do not mark
 * failed), with its neighbours: English words, accents missing, the footer under the patient's
 * line, the patient alone, and the reverse (marked « échec », or a stop said for all).
 * `withstood` holds what the code read right; `found` the cases it read wrong, each stating
 * the answer a careful reader of the notice would give.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import {
  addresses,
  block,
  DAEMON,
  DOCTOR,
  HOSPITAL_POSTMASTER,
  LAB,
  PATIENT,
  PATIENT2,
  PLATFORM,
  recipientOf,
  report,
  textNotice,
} from "./notice-builders.js";

/** The first lines of a hospital relay's notice for one patient whose address is unknown. */
const UNKNOWN_PATIENT = [`Votre message à ${PATIENT} n'a pas pu être remis : 550 5.1.1 destinataire inconnu.`, ""];

describe("withstood", () => {
  // The address the sender wrote (the patient's) is what does not exist, not the sender.
  it("the platform's « l'adresse Mon espace santé indiquée par l'émetteur n'existe pas » is an unknown recipient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non distribué : Résultats",
        [
          `Le message que vous avez envoyé à ${PATIENT} n'a pas pu être distribué :`,
          "l'adresse Mon espace santé indiquée par l'émetteur n'existe pas.",
        ],
        PLATFORM,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("unknown-recipient");
  });
  // « l'émetteur n'est pas enregistré dans l'annuaire »: the doctor's own address, whatever the 5.1.0.
  it("« 550 5.1.0 Refusé : l'émetteur n'est pas enregistré dans l'annuaire national MSSanté » is a sender refusal", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis.`,
          "Motif : 550 5.1.0 Refusé : l'émetteur n'est pas enregistré dans l'annuaire national MSSanté.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("sender-rejected");
  });
  // Both recipients named in the opening sentence, then each on its own line: their own lines decide.
  it("a report naming the lab and the patient in its first sentence, then the lab's stop and the patient's next attempt, delays the patient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Résultats",
        [
          `Votre message « Résultats » adressé à ${LAB} et ${PATIENT} n'a pas pu être remis à tous ses destinataires.`,
          "",
          `${LAB} : 550 5.1.1 Utilisateur inconnu — aucune autre tentative ne sera effectuée.`,
          "",
          `${PATIENT} : 421 4.4.2 Délai de connexion dépassé — remise différée, prochaine tentative à 15 h 00.`,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, LAB)?.action).toBe("failed");
    expect(recipientOf(n, PATIENT)?.action).toBe("delayed");
  });
  // Two patients: one mailbox disabled for good, the other full and retried for 5 days.
  it("'550 5.2.1 Mailbox disabled. No further attempts' for one patient, '452 4.2.2 Mailbox full … will retry' for the other", async () => {
    const n = await classifyMessage(
      textNotice("Delivery status: Résultats", [
        "Your message could not be delivered to all of its recipients.",
        "",
        `${PATIENT2}: 550 5.2.1 Mailbox disabled. No further attempts will be made for this recipient.`,
        "",
        `${PATIENT}: 452 4.2.2 Mailbox full. Delivery delayed; the server will retry for up to 5 days.`,
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, PATIENT2)?.action).toBe("failed");
    expect(recipientOf(n, PATIENT)).toMatchObject({ action: "delayed", reason: "temporary" });
  });
  // The lab is retried, the patient's address is unknown and no other attempt follows: the reverse must hold too.
  it("the lab « nouvelle tentative dans 1 heure », the patient « adresse inconnue — aucune autre tentative »: lab delayed, patient failed", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Résultats",
        [
          "Votre message n'a pas pu être remis à tous ses destinataires.",
          "",
          `${LAB} : 421 4.4.2 Délai de connexion dépassé — remise différée, nouvelle tentative dans 1 heure.`,
          "",
          `${PATIENT} : adresse inconnue — aucune autre tentative ne sera effectuée.`,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, LAB)?.action).toBe("delayed");
    expect(recipientOf(n, PATIENT)).toMatchObject({ action: "failed", reason: "unknown-recipient" });
  });
  // "Delivery … has been delayed since Monday", then "has now expired and won't be retried": final.
  it("'Delivery … has been delayed since Monday … The message has now expired and won't be retried' is a bounce", async () => {
    const n = await classifyMessage(
      textNotice("Delivery Status Notification", [
        `Delivery to ${PATIENT} has been delayed since Monday: 421 4.4.2 connection timed out.`,
        "The message has now expired and won't be retried. It is returned to you.",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "failed", reason: "expired" });
  });
  // « Aucune tentative n'a abouti en 5 jours ; le message vous est retourné »: no next attempt, final.
  it("« Aucune tentative de remise n'a abouti en 5 jours … le message vous est retourné » is a bounce", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis.`,
          "Aucune tentative de remise n'a abouti en 5 jours (421 4.4.2 le serveur du destinataire ne répond pas) ; le message vous est retourné.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "failed", reason: "expired" });
  });
  // A signature of five lines under « Cordialement, »: the address at its foot is the administrator's.
  it("a signature « Cordialement, / name / title / service / street / town / address » is not a failed recipient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          ...UNKNOWN_PATIENT,
          "Cordialement,",
          "Jean Dupont",
          "Administrateur messagerie",
          "Direction du numérique",
          "CHU Exemple — 1 rue de l'Hôpital",
          "75000 Paris",
          "jean.dupont@chu-exemple.fr",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
  });
});

describe("found", () => {
  // « l'expéditeur » is the sender as much as « l'émetteur »: the doctor's address is what the directory lacks.
  it("« 550 5.7.1 Message refusé : l'expéditeur n'existe pas dans l'annuaire national MSSanté » is a sender refusal", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis.`,
          "Motif : 550 5.7.1 Message refusé : l'expéditeur n'existe pas dans l'annuaire national MSSanté.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("sender-rejected");
  });
  // The sender's own address, named, said unknown: « l'adresse de l'expéditeur <doctor> est inconnue ».
  it("« 553 5.1.0 L'adresse de l'expéditeur <doctor> est inconnue de l'annuaire » is a sender refusal", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis.`,
          `Motif : 553 5.1.0 L'adresse de l'expéditeur <${DOCTOR}> est inconnue de l'annuaire.`,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("sender-rejected");
  });
  // « l'émetteur du message »: the same sender, two words longer; the report's code is 5.7.1 besides.
  it("a report 5.7.1 whose diagnostic is « l'émetteur du message n'existe pas dans l'annuaire national MSSanté » is a sender refusal", async () => {
    const n = await classifyMessage(
      report("Votre message n'a pas pu être remis au destinataire suivant.", [
        block(PATIENT, "failed", "5.7.1", "550 5.7.1 Message refuse : l'emetteur du message n'existe pas dans l'annuaire national MSSante"),
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("sender-rejected");
  });
  // French typography puts the address between guillemets: « l'adresse de l'émetteur « doctor » est inconnue ».
  it("« 553 5.1.0 L'adresse de l'émetteur « doctor » est inconnue de l'annuaire national MSSanté » is a sender refusal", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis.`,
          `Motif : 553 5.1.0 L'adresse de l'émetteur « ${DOCTOR} » est inconnue de l'annuaire national MSSanté.`,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("sender-rejected");
  });
  // « avant toute nouvelle tentative d'envoi » is the doctor's next try: the patient's address is unknown, final.
  it("the lab's « aucune autre tentative » beside the patient's « adresse inconnue … Vérifiez l'adresse avant toute nouvelle tentative d'envoi » fails the patient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Résultats",
        [
          "Votre message n'a pas pu être remis à tous ses destinataires.",
          "",
          `${LAB} : 550 5.1.1 Utilisateur inconnu — aucune autre tentative ne sera effectuée.`,
          "",
          `${PATIENT} : adresse inconnue dans l'annuaire Mon espace santé. Vérifiez l'adresse avant toute nouvelle tentative d'envoi.`,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, LAB)?.action).toBe("failed");
    expect(recipientOf(n, PATIENT)).toMatchObject({ action: "failed", reason: "unknown-recipient" });
  });
  // « délai maximal de remise atteint, message non remis »: the retries are over for the patient too.
  it("the lab's stop beside the patient's « remise retardée depuis 72 heures ; délai maximal de remise atteint, message non remis » fails the patient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Résultats",
        [
          "Votre message n'a pas pu être remis à tous ses destinataires.",
          "",
          `${LAB} : 550 5.1.1 Utilisateur inconnu — aucune autre tentative ne sera effectuée.`,
          "",
          `${PATIENT} : 451 4.4.1 Pas de réponse du serveur — remise retardée depuis 72 heures ; délai maximal de remise atteint, message non remis.`,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, LAB)?.action).toBe("failed");
    expect(recipientOf(n, PATIENT)).toMatchObject({ action: "failed", reason: "expired" });
  });
  // The same words for one patient alone: the time limit is reached and the message comes back.
  it("« la remise a été retardée pendant 72 heures. Délai maximal de remise atteint ; le message vous est retourné » is a bounce", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis.`,
          "451 4.4.1 Pas de réponse du serveur : la remise a été retardée pendant 72 heures. Délai maximal de remise atteint ; le message vous est retourné.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "failed", reason: "expired" });
  });
  // "Delivery has been delayed for 5 days; giving up": the patient's own line says the server gave up.
  it("the lab's 'no further attempts' beside the patient's 'Delivery has been delayed for 5 days; giving up' fails the patient", async () => {
    const n = await classifyMessage(
      textNotice("Delivery status: Résultats", [
        "Your message could not be delivered to all of its recipients.",
        "",
        `${LAB}: 550 5.1.1 User unknown; no further attempts will be made for this recipient.`,
        "",
        `${PATIENT}: 421 4.4.2 Connection timed out. Delivery has been delayed for 5 days; giving up.`,
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, LAB)?.action).toBe("failed");
    expect(recipientOf(n, PATIENT)?.action).toBe("failed");
  });
  // The earlier hop's "554 5.7.1" quoted inside a 451 4.4.0, then "next retry at 14:30": still retried.
  it("the lab's stop beside the patient's '451 4.4.0 … responded with: \"554 5.7.1 …\". Delivery delayed; next retry at 14:30' delays the patient", async () => {
    const n = await classifyMessage(
      textNotice("Delivery status: Résultats", [
        "Your message could not be delivered to all of its recipients.",
        "",
        `${LAB}: 550 5.1.1 User unknown. Delivery failed; no further attempts will be made for this recipient.`,
        "",
        `${PATIENT}: 451 4.4.0 Primary target IP address responded with: "554 5.7.1 Service unavailable". Delivery delayed; next retry at 14:30 UTC.`,
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, LAB)?.action).toBe("failed");
    expect(recipientOf(n, PATIENT)).toMatchObject({ action: "delayed", reason: "temporary" });
  });
  // The footer's stop is for the recipients « en échec »; those « en attente » are still being tried.
  it("a report « LAB : échec … / PATIENT : en attente … remise différée » whose footer stops only the failed ones delays the patient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Résultats",
        [
          "Votre message n'a pas pu être remis à tous ses destinataires.",
          "",
          `${LAB} : échec — 550 5.1.1 Utilisateur inconnu.`,
          `${PATIENT} : en attente — 421 4.4.2 Délai de connexion dépassé, remise différée.`,
          "",
          "Pour les destinataires en échec, aucune autre tentative ne sera effectuée. Pour les destinataires en attente, les tentatives de remise se poursuivront pendant 5 jours.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, LAB)?.action).toBe("failed");
    expect(recipientOf(n, PATIENT)).toMatchObject({ action: "delayed", reason: "temporary" });
  });
  // The same report in English: "for the failed recipients" after the stop still keeps it theirs.
  it("'LAB: failed - 550 5.1.1 / PATIENT: pending - 421 4.4.2 …' under 'No further attempts … for the failed recipients' delays the patient", async () => {
    const n = await classifyMessage(
      textNotice("Delivery status: Résultats", [
        "Your message could not be delivered to all of its recipients.",
        "",
        `${LAB}: failed - 550 5.1.1 User unknown.`,
        `${PATIENT}: pending - 421 4.4.2 Connection timed out, delivery delayed.`,
        "",
        "No further attempts will be made for the failed recipients. Delivery to the pending recipients will be retried for up to 5 days.",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, LAB)?.action).toBe("failed");
    expect(recipientOf(n, PATIENT)).toMatchObject({ action: "delayed", reason: "temporary" });
  });
  // "rejected" and "deferred" name the two groups as well as "failed" and "pending".
  it("'For recipients that have been rejected, no further attempts …; delivery to deferred recipients will be retried' delays the deferred patient", async () => {
    const n = await classifyMessage(
      textNotice("Delivery status: Résultats", [
        "Your message could not be delivered to all of its recipients.",
        "",
        `${LAB}: rejected (550 5.1.1 user unknown)`,
        `${PATIENT}: deferred (451 4.3.0 temporary failure)`,
        "",
        "For recipients that have been rejected, no further attempts will be made; delivery to deferred recipients will be retried.",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, LAB)?.action).toBe("failed");
    expect(recipientOf(n, PATIENT)).toMatchObject({ action: "delayed", reason: "temporary" });
  });
  // Without accents, and the footer right under the patient's line (no blank line: it is read with the patient's).
  it("« PATIENT : en attente - 421 4.4.2 … remise differee » with « Pour les destinataires en echec, aucune autre tentative » just below delays the patient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Resultats",
        [
          "Votre message n'a pas pu etre remis a tous ses destinataires.",
          "",
          `${LAB} : echec - 550 5.1.1 Utilisateur inconnu.`,
          `${PATIENT} : en attente - 421 4.4.2 Delai de connexion depasse, remise differee.`,
          "Pour les destinataires en echec, aucune autre tentative ne sera effectuee.",
          "Pour les destinataires en attente, les tentatives de remise se poursuivront pendant 5 jours.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, LAB)?.action).toBe("failed");
    expect(recipientOf(n, PATIENT)).toMatchObject({ action: "delayed", reason: "temporary" });
  });
  // « en attente » and its code only: the footer's next attempts for the pending ones are its own.
  it("« PATIENT : en attente — 452 4.2.2 Boîte aux lettres pleine » under « Pour les destinataires en attente, les tentatives … se poursuivront » delays the patient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Résultats",
        [
          "Votre message n'a pas pu être remis à tous ses destinataires.",
          "",
          `${LAB} : échec — 550 5.1.1 Utilisateur inconnu.`,
          `${PATIENT} : en attente — 452 4.2.2 Boîte aux lettres pleine.`,
          "",
          "Pour les destinataires en échec, aucune autre tentative ne sera effectuée. Pour les destinataires en attente, les tentatives de remise se poursuivront pendant 5 jours.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, LAB)?.action).toBe("failed");
    expect(recipientOf(n, PATIENT)?.action).toBe("delayed");
  });
  // The same report for the pending patient alone: nobody failed, it is a delay.
  it("a report of the patient alone « en attente — 421 4.4.2 … remise différée » under the same footer is a delay", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Résultats",
        [
          "Votre message n'a pas pu être remis à tous ses destinataires.",
          "",
          `${PATIENT} : en attente — 421 4.4.2 Délai de connexion dépassé, remise différée.`,
          "",
          "Pour les destinataires en échec, aucune autre tentative ne sera effectuée. Pour les destinataires en attente, les tentatives de remise se poursuivront pendant 5 jours.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("delay");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "delayed", reason: "temporary" });
  });
  // The reverse: marked « échec » itself, the patient is one of those the footer stops, whatever its 4.x.x.
  it("« PATIENT : échec — 421 4.4.2 … » under « Pour les destinataires en échec, aucune autre tentative » fails the patient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Résultats",
        [
          "Votre message n'a pas pu être remis à tous ses destinataires.",
          "",
          `${LAB} : échec — 550 5.1.1 Utilisateur inconnu.`,
          `${PATIENT} : échec — 421 4.4.2 Délai de connexion dépassé, remise différée.`,
          "",
          "Pour les destinataires en échec, aucune autre tentative ne sera effectuée. Pour les destinataires en attente, les tentatives de remise se poursuivront pendant 5 jours.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, LAB)?.action).toBe("failed");
    expect(recipientOf(n, PATIENT)?.action).toBe("failed");
  });
  // A stop said for all, not for a group, still stops the patient marked « en attente ».
  it("« PATIENT : en attente — 421 4.4.2 … » under a plain « Aucune autre tentative ne sera effectuée » fails the patient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Résultats",
        [
          "Votre message n'a pas pu être remis à tous ses destinataires.",
          "",
          `${LAB} : échec — 550 5.1.1 Utilisateur inconnu.`,
          `${PATIENT} : en attente — 421 4.4.2 Délai de connexion dépassé, remise différée.`,
          "",
          "Aucune autre tentative ne sera effectuée.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, PATIENT)?.action).toBe("failed");
  });
  // « ne réessaiera pas » says no attempt will follow; the words of a retry are negated.
  it("« 550 5.1.1 destinataire inconnu. Notre serveur ne réessaiera pas » is a bounce", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [...UNKNOWN_PATIENT, "Notre serveur ne réessaiera pas : corrigez l'adresse puis renvoyez le message."],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "failed", reason: "unknown-recipient" });
  });
  // « sans nouvelle tentative »: rejected for good, the words of a retry negated again.
  it("« destinataire inconnu. Le message a été rejeté définitivement, sans nouvelle tentative de remise » is a bounce", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis : destinataire inconnu.`,
          "Le message a été rejeté définitivement, sans nouvelle tentative de remise.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "failed", reason: "unknown-recipient" });
  });
  // « Pas de nouvelle tentative avant 15 h 00 » gives the time of the next one: a delay.
  it("« n'a pas pu être remis pour le moment (421 4.3.2). Pas de nouvelle tentative avant 15 h 00 » is a delay", async () => {
    const n = await classifyMessage(
      textNotice(
        "Remise différée : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis pour le moment : le serveur du destinataire est indisponible (421 4.3.2).`,
          "Pas de nouvelle tentative avant 15 h 00 ; vous n'avez rien à faire.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("delay");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "delayed" });
  });
  // A stop put after a condition in the future ("if … after 48 hours"): for now, the next retry is at 14:30.
  it("'has not yet been delivered … Next retry at 14:30 UTC. If … after 48 hours, no further attempts will be made' is a delay", async () => {
    const n = await classifyMessage(
      textNotice(
        "Delivery Status Notification",
        [
          `Your message to ${PATIENT} has not yet been delivered: 421 4.4.2 connection timed out.`,
          "Next retry at 14:30 UTC. If the message still cannot be delivered after 48 hours, no further attempts will be made and it will be returned to you.",
        ],
        DAEMON,
      ),
    );
    expect(n.kind).toBe("delay");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "delayed" });
  });
  // « Courriel : … » on the signature's last line is the help desk's address, not a failed recipient.
  it("a signature « Cordialement, / Le service messagerie du CHU / Tél. : … / Courriel : support-messagerie@… » is not a failed recipient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          ...UNKNOWN_PATIENT,
          "Cordialement,",
          "Le service messagerie du CHU",
          "Tél. : 01 23 45 67 89",
          "Courriel : support-messagerie@chu-exemple.fr",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
  });
  // « Bien à vous, » closes a letter as « Cordialement, » does.
  it("a signature « Bien à vous, / Le service messagerie du CHU / support-messagerie@… » is not a failed recipient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [...UNKNOWN_PATIENT, "Bien à vous,", "Le service messagerie du CHU", "support-messagerie@chu-exemple.fr"],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
  });
  // The signature delimiter "-- " opens a signature whatever follows it.
  it("a signature under the delimiter '-- ' (« Service messagerie du CHU / support-messagerie@… ») is not a failed recipient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [...UNKNOWN_PATIENT, "-- ", "Service messagerie du CHU", "support-messagerie@chu-exemple.fr"],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
  });
});
