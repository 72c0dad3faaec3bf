/**
 * Notices that name a failed recipient by display name only (Exchange: « Jeanne Dupont le
 * 03/12/2026 », "Jeanne Dupont on 12/3/2026"): the address comes from the returned message's
 * To and Cc, only for a name the notice writes as whole words; a recipient in Bcc, or one the
 * notice does not name, is never guessed.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import { DOCTOR } from "./notice-builders.js";
import { displayNameNotice, failedAddresses as addresses } from "./display-name-notice.js";

const exchangeNotice = displayNameNotice;


const ENGLISH = (name: string): string =>
  "Delivery has failed to these recipients or groups:\r\n\r\n" +
  `${name} on 12/3/2026 10:00 AM\r\n` +
  "The e-mail address you entered couldn't be found. Please check the recipient's e-mail address and try to resend the message.\r\n" +
  "<mx.clinique-exemple.fr #5.1.1 smtp;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found>";

describe("a recipient named by display name only", () => {
  it("the returned message's To gives the address of the one named, not of the others; the reason is read next to the name", async () => {
    const raw = exchangeNotice({ notice: ENGLISH("Jeanne Dupont"), to: '"Jeanne Dupont" <jeanne.dupont@clinique-exemple.fr>, Paul Durand <p.durand@clinique-exemple.fr>' });
    const notice = await classifyMessage(raw);
    expect(notice.recipients.map((r) => [r.address, r.reason, r.status])).toEqual([["jeanne.dupont@clinique-exemple.fr", "unknown-recipient", "5.1.1"]]);
  });

  it("from the headers alone (text/rfc822-headers) and from a Cc", async () => {
    const raw = exchangeNotice({ notice: ENGLISH("Paul Durand"), to: "Jeanne Dupont <j@clinique-exemple.fr>", cc: "Paul Durand <p.durand@clinique-exemple.fr>", returned: "headers" });
    expect(await addresses(raw)).toEqual(["p.durand@clinique-exemple.fr"]);
  });

  it("from the returned message pasted under the notice", async () => {
    const raw = exchangeNotice({ notice: ENGLISH("Jeanne Dupont"), to: "Jeanne Dupont <jeanne.dupont@clinique-exemple.fr>", returned: "pasted" });
    expect(await addresses(raw)).toEqual(["jeanne.dupont@clinique-exemple.fr"]);
  });

  it("case, accents and an encoded name (RFC 2047) aside", async () => {
    const raw = exchangeNotice({ notice: ENGLISH("JEROME BRUN"), to: "=?utf-8?q?J=C3=A9r=C3=B4me_Brun?= <j.brun@clinique-exemple.fr>" });
    expect(await addresses(raw)).toEqual(["j.brun@clinique-exemple.fr"]);
  });

  it("two named, two found, in the order of the returned headers", async () => {
    const notice =
      "Votre message n'a pas pu être remis aux destinataires suivants :\r\n\r\nJeanne Dupont le 03/12/2026 10:00\r\n" +
      "     L'adresse de messagerie n'existe pas.\r\nPaul Durand le 03/12/2026 10:00\r\n     L'adresse de messagerie n'existe pas.\r\n" +
      "     <mx.clinique-exemple.fr #5.1.1 smtp;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found>";
    const raw = exchangeNotice({ notice, to: "Jeanne Dupont <j@clinique-exemple.fr>, Paul Durand <p@clinique-exemple.fr>" });
    expect(await addresses(raw)).toEqual(["j@clinique-exemple.fr", "p@clinique-exemple.fr"]);
  });
});

describe("never guessed", () => {
  it("the patient in Bcc (not in the returned headers): the notice's name matches no one, no recipient is made up", async () => {
    const raw = exchangeNotice({ notice: ENGLISH("Jeanne Dupont"), to: "Paul Durand <p.durand@clinique-exemple.fr>" });
    expect(await addresses(raw)).toEqual([]);
  });

  it("a name inside a longer word, or a short name, is no mention", async () => {
    const raw = exchangeNotice({ notice: ENGLISH("Martine Duval"), to: "Martin <martin@clinique-exemple.fr>, Jo <jo@clinique-exemple.fr>, Duval <d@clinique-exemple.fr>" });
    // "Martin" (in "Martine") and "Jo" are not named; nor is "Duval": the line names « Martine
    // Duval », who may be in Bcc, and « Duval » alone may be someone else.
    expect(await addresses(raw)).toEqual([]);
  });

  it("the doctor's own address in Cc, greeted by name in the notice, is not a failed recipient", async () => {
    const notice = `Dr Martin,\r\n\r\n${ENGLISH("Jeanne Dupont")}`;
    const raw = exchangeNotice({ notice, to: "Jeanne Dupont <jeanne.dupont@clinique-exemple.fr>", cc: `Dr Martin <${DOCTOR}>` });
    expect(await addresses(raw)).toEqual(["jeanne.dupont@clinique-exemple.fr"]);
  });

  it("a notice that writes an address keeps that address; display names are not read then", async () => {
    const raw = exchangeNotice({ notice: ENGLISH("Jeanne Dupont (x.autre@clinique-exemple.fr)"), to: "Jeanne Dupont <jeanne.dupont@clinique-exemple.fr>" });
    expect(await addresses(raw)).toEqual(["x.autre@clinique-exemple.fr"]);
  });

  it("a name only in the returned message's own text (not in the notice) is no mention", async () => {
    const raw = exchangeNotice({ notice: ENGLISH("someone"), to: "Jeanne Dupont <jeanne.dupont@clinique-exemple.fr>", returned: "pasted" });
    expect(await addresses(raw)).toEqual([]);
  });
});

describe("Exchange's dump of the returned message's header fields under the notice", () => {
  it.each(["En-têtes du message d'origine :", "En-têtes du message d’origine :", "Original message headers:"])(
    "« %s »: the dumped To's addresses are not failed recipients; the one listed is",
    async (label) => {
      const notice =
        "Échec de la remise à ces destinataires ou groupes :\r\n\r\nJeanne Dupont\r\n" +
        "L'adresse de messagerie que vous avez entrée est introuvable.\r\n\r\n" +
        `${label}\r\n\r\nFrom: Dr Martin <${DOCTOR}>\r\nTo: Jeanne Dupont <jeanne.dupont@clinique-exemple.fr>,\r\n` +
        " Paul Durand <p.durand@clinique-exemple.fr>\r\nSubject: Vos resultats\r\n";
      const raw = exchangeNotice({
        notice,
        to: "Jeanne Dupont <jeanne.dupont@clinique-exemple.fr>, Paul Durand <p.durand@clinique-exemple.fr>",
      });
      expect(await addresses(raw)).toEqual(["jeanne.dupont@clinique-exemple.fr"]);
    },
  );
});
