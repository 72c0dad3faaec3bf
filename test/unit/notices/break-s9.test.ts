/**
 * Hostile review of four rules: a whole-field address with `=`, `/` or `?` in its local part
 * (rule 1), Exim's X-Exim-Diagnostic (rule 2), a server that did not offer TLS (rule 3) and
 * Exchange Online's `MicrosoftExchange<32 hex>` report mailbox (rule 4). Each finding is one
 * `it` under "found", its input built in the test, with what came out before the fix in a
 * comment. The attacks the rules withstood are kept under "withstood".
 */
import { describe, expect, it } from "vitest";
import { cleanAddress } from "../../../src/core/notices/addresses.js";
import { classifyMessage } from "../../../src/core/notices/index.js";
import type { Notice } from "../../../src/core/notices/types.js";
import { dsn, mail, textBounce } from "./notice-builders.js";

const INS = "295109912611193";
const PATIENT = `${INS}@patient.mssante.fr`;
const EXCHANGE = "Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@clinique.onmicrosoft.com>";

const crlf = (lines: readonly string[]): string => lines.join("\r\n");
const failed = (n: Notice): [string, string | null][] => n.recipients.map((r) => [r.address.toLowerCase(), r.reason]);

/** A report with one recipient block, written by `Mailer-Daemon` (Postfix's or Exim's shape). */
function report(block: readonly string[], human = "Your message could not be delivered."): string {
  return mail({
    from: "Mail Delivery System <MAILER-DAEMON@relay.cabinet.example>",
    subject: "Undelivered Mail Returned to Sender",
    extraHeaders: "Auto-Submitted: auto-replied\r\n",
    contentType: 'multipart/report; report-type=delivery-status; boundary="rep"',
    body:
      `--rep\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n${human}\r\n\r\n` +
      "--rep\r\nContent-Type: message/delivery-status\r\n\r\n" +
      "Reporting-MTA: dns; relay.cabinet.example\r\n\r\n" +
      `${crlf(block)}\r\n\r\n--rep--`,
  });
}

/** Postfix's own words about a recipient (its `X-Postfix` diagnostic), as it bounces after retrying. */
function postfixOwn(status: string, words: string): string {
  return report([
    "Final-Recipient: rfc822; laboratoire@bio-analyses.example",
    "Action: failed",
    `Status: ${status}`,
    `Diagnostic-Code: X-Postfix; ${words}`,
  ]);
}

/** Exim's report of a failed recipient (Status 5.0.0, as Exim writes it), with these fields too. */
function exim(fields: readonly string[]): string {
  return report(["Action: failed", "Final-Recipient: rfc822;laboratoire@bio-analyses.example", "Status: 5.0.0", ...fields]);
}

/** Exchange Online's report mailbox writing a plain message. */
function fromExchange(subject: string, body: readonly string[]): string {
  return mail({ from: EXCHANGE, subject, body: crlf(body) });
}

