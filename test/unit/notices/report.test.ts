import { describe, expect, it } from "vitest";
import { findReportText, parseDispositionField, parseReportFields } from "../../../src/core/notices/report.js";
import { cleanAddress, displayAddress, isAddress, patientInfo } from "../../../src/core/notices/addresses.js";
import { decodeHeaderValue, headerStart, normalizeDate, parseContentType, parseHeaderBlock, parseHeaderText } from "../../../src/core/notices/headers.js";

describe("delivery status fields", () => {
  it("splits the per-message block from one block per recipient", () => {
    const fields = parseReportFields(
      [
        "Reporting-MTA: dns; mx.example.net",
        "Arrival-Date: Fri, 22 Mar 2024 15:09:58 +0100",
        "",
        "Final-Recipient: rfc822; a@example.org",
        "Action: failed",
        "Status: 5.1.1",
        "Diagnostic-Code: smtp; 550 5.1.1 User",
        "  unknown",
        "",
        "Final-Recipient: rfc822; b@example.org",
        "Action: delivered",
        "Status: 2.0.0",
      ].join("\r\n"),
    );
    expect(fields.perMessage.get("reporting-mta")).toBe("dns; mx.example.net");
    expect(fields.recipients).toHaveLength(2);
    expect(fields.recipients[0]?.get("diagnostic-code")).toBe("smtp; 550 5.1.1 User unknown");
    expect(fields.recipients[1]?.get("action")).toBe("delivered");
  });

  it("copes with missing blank lines and with Final- before Original-Recipient", () => {
    const fields = parseReportFields(
      [
        "Reporting-MTA: dns; mx.example.net",
        "Final-Recipient: rfc822; final@example.org",
        "Original-Recipient: rfc822; original@example.org",
        "Action: failed",
        "Status: 5.0.0",
        "Final-Recipient: rfc822; second@example.org",
        "Action: failed",
        "Status: 5.1.1",
      ].join("\n"),
    );
    expect(fields.recipients).toHaveLength(2);
    expect(fields.recipients[0]?.get("original-recipient")).toBe("rfc822; original@example.org");
    expect(fields.recipients[1]?.get("final-recipient")).toBe("rfc822; second@example.org");
  });

  it("finds report fields in a malformed message (no blank line after part headers)", () => {
    const raw = "--B\nContent-Type: message/disposition-notification\nFinal-Recipient: rfc822; x@example.org\nDisposition: automatic-action/MDN-sent-automatically; processed/Error: 902^Unknown\n--B\n";
    const found = findReportText(raw, true);
    expect(found).toContain("Final-Recipient");
    expect(found).not.toContain("--B");
    expect(findReportText("nothing here", false)).toBeNull();
  });
});

describe("disposition field", () => {
  it.each([
    ["manual-action/MDN-sent-manually; displayed", { type: "displayed", mode: "manual", modifiers: "" }],
    ["automatic-action/MDN-sent-automatically; deleted", { type: "deleted", mode: "automatic", modifiers: "" }],
    ["automatic-action/MDN-sent-automatically; processed/Error: 902^x", { type: "processed", mode: "automatic", modifiers: "Error: 902^x" }],
    ["displayed", { type: "displayed", mode: null, modifiers: "" }],
  ])("%s", (value, expected) => {
    expect(parseDispositionField(value)).toEqual(expected);
  });

  it("gives null for an empty field", () => {
    expect(parseDispositionField("")).toBeNull();
  });
});

describe("field values in ISO-2022-JP (Lotus Domino)", () => {
  it("are decoded; other values are kept", () => {
    const jis = "\u001b$B8+$D$+$j$^$;$s\u001b(B";
    const fields = parseReportFields(`Final-Recipient: rfc822; a@example.org\nDiagnostic-Code: X-Notes; a ${jis}\n`);
    expect(fields.recipients[0]?.get("diagnostic-code")).toBe("X-Notes; a 見つかりません");
    const odd = parseReportFields(`Final-Recipient: rfc822; a@example.org\nDiagnostic-Code: é \u001b$B\n`);
    expect(odd.recipients[0]?.get("diagnostic-code")).toBe("é \u001b$B");
  });
});

