/**
 * One sender and subject table for the summary filter, the header pre-filter and the
 * classifier: what the classifier reads as a notice's subject or sender, the filters let
 * through.
 */
import { describe, expect, it } from "vitest";
import { looksLikeNotice, mayBeNoticeFromSummary } from "../../../src/core/notices/index.js";
import { fromMailSystem, subjectLooksLikeNotice } from "../../../src/core/notices/plaintext.js";
import { isFailureSubject, isPatientPlatformAddress, isReceiptSubject } from "../../../src/core/notices/senders-subjects.js";

const ORDINARY_SENDER = "Dr Durand <dr.durand@medecin.mssante.fr>";

describe("notice subjects", () => {
  it.each([
    "Undelivered Mail Returned to Sender",
    "Delivery Status Notification (Failure)",
    "Delivery Status Notification (Delay)",
    "Mail delivery failed: returning message to sender",
    "Undeliverable: Compte rendu",
    "Échec de distribution : Compte rendu",
    "Echec de distribution : RDV",
    "Non remis : Ordonnance",
    "Remise différée : Courrier",
    "Delayed Mail (still being retried)",
    "Warning: message 44OAa1Xq012345 still undelivered after 4 hours",
  ])("%s: a failure or delay for the classifier, and let through by both filters", (subject) => {
    expect(isFailureSubject(subject)).toBe(true);
    expect(subjectLooksLikeNotice(subject)).toBe(true);
    expect(mayBeNoticeFromSummary({ author: ORDINARY_SENDER, subject })).toBe(true);
    expect(looksLikeNotice(`From: ${ORDINARY_SENDER}\r\nSubject: ${subject}\r\n\r\n`)).toBe(true);
  });

  it.each(["Lu : Résultats", "Not read: Appointment", "Read: Appointment", "Accusé de lecture : Résultats"])(
    "%s: a receipt, let through by both filters, not a failure",
    (subject) => {
      expect(isReceiptSubject(subject)).toBe(true);
      expect(isFailureSubject(subject)).toBe(false);
      expect(mayBeNoticeFromSummary({ author: ORDINARY_SENDER, subject })).toBe(true);
      expect(looksLikeNotice(`From: ${ORDINARY_SENDER}\r\nSubject: ${subject}\r\n\r\n`)).toBe(true);
    },
  );

  it.each(["Compte rendu de consultation", "Re: votre demande", "Ordonnance du 12 mars"])("%s: ordinary", (subject) => {
    expect(isFailureSubject(subject)).toBe(false);
    expect(isReceiptSubject(subject)).toBe(false);
    expect(mayBeNoticeFromSummary({ author: ORDINARY_SENDER, subject })).toBe(false);
  });
});

describe("notice senders", () => {
  it.each([
    "Mail Delivery System <MAILER-DAEMON@mx.example.org>",
    "postmaster@hopital.example",
    "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
    "Mon espace santé <no-reply@patient.mssante.fr>",
    "Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@clinique.onmicrosoft.com>",
  ])("%s: a mail system for the classifier, let through by both filters", (from) => {
    expect(fromMailSystem(from, undefined)).toBe(true);
    expect(mayBeNoticeFromSummary({ author: from, subject: "x" })).toBe(true);
    expect(looksLikeNotice(`From: ${from}\r\nSubject: x\r\n\r\n`)).toBe(true);
  });

  it("the platform's no-reply is recognised; a patient's own address is not a mail system", () => {
    expect(isPatientPlatformAddress("no-reply@patient.mssante.fr")).toBe(true);
    expect(isPatientPlatformAddress("NoReply@Patient.MSSante.fr")).toBe(true);
    expect(isPatientPlatformAddress("295109912611193@patient.mssante.fr")).toBe(false);
    expect(isPatientPlatformAddress("no-reply@example.org")).toBe(false);
    expect(fromMailSystem("Jeanne <295109912611193@patient.mssante.fr>", undefined)).toBe(false);
  });

  it("Exchange Online's report mailbox is a mail system only with its whole hexadecimal number", () => {
    for (const from of ["Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@a.example>", "microsoftexchange00000000000000000000000000000000@a.example"]) {
      expect(fromMailSystem(from, undefined), from).toBe(true);
      expect(mayBeNoticeFromSummary({ author: from, subject: "Kohaletoimetamatu: Proovikiri" }), from).toBe(true);
    }
    for (const from of ["Microsoft Outlook <dr.durand@medecin.mssante.fr>", "MicrosoftExchange Team <exchange329e@a.example>", "microsoftexchange329e71ec88ae4615bbc36ab6ce4110@a.example"]) {
      expect(fromMailSystem(from, undefined), from).toBe(false);
      expect(mayBeNoticeFromSummary({ author: from, subject: "Kohaletoimetamatu: Proovikiri" }), from).toBe(false);
    }
  });
});
