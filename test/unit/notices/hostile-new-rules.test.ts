/**
 * Hostile cases of the notice rules: a mail system's broken multipart read from its source
 * (quoted-printable decoded; a person's automatic reply with a null Return-Path stays one),
 * the help-desk rule (whole words only; the real recipient kept), and the sender's domain
 * named beside a recipient not found.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";

const INS = "180127512345678";
const PATIENT = `${INS}@patient.mssante.fr`;
const eml = (lines: readonly string[]): string => lines.join("\r\n");

describe("a mail system's broken multipart read from its raw body (classify.ts withBrokenMimeText)", () => {
  it("the patient platform's closed-mailbox sentence in a quoted-printable part is reported as closed, not 'other'", async () => {
    // What is wrong: the raw body is read as it is written, quoted-printable not decoded
    // (« cl=C3=B4tur=C3=A9e », soft line breaks « =\r\n » cutting words), so the patient's
    // address is now named as failed with the reason 'other' ("unexplained failure") instead
    // of a closed Mon espace santé mailbox: the doctor is not told that resending will fail
    // again and another channel is needed. Before today the notice named no recipient.
    // Expected: the closed-mailbox sentence wins (mailbox-closed), or at least the patient's
    // address is not given a wrong cause.
    const notice = await classifyMessage(eml([
      "From: Mail Delivery System <MAILER-DAEMON@mssante.fr>",
      "To: dr.martin@hopital.mssante.fr",
      "Subject: Undelivered Mail Returned to Sender",
      "Content-Type: multipart/report; report-type=delivery-status;",
      'boundary="B1"',
      "",
      "--B1",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      `Le message que vous avez envoy=C3=A9 =C3=A0 "${PATIENT}" n'a pas p=`,
      "u =C3=AAtre distribu=C3=A9 car la messagerie Mon espace Sant=C3=A9 de votre des=",
      "tinataire est cl=C3=B4tur=C3=A9e",
      "--B1--",
      "",
    ]));
    expect(notice.kind).toBe("bounce");
    expect(notice.recipients.map((r) => [r.address, r.reason])).toEqual([[PATIENT, "mailbox-closed"]]);
  });

  it("a colleague's out-of-office reply (null Return-Path, RFC 3834) with a broken boundary is not a bounce", async () => {
    // What is wrong: an automatic reply is sent with the null Return-Path `<>`, which makes
    // `fromMailSystem` true, so its broken multipart is read from the raw body; its words
    // « votre message n'a pas été transmis à ma remplaçante » then read as a failure and, the
    // sender counting as a mail system, the auto-reply check lets it through: a false bounce
    // moved into the returns panel. Before today this broken message was "auto-reply"; the
    // same reply sent as plain text/plain was already reported as a bounce (the null
    // Return-Path alone makes any sender a mail system), so the fix belongs there too.
    // Expected: not a bounce (kind "none").
    const notice = await classifyMessage(eml([
      "Return-Path: <>",
      "From: Dr Claire Petit <claire.petit@cabinet-petit.fr>",
      "To: dr.martin@hopital.mssante.fr",
      "Subject: Absence du cabinet",
      "Auto-Submitted: auto-replied",
      "Content-Type: multipart/alternative;",
      ' boundary="----=_Part_1"; charset=utf-8',
      "",
      "------=_Part_2",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Je suis absente jusqu'au 5 janvier. Votre message n'a pas ete transmis a ma remplacante.",
      "Pour toute urgence, ecrivez a secretariat@cabinet-petit.fr.",
      "------=_Part_2--",
      "",
    ]));
    expect(notice.kind).toBe("none");
  });
});

describe("the help-desk rule keeps the real failed recipient (plaintext.ts HELP_DESK_BEFORE)", () => {
  // What is wrong: HELP_DESK_BEFORE has no word boundary and treats "contact" and "try" as
  // help-desk words wherever they end the text before an address: "au contact x@y" (the
  // recipient is a "contact"), "after retry: x@y", a line ending "the following contact:" are
  // all read as a help desk, so the only recipient the notice names is dropped and the bounce
  // has no recipient at all (the doctor cannot tell whose message failed). Before today each
  // was reported with its recipient.
  // Expected: the recipient martin@cabinet.fr is reported as failed.
  const mailSystem = (subject: string, body: readonly string[]): string =>
    eml(["From: MAILER-DAEMON@mx.hopital.fr", "To: dr.martin@hopital.mssante.fr", `Subject: ${subject}`, "", ...body, ""]);

  it("« n'a pas pu être remis au contact martin@cabinet.fr »", async () => {
    const notice = await classifyMessage(mailSystem("Non remis", ["Le message n'a pas pu etre remis au contact martin@cabinet.fr."]));
    expect(notice.kind).toBe("bounce");
    expect(notice.recipients.map((r) => r.address)).toEqual(["martin@cabinet.fr"]);
  });

  it("'Delivery failed permanently after retry: martin@cabinet.fr' ('retry' ends in 'try')", async () => {
    const notice = await classifyMessage(mailSystem("Undeliverable", ["Delivery failed permanently after retry: martin@cabinet.fr"]));
    expect(notice.kind).toBe("bounce");
    expect(notice.recipients.map((r) => r.address)).toEqual(["martin@cabinet.fr"]);
  });

  it("an address alone on the line after 'could not be delivered to the following contact:'", async () => {
    const notice = await classifyMessage(mailSystem("Undeliverable", [
      "Your message could not be delivered to the following contact:",
      "",
      "   martin@cabinet.fr",
    ]));
    expect(notice.kind).toBe("bounce");
    expect(notice.recipients.map((r) => r.address)).toEqual(["martin@cabinet.fr"]);
  });
});

describe("the sender's domain named beside a recipient not found (reasons/sender-rejected.ts)", () => {
  it("an unknown patient address whose reply mentions the sender domain is an unknown recipient, not a sender refusal", async () => {
    // What is wrong: "sender domain" is now a strong sender-refusal phrase, and a sender
    // refusal named in the server's reply wins over everything but the platform's sentence;
    // a server that says the recipient was not found while noting it checked the sender's
    // domain gets the doctor told their own server was refused (look at your mail setup)
    // instead of "check the patient's INS". Before today: unknown-recipient.
    // Expected: unknown-recipient.
    const notice = await classifyMessage(eml([
      "From: MAILER-DAEMON@mx.hopital.fr",
      "To: dr.martin@hopital.mssante.fr",
      "Subject: Undelivered Mail Returned to Sender",
      "",
      "This is the mail system at host mx.hopital.fr.",
      "",
      `<${PATIENT}>: host mx.patient.mssante.fr[192.0.2.4] said: 550`,
      "    Recipient not found (sender domain hopital.mssante.fr verified)",
      "",
    ]));
    expect(notice.recipients.map((r) => [r.address, r.reason])).toEqual([[PATIENT, "unknown-recipient"]]);
  });
});
