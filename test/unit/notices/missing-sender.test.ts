/**
 * « l'émetteur n'existe pas »: the sender's own address unknown to the remote side (a refusal of
 * the sender), told from the recipient's address given by the sender and from a report's label
 * for the sender's address.
 */
import { describe, expect, it } from "vitest";
import { fold } from "../../../src/core/notices/fold.js";
import { classifyMessage } from "../../../src/core/notices/index.js";
import { namesMissingSender } from "../../../src/core/notices/reasons/named-missing.js";
import { addresses, DOCTOR, HOSPITAL_POSTMASTER, PATIENT, textNotice } from "./notice-builders.js";

const says = (text: string): boolean => namesMissingSender(fold(text));

describe("namesMissingSender", () => {
  it.each([
    "550 5.7.1 Message refusé : l'émetteur n'existe pas dans l'annuaire national MSSanté",
    `l'adresse de l'émetteur <${DOCTOR}> est inconnue de l'annuaire`,
    `l'adresse de l'émetteur ${DOCTOR} n'existe pas`,
    "L’émetteur\nn’est pas référencé dans l’annuaire santé",
    "refus : l'émetteur introuvable",
    "l'expéditeur du message n'existe pas dans l'annuaire",
    "l'adresse de l'expéditeur « dr.martin@medecin.mssante.fr » est inconnue",
    "Expéditeur <dr.martin@medecin.mssante.fr> inconnu de l'annuaire",
    "L'expéditeur, dr.martin@medecin.mssante.fr, n'est pas enregistré",
    "l'émetteur de ce courriel est inconnu",
  ])("the sender is what is missing: %s", (text) => {
    expect(says(text)).toBe(true);
  });

  it.each([
    "l'adresse indiquée par l'émetteur n'existe pas",
    "la boîte aux lettres choisie pour l'émetteur n'existe pas",
    `Adresse de l'émetteur : ${DOCTOR}\nDestinataire inconnu`,
    `l'émetteur ${DOCTOR} a écrit à une adresse qui n'existe pas`,
    "l'émetteurn'existe pas",
    "l'émetteur est un professionnel de santé ; le destinataire n'existe pas",
    "l'adresse indiquée par  l'émetteur n'existe pas",
    "l'adresse indiquée par\n   l'expéditeur n'existe pas",
    "l'adresse que l'émetteur a saisie est inconnue",
    "l'adresse choisie par l'expéditeur « doctor@x.fr » n'existe pas",
    "le destinataire <p@patient.example>  de  l'expéditeur <doctor@x.fr> n'existe pas",
    "l'adresse du destinataire de l'expéditeur n'existe pas",
  ])("the sender is not what is missing: %s", (text) => {
    expect(says(text)).toBe(false);
  });
});

describe("in a notice", () => {
  it("« 550 5.7.1 l'adresse de l'émetteur <doctor> est inconnue » is the sender refused", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [`Votre message à ${PATIENT} n'a pas pu être remis.`, `Motif : 550 5.7.1 l'adresse de l'émetteur <${DOCTOR}> est inconnue.`],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("sender-rejected");
  });

  it("« 550 5.1.1 l'adresse indiquée par l'émetteur n'existe pas » is the patient's address unknown", async () => {
    const n = await classifyMessage(
      textNotice(
        "Message non remis : Résultats",
        [`Votre message à ${PATIENT} n'a pas pu être remis.`, "Motif : 550 5.1.1 l'adresse indiquée par l'émetteur n'existe pas."],
        HOSPITAL_POSTMASTER,
      ),
    );
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("unknown-recipient");
  });
});
