import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { looksLikeNotice, mayBeNoticeFromSummary } from "../../../src/core/notices/index.js";

const ordinary = (extra: string) =>
  `From: Dr Claire Petit <c.petit@medecin.mssante.fr>\nTo: dr.martin@medecin.mssante.fr\nSubject: Patient commun\nDate: Thu, 4 Apr 2024 17:45:10 +0200\n${extra}\nbody: Return-Path: <>\n`;

describe("header pre-filter", () => {
  it.each([
    ["a report", 'Content-Type: multipart/report; report-type=delivery-status; boundary="b"'],
    ["a delivery-status body", "Content-Type: message/delivery-status"],
    ["an empty Return-Path", "Return-Path: <>"],
    ["X-Failed-Recipients", "X-Failed-Recipients: a@example.org"],
    ["Auto-Submitted", "Auto-Submitted: auto-replied"],
    ["an Exchange NDR header", "X-MS-Exchange-Message-Is-Ndr: "],
  ])("lets through %s", (_, header) => {
    expect(looksLikeNotice(ordinary(header).replace("\n\n", "\n"))).toBe(true);
    expect(looksLikeNotice(`${header}\nFrom: a@example.org\nSubject: hello\n\n`)).toBe(true);
  });

  it.each([
    "MAILER-DAEMON@mx.example.net (Mail Delivery System)",
    "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
    '"Postmaster" <postmaster@example.org>',
    "Microsoft Outlook <postmaster@cabinet.onmicrosoft.com>",
    "<>",
  ])("lets through mail from %s", (from) => {
    expect(looksLikeNotice([{ name: "From", value: from }, { name: "Subject", value: "hello" }])).toBe(true);
  });

  it.each([
    "Undelivered Mail Returned to Sender",
    "Delivery Status Notification (Failure)",
    "Returned mail: see transcript for details",
    "Non remis : Résultats",
    "=?utf-8?Q?Non_remis=C2=A0:_R=C3=A9sultats?=",
    "Le message n'a pas pu être distribué",
    "Remise retardée : Demande d'avis",
    "Read: Ordonnance",
    "Lu : Ordonnance",
    "Accusé de lecture : Compte rendu",
    "Return Receipt (displayed) - Bilan",
    "failure notice",
    "Warning: message 1rmW delayed 24 hours",
  ])("lets through the subject %s", (subject) => {
    expect(looksLikeNotice([{ name: "From", value: "Someone <someone@example.org>" }, { name: "Subject", value: subject }])).toBe(true);
  });

  it("turns down ordinary mail", () => {
    expect(looksLikeNotice(ordinary(""))).toBe(false);
    expect(
      looksLikeNotice([
        { name: "From", value: "Laboratoire <labo@biologie-exemple.mssante.fr>" },
        { name: "Subject", value: "Résultats de biologie" },
        { name: "Content-Type", value: "multipart/mixed; boundary=x" },
        { name: "Return-Path", value: "<labo@biologie-exemple.mssante.fr>" },
      ]),
    ).toBe(false);
    expect(looksLikeNotice("")).toBe(false);
    expect(looksLikeNotice([])).toBe(false);
  });

  it("reads only the headers of a whole message", () => {
    const message = `${ordinary("")}\nUndelivered Mail Returned to Sender\nContent-Type: multipart/report\n`;
    expect(looksLikeNotice(message)).toBe(false);
  });
});

