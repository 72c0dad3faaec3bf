/**
 * Hostile but realistic shapes against two rules: a failed recipient named by display name
 * only (formats/named-recipients.ts, wired in formats/plain-text.ts) and the null MX reasons
 * (RFC 7505). Each case states the right answer. "withstood": the rules gave it when first
 * written; "found": they gave another answer (a name echoed in the notice's summary or in a
 * sentence, a hyphenated name, an encoded « Nom, Prénom », one name on two addresses, a To cut
 * short, a reason taken from the next recipient's lines, a name wrapped over two lines), each
 * with why the stated one is right; all fixed since.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage, type Reason } from "../../../src/core/notices/index.js";
import { DOCTOR, dsn, textBounce } from "./notice-builders.js";
import {
  displayNameNotice,
  exchangeFrench,
  failedAddresses as addresses,
  JEANNE,
  PAUL,
  NULL_MX,
} from "./display-name-notice.js";

const exchangeNotice = displayNameNotice;


/** Exchange 2007-2016, English: one failed recipient named by display name. */
const ENGLISH = (name: string): string =>
  "Delivery has failed to these recipients or groups:\r\n\r\n" +
  `${name} on 12/3/2026 10:00 AM\r\n` +
  "The e-mail address you entered couldn't be found. Please check the recipient's e-mail address and try to resend the message. " +
  "If the problem continues, please contact your helpdesk.\r\n" +
  "<mx.clinique-exemple.fr #5.1.1 smtp;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found>";

const FRENCH = exchangeFrench;

/**
 * Exchange 2000/2003 (and Outlook's own NDR): the summary of the message sent comes first,
 * with its To line in display names, then the recipients that were not reached.
 */
const EXCHANGE_2003 = (to: string, subject: string, failed: string): string =>
  "Your message\r\n\r\n" +
  `  To:      ${to}\r\n` +
  `  Subject: ${subject}\r\n` +
  "  Sent:    Thu, 3 Dec 2026 09:59:00 +0100\r\n\r\n" +
  "did not reach the following recipient(s):\r\n\r\n" +
  `${failed} on Thu, 3 Dec 2026 10:00:00 +0100\r\n` +
  "    The e-mail account does not exist at the organization this message was sent to.\r\n" +
  "    <mx.clinique-exemple.fr #5.1.1>\r\n";

/** The same, in French. */
const EXCHANGE_2003_FR = (to: string, subject: string, failed: string): string =>
  "Votre message\r\n\r\n" +
  `  À :      ${to}\r\n` +
  `  Objet : ${subject}\r\n` +
  "  Envoyé : 03/12/2026 09:59\r\n\r\n" +
  "n'a pas atteint le(s) destinataire(s) suivant(s) :\r\n\r\n" +
  `${failed} le 03/12/2026 10:00\r\n` +
  "    Le compte de messagerie n'existe pas dans l'organisation à laquelle ce message a été envoyé.\r\n" +
  "    <mx.clinique-exemple.fr #5.1.1>\r\n";

/** Lotus Domino: the subject first, then who it was not delivered to. */
const DOMINO = (subject: string, failed: string): string =>
  "Your message\r\n\r\n" +
  `  Subject: ${subject}\r\n\r\n` +
  "was not delivered to:\r\n\r\n" +
  `  ${failed}\r\n\r\n` +
  "because:\r\n\r\n" +
  `  User ${failed} (${failed}@CLINIQUE) not listed in Domino Directory\r\n`;

async function reasonOf(raw: string): Promise<[string, Reason | null] | undefined> {
  const notice = await classifyMessage(raw);
  expect(notice.kind).toBe("bounce");
  const [r] = notice.recipients;
  return r === undefined ? undefined : [r.address, r.reason];
}