describe("found", () => {
  describe("rule 3: Postfix's own words for a TLS session it requires and the remote does not give", () => {
    it("'TLS is required, but was not offered by host …' (4.7.4) is not the sender refused", async () => {
      // Before the fix: sender-rejected ("tls is required" is read as the REMOTE demanding TLS).
      // Postfix with smtp_tls_security_level=encrypt: the sending side requires TLS and the
      // remote server does not offer STARTTLS. The doctor is told their own server was refused.
      const n = await classifyMessage(postfixOwn("4.7.4", "TLS is required, but was not offered by host mx.bio-analyses.example[203.0.113.40]"));
      expect(n.kind).toBe("bounce");
      const [r] = failed(n);
      expect(r?.[0]).toBe("laboratoire@bio-analyses.example");
      expect(["network-error", "expired"]).toContain(r?.[1]);
    });

    it("'TLS is required, but host … refused to start TLS: 454 4.7.0 TLS not available' is not the sender refused", async () => {
      // Before the fix: sender-rejected.
      const n = await classifyMessage(postfixOwn(
        "4.7.4",
        "TLS is required, but host mx.bio-analyses.example[203.0.113.40] refused to start TLS: 454 4.7.0 TLS not available due to local problem",
      ));
      expect(["network-error", "expired"]).toContain(failed(n)[0]?.[1]);
    });

    it("'Cannot start TLS: handshake failure' (4.7.5) is not a refused content", async () => {
      // Before the fix: content-rejected (X.7.5 "cryptographic failure" is read as a content refusal).
      const n = await classifyMessage(postfixOwn("4.7.5", "Cannot start TLS: handshake failure"));
      expect(["network-error", "expired"]).toContain(failed(n)[0]?.[1]);
    });

    it("Exim's 'a TLS session is required, but an attempt to start TLS failed' is a network error", async () => {
      // Before the fix: other.
      const n = await classifyMessage(exim(["X-Exim-Diagnostic: X-str; a TLS session is required, but an attempt to start TLS failed"]));
      expect(failed(n)).toEqual([["laboratoire@bio-analyses.example", "network-error"]]);
    });
  });

  describe("rule 4: what Exchange Online's report mailbox writes that is no failure", () => {
    it("a recall report ('the message could not be recalled') is not a bounce naming the patient", async () => {
      // Before the fix: a bounce for the patient. The message WAS delivered (the recall failed
      // because it was read); the doctor would be told the patient never got it. The same text
      // from a person, or from a mailbox outside the rule, is not a notice.
      const n = await classifyMessage(fromExchange("Message Recall Report for message: Résultats d'analyse", [
        "Message recall report",
        "",
        `Recipient: ${PATIENT}`,
        "Recall status: Failed. The message could not be recalled because it has already been read.",
        "",
      ]));
      expect(n.kind).toBe("none");
    });
  });

  describe("rule 1: an address with = / ? in its local part", () => {
    it("a mailto URI's query (`?cc=…`) is not a local part: no patient-domain address made of it", async () => {
      // Before the fix: `secretariat?cc=295109912611193@patient.mssante.fr`, shown as the
      // patient domain's failed recipient. In a mailto URI `?` starts the header fields
      // (RFC 6068), it is never a letter of the address.
      expect(cleanAddress(`<mailto:secretariat?cc=${PATIENT}>`)).toBeNull();
      expect(cleanAddress("mailto:a?subject=x@y.example")).toBeNull();
      const n = await classifyMessage(report([
        "Action: failed",
        `Final-Recipient: rfc822;<mailto:secretariat?cc=${PATIENT}>`,
        "Status: 5.1.1",
      ]));
      expect(n.recipients.map((r) => r.address.toLowerCase())).not.toContain(`secretariat?cc=${PATIENT}`);
      expect(n.recipients.map((r) => r.address.toLowerCase())).not.toContain(PATIENT);
    });

    it("a whole-field address followed by a comment keeps its whole local part", async () => {
      // Before the fix: `#43@panda.com` (someone else's mailbox), and the patient's address cut
      // out of `x=<INS>@patient.mssante.fr`: the rule held only when nothing followed the address.
      expect(cleanAddress("rfc822; mango-=#43@panda.com (Mango)")).toBe("mango-=#43@panda.com");
      expect(cleanAddress("rfc822; SRS0=Ab1c=XY=exemple.fr=jean@relais.example (via relais)"))
        .toBe("SRS0=Ab1c=XY=exemple.fr=jean@relais.example");
      const n = await classifyMessage(report([
        "Action: failed",
        `Final-Recipient: rfc822; x=${PATIENT} (Mme Durand)`,
        "Status: 5.1.1",
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown",
      ]));
      expect(failed(n)).toEqual([[`x=${PATIENT}`, "unknown-recipient"]]);
    });
  });
});

