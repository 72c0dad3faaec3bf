import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  classifyMessage,
  explainRecipient,
  looksLikeNotice,
  MAX_DIAGNOSTIC_CHARS,
  MAX_RECIPIENTS,
  REASONS,
  summarizeNotice,
  type Notice,
} from "../../../src/core/notices/index.js";
import { say } from "../../../src/core/i18n/catalogs.js";
import type { Message } from "../../../src/core/i18n/text.js";

const fr = (text: Message | undefined): string => (text === undefined ? "" : say(text, "fr"));
const en = (text: Message | undefined): string => (text === undefined ? "" : say(text, "en"));

const DIR = fileURLToPath(new URL("../../fixtures/notices/", import.meta.url));
const FIXTURES = readdirSync(DIR)
  .filter((f) => f.endsWith(".eml"))
  .sort()
  .map((f) => readFileSync(`${DIR}${f}`));

const KINDS = ["bounce", "delay", "receipt", "none"];
const ACTIONS = [null, "failed", "delayed", "delivered", "relayed", "expanded"];

/** What every result must look like, whatever the input. */
function expectWellFormed(n: Notice): void {
  expect(KINDS).toContain(n.kind);
  expect(n.notNotice === null).toBe(n.kind !== "none");
  expect(n.recipients.length).toBeLessThanOrEqual(MAX_RECIPIENTS);
  if (n.kind === "none") expect(n.recipients).toHaveLength(0);
  for (const r of n.recipients) {
    expect(typeof r.address).toBe("string");
    expect(r.address).toContain("@");
    expect(ACTIONS).toContain(r.action);
    if (r.reason !== null) expect(REASONS).toContain(r.reason);
    if (r.status !== null) expect(r.status).toMatch(/^[245]\.\d{1,3}\.\d{1,3}$/);
    if (r.diagnostic !== null) expect(r.diagnostic.length).toBeLessThanOrEqual(MAX_DIAGNOSTIC_CHARS);
    expect(r.ins === null).toBe(r.insValid === null);
    const explained = explainRecipient(r);
    expect(fr(explained.title)).not.toBe("");
    expect(en(explained.title)).not.toBe("");
  }
  if (n.subject !== null) expect(n.subject.length).toBeLessThanOrEqual(300);
  const summary = summarizeNotice(n);
  expect(fr(summary)).not.toBe("");
  expect(() => JSON.stringify(n)).not.toThrow();
}

/** Any string, lone surrogates included. */
const anyText = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 600 });

/** Lines a notice is made of, shuffled into messages that look half right. */
const noticeLine = fc.constantFrom(
  "From: MAILER-DAEMON@mx.example.net",
  "From: Dr A <a@medecin.mssante.fr>",
  "Return-Path: <>",
  "Subject: Undelivered Mail Returned to Sender",
  "Subject: Lu : Ordonnance",
  "Subject: =?utf-8?Q?Non_remis=C2=A0:?=",
  'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
  'Content-Type: multipart/report; report-type=disposition-notification; boundary="b"',
  "Content-Type: message/delivery-status",
  "Content-Type: message/rfc822",
  "Content-Transfer-Encoding: base64",
  "Content-Transfer-Encoding: quoted-printable",
  "--b",
  "--b--",
  "",
  "Final-Recipient: rfc822; 295109912611193@patient.mssante.fr",
  "Original-Recipient: utf-8; élodie@exemple.fr",
  "Action: failed",
  "Action: delayed",
  "Status: 5.2.1",
  "Status: 4.4.7",
  "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
  "Disposition: automatic-action/MDN-sent-automatically; deleted",
  "Disposition: manual-action/MDN-sent-manually; displayed/error",
  "<x@example.org>:",
  "la messagerie Mon espace Santé de votre destinataire est clôturée",
  "Sorry, no mailbox here by that name. (#5.1.1)",
  "=C3=A9=\r",
  "    folded continuation",
  "\u0000\u0001\uffff\ud800",
);
const noticeish = fc
  .tuple(fc.array(noticeLine, { maxLength: 40 }), fc.constantFrom("\n", "\r\n"))
  .map(([lines, eol]) => lines.join(eol));

describe("never throws, always well-formed", () => {
  it("on arbitrary bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        expectWellFormed(await classifyMessage(bytes));
        expect(typeof looksLikeNotice(new TextDecoder().decode(bytes))).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });

  it("on arbitrary strings and ArrayBuffers", async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        expectWellFormed(await classifyMessage(text));
        expectWellFormed(await classifyMessage(new TextEncoder().encode(text).buffer));
        expect(typeof looksLikeNotice(text)).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });

  it("on messages made of notice lines", async () => {
    await fc.assert(
      fc.asyncProperty(noticeish, async (text) => {
        expectWellFormed(await classifyMessage(text));
        expect(typeof looksLikeNotice(text)).toBe("boolean");
      }),
      { numRuns: 400 },
    );
  });

  it("on fixtures cut short or with bytes changed", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: FIXTURES.length - 1 }),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }),
        async (which, cut, flips) => {
          const original = FIXTURES[which] ?? Buffer.alloc(0);
          const bytes = new Uint8Array(original.subarray(0, cut % (original.length + 1)));
          for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
          expectWellFormed(await classifyMessage(bytes));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("on header lists with odd names and values", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: anyText, value: anyText }), { maxLength: 20 }), (headers) => {
        expect(typeof looksLikeNotice(headers)).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });
});

describe("bounded on large or hostile input", () => {
  const cases: [string, string][] = [
    ["thousands of MIME parts", `From: MAILER-DAEMON@x.example\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n${"--b\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@b.example\nAction: failed\nStatus: 5.1.1\n\n".repeat(20000)}--b--\n`],
    ["one huge line", `From: MAILER-DAEMON@x.example\nSubject: failure notice\n\n${"x".repeat(3_000_000)}`],
    ["addresses everywhere", `From: MAILER-DAEMON@x.example\nSubject: Undeliverable\n\n${Array.from({ length: 5000 }, (_, i) => `<user${i}@example.org>:\nNo such user\n`).join("")}`],
    ["deep nesting", `From: MAILER-DAEMON@x.example\nContent-Type: multipart/mixed; boundary=b0\n\n${Array.from({ length: 3000 }, (_, i) => `--b${i}\nContent-Type: multipart/mixed; boundary=b${i + 1}\n\n`).join("")}`],
    ["folded header bomb", `Subject: x\n${" a\n".repeat(300000)}\nbody`],
    ["at signs and dots", `From: postmaster@x.example\nSubject: Undeliverable\n\n${"a.".repeat(200000)}@${"b.".repeat(200000)}`],
  ];

  it.each(cases)("%s", async (_, text) => {
    const started = performance.now();
    const notice = await classifyMessage(text);
    expectWellFormed(notice);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("reports at most MAX_RECIPIENTS recipients", async () => {
    const text = cases[2]?.[1] ?? "";
    const notice = await classifyMessage(text);
    expect(notice.kind).toBe("bounce");
    expect(notice.recipients).toHaveLength(MAX_RECIPIENTS);
  });
});