describe("summary pre-filter (author and subject from the message list)", () => {
  const colleague = "Dr Claire Petit <c.petit@medecin.mssante.fr>";

  it.each([
    "Undelivered Mail Returned to Sender",
    "Undeliverable: Compte rendu",
    "Delivery Status Notification (Failure)",
    "Delivery Status Notification (Delay)",
    "Returned mail: see transcript for details",
    "Mail delivery failed: returning message to sender",
    "failure notice",
    "Warning: message 1rmW delayed 24 hours",
    "Non remis : Résultats",
    "Message non distribué : Compte rendu de consultation",
    "Le message n'a pas pu être distribué",
    "Remise retardée : Demande d'avis",
    "Échec de la remise du message",
    "Avis de retard de remise : Compte rendu",
    "=?utf-8?Q?Non_remis=C2=A0:_R=C3=A9sultats?=",
    "Read: Ordonnance",
    "Lu : Ordonnance",
    "Lu: Ordonnance",
    "Not read: Ordonnance",
    "Non lu : Ordonnance",
    "Accusé de lecture : Compte rendu",
    "=?utf-8?Q?Accus=C3=A9_de_lecture_:_Compte_rendu?=",
    "Return Receipt (displayed) - Bilan",
    "Read receipt: Bilan",
  ])("lets through the subject %s, whoever the author", (subject) => {
    expect(mayBeNoticeFromSummary({ author: colleague, subject })).toBe(true);
  });

  it.each([
    "MAILER-DAEMON@mx.example.net (Mail Delivery System)",
    "Mail Delivery System <MAILER-DAEMON@mx1.mssante.fr>",
    "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
    '"Postmaster" <postmaster@example.org>',
    "postmaster@hopital-exemple.fr",
    "Microsoft Outlook <postmaster@cabinet.onmicrosoft.com>",
    "MAILER-DAEMON",
    "<>",
  ])("lets through mail from the mail system %s, whatever the subject", (author) => {
    expect(mayBeNoticeFromSummary({ author, subject: "Compte rendu" })).toBe(true);
  });

  it.each([
    "255081416802538@patient.mssante.fr",
    "Marie Durand <255081416802538@patient.mssante.fr>",
    "Marie Durand <255081416802538@Patient.MSSante.FR>",
    "=?utf-8?Q?Marie_Dur=C3=A9?= <2A5081416802538@patient.mssante.fr>",
  ])("lets through mail from a patient mailbox %s (a read receipt's subject is not known)", (author) => {
    expect(mayBeNoticeFromSummary({ author, subject: "Compte rendu" })).toBe(true);
    expect(mayBeNoticeFromSummary({ author, subject: "" })).toBe(true);
  });

  it("lets through a message without author", () => {
    expect(mayBeNoticeFromSummary({ author: "", subject: "Compte rendu" })).toBe(true);
    expect(mayBeNoticeFromSummary({ author: "   ", subject: "Compte rendu" })).toBe(true);
    expect(mayBeNoticeFromSummary({ subject: "Compte rendu" })).toBe(true);
    expect(mayBeNoticeFromSummary({ author: null, subject: null })).toBe(true);
    expect(mayBeNoticeFromSummary({})).toBe(true);
  });

  it.each([
    [colleague, "Patient commun"],
    [colleague, "Re: Compte rendu de consultation"],
    ["Laboratoire <labo@biologie-exemple.mssante.fr>", "Résultats de biologie"],
    ["Secrétariat <secretariat@hopital-exemple.mssante.fr>", "Convocation du 12 avril"],
    ["Marie Durand <marie.durand@example.org>", "Question sur mon traitement"],
    ["Dr Martin <dr.martin@patient.mssante.fr.example.org>", "Planning des gardes"],
    ["Dr Lu <lu@medecin.mssante.fr>", "Lundi : réunion de service"],
    [colleague, ""],
  ])("turns down ordinary mail: %s, %s", (author, subject) => {
    expect(mayBeNoticeFromSummary({ author, subject })).toBe(false);
  });

  it("reads hostile and huge values without throwing, quickly", () => {
    const huge = "a".repeat(5_000_000);
    const started = Date.now();
    expect(mayBeNoticeFromSummary({ author: `${colleague}${huge}`, subject: huge })).toBe(false);
    expect(mayBeNoticeFromSummary({ author: colleague, subject: "=?utf-8?Q?".repeat(200_000) })).toBe(false);
    expect(mayBeNoticeFromSummary({ author: `${"=?utf-8?B?".repeat(100_000)}?=`, subject: "x" })).toBe(false);
    expect(mayBeNoticeFromSummary({ author: colleague, subject: `Undelivered ${huge}` })).toBe(true);
    // Only the start is read: a notice word megabytes further is not looked for.
    expect(mayBeNoticeFromSummary({ author: colleague, subject: `${huge} undelivered` })).toBe(false);
    expect(mayBeNoticeFromSummary({ author: "\u0000\uffff\ud800", subject: "\ud800\udfff" })).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
    // Not strings at all (the list is parsed, but the function must hold anyway).
    expect(mayBeNoticeFromSummary({ author: 42 as unknown as string, subject: {} as unknown as string })).toBe(true);
  });

  it("never throws and always answers a boolean", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), fc.string({ maxLength: 600 }), (author, subject) => {
        expect(typeof mayBeNoticeFromSummary({ author, subject })).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with the header pre-filter on the same From and Subject for system senders and notice subjects", () => {
    for (const [author, subject] of [
      ["Mail Delivery System <MAILER-DAEMON@mx1.mssante.fr>", "Compte rendu"],
      [colleague, "Undelivered Mail Returned to Sender"],
      [colleague, "Lu : Ordonnance"],
      [colleague, "Patient commun"],
    ] as const) {
      const headers = [
        { name: "From", value: author },
        { name: "Subject", value: subject },
      ];
      expect(mayBeNoticeFromSummary({ author, subject })).toBe(looksLikeNotice(headers));
    }
  });
});
