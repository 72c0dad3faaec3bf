import { describe, expect, it } from "vitest";
import { looksLikeNotice } from "../../../src/core/notices/index.js";

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
