/**
 * The patient platform's closed-mailbox notice (the one sentence quoted by Mon espace santé)
 * is recognised in every shape: any line wrapping, with or without accents, any case, any
 * transfer encoding, from any sender.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyMessage, looksLikeNotice, mayBeNoticeFromSummary } from "../../../src/core/notices/index.js";

const INS = ["295109912611193", "253072A07300443", "253072B07300470", "186022A21532523", "146026322000196"];

function sentence(address: string): string {
  return (
    `Le message que vous avez envoyé à "${address}" n'a pas pu être distribué car la messagerie ` +
    "Mon espace Santé de votre destinataire est clôturée"
  );
}

function stripAccents(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

/** Breaks the text at some of its spaces (the address is never cut: it has none). */
function wrap(text: string, breaks: readonly number[], eol: string): string {
  const words = text.split(" ");
  return words.map((w, i) => (i === 0 ? w : (breaks[i % breaks.length] ?? 0) === 0 ? ` ${w}` : `${eol}${w}`)).join("");
}

function changeCase(text: string, mode: number): string {
  if (mode === 1) return text.toUpperCase();
  if (mode === 2) return text.toLowerCase();
  if (mode === 3) return text.split("").map((c, i) => (i % 2 === 0 ? c.toUpperCase() : c.toLowerCase())).join("");
  return text;
}

function quotedPrintable(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = "";
  for (const b of bytes) {
    if (b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f && b !== 0x3d)) out += String.fromCharCode(b);
    else out += `=${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function base64(text: string): string {
  const b64 = Buffer.from(text, "utf8").toString("base64");
  return b64.replace(/.{1,76}/g, "$&\r\n");
}

const SENDERS = [
  "Mon espace santé <no-reply@patient.mssante.fr>",
  "Mail Delivery System <MAILER-DAEMON@mx.operateur.example>",
  "Notifications <notifications@operateur-mssante.example>",
  "Secrétariat <secretariat@cabinet.mssante.fr>",
];

function message(opts: { sender: string; encoding: "base64" | "quoted-printable" | "8bit"; body: string; subject: string }): string {
  const encoded =
    opts.encoding === "base64" ? base64(opts.body) : opts.encoding === "quoted-printable" ? quotedPrintable(opts.body) : opts.body;
  return [
    `From: ${opts.sender}`,
    "To: dr.martin@medecin.mssante.fr",
    `Subject: ${opts.subject}`,
    "Date: Mon, 13 May 2024 09:14:03 +0200",
    "Message-ID: <ndr-prop@example.org>",
    "Auto-Submitted: auto-generated",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    `Content-Transfer-Encoding: ${opts.encoding}`,
    "",
    encoded,
  ].join("\r\n");
}

describe("the patient platform's closed-mailbox sentence", () => {
  it("is a bounce for the patient's address, reason mailbox-closed, under any wrapping, accents, case, encoding and sender", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...INS),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 30 }),
        fc.constantFrom("\n", "\r\n", "\n  "),
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom<"base64" | "quoted-printable" | "8bit">("base64", "quoted-printable", "8bit"),
        fc.constantFrom(...SENDERS),
        fc.constantFrom("Échec de distribution : Résultats", "Echec de distribution : RDV", "Compte rendu"),
        async (ins, breaks, eol, strip, caseMode, encoding, sender, subject) => {
          const address = `${ins}@patient.mssante.fr`;
          let text = sentence(address);
          if (strip) text = stripAccents(text);
          text = wrap(changeCase(text, caseMode), breaks, eol);
          const n = await classifyMessage(message({ sender, encoding, body: `Bonjour,\r\n\r\n${text}\r\n`, subject }));
          expect(n.kind).toBe("bounce");
          expect(n.recipients).toHaveLength(1);
          expect(n.recipients[0]).toMatchObject({ address, reason: "mailbox-closed", ins, insValid: true, action: "failed" });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("is not a bounce when a person forwards it", async () => {
    const body = `---------- Forwarded message ---------\r\n${sentence("295109912611193@patient.mssante.fr")}\r\n`;
    const n = await classifyMessage(
      message({ sender: "Dr Durand <dr.durand@medecin.mssante.fr>", encoding: "8bit", body, subject: "Fwd: Échec de distribution : RDV" }),
    );
    expect(n.kind).toBe("none");
    expect(n.notNotice).toBe("forwarded");
  });

  it("the filters let the platform's notice through on its header alone", () => {
    const headers = [
      "From: Mon espace santé <no-reply@patient.mssante.fr>",
      "Subject: =?UTF-8?Q?=C3=89chec_de_distribution_:_R=C3=A9sultats?=",
      "Auto-Submitted: auto-generated",
      "",
    ].join("\r\n");
    expect(looksLikeNotice(headers)).toBe(true);
    expect(mayBeNoticeFromSummary({ author: "Mon espace santé <no-reply@patient.mssante.fr>", subject: "Résultats" })).toBe(true);
    expect(mayBeNoticeFromSummary({ author: "Secrétariat <s@cabinet.example>", subject: "Échec de distribution : RDV" })).toBe(true);
  });
});