describe("withstood", () => {
  it("English Exchange: the named one only, with its reason", async () => {
    const raw = exchangeNotice({ notice: ENGLISH("Paul Durand"), to: `"Jeanne Dupont" <${JEANNE}>, "Paul Durand" <${PAUL}>` });
    const notice = await classifyMessage(raw);
    expect(notice.recipients.map((r) => [r.address, r.reason])).toEqual([[PAUL, "unknown-recipient"]]);
  });

  it("French Exchange with accents folded: « Jérôme Brun le … » against an encoded To", async () => {
    const raw = exchangeNotice({ notice: FRENCH("Jérôme Brun"), to: "=?iso-8859-1?Q?J=E9r=F4me_Brun?= <j.brun@clinique-exemple.fr>" });
    expect(await addresses(raw)).toEqual(["j.brun@clinique-exemple.fr"]);
  });

  it("« Nom, Prénom » quoted in the header and written so by the notice", async () => {
    const raw = exchangeNotice({
      notice: FRENCH("Dupont, Jeanne"),
      to: `"Dupont, Jeanne" <${JEANNE}>, "Durand, Paul" <${PAUL}>`,
    });
    expect(await addresses(raw)).toEqual([JEANNE]);
  });

  it("two recipients sharing a surname: only the one whose whole name is written", async () => {
    const raw = exchangeNotice({
      notice: ENGLISH("Paul Dupont"),
      to: `"Jeanne Dupont" <${JEANNE}>, "Paul Dupont" <paul.dupont@clinique-exemple.fr>`,
    });
    expect(await addresses(raw)).toEqual(["paul.dupont@clinique-exemple.fr"]);
  });

  it("the patient in Bcc, French notice: the To recipient is not guessed", async () => {
    const raw = exchangeNotice({ notice: FRENCH("Jeanne Dupont"), to: `"Paul Durand" <${PAUL}>` });
    expect(await addresses(raw)).toEqual([]);
  });

  it("a group in the To: its members are read, the group's name is no one", async () => {
    const raw = exchangeNotice({
      notice: ENGLISH("Jeanne Dupont"),
      to: `Patients du cabinet: "Jeanne Dupont" <${JEANNE}>, "Paul Durand" <${PAUL}>;`,
    });
    expect(await addresses(raw)).toEqual([JEANNE]);
  });

  it("a display name folded over two header lines", async () => {
    const raw = exchangeNotice({ notice: ENGLISH("Jeanne Dupont"), to: `"Jeanne\r\n Dupont" <${JEANNE}>,\r\n "Paul Durand" <${PAUL}>` });
    expect(await addresses(raw)).toEqual([JEANNE]);
  });

  it("a name with a comment after it in the header (« Jeanne Dupont (CHU) »)", async () => {
    const raw = exchangeNotice({ notice: ENGLISH("Jeanne Dupont"), to: `Jeanne Dupont (CHU) <${JEANNE}>, Paul Durand <${PAUL}>` });
    expect(await addresses(raw)).toEqual([JEANNE]);
  });

  it("a typographic apostrophe in the notice, a straight one in the header", async () => {
    const raw = exchangeNotice({ notice: ENGLISH("Anne d’Harcourt"), to: `"Anne d'Harcourt" <a.dharcourt@clinique-exemple.fr>, "Paul Durand" <${PAUL}>` });
    expect(await addresses(raw)).toEqual(["a.dharcourt@clinique-exemple.fr"]);
  });

  it("Domino: « User Paul Durand (Paul Durand@CLINIQUE) not listed »: the Notes name is no address", async () => {
    const raw = exchangeNotice({ notice: DOMINO("Vos resultats", "Paul Durand"), to: `"Jeanne Dupont" <${JEANNE}>, "Paul Durand" <${PAUL}>` });
    expect(await addresses(raw)).toEqual([PAUL]);
  });

  it("the doctor in Cc under the name the notice greets: never a failed recipient", async () => {
    const raw = exchangeNotice({ notice: `Dr Martin,\r\n\r\n${FRENCH("Jeanne Dupont")}`, to: `"Jeanne Dupont" <${JEANNE}>`, cc: `"Dr Martin" <${DOCTOR.toUpperCase()}>` });
    expect(await addresses(raw)).toEqual([JEANNE]);
  });

  it("a name only in the quoted original's body (pasted, French separator) is no mention", async () => {
    const notice = FRENCH("Paul Durand");
    const raw =
      "From: postmaster@clinique-exemple.fr\r\n" +
      `To: ${DOCTOR}\r\n` +
      "Subject: Non remis : Vos resultats\r\n" +
      "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
      `${notice}\r\n\r\n-----Message d'origine-----\r\n` +
      `From: Dr Martin <${DOCTOR}>\r\nTo: "Jeanne Dupont" <${JEANNE}>, "Paul Durand" <${PAUL}>\r\nSubject: Vos resultats\r\n\r\n` +
      "Bonjour Jeanne Dupont, voici vos résultats.\r\n";
    expect(await addresses(raw)).toEqual([PAUL]);
  });

  it("a delay (Exchange « Delivery is delayed »): the named one, delayed", async () => {
    const notice =
      "Delivery is delayed to these recipients or groups:\r\n\r\nJeanne Dupont\r\n\r\n" +
      "This message hasn't been delivered yet. Delivery will continue to be attempted.\r\n";
    const raw = exchangeNotice({ notice, to: `"Jeanne Dupont" <${JEANNE}>, "Paul Durand" <${PAUL}>` });
    const result = await classifyMessage(raw);
    expect(result.kind).toBe("delay");
    expect(result.recipients.map((r) => [r.address, r.action])).toEqual([[JEANNE, "delayed"]]);
  });

  it("a patient's MSSanté address named by display name gets its INS", async () => {
    const patient = "295109912611193@patient.mssante.fr";
    const raw = exchangeNotice({ notice: FRENCH("DUPONT Jeanne"), to: `"DUPONT Jeanne" <${patient}>, "Paul Durand" <${PAUL}>` });
    const result = await classifyMessage(raw);
    expect(result.recipients.map((r) => [r.address, r.ins])).toEqual([[patient, "295109912611193"]]);
  });

  it("256 KB of hostile To fields and a notice of repeated half-names: quick, and no one guessed", async () => {
    const one = `"Jeanne Dupontx" <jx@clinique-exemple.fr>, `;
    const to = one.repeat(90);
    const extra = `To: ${to}x@y.example\r\n`.repeat(70);
    const notice = ENGLISH("Jeanne Dupon").concat("\r\n", "jeanne dupontxjeanne dupont ".repeat(600));
    const raw = exchangeNotice({ notice, to: `"Paul Durand" <${PAUL}>`, extra, returned: "headers" });
    expect(raw.length).toBeGreaterThan(256 * 1024);
    const start = performance.now();
    const result = await classifyMessage(raw);
    expect(performance.now() - start).toBeLessThan(1500);
    expect(result.recipients.map((r) => r.address)).not.toContain(PAUL);
  });

  it("null MX, Postfix's SMTP client (5.1.10, « Domain … does not accept mail (nullMX) »): the domain takes no mail", async () => {
    expect(await reasonOf(dsn(NULL_MX, "5.1.10", "Domain sans-courrier.example does not accept mail (nullMX)"))).toEqual([NULL_MX, "host-unknown"]);
  });

  it("null MX, Postfix's smtpd refusing the recipient at a relay (« Recipient address rejected: … (nullMX) »)", async () => {
    const diagnostic = `556 5.1.10 <${NULL_MX}>: Recipient address rejected: Domain sans-courrier.example does not accept mail (nullMX)`;
    expect(await reasonOf(dsn(NULL_MX, "5.1.10", diagnostic))).toEqual([NULL_MX, "host-unknown"]);
  });

  it("null MX, Postfix's smtpd refusing the sender (5.7.27, « Sender address rejected: … (nullMX) »)", async () => {
    const diagnostic = `553 5.7.27 <${DOCTOR}>: Sender address rejected: Domain medecin.mssante.fr does not accept mail (nullMX)`;
    expect(await reasonOf(dsn(NULL_MX, "5.7.27", diagnostic))).toEqual([NULL_MX, "sender-rejected"]);
  });

  it("null MX, Postfix's text bounce with the phrase wrapped over two lines", async () => {
    const body =
      "This is the mail system at host relay.example.net.\r\n\r\n" +
      "I'm sorry to have to inform you that your message could not\r\nbe delivered to one or more recipients.\r\n\r\n" +
      `<${NULL_MX}>: Domain sans-courrier.example does not accept\r\n    mail (nullMX)\r\n`;
    expect(await reasonOf(textBounce(body, "Undelivered Mail Returned to Sender"))).toEqual([NULL_MX, "host-unknown"]);
  });

  it("null MX, Exim (« an MX or SRV record indicated no SMTP service »)", async () => {
    const body =
      "This message was created automatically by mail delivery software.\r\n\r\n" +
      "A message that you sent could not be delivered to one or more of its\r\nrecipients. This is a permanent error. The following address(es) failed:\r\n\r\n" +
      `  ${NULL_MX}\r\n    an MX or SRV record indicated no SMTP service\r\n`;
    expect(await reasonOf(textBounce(body))).toEqual([NULL_MX, "host-unknown"]);
  });

  it("null MX, Haraka and the RFC's own words, sender and recipient", async () => {
    expect(await reasonOf(dsn(NULL_MX, "5.1.10", "556 5.1.10 Permanent failure: Recipient address has null MX"))).toEqual([NULL_MX, "host-unknown"]);
    expect(await reasonOf(dsn(NULL_MX, "5.7.27", "550 5.7.27 Sender address has null MX"))).toEqual([NULL_MX, "sender-rejected"]);
  });

  it("null MX, the sender refused in an Exim relay's text (after MAIL FROM, no report part)", async () => {
    const body =
      "This message was created automatically by mail delivery software.\r\n\r\n" +
      "A message that you sent could not be delivered to one or more of its\r\nrecipients. This is a permanent error. The following address(es) failed:\r\n\r\n" +
      `  ${NULL_MX}\r\n    SMTP error from remote mail server after MAIL FROM:<${DOCTOR}> SIZE=2048:\r\n` +
      "    550 5.7.27 Sender address has null MX\r\n";
    expect(await reasonOf(textBounce(body))).toEqual([NULL_MX, "sender-rejected"]);
  });

  it("null MX, iCloud (« host/domain does not accept mail »)", async () => {
    expect(await reasonOf(dsn(NULL_MX, "5.1.10", "550 5.1.10 host/domain does not accept mail"))).toEqual([NULL_MX, "host-unknown"]);
  });

  it("Microsoft's 5.1.10 with the recipient named: still an unknown recipient", async () => {
    const diagnostic = `550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient ${NULL_MX} not found by SMTP address lookup`;
    expect(await reasonOf(dsn(NULL_MX, "5.1.10", diagnostic))).toEqual([NULL_MX, "unknown-recipient"]);
  });

  it("two recipients in one text bounce, one null MX, one unknown: each its own reason", async () => {
    const other = "jdupont@clinique-exemple.fr";
    const body =
      "This is the mail system at host relay.example.net.\r\n\r\n" +
      "I'm sorry to have to inform you that your message could not\r\nbe delivered to one or more recipients.\r\n\r\n" +
      `<${NULL_MX}>: Domain sans-courrier.example does not accept mail (nullMX)\r\n\r\n` +
      `<${other}>: host mx.clinique-exemple.fr[192.0.2.1] said: 550 5.1.1 <${other}>:\r\n    Recipient address rejected: User unknown in local recipient table\r\n`;
    const notice = await classifyMessage(textBounce(body, "Undelivered Mail Returned to Sender"));
    expect(notice.recipients.map((r) => [r.address, r.reason])).toEqual([
      [NULL_MX, "host-unknown"],
      [other, "unknown-recipient"],
    ]);
  });
  it("a notice of 400 lines, 50 short names, each line a run of near-names: quick", async () => {
    const to = Array.from({ length: 60 }, (_, i) => `"Anna${"a".repeat(i % 5)} Bobo" <a${i}@clinique-exemple.fr>`).join(", ");
    const notice = ENGLISH("Someone Else").concat("\r\n", `${"annaa bob annaabobo ".repeat(30)}\r\n`.repeat(400));
    const raw = exchangeNotice({ notice, to, returned: "headers" });
    const start = performance.now();
    const result = await classifyMessage(raw);
    expect(performance.now() - start).toBeLessThan(1500);
    expect(result.recipients).toEqual([]);
  });

  it("null MX in a French relay's text notice with the status of the recipient (5.1.10)", async () => {
    const body =
      "Votre message n'a pas pu être remis aux destinataires suivants :\r\n\r\n" +
      `  ${NULL_MX}\r\n    556 5.1.10 <${NULL_MX}>: Recipient address rejected: Domain sans-courrier.example does not accept mail (nullMX)\r\n`;
    expect(await reasonOf(textBounce(body, "Non remis : Vos resultats"))).toEqual([NULL_MX, "host-unknown"]);
  });

  it("a relay's DSN with the recipient's status (5.1.10) but the remote's words about the sender's null MX: the sender refused", async () => {
    expect(await reasonOf(dsn(NULL_MX, "5.1.10", "550 5.7.27 Sender domain has null MX"))).toEqual([NULL_MX, "sender-rejected"]);
  });
  it("the doctor writing to himself, the patients in Bcc: the doctor is never the failed one", async () => {
    const raw = exchangeNotice({
      notice: EXCHANGE_2003("Dr Jean Martin", "Fermeture du cabinet", "Jeanne Dupont"),
      to: `"Dr Jean Martin" <${DOCTOR}>`,
    });
    expect(await addresses(raw)).toEqual([]);
  });

  it("a returned message that carries another message (forwarded as an attachment): only its own headers count", async () => {
    const inner =
      `From: "Jeanne Dupont" <jeanne.ancienne@exemple-ancien.fr>\r\nTo: "Jeanne Dupont" <jeanne.ancienne@exemple-ancien.fr>\r\n` +
      "Subject: Mes analyses\r\n\r\nBonjour docteur.\r\n";
    const returned =
      `From: Dr Martin <${DOCTOR}>\r\nTo: "Paul Durand" <${PAUL}>\r\nSubject: Tr: Mes analyses\r\nMIME-Version: 1.0\r\n` +
      'Content-Type: multipart/mixed; boundary="in"\r\n\r\n--in\r\nContent-Type: text/plain\r\n\r\nPour avis.\r\n' +
      `--in\r\nContent-Type: message/rfc822\r\n\r\n${inner}--in--\r\n`;
    const raw =
      "From: postmaster@clinique-exemple.fr\r\n" +
      `To: ${DOCTOR}\r\nSubject: Undeliverable: Tr: Mes analyses\r\nMIME-Version: 1.0\r\n` +
      'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n' +
      `--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${ENGLISH("Jeanne Dupont")}\r\n\r\n` +
      `--b1\r\nContent-Type: message/rfc822\r\n\r\n${returned}\r\n--b1--\r\n`;
    expect(await addresses(raw)).toEqual([]);
  });
});

