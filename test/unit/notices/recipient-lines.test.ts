/**
 * What a recipient's own lines in a text notice decide for that recipient alone: a next attempt
 * announced for one beside a stop said for another, and a signature's address under its
 * closing (never a failed recipient), each beside the shapes they must not swallow.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import { addresses, HOSPITAL_POSTMASTER, LAB, PATIENT, PATIENT2, recipientOf, textNotice } from "./notice-builders.js";

describe("a stop said for some recipients, a next attempt for others", () => {
  it("the lab's 'no further attempts' and the patient's 'next retry': the patient is still being tried", async () => {
    const n = await classifyMessage(
      textNotice("Delivery status: Résultats", [
        "Your message could not be delivered to all of its recipients.",
        "",
        `${PATIENT}: 421 4.4.2 Connection timed out. Delivery delayed; next retry at 14:30 UTC.`,
        "",
        `${LAB}: 550 5.1.1 User unknown. Delivery failed; no further attempts will be made for this recipient.`,
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, PATIENT)?.action).toBe("delayed");
    expect(recipientOf(n, PATIENT)?.reason).toBe("temporary");
    expect(recipientOf(n, LAB)?.action).toBe("failed");
  });

  it("a stop said once above both, one quoting the remote 'retry in 300 seconds': both failed", async () => {
    const n = await classifyMessage(
      textNotice("Undelivered Mail Returned to Sender", [
        "Delivery to the following recipients failed; no further attempts will be made.",
        "",
        `${PATIENT}: 451 4.4.2 Remote server said: try again later, retry in 300 seconds`,
        "",
        `${LAB}: 550 5.1.1 User unknown`,
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, PATIENT)?.action).toBe("failed");
    expect(recipientOf(n, LAB)?.action).toBe("failed");
  });

  it("a stop said for one patient and again below for all: both failed", async () => {
    const n = await classifyMessage(
      textNotice("Undelivered Mail Returned to Sender", [
        "Your message could not be delivered.",
        "",
        `${PATIENT}: 550 5.1.1 User unknown; no further attempts will be made.`,
        "",
        `${PATIENT2}: 421 4.4.2 Connection timed out; next retry at 14:30.`,
        "",
        "The delivery time limit has been exceeded: no further attempts will be made for any recipient.",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, PATIENT2)?.action).toBe("failed");
  });

  it("one recipient alone whose lines say both: failed", async () => {
    const n = await classifyMessage(
      textNotice("Undelivered Mail Returned to Sender", [
        "Your message could not be delivered.",
        "",
        `${PATIENT}: 421 4.4.2 Connection timed out. Next retry was planned; no further attempts will be made.`,
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, PATIENT)?.action).toBe("failed");
  });
});

describe("a stop said after « si bien que » (so that), no condition", () => {
  it("« … ne répond pas, si bien qu'aucune autre tentative ne sera effectuée » beside « retardée » is a bounce", async () => {
    const n = await classifyMessage(
      textNotice("Remise retardée puis abandonnée : Résultats", [
        `Votre message à ${PATIENT} n'a pas pu être remis : la remise a été retardée pendant 5 jours.`,
        "Le serveur du destinataire ne répond toujours pas, si bien qu'aucune autre tentative ne sera effectuée.",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, PATIENT)?.action).toBe("failed");
  });
});

describe("a cause said in another recipient's lines", () => {
  it("the lab's « 550 5.1.1 Utilisateur inconnu » is not the cause of the patient, whose own lines say 421 4.4.2 and a limit reached", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Résultats",
        [
          "Votre message n'a pas pu être remis à tous ses destinataires.",
          "",
          `${LAB} : 550 5.1.1 Utilisateur inconnu.`,
          "",
          `${PATIENT} : 421 4.4.2 Le serveur ne répond pas ; délai maximal de remise atteint, message non remis.`,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(recipientOf(n, LAB)).toMatchObject({ action: "failed", reason: "unknown-recipient" });
    expect(recipientOf(n, PATIENT)).toMatchObject({ action: "failed", reason: "expired" });
  });

  it("a recipient whose own lines give no status shares the cause said on the other's line", async () => {
    const n = await classifyMessage(
      textNotice("Mail delivery failed", [
        `Sorry, unable to deliver your message to ${PATIENT} for`,
        "the following reason:",
        "",
        ` 552 Quota violation for ${PATIENT2}`,
      ]),
    );
    expect(recipientOf(n, PATIENT)?.reason).toBe("mailbox-full");
    expect(recipientOf(n, PATIENT2)?.reason).toBe("mailbox-full");
  });
});

describe("a signature's address", () => {
  const refused = `Votre message à ${PATIENT} n'a pas pu être remis : 550 5.1.1 destinataire inconnu.`;

  it.each([
    ["five lines under the closing", ["Cordialement,", "Le support", "Direction du numérique", "CHU Exemple", "Tél. 01 23 45 67 89"]],
    ["a blank line under the closing", ["Bien cordialement,", "", "Le support messagerie"]],
    ["right under a blank line under the closing", ["Cordialement,", ""]],
  ])("%s is not a failed recipient", async (_name, lines) => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [refused, "", ...lines, "support-messagerie@chu-exemple.fr"],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
  });

  it("a list under a heading after the closing's block stays the failed recipients", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [
          "Votre message n'a pas pu être remis. Merci de vérifier les adresses.",
          "Cordialement,",
          "Les destinataires suivants n'ont pas reçu le message :",
          `  ${PATIENT}`,
          `  ${PATIENT2}`,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n).sort()).toEqual([PATIENT, PATIENT2].sort());
  });
});