describe("TLS the sending server requires, in other words", () => {
  it.each([
    // 5.0.0 as Exim writes it: 5.7.10 ("encryption needed") is the remote server demanding it.
    ["Exchange", "5.0.0", "The remote SMTP service does not support TLS"],
    ["French", "5.0.0", "Le serveur distant ne propose pas TLS : le message n'a pas été envoyé"],
    ["French, STARTTLS", "5.0.0", "mx.bio-analyses.example ne propose pas STARTTLS"],
    ["French, handshake", "5.0.0", "Échec de la négociation TLS avec mx.bio-analyses.example"],
  ])("%s: « %s » %s is a network error", async (_, status, words) => {
    const n = await classifyMessage(postfixOwn(status, words));
    expect(failed(n)).toEqual([["laboratoire@bio-analyses.example", "network-error"]]);
  });

  it.each(["530 5.7.0 TLS obligatoire pour ce domaine", "530 5.7.0 Chiffrement obligatoire : envoyez STARTTLS d'abord"])(
    "the remote server demanding TLS in French is the sender refused: %s",
    async (words) => {
      const n = await classifyMessage(postfixOwn("5.7.0", words));
      expect(failed(n)).toEqual([["laboratoire@bio-analyses.example", "sender-rejected"]]);
    },
  );
});

describe("found beside the rules", () => {
  it("Exchange's IMCEAEX wrapping in Original-Recipient gives way to the Final-Recipient's address", async () => {
    const block = (original: string): string[] => [
      `Original-Recipient: rfc822;${original}`,
      "Final-Recipient: rfc822;jean.dupont@chu.example",
      "Action: failed",
      "Status: 5.1.1",
      "Diagnostic-Code: smtp; 550 5.1.1 RESOLVER.ADR.RecipNotFound; not found",
    ];
    const wrapped = "IMCEAEX-_O=CHU_OU=EXCHANGE+20ADMINISTRATIVE+20GROUP_CN=RECIPIENTS_CN=jdupont@chu.example";
    expect(failed(await classifyMessage(report(block(wrapped))))).toEqual([["jean.dupont@chu.example", "unknown-recipient"]]);
    // Alone, the report still names one recipient from it.
    const alone = report(["Final-Recipient: rfc822;" + wrapped, "Action: failed", "Status: 5.1.1"]);
    expect(failed(await classifyMessage(alone))).toHaveLength(1);
  });

  it("a person whose From is an address alone (no name) is no mail system: their words about a failure are no bounce", async () => {
    // Before the fix: the name left once the address was taken out is empty, and an empty name
    // was read as the null sender's: the message became a bounce naming the patient.
    for (const from of ["<jean.martin@contoso.example>", "jean.martin@contoso.example"]) {
      const n = await classifyMessage(
        mail({
          from,
          subject: "Message pour votre patiente",
          body: `Bonjour,\r\nvotre message n'a pas pu être remis à <${PATIENT}> hier, je crois.\r\nJean`,
        }),
      );
      expect(n.kind, from).toBe("none");
    }
    // The null sender, and a report from an address alone, are still read as a mail system's.
    const nullSender = await classifyMessage(
      mail({ from: "<>", subject: "Message pour votre patiente", body: `Your message could not be delivered to <${PATIENT}>:\r\n550 5.1.1 User unknown` }),
    );
    expect(nullSender.kind).toBe("bounce");
  });
});

