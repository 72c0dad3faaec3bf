/**
 * Third round of hostile but realistic shapes against the display-name rule as rewritten after
 * break-named.test.ts and break-named2.test.ts (formats/named-recipients.ts: a name counts only
 * in the notice's list of failed recipients, after a heading announcing them, up to the next
 * heading, signature or separator or 30 lines, or on a line saying it failed; titles and
 * « Nom, Prénom » matched both ways; never the sender's name nor a name fitting two addresses),
 * and the null MX reasons. Shapes of the first two rounds are not repeated: here, French
 * surnames opening with « Le » (taken for Exchange's « le <date> »), courtesy titles that make
 * two people one, signatures the list does not know, lists longer than 30 lines, headings that
 * mention failure but list something else, a delivered part without its own heading, the
 * quoted original's body saying « failed to attend », more than 50 mailboxes, the doctor's
 * namesake patient, and a few null MX wordings. "withstood": the rules gave the stated answer
 * when this review was written; "found": they gave another, and the one-line comment says why
 * the stated one is right. All found were fixed since (a date after « le »/"on"/« am », a name
 * whose next line carries more of it, a title kept on a surname alone, sign-offs and separators
 * ending the list, headings that list contacts or deliveries, a line under another heading,
 * more than 200 mailboxes taking no one), and since then the doctor's namesake: the sender's
 * own name is still never taken for another address of the doctor's, but a patient's Mon
 * espace santé mailbox under it is a namesake's, taken unless the notice writes the name as
 * the doctor's own (with his title). Nothing is left open here.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import { DOCTOR, dsn, textBounce } from "./notice-builders.js";
import {
  ENGLISH_HEADING,
  ENGLISH_WHY,
  failedAddresses as addresses,
  FRENCH_HEADING,
  FRENCH_WHY,
  jeanMartinNotice as exchangeNotice,
  recipientReasons as reasons,
  JEANNE,
  PAUL,
  NULL_MX,
} from "./display-name-notice.js";

const FRENCH = (name: string): string => `${FRENCH_HEADING}${name} le 03/12/2026 10:00\r\n${FRENCH_WHY}`;
const ENGLISH = (name: string): string =>
  `${ENGLISH_HEADING}${name} on 12/3/2026 10:00 AM\r\n${ENGLISH_WHY}`;

const LEGALL = "jeanne.legall@clinique-exemple.fr";
const PATIENT = "295109912611193@patient.mssante.fr";

function patient(i: number): string {
  return `${String(295109912611000 + i)}@patient.mssante.fr`;
}

const SURNAMES = ["Bernard", "Petit", "Robert", "Richard", "Moreau", "Laurent", "Simon", "Michel", "Lefebvre", "Garnier", "Rousseau", "Fontaine"];

describe("withstood", () => {
  it("French Exchange delay (« La remise est retardée pour ces destinataires ou groupes : »): the named one, delayed", async () => {
    const notice =
      "La remise est retardée pour ces destinataires ou groupes :\r\n\r\nJeanne Dupont (jeanne.dupont@clinique-exemple.fr)\r\n" +
      "Ce message n'a pas encore été remis. Nous continuons d'essayer de le remettre.\r\n";
    const raw = exchangeNotice({ notice, to: `Jeanne Dupont <${JEANNE}>, Paul Durand <${PAUL}>`, noticeSubject: "Remise différée : Vos resultats" });
    const n = await classifyMessage(raw);
    expect(n.recipients.map((r) => [r.address, r.action])).toEqual([[JEANNE, "delayed"]]);
  });

  it("Domino with a hierarchical Notes name « Paul Durand/Medecine/CLINIQUE »", async () => {
    const notice =
      "Your message\r\n\r\n  Subject: Vos resultats\r\n\r\nwas not delivered to:\r\n\r\n  Paul Durand/Medecine/CLINIQUE\r\n\r\n" +
      "because:\r\n\r\n  User Paul Durand (Paul Durand/Medecine/CLINIQUE@CLINIQUE) not listed in Domino Directory\r\n";
    const raw = exchangeNotice({ notice, to: `Jeanne Dupont <${JEANNE}>, Paul Durand <${PAUL}>`, noticeSubject: "DELIVERY FAILURE: User Paul Durand not listed" });
    expect(await addresses(raw)).toEqual([PAUL]);
  });

  it("Exchange 2003 « The following recipient(s) cannot be reached: » with the colleague named again in « To: »", async () => {
    const notice =
      "Your message did not reach some or all of the intended recipients.\r\n\r\n      Subject:\tVos resultats\r\n      To:\tPaul Durand\r\n" +
      "      Sent:\t03/12/2026 09:59\r\n\r\nThe following recipient(s) cannot be reached:\r\n\r\n      Jeanne Dupont on 03/12/2026 10:00\r\n" +
      "            The e-mail account does not exist at the organization this message was sent to.\r\n" +
      "            <mx.clinique-exemple.fr #5.1.1>\r\n";
    const raw = exchangeNotice({ notice, to: `Jeanne Dupont <${JEANNE}>, Paul Durand <${PAUL}>` });
    expect(await addresses(raw)).toEqual([JEANNE]);
  });

  it("« Service Unavailable » under a display name « Service » in Cc: no failure word, not taken", async () => {
    const notice = ENGLISH("Jeanne Dupont") + "Service Unavailable\r\n";
    const raw = exchangeNotice({ notice, to: `Jeanne Dupont <${JEANNE}>`, cc: "Service <service@clinique-exemple.fr>" });
    expect(await addresses(raw)).toEqual([JEANNE]);
  });

  it("a per-recipient line in another form « Jeanne Dupont — Delivery delayed » (anywhere): taken, the other not", async () => {
    const notice = "Delivery report\r\n\r\nPaul Durand delivered\r\nJeanne Dupont delayed (4.4.7 retry timeout)\r\n";
    const raw = exchangeNotice({ notice, to: `Jeanne Dupont <${JEANNE}>, Paul Durand <${PAUL}>`, noticeSubject: "Delivery delayed: Vos resultats" });
    expect((await classifyMessage(raw)).recipients.map((r) => r.address)).toEqual([JEANNE]);
  });

  it("256 KB: one list heading then 8 000 lines « Jeanne Dupont le le le … »: quick", async () => {
    const notice = FRENCH_HEADING + "Jeanne Dupont le le le le le le\r\n".repeat(8000);
    const raw = exchangeNotice({ notice, to: `Jeanne Dupont <${JEANNE}>, ${"Jeanne Dupont Le Le Le <x@y.fr>, ".repeat(3000)}Paul <p@y.fr>` });
    const t = Date.now();
    await classifyMessage(raw);
    expect(Date.now() - t).toBeLessThan(2000);
  });

  it("null MX, a DSN 5.7.27 about the sender with the recipient's address in the text: the sender refused", async () => {
    const raw = dsn(NULL_MX, "5.7.27", `550 5.7.27 <${DOCTOR}>: Sender address rejected: Domain medecin.mssante.fr has null MX`);
    expect(await reasons(raw)).toEqual([[NULL_MX, "sender-rejected"]]);
  });

  it("« M. Dupont » and « Mme Dupont » both in To, the notice names « M. Dupont »", async () => {
    const raw = exchangeNotice({ notice: FRENCH("M. Dupont"), to: `Mme Dupont <mme.dupont@example.fr>, M. Dupont <m.dupont@example.fr>` });
    expect(await addresses(raw)).toEqual(["m.dupont@example.fr"]);
  });
  it("the pasted original's body: « Jeanne Dupont failed to attend her appointment » (her in Cc)", async () => {
    const raw = exchangeNotice({
      notice: ENGLISH("Paul Durand"),
      to: `Paul Durand <${PAUL}>`,
      cc: `Jeanne Dupont <${JEANNE}>`,
      returned: "pasted",
      body: "Dear colleague,\r\n\r\nJeanne Dupont failed to attend her appointment on 1 December.\r\nCould you see her next week?\r\n",
    });
    expect(await addresses(raw)).toEqual([PAUL]);
  });
  it("the pasted original's body: « Jeanne Dupont : échec du traitement par… » (her in Cc)", async () => {
    const raw = exchangeNotice({
      notice: FRENCH("Paul Durand"),
      to: `Paul Durand <${PAUL}>`,
      cc: `Jeanne Dupont <${JEANNE}>`,
      returned: "pasted",
      body: "Cher confrère,\r\n\r\nJeanne Dupont : échec du traitement par metformine, je vous l'adresse.\r\n",
      noticeSubject: "Non remis : Vos resultats",
    });
    expect(await addresses(raw)).toEqual([PAUL]);
  });
});

describe("found", () => {
  // The line after Outlook's underscore separator is the doctor's letter about the patient (in Cc); only Paul Durand failed.
  it("the original inline after Outlook's underscore line: « Jeanne Dupont failed to attend her appointment » (her in Cc)", async () => {
    const notice =
      `${ENGLISH("Paul Durand")}\r\n________________________________\r\nFrom: Dr Jean Martin\r\nSent: Thursday, December 3, 2026 9:59 AM\r\n` +
      "To: Paul Durand\r\nCc: Jeanne Dupont\r\nSubject: Vos resultats\r\n\r\nDear colleague,\r\n\r\nJeanne Dupont failed to attend her appointment on 1 December.\r\n";
    const raw = exchangeNotice({ notice, to: `Paul Durand <${PAUL}>`, cc: `Jeanne Dupont <${JEANNE}>` });
    expect(await addresses(raw)).toEqual([PAUL]);
  });

  // Same in French: « échec du traitement » is medicine, not delivery; the patient in Cc received the letter.
  it("the original inline after Outlook's underscore line: « Jeanne Dupont : échec du traitement » (her in Cc)", async () => {
    const notice =
      `${FRENCH("Paul Durand")}\r\n________________________________\r\nDe : Dr Jean Martin\r\nEnvoyé : jeudi 3 décembre 2026 09:59\r\n` +
      "À : Paul Durand\r\nCc : Jeanne Dupont\r\nObjet : Vos resultats\r\n\r\nCher confrère,\r\n\r\nJeanne Dupont : échec du traitement par metformine, je vous l'adresse.\r\n";
    const raw = exchangeNotice({ notice, to: `Paul Durand <${PAUL}>`, cc: `Jeanne Dupont <${JEANNE}>`, noticeSubject: "Non remis : Vos resultats" });
    expect(await addresses(raw)).toEqual([PAUL]);
  });

  // A subject that starts with the patient's name, alone on its line in an HTML notice made text: she (in Cc) is the letter's topic.
  it("Exchange HTML notice made text: the subject « Jeanne Dupont : échec de greffe » on its own line (her in Cc)", async () => {
    const notice =
      `${FRENCH("Paul Durand")}\r\nObjet du message :\r\nJeanne Dupont : échec de greffe, avis\r\n`;
    const raw = exchangeNotice({ notice, to: `Paul Durand <${PAUL}>`, cc: `Jeanne Dupont <${JEANNE}>`, noticeSubject: "Non remis : Jeanne Dupont : échec de greffe, avis" });
    expect(await addresses(raw)).toEqual([PAUL]);
  });
  // 5.1.10 is RFC 7505's « recipient address has null MX » and the text says the domain publishes a null MX: the domain takes no mail.
  it("null MX, French relay text « le domaine … publie un MX nul (RFC 7505) » with 5.1.10", async () => {
    const raw = textBounce(
      `Le message n'a pas pu être remis à ${NULL_MX} :\r\n550 5.1.10 Le domaine sans-courrier.example publie un MX nul (RFC 7505) et n'accepte aucun courrier.\r\n`,
    );
    expect(await reasons(raw)).toEqual([[NULL_MX, "host-unknown"]]);
  });

  // Same in a DSN: status 5.1.10 and "null MX record" in the remote's words, no Microsoft resolver code.
  it("null MX, a DSN with status 5.1.10 and « refused: null MX record (RFC 7505) »", async () => {
    const raw = dsn(NULL_MX, "5.1.10", "550 5.1.10 Mail for sans-courrier.example refused: null MX record (RFC 7505)");
    expect(await reasons(raw)).toEqual([[NULL_MX, "host-unknown"]]);
  });

  // The heading speaks of the failure but lists whom to contact: Paul Durand (IT, in To) received the message.
  it("custom NDR: « Pour toute question sur cet échec, contactez : » then « Paul Durand » (him in To)", async () => {
    const notice =
      "Le message n'a pas pu être remis aux destinataires suivants :\r\n\r\nJeanne Dupont\r\n\r\n" +
      "Pour toute question sur cet échec, contactez :\r\n\r\nPaul Durand\r\nPoste 4321\r\n";
    const raw = exchangeNotice({ notice, to: `Jeanne Dupont <${JEANNE}>, Paul Durand <${PAUL}>`, noticeSubject: "Non remis : Vos resultats" });
    expect(await addresses(raw)).toEqual([JEANNE]);
  });

  // Same in English: the contact for the failure is no failed recipient.
  it("custom NDR: « For help with this delivery failure, contact: » then « Paul Durand » (him in To)", async () => {
    const notice =
      "Delivery has failed to these recipients or groups:\r\n\r\nJeanne Dupont\r\nUser unknown\r\n\r\n" +
      "For help with this delivery failure, contact:\r\n\r\nPaul Durand\r\nIT Service Desk, ext. 4321\r\n";
    const raw = exchangeNotice({ notice, to: `Jeanne Dupont <${JEANNE}>, Paul Durand <${PAUL}>` });
    expect(await addresses(raw)).toEqual([JEANNE]);
  });
  // « Le Gall » is part of the failed recipient's surname, not Exchange's « le <date> »; Jeanne Dupont (To) received it and the failed one is in Bcc.
  it("French surname opening with « Le »: « Jeanne Dupont Le Gall le 03/12/2026 » (Bcc) is not « Jeanne Dupont » (To)", async () => {
    const raw = exchangeNotice({ notice: FRENCH("Jeanne Dupont Le Gall"), to: `Jeanne Dupont <${JEANNE}>` });
    expect(await addresses(raw)).toEqual([]);
  });

  // Same, the name wrapped by the notice: the first line « Jeanne Dupont » is only the start of the failed one's name.
  it("« Jeanne Dupont Le Gall » (Bcc) wrapped after « Dupont »: « Jeanne Dupont » (To) is not taken", async () => {
    const notice = `${FRENCH_HEADING}Jeanne Dupont\r\nLe Gall le 03/12/2026 10:00\r\n${FRENCH_WHY}`;
    const raw = exchangeNotice({ notice, to: `Jeanne Dupont <${JEANNE}>` });
    expect(await addresses(raw)).toEqual([]);
  });

  // Both are in the To; the notice writes the longer name whole, so it is Jeanne Dupont Le Gall who failed.
  it("« Jeanne Dupont » and « Jeanne Dupont Le Gall » both in To: the one named whole is found", async () => {
    const raw = exchangeNotice({ notice: FRENCH("Jeanne Dupont Le Gall"), to: `Jeanne Dupont <${JEANNE}>, Jeanne Dupont Le Gall <${LEGALL}>` });
    expect(await addresses(raw)).toEqual([LEGALL]);
  });

  // A first-name-only To « Marie » is not « Marie Le Roux » (Bcc), who is the one Exchange names.
  it("English Exchange « Marie Le Roux on … » (Bcc), a To named « Marie »", async () => {
    const raw = exchangeNotice({ notice: ENGLISH("Marie Le Roux"), to: "Marie <marie@clinique-exemple.fr>" });
    expect(await addresses(raw)).toEqual([]);
  });

  // « Mme Dupont » (the patient, Bcc) and « Dr Dupont » (the colleague, To) are two people: the title is what tells them apart.
  it("titles make two people one: « Mme Dupont le … » failed (Bcc), « Dr Dupont » in To is taken", async () => {
    const raw = exchangeNotice({ notice: FRENCH("Mme Dupont"), to: `Dr Dupont <dr.dupont@clinique-exemple.fr>` });
    expect(await addresses(raw)).toEqual([]);
  });

  // « Bien cordialement, » opens the IT manager's signature: Paul Durand signs it, he received the message.
  it("French custom NDR signed « Bien cordialement, / Paul Durand » (him also in the To)", async () => {
    const notice =
      "Le message n'a pas pu être remis aux destinataires suivants :\r\n\r\nJeanne Dupont\r\n\r\n" +
      "Bien cordialement,\r\nPaul Durand\r\nService informatique, Clinique Exemple\r\n";
    const raw = exchangeNotice({ notice, to: `Jeanne Dupont <${JEANNE}>, Paul Durand <${PAUL}>`, noticeSubject: "Non remis : Vos resultats" });
    expect(await addresses(raw)).toEqual([JEANNE]);
  });

  // « Many thanks, » is a sign-off too: the signer Paul Durand is no failed recipient.
  it("English custom NDR signed « Many thanks, / Paul Durand » (him also in the To)", async () => {
    const notice =
      "Your message could not be delivered to the following recipients:\r\n\r\nJeanne Dupont\r\n\r\n" +
      "Please check the name and try again.\r\n\r\nMany thanks,\r\nPaul Durand\r\nIT Service Desk\r\n";
    const raw = exchangeNotice({ notice, to: `Jeanne Dupont <${JEANNE}>, Paul Durand <${PAUL}>` });
    expect(await addresses(raw)).toEqual([JEANNE]);
  });

  // Exchange lists each of the 12 failed patients with its own lines; all 12 failed, not only the first ones.
  it("a long Exchange list: 12 patients failed, four lines each", async () => {
    const names = SURNAMES.map((s) => `Patient ${s}`);
    const notice = `${ENGLISH_HEADING}${names.map((n) => `${n} on 12/3/2026 10:00 AM\r\n${ENGLISH_WHY}`).join("")}`;
    const to = names.map((n, i) => `${n} <${patient(i)}>`).join(", ");
    const raw = exchangeNotice({ notice, to });
    expect(await addresses(raw)).toEqual(names.map((_, i) => patient(i)));
  });

  // The heading lists who did NOT fail: Paul Durand received it; only Jeanne Dupont failed.
  it("a heading that says the listed ones did not fail: « Delivery succeeded, without failure, for these recipients: »", async () => {
    const notice =
      "Delivery has failed to these recipients or groups:\r\n\r\nJeanne Dupont\r\nUser unknown\r\n\r\n" +
      "Delivery succeeded, without failure, for these recipients:\r\n\r\nPaul Durand\r\n";
    const raw = exchangeNotice({ notice, to: `Jeanne Dupont <${JEANNE}>, Paul Durand <${PAUL}>` });
    expect(await addresses(raw)).toEqual([JEANNE]);
  });

  // The second block, without a colon, says Paul Durand's copy was delivered: he is no failure.
  it("a failed list then a delivered part without its own colon heading", async () => {
    const notice =
      "La remise a échoué pour les destinataires suivants :\r\n\r\nJeanne Dupont\r\nDestinataire inconnu\r\n\r\n" +
      "Le message a bien été remis aux destinataires suivants\r\n\r\nPaul Durand\r\n";
    const raw = exchangeNotice({ notice, to: `Jeanne Dupont <${JEANNE}>, Paul Durand <${PAUL}>`, noticeSubject: "Non remis : Vos resultats" });
    expect(await addresses(raw)).toEqual([JEANNE]);
  });

  // Two mailboxes are named « Jeanne Dupont » (the 1st and the 52nd): the notice does not say which one failed.
  it("more than 50 mailboxes: a homonym beyond the 50th is not seen, the first one is taken", async () => {
    const others = Array.from({ length: 50 }, (_, i) => `Patient ${String(i)}x <${patient(i)}>`).join(", ");
    const raw = exchangeNotice({ notice: ENGLISH("Jeanne Dupont"), to: `Jeanne Dupont <${JEANNE}>, ${others}, Jeanne Dupont <${PATIENT}>` });
    expect(await addresses(raw)).toEqual([]);
  });

  // The patient namesake's Mon espace santé address is not the doctor's; he is the one Exchange names.
  it("a patient who shares the doctor's name (« Jean Martin », patient address in To) failed", async () => {
    const raw = exchangeNotice({ notice: ENGLISH("Jean Martin"), to: `Jean Martin <${PATIENT}>` });
    expect(await addresses(raw)).toEqual([PATIENT]);
  });

  // Same in French, the namesake in Cc beside another recipient who received it.
  it("the doctor's namesake patient in Cc, a French Exchange « Jean Martin le … »", async () => {
    const raw = exchangeNotice({
      notice: FRENCH("Jean Martin"),
      to: `Paul Durand <${PAUL}>`,
      cc: `Jean Martin <${PATIENT}>`,
      noticeSubject: "Non remis : Vos resultats",
    });
    expect(await addresses(raw)).toEqual([PATIENT]);
  });

  // The patient written « M. Jean Martin »: the doctor's « Dr Jean Martin » without title, a namesake still.
  it("the doctor's namesake patient written « M. Jean Martin » (in To, named so by the notice)", async () => {
    const raw = exchangeNotice({ notice: FRENCH("M. Jean Martin"), to: `M. Jean Martin <${PATIENT}>`, noticeSubject: "Non remis : Vos resultats" });
    expect(await addresses(raw)).toEqual([PATIENT]);
  });

  // The namesake patient in To and the doctor's own second address in Cc: the notice writes the patient's name as the To does.
  it("the namesake patient in To, « Dr Jean Martin » (his second address) in Cc: « Jean Martin on … » is the patient", async () => {
    const raw = exchangeNotice({
      notice: ENGLISH("Jean Martin"),
      to: `Jean Martin <${PATIENT}>`,
      cc: `Dr Jean Martin <jean.martin@cabinet-martin.fr>`,
    });
    expect(await addresses(raw)).toEqual([PATIENT]);
  });

  // The notice writes the doctor's name with his title: a copy to himself in Bcc failed, not his namesake patient.
  it("« Dr Jean Martin on … » failed, the namesake patient « Jean Martin » in To: not the patient", async () => {
    const raw = exchangeNotice({ notice: ENGLISH("Dr Jean Martin"), to: `Jean Martin <${PATIENT}>` });
    expect(await addresses(raw)).toEqual([]);
  });

  // The doctor's own second address under his name is still never taken: it is no patient's mailbox.
  it("« Jean Martin on … » failed, the To « Jean Martin » at the practice's domain (the doctor's second address): not taken", async () => {
    const raw = exchangeNotice({ notice: ENGLISH("Jean Martin"), to: `Jean Martin <jean.martin@cabinet-martin.fr>` });
    expect(await addresses(raw)).toEqual([]);
  });

  // A German Exchange (cross-border clinic) lists the one who failed under its own heading.
  it("German Exchange heading « Die Zustellung an diese Empfänger oder Gruppen ist fehlgeschlagen: »", async () => {
    const notice =
      "Die Zustellung an diese Empfänger oder Gruppen ist fehlgeschlagen:\r\n\r\nJeanne Dupont am 03.12.2026 10:00\r\n" +
      "Die eingegebene E-Mail-Adresse wurde nicht gefunden.\r\n<mx.clinique-exemple.fr #5.1.1 smtp;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found>\r\n";
    const raw = exchangeNotice({ notice, to: `Jeanne Dupont <${JEANNE}>, Paul Durand <${PAUL}>`, noticeSubject: "Unzustellbar: Vos resultats" });
    expect(await addresses(raw)).toEqual([JEANNE]);
  });

  // The heading, wrapped at the notice's line length, still announces the failed list below it: Jeanne Dupont failed.
  it("a long French heading wrapped before « tentatives : »: the list below it is still the failed one", async () => {
    const notice =
      "Le message ci-dessous n'a pas pu être remis aux destinataires suivants, malgré plusieurs\r\ntentatives :\r\n\r\n" +
      "Jeanne Dupont\r\n    550 5.1.1 Destinataire inconnu\r\n";
    const raw = exchangeNotice({ notice, to: `Jeanne Dupont <${JEANNE}>, Paul Durand <${PAUL}>`, noticeSubject: "Non remis : Vos resultats" });
    expect(await addresses(raw)).toEqual([JEANNE]);
  });
});
