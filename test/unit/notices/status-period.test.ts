/**
 * An enhanced status code ending a sentence (« … code 4.7.1. ») is read by one pattern, the
 * status reader's (findStatus): a recipient's own temporary code beside another's stop, and the
 * status under an address below a closing, are read with their full stop after them.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import { addresses, HOSPITAL_POSTMASTER, LAB, PATIENT, recipientOf, textNotice } from "./notice-builders.js";

describe("a status code with a full stop after it", () => {
  // The patient's own 4.7.1 ends its sentence: still a temporary code, the delivery deferred.
  it("the lab's « aucune autre tentative » beside the patient's « Liste grise, remise différée : code 4.7.1. » delays the patient", async () => {
    const n = await classifyMessage(
      textNotice(
        "Rapport de remise : Résultats",
        [
          "Votre message n'a pas pu être remis à tous ses destinataires.",
          "",
          `${LAB} : 550 5.1.1 Utilisateur inconnu — aucune autre tentative ne sera effectuée.`,
          "",
          `${PATIENT} : liste grise, remise différée : code 4.7.1.`,
        ],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(recipientOf(n, LAB)?.action).toBe("failed");
    expect(recipientOf(n, PATIENT)).toMatchObject({ action: "delayed", status: "4.7.1" });
  });
  // Under « Cordialement, », the address followed by its status is a failed one, the status ending its sentence.
  it("'Thank you. / <blank> / PATIENT / Mailbox disabled: 5.2.1.' reports the patient", async () => {
    const n = await classifyMessage(
      textNotice("Undeliverable: Résultats", [
        `Your message to ${LAB} could not be delivered: 550 5.1.1 user unknown.`,
        "Your message could not be delivered to the following recipient either. Please check the address and resend.",
        "Thank you.",
        "",
        `    ${PATIENT}`,
        "        Mailbox disabled: 5.2.1.",
      ]),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([LAB, PATIENT]);
  });
});