describe("addresses", () => {
  it.each([
    ["rfc822; a@example.org", "a@example.org"],
    ["RFC822; <a@example.org>", "a@example.org"],
    ["rfc822;a+tag@example.org", "a+tag@example.org"],
    ["utf-8; élodie@exemple.fr", "élodie@exemple.fr"],
    ["utf-8; \\x{E9}lodie@exemple.fr", "élodie@exemple.fr"],
    ["rfc822; a+2Bb@example.org", "a+b@example.org"],
    ['"Jean Dupont" <jean@example.org>', "jean@example.org"],
    ["[SMTP:userx@example.com]", "userx@example.com"],
    ["mailto:someone@example.org.", "someone@example.org"],
    ["not an address", null],
    ["david...@gmail.com", null],
    // A local part written as an encoded word: decoded, when it decodes to a plain local part.
    ["rfc822; =?utf-8?B?8J+QiPCfkIg=?=@example.org", "\u{1F408}\u{1F408}@example.org"],
    ["<=?utf-8?Q?secr=C3=A9tariat?=@example.org>", "secrétariat@example.org"],
    ["=?utf-8?Q?a=20b?=@example.org", null],
    ["=?utf-8?Q?a=40b?=@example.org", null],
    ["=?utf-8?Q?ab?=@localhost", null],
    // A value that is one address: `=`, `/` and `?` are letters of its local part (RFC 5322 atext).
    ["rfc822; mango-=#43@panda.com", "mango-=#43@panda.com"],
    ["<SRS0=Ab1c=XY=exemple.fr=jean@relais.example>", "SRS0=Ab1c=XY=exemple.fr=jean@relais.example"],
    ["rfc822;prvs=0123456789=jean@exemple.fr", "prvs=0123456789=jean@exemple.fr"],
    ["rfc822; a/b?c@exemple.fr", "a/b?c@exemple.fr"],
    ["rfc822; =jean@exemple.fr.", "=jean@exemple.fr"],
    // Not one address: the one inside is taken, never the text around it.
    ["see https://lists.example/?unsubscribe=jean@exemple.fr", "jean@exemple.fr"],
    ["rfc822; a=b..c@exemple.fr", null],
  ])("%s → %s", (raw, expected) => {
    expect(cleanAddress(raw)).toBe(expected);
  });

  it("checks the syntax", () => {
    expect(isAddress("a@b.example")).toBe(true);
    expect(isAddress(".a@b.example")).toBe(false);
    expect(isAddress("a@localhost")).toBe(false);
  });

  it("recognises patient addresses and checks their INS", () => {
    expect(patientInfo("295109912611193@patient.mssante.fr")).toEqual({ ins: "295109912611193", insValid: true });
    expect(patientInfo("295109912611199@PATIENT.MSSANTE.FR")).toEqual({ ins: "295109912611199", insValid: false });
    expect(patientInfo("253072a07300443@patient.mssante.fr")).toEqual({ ins: "253072A07300443", insValid: true });
    expect(patientInfo("someone@medecin.mssante.fr")).toBeNull();
    expect(displayAddress("253072a07300443@Patient.MSSante.fr")).toBe("253072A07300443@patient.mssante.fr");
    expect(displayAddress("Someone@Example.ORG")).toBe("Someone@Example.ORG");
  });
});

describe("headers", () => {
  it("unfolds, stops at the blank line and skips leading blank and mbox lines", () => {
    const text = "   \nFrom MAILER-DAEMON Mon Jan  1 00:00:00 2024\nSubject: a\n b\nFrom: x@example.org\n\nbody";
    const fields = parseHeaderText(text);
    expect(fields).toEqual([
      { name: "Subject", value: "a b" },
      { name: "From", value: "x@example.org" },
    ]);
    const bytes = new TextEncoder().encode(text);
    expect(new TextDecoder().decode(bytes.subarray(headerStart(bytes))).startsWith("Subject:")).toBe(true);
  });

  it("ends the block at a line that is not a field", () => {
    const { fields, bodyStart } = parseHeaderBlock("Content-Type: text/plain\nLe document n'a pas pu être intégré.\n");
    expect(fields).toHaveLength(1);
    expect(bodyStart).toBe("Content-Type: text/plain\n".length);
  });

  it("reads content types, encoded words and dates", () => {
    const ct = parseContentType('multipart/report; report-type="delivery-status"; boundary=abc');
    expect(ct.type).toBe("multipart/report");
    expect(ct.params.get("report-type")).toBe("delivery-status");
    expect(decodeHeaderValue("=?utf-8?Q?Non_remis_:_R=C3=A9sultats?=")).toBe("Non remis : Résultats");
    expect(normalizeDate("Wed, 20 Sep 1995 00:19:00 (EDT) -0400")).toBe("1995-09-20T04:19:00.000Z");
    expect(normalizeDate("not a date")).toBe("not a date");
    expect(normalizeDate(undefined)).toBeNull();
  });
});