describe("withstood", () => {
  describe("rule 1", () => {
    it.each([
      ["rfc822;/C=FR/ADMD=ATLAS/PRMD=CHU/O=HOPITAL/S=DUPONT/G=JEAN/@gw.chu.example", "/C=FR/ADMD=ATLAS/PRMD=CHU/O=HOPITAL/S=DUPONT/G=JEAN/@gw.chu.example"],
      ["x400; /C=FR/O=X/S=Dupont/", null],
      [`rfc822;SRS0=AbCd=XY=patient.mssante.fr=${INS}@fwd.example`, `SRS0=AbCd=XY=patient.mssante.fr=${INS}@fwd.example`],
      ["\"Dr X\" <a=b@example.org>", "a=b@example.org"],
      ["rfc822; user+3Dfoo@example.org", "user=foo@example.org"],
      ["=?utf-8?B?am9obg==?=@example.org", "john@example.org"],
      ["=?utf-8?Q?jean=40evil.example?=@example.org", null],
      ["=?utf-8?Q?a?=b?=@example.org", null],
      ["=?utf-8?Q?a?= =?utf-8?Q?b?=@example.org", null],
      [`=?utf-8?q?2951099126111=3F93?=@patient.mssante.fr`, null],
      ["mailto:jean@chu.example?subject=x", "jean@chu.example"],
      [`mailto:dr.martin@medecin.mssante.fr?cc=${PATIENT}`, "dr.martin@medecin.mssante.fr"],
      ["<https://a.example/?u=x@y.example>", "x@y.example"],
      // A plain address before a comment holding one with a sign: the plain one, as before.
      ["Dr Martin dr.martin@x.example (a=b@y.example)", "dr.martin@x.example"],
      ["Jean <a=b@x.example> (c=d@y.example)", "a=b@x.example"],
    ])("%s → %s", (raw, expected) => {
      expect(cleanAddress(raw)).toBe(expected);
    });

    it("no value with a sign before the INS is taken for the patient's valid address", async () => {
      for (const local of [`?=${INS}`, `a/${INS}`, `${INS}?`, `prvs=0123456789=${INS}`]) {
        const n = await classifyMessage(dsn(`${local}@patient.mssante.fr`, "5.1.1", "550 5.1.1 user unknown"));
        expect(n.recipients.map((r) => r.address.toLowerCase()), local).toEqual([`${local}@patient.mssante.fr`]);
      }
    });

    it("a URL in a notice's subject gives no patient address", async () => {
      const n = await classifyMessage(textBounce(
        "Your message could not be delivered.\r\n",
        `Undeliverable: https://portail.example/?patient=${PATIENT}`,
      ));
      expect(n.recipients.map((r) => r.address.toLowerCase())).not.toContain(PATIENT);
    });

    it("Exim's text naming a BATV address and its X-Failed-Recipients give the whole address once", async () => {
      const n = await classifyMessage(mail({
        from: "Mail Delivery System <Mailer-Daemon@mx.cabinet.example>",
        subject: "Mail delivery failed: returning message to sender",
        extraHeaders: "X-Failed-Recipients: prvs=0123456789=jean@chu.example\r\nAuto-Submitted: auto-replied\r\n",
        body: crlf([
          "A message that you sent could not be delivered to one or more of its",
          "recipients. This is a permanent error. The following address(es) failed:",
          "",
          "  prvs=0123456789=jean@chu.example",
          "    SMTP error from remote mail server after RCPT TO:<prvs=0123456789=jean@chu.example>:",
          "    550 5.1.1 User unknown",
          "",
        ]),
      }));
      expect(failed(n)).toEqual([["prvs=0123456789=jean@chu.example", "unknown-recipient"]]);
    });
  });

  describe("rule 2", () => {
    it("a Diagnostic-Code wins over X-Exim-Diagnostic", async () => {
      const n = await classifyMessage(exim([
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown",
        "X-Exim-Diagnostic: X-str; a TLS session is required, but the server did not offer TLS support",
      ]));
      expect(failed(n)).toEqual([["laboratoire@bio-analyses.example", "unknown-recipient"]]);
    });

    it("X-Exim-Diagnostic about the sender's own address (sender verify) is the sender refused", async () => {
      const n = await classifyMessage(exim([
        "X-Exim-Diagnostic: X-str; sender verify failed: 550 5.1.1 <dr.martin@medecin.mssante.fr>: user unknown",
      ]));
      expect(failed(n)).toEqual([["laboratoire@bio-analyses.example", "sender-rejected"]]);
    });

    it("X-Exim-Diagnostic on a delivered record makes no failure", async () => {
      const n = await classifyMessage(report([
        "Action: delivered",
        "Final-Recipient: rfc822;laboratoire@bio-analyses.example",
        "Status: 2.0.0",
        "X-Exim-Diagnostic: X-str; TLS handshake failed, delivered in clear",
      ]));
      expect(n.kind).toBe("receipt");
    });
  });

  describe("rule 3: TLS demanded by the remote server stays the sender refused", () => {
    it.each([
      ["5.7.0", "530 5.7.0 Must issue a STARTTLS command first"],
      ["5.7.1", "550 5.7.1 This server requires TLS; your server does not offer STARTTLS"],
      ["5.7.1", "550 5.7.1 Client does not support STARTTLS, TLS required"],
      ["5.7.1", "550 5.7.1 Your server did not offer TLS: encryption is mandatory here"],
      ["5.7.3", "451 5.7.3 STARTTLS is required to send mail"],
      ["5.7.1", "550 5.7.1 Connexion non chiffrée refusée : TLS obligatoire"],
    ])("%s %s", async (status, said) => {
      const n = await classifyMessage(dsn("jean@cabinet.example.org", status, said));
      expect(failed(n)).toEqual([["jean@cabinet.example.org", "sender-rejected"]]);
    });

    it("a recipient's own cause beside a TLS word keeps it", async () => {
      const a = await classifyMessage(dsn("jean@cabinet.example.org", "5.1.1", "TLS handshake failed; retried without TLS: 550 5.1.1 user unknown"));
      expect(failed(a)).toEqual([["jean@cabinet.example.org", "unknown-recipient"]]);
      const b = await classifyMessage(dsn("jean@cabinet.example.org", "5.2.2", "550 5.2.2 mailbox full (the server did not offer TLS, sent in clear)"));
      expect(failed(b)).toEqual([["jean@cabinet.example.org", "mailbox-full"]]);
    });
  });

  describe("rule 4", () => {
    it.each([
      ["Delivered: Résultats", ["Your message has been delivered to the following recipients:", "", `${PATIENT} (${PATIENT})`, "", "Subject: Résultats"]],
      ["Remis : Résultats", ["Votre message a été remis aux destinataires suivants :", "", `${PATIENT} (${PATIENT})`]],
      ["Relayed: Résultats", ["Delivery to these recipients or groups is complete, but no delivery notification was sent by the destination server:", "", PATIENT]],
      ["Meeting Forward Notification: RCP", ["Your meeting was forwarded", "", `Jean Dupont <jean.dupont@chu.example> has forwarded your meeting request to additional recipients.`, "", `Recipients: ${PATIENT}`]],
      ["Your mailbox is almost full", ["Your mailbox is almost full.", "", "Your mailbox size: 49.1 GB", "When your mailbox reaches 49.5 GB you won't be able to send messages."]],
      ["Message Recall Failure: Résultats", ["Your message", "", `   To: ${PATIENT}`, "   Subject: Résultats", "   Sent: 01/12/2025 10:00", "", "could not be recalled on 01/12/2025 10:05."]],
    ])("%s from the report mailbox is not a failure", async (subject, body) => {
      const n = await classifyMessage(fromExchange(subject, body));
      expect(["none", "receipt"]).toContain(n.kind);
    });

    it("the report mailbox is never a failed recipient, and a 31-digit look-alike is no mail system", async () => {
      const n = await classifyMessage(fromExchange("Undeliverable: Résultats", [
        `Your message to ${PATIENT} couldn't be delivered.`,
        "",
        "Generating server: MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@clinique.onmicrosoft.com",
        "Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'",
      ]));
      expect(failed(n)).toEqual([[PATIENT, "unknown-recipient"]]);
      const person = await classifyMessage(mail({
        from: "Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce4110@clinique.onmicrosoft.com>",
        subject: "Bonjour",
        body: `Votre message n'a pas pu être remis à ${PATIENT}.`,
      }));
      expect(person.kind).toBe("none");
    });
  });
});
