/**
 * Fourteenth hostile round, after 1ee2f32, aimed at the thirteenth round's mending: (a)
 * condition.ts — a stop or a give-up under « sinon », "unless", « passé ce délai », "after that",
 * and delay warnings whose stop is a condition's consequence with two commas or an "as" between;
 * (b) the new given-up words (« message a expiré », "expired in the queue"); (c)
 * textsWithoutOthers — a shared cause under the last of several recipients, another's first line
 * above an own 4.4.7; (d) deliveredHeadingAbove — a heading saying the message reached a server
 * and was then refused for the recipients listed; othersListedAfter — failed recipients listed
 * « a, b » under a closing; (e) recipientEarlierInClause — « destinataire » earlier in the clause
 * where the sender is what is unknown.
 * 8 withstood, 5 found (all harmful but the last, which misleads on the cause):
 * - « Passé ce délai, le message a expiré. » in a final notice: read as a delay;
 * - « renvoyez-le, sinon aucune autre tentative ne sera faite » in a final notice: read as a delay;
 * - "was delivered to the remote server but was rejected for the following recipients:": the
 *   first failed recipient disappears;
 * - « Il a bien été remis au relais, mais refusé pour les destinataires suivants : »: likewise;
 * - « refusé pour ce destinataire car l'émetteur n'existe pas dans l'annuaire »: read as an
 *   unknown recipient, not the sender refused.
 * All five were mended in the same stop. `withstood` holds what the code read right; `found`
 * the cases it read wrong, each stating the answer a careful reader of the notice would give.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import {
  addresses,
  HOSPITAL_POSTMASTER,
  LAB,
  PATIENT,
  PATIENT2,
  recipientOf,
  textNotice,
} from "./notice-builders.js";

describe("withstood", () => {
  // "After that" then a past without auxiliary: the message did expire.
  it("'delayed for 5 days and could not be completed … After that, the message expired in the queue' is a bounce", async () => {
    const n = await classifyMessage(
      textNotice("Undeliverable: Résultats", [
        `Delivery to ${PATIENT} has been delayed for 5 days and could not be completed (421 4.4.2 connection timed out).`,
        "After that, the message expired in the queue.",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "failed" });
  });
  // "Unless you send it again, no further attempts": the server will not retry on its own.
  it("'… could not be completed … Unless you send the message again, no further attempts will be made' is a bounce", async () => {
    const n = await classifyMessage(
      textNotice("Undeliverable: Résultats", [
        `Delivery to ${PATIENT} has been delayed for 5 days and could not be completed (421 4.4.2 connection timed out).`,
        "Unless you send the message again, no further attempts will be made.",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "failed" });
  });
  // A delay warning whose stop follows its condition after two commas: still a warning.
  it("delay warning 'If it still cannot be delivered after 5 days, it will be returned to you, and no further attempts will be made' is a delay", async () => {
    const n = await classifyMessage(
      textNotice("Delivery Status Notification (Delay)", [
        `Your message to ${PATIENT} could not be delivered for more than 4 hours (421 4.4.2 connection timed out).`,
        "If it still cannot be delivered after 5 days, it will be returned to you, and no further attempts will be made.",
      ]),
    );
    expect(n.kind).toBe("delay");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "delayed" });
  });
  // A delay warning with « sinon » before a return announced for later: still a warning.
  it("« Nouvelle tentative dans 1 heure … sinon, le message vous sera retourné après 5 jours » is a delay", async () => {
    const n = await classifyMessage(
      textNotice(
        "Remise différée : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas encore pu être remis (451 4.4.1 le serveur du destinataire ne répond pas).`,
          "Nouvelle tentative dans 1 heure. Si elle réussit, vous ne recevrez plus d'avis ; sinon, le message vous sera retourné après 5 jours.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("delay");
    expect(n.recipients[0]?.action).toBe("delayed");
  });
  // Failed recipients « a, b » on one line after a signature, a reply under them: both failed.
  it("'Regards, / Mail administrator' then « patient, patient2 » and '550 5.1.1' fails both", async () => {
    const n = await classifyMessage(
      textNotice("Undeliverable: Résultats", [
        "Your message could not be delivered to all recipients.",
        "",
        "Regards,",
        "Mail administrator",
        "",
        `${PATIENT}, ${PATIENT2}`,
        "550 5.1.1 mailbox unavailable",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual(expect.arrayContaining([PATIENT, PATIENT2]));
    expect(recipientOf(n, PATIENT2)?.action).toBe("failed");
  });
  // Exchange's list: the explanation under the last recipient is both recipients'.
  it("Exchange's two recipients then 'The recipient's mailbox is full' gives both a full mailbox", async () => {
    const n = await classifyMessage(
      textNotice("Undeliverable: Résultats", [
        "Delivery has failed to these recipients or groups:",
        "",
        PATIENT,
        PATIENT2,
        "The recipient's mailbox is full and can't accept messages now.",
        "",
        "Diagnostic information for administrators:",
        "Remote Server returned '552 5.2.2 mailbox full'",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, PATIENT)).toMatchObject({ action: "failed", reason: "mailbox-full" });
    expect(recipientOf(n, PATIENT2)).toMatchObject({ action: "failed", reason: "mailbox-full" });
  });
  // Another's first line (5.1.1) above the patient's own 4.4.7: the patient expired.
  it("lab's « 550 5.1.1 Utilisateur inconnu » above the patient's « 451 4.4.7 Délai de remise dépassé, message expiré » fails both", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Résultats",
        [
          "Votre message n'a pas pu être remis à tous ses destinataires.",
          "",
          `${LAB} : 550 5.1.1 Utilisateur inconnu`,
          `${PATIENT} : 451 4.4.7 Délai de remise dépassé, message expiré`,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, LAB)?.reason).toBe("unknown-recipient");
    expect(recipientOf(n, PATIENT)).toMatchObject({ action: "failed", reason: "expired" });
  });
  // « le serveur du destinataire a refusé … car l'adresse de l'expéditeur est inconnue »: the sender's.
  it("« le serveur du destinataire a refusé le message car l'adresse de l'expéditeur est inconnue » is the sender refused", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis.`,
          "Motif : 550 5.7.1 le serveur du destinataire a refusé le message car l'adresse de l'expéditeur est inconnue dans l'annuaire.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients[0]?.reason).toBe("sender-rejected");
  });
});

describe("found", () => {
  // « Passé ce délai, le message a expiré »: a passé composé, told of what happened; final.
  it("« remise différée pendant 5 jours … Passé ce délai, le message a expiré » is a bounce", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis : remise différée pendant 5 jours (421 4.4.2 le serveur du destinataire ne répond pas).`,
          "Passé ce délai, le message a expiré.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "failed" });
  });
  // « Renvoyez-le, sinon aucune autre tentative »: nothing more is tried unless the doctor resends.
  it("« n'a pas pu être remis … Vérifiez l'adresse puis renvoyez-le, sinon aucune autre tentative ne sera faite » is a bounce", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis : remise différée pendant 5 jours (421 4.4.2 le serveur du destinataire ne répond pas).`,
          "Vérifiez l'adresse puis renvoyez-le, sinon aucune autre tentative ne sera faite.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients[0]).toMatchObject({ address: PATIENT, action: "failed" });
  });
  // Delivered to a server, then rejected for the recipients listed: both failed.
  it("'was delivered to the remote server but was rejected for the following recipients:' fails both listed", async () => {
    const n = await classifyMessage(
      textNotice("Undeliverable: Résultats", [
        "Your message was delivered to the remote server but was rejected for the following recipients:",
        "",
        PATIENT,
        PATIENT2,
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, PATIENT)?.action).toBe("failed");
    expect(recipientOf(n, PATIENT2)?.action).toBe("failed");
  });
  // « bien été remis au relais, mais refusé pour les destinataires suivants : »: both failed.
  it("« Il a bien été remis au relais, mais refusé pour les destinataires suivants : » fails both listed", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          "Votre message n'a pas été accepté.",
          "Il a bien été remis au relais, mais refusé pour les destinataires suivants :",
          "",
          PATIENT,
          PATIENT2,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, PATIENT)?.action).toBe("failed");
    expect(recipientOf(n, PATIENT2)?.action).toBe("failed");
  });
  // « refusé pour ce destinataire car l'émetteur n'existe pas »: the sender is the unknown one.
  it("« 550 5.7.1 message refusé pour ce destinataire car l'émetteur n'existe pas dans l'annuaire santé » is the sender refused", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          `Votre message à ${PATIENT} n'a pas pu être remis.`,
          "Motif : 550 5.7.1 message refusé pour ce destinataire car l'émetteur n'existe pas dans l'annuaire santé.",
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(n.recipients[0]?.reason).toBe("sender-rejected");
  });
});