describe("found", () => {
  it("Exchange 2003: the summary's To line names everyone; only the one « did not reach » failed", async () => {
    // The names in "To:" are the message's addressees, not failures: only the line under "did not reach" is one.
    const raw = exchangeNotice({
      notice: EXCHANGE_2003("Jeanne Dupont; Paul Durand", "Vos resultats", "Paul Durand"),
      to: `"Jeanne Dupont" <${JEANNE}>, "Paul Durand" <${PAUL}>`,
    });
    expect(await addresses(raw)).toEqual([PAUL]);
  });

  it("Exchange 2003 in French, the patient in Bcc: the colleague named in « À : » did receive it", async () => {
    // The failed one (Bcc) is absent from the returned headers: nothing may be reported, least of all the colleague in To.
    const raw = exchangeNotice({
      notice: EXCHANGE_2003_FR("Paul Durand", "Vos resultats", "Jeanne Dupont"),
      to: `"Paul Durand" <${PAUL}>`,
    });
    expect(await addresses(raw)).toEqual([]);
  });

  it("the patient's name in the quoted subject (a letter about her to a colleague, her in Cc)", async () => {
    // The subject line says what the message is about; the one not reached is Paul Durand alone.
    const subject = "Courrier concernant Jeanne Dupont";
    const raw = exchangeNotice({
      notice: DOMINO(subject, "Paul Durand"),
      to: `"Paul Durand" <${PAUL}>`,
      cc: `"Jeanne Dupont" <${JEANNE}>`,
      subject,
    });
    expect(await addresses(raw)).toEqual([PAUL]);
  });

  it("a hyphenated first name: « Jean-Pierre Dupont » failed (Bcc), « Pierre Dupont » in To received it", async () => {
    // "Pierre Dupont" is only the end of "Jean-Pierre Dupont": the recipient named is another person, absent from the headers.
    const raw = exchangeNotice({ notice: FRENCH("Jean-Pierre Dupont"), to: `"Pierre Dupont" <pierre.dupont@clinique-exemple.fr>` });
    expect(await addresses(raw)).toEqual([]);
  });

  it("a hyphenated surname: « Marie Dupont-Durand » failed, « Marie Dupont » did not", async () => {
    // The notice writes the whole name of one recipient; the other's name is only its beginning.
    const raw = exchangeNotice({
      notice: ENGLISH("Marie Dupont-Durand"),
      to: `"Marie Dupont" <marie.dupont@clinique-exemple.fr>, "Marie Dupont-Durand" <m.dupont-durand@clinique-exemple.fr>`,
    });
    expect(await addresses(raw)).toEqual(["m.dupont-durand@clinique-exemple.fr"]);
  });

  it("a surname-only display name is part of the failed recipient's full name", async () => {
    // Exchange writes the failed one's display name whole: "Jeanne Dupont" is that mailbox, not the one called "Dupont".
    const raw = exchangeNotice({
      notice: ENGLISH("Jeanne Dupont"),
      to: `"Jeanne Dupont" <${JEANNE}>, "DUPONT" <famille.dupont@clinique-exemple.fr>`,
    });
    expect(await addresses(raw)).toEqual([JEANNE]);
  });

  it("a Cc called « Helpdesk »: the notice's « please contact your helpdesk » does not name it as failed", async () => {
    // The word is advice to the reader, not a recipient's line; only Jeanne Dupont is named as failed.
    const raw = exchangeNotice({
      notice: ENGLISH("Jeanne Dupont"),
      to: `"Jeanne Dupont" <${JEANNE}>`,
      cc: `"Helpdesk" <helpdesk@clinique-exemple.fr>`,
    });
    expect(await addresses(raw)).toEqual([JEANNE]);
  });

  it("encoded « Nom, Prénom » names (Outlook, accents): the comma inside the encoded word is no separator", async () => {
    // "Petit, Jérôme" is one display name; decoding before parsing cut it, and "Jérôme" then matched "Brun, Jérôme" too.
    const raw = exchangeNotice({
      notice: FRENCH("Petit, Jérôme"),
      to: "=?utf-8?Q?Brun=2C_J=C3=A9r=C3=B4me?= <j.brun@clinique-exemple.fr>, =?utf-8?Q?Petit=2C_J=C3=A9r=C3=B4me?= <j.petit@clinique-exemple.fr>",
    });
    expect(await addresses(raw)).toEqual(["j.petit@clinique-exemple.fr"]);
  });

  it("an encoded « Dupont, Léa » (a 3-letter first name) is found from its whole name", async () => {
    // The notice writes "Dupont, Léa", her whole display name; cut at the encoded comma, only "Léa" was left, too short to be read.
    const raw = exchangeNotice({
      notice: FRENCH("Dupont, Léa"),
      to: `=?utf-8?Q?Dupont=2C_L=C3=A9a?= <lea.dupont@clinique-exemple.fr>, "Paul Durand" <${PAUL}>`,
    });
    expect(await addresses(raw)).toEqual(["lea.dupont@clinique-exemple.fr"]);
  });

  it("one display name for two addresses (MSSanté and another): the notice names one failure, neither is guessed", async () => {
    // The notice writes "Jeanne Dupont" once: one of her two addresses failed, which one it does not say; reporting both is wrong for one.
    const patient = "295109912611193@patient.mssante.fr";
    const raw = exchangeNotice({ notice: ENGLISH("Jeanne Dupont"), to: `"Jeanne Dupont" <${patient}>, "Jeanne Dupont" <${JEANNE}>` });
    expect(await addresses(raw)).toEqual([]);
  });

  it("a long To (a message to many patients): the field's cut never makes up a truncated address", async () => {
    // Only an address the returned headers give whole may be reported; "…@clinique-exemple.f" is nobody's.
    const others = Array.from({ length: 40 }, (_, i) => `"Patient Numero${String(i).padStart(3, "0")}" <patient.numero${String(i).padStart(3, "0")}@cabinet-exemple.fr>`);
    const target = `"Jeanne Dupont" <${JEANNE}>`;
    const tail = `${others.join(", ")}, ${target}`;
    // Pad the first name so that the field's 4000th character is the "f" of ".fr" in Jeanne Dupont's address.
    const fixed = `"" <pad@cabinet-exemple.fr>, ${tail}`;
    const pad = 4000 - (fixed.indexOf(JEANNE) + JEANNE.length - 1);
    const to = `"${"X".repeat(pad)}" <pad@cabinet-exemple.fr>, ${tail}`;
    expect(to.slice(0, 4000).endsWith("@clinique-exemple.f")).toBe(true);
    const raw = exchangeNotice({ notice: ENGLISH("Jeanne Dupont"), to, returned: "headers" });
    const found = await addresses(raw);
    const given = [...to.matchAll(/<([^<>]+)>/g)].map((m) => m[1]);
    for (const a of found) expect(given).toContain(a);
  });
  it("two named without blank lines (HTML made text): the first one's reason is its own line's, not the next one's", async () => {
    // Jeanne Dupont's own line says her address does not exist; "mailbox full" is said of Paul Durand, on the lines after his name.
    const notice =
      "Échec de la remise à ces destinataires ou groupes :\r\n\r\n" +
      "Jeanne Dupont le 03/12/2026 10:00\r\n     L'adresse de messagerie n'existe pas.\r\n" +
      "Paul Durand le 03/12/2026 10:00\r\n     La boîte aux lettres du destinataire est pleine.\r\n";
    const raw = exchangeNotice({ notice, to: `"Jeanne Dupont" <${JEANNE}>, "Paul Durand" <${PAUL}>` });
    const result = await classifyMessage(raw);
    expect(result.recipients.map((r) => [r.address, r.reason])).toEqual([
      [JEANNE, "unknown-recipient"],
      [PAUL, "mailbox-full"],
    ]);
  });
  it("a long display name wrapped by the notice over two lines is still named", async () => {
    // The notice names her whole, only cut by its line length: the returned To gives her address.
    const notice =
      "Delivery has failed to these recipients or groups:\r\n\r\n" +
      "Secretariat de Cardiologie Interventionnelle - Centre Hospitalier\r\nUniversitaire on 12/3/2026 10:00 AM\r\n" +
      "The e-mail address you entered couldn't be found.\r\n";
    const raw = exchangeNotice({
      notice,
      to: `"Secretariat de Cardiologie Interventionnelle - Centre Hospitalier Universitaire" <cardio@chu-exemple.fr>, "Paul Durand" <${PAUL}>`,
    });
    expect(await addresses(raw)).toEqual(["cardio@chu-exemple.fr"]);
  });
});
