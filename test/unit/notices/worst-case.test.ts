/**
 * Every pattern of the classifier fed 256 KB of its own worst case: runs of the characters
 * its quantifiers and alternatives turn on. Only the result is checked; a pattern that
 * backtracks badly makes the test run into its time-out (time itself is the benchmark's).
 */
import { describe, expect, it } from "vitest";
import { cleanAddress } from "../../../src/core/notices/addresses.js";
import { fold } from "../../../src/core/notices/fold.js";
import { namedRecipients } from "../../../src/core/notices/formats/named-recipients.js";
import { bounded, parseContentType, parseHeaderBlock } from "../../../src/core/notices/headers.js";
import { htmlToText } from "../../../src/core/notices/html-text.js";
import { classifyMessage, looksLikeNotice, mayBeNoticeFromSummary } from "../../../src/core/notices/index.js";
import {
  fromMailSystem,
  isAutoReply,
  isChallenge,
  isReplyToNotice,
  notificationText,
  quotedSubject,
  readVerdict,
  textRecipients,
} from "../../../src/core/notices/plaintext.js";
import { findStatus, matchPhrases, replyCodeReason } from "../../../src/core/notices/reasons/match.js";
import { parseDispositionField, parseReportFields } from "../../../src/core/notices/report.js";
import {
  isAnyNoticeSubject,
  isFailureSubject,
  isListManagerText,
  isReceiptSubject,
  isSystemSenderText,
} from "../../../src/core/notices/senders-subjects.js";

const SIZE = 256 * 1024;

function fill(unit: string): string {
  return unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
}

/** The runs that make linear-looking patterns go quadratic when they are not. */
const WORST: Record<string, string> = {
  "<style": fill("<style"),
  "<script ": fill("<script "),
  "<": fill("<"),
  "<a ": fill("<a "),
  "<!--": fill("<!--"),
  "&": fill("&"),
  "&#": fill("&#1"),
  spaces: fill(" "),
  "spaces and tabs": fill(" \t"),
  newlines: fill("\n"),
  "blank lines with spaces": fill(" \n"),
  "digits and dots": fill("5.1."),
  digits: fill("5"),
  "@": fill("@"),
  "a@": fill("a@"),
  "a@b.": fill("a@b."),
  "a.": fill("a."),
  dashes: fill("-"),
  "header-like lines": fill("Final-Recipient: rfc822;\n"),
  "status lines": fill("Status: 5.1.1\n"),
  "reply line codes": fill("550-5.7.1 "),
  "reply line codes without spaces": fill("550-5.7.1"),
  "quoted words": fill("=?utf-8?q?a"),
  "phrase starts": fill("user "),
  "help desks": fill("please contact <help@isp.example> "),
  "requests to write elsewhere": fill("or send an e-mail message from another address to\nhelp@isp.example "),
  "block list words": fill("if you are not a spammer "),
  "phrase prefixes": fill("mailbox is "),
  "french phrase starts": fill("la messagerie mon espace sante de votre "),
  "accented letters": fill("é"),
  "base64 without its end": fill("QUJD") + "!",
  apostrophes: fill("n'a pas pu etre "),
  "angle addresses": fill("<a@b.c"),
  "to lines": fill("To: "),
  "equals signs": fill("="),
  "report fields of atext signs": fill("Final-Recipient: rfc822; a=/?") + "@a.b\n",
  "hash and digits": fill("#5"),
  "parentheses": fill("("),
  "semicolons": fill(";"),
  "host names that do not exist": fill("a.b.c does not exist "),
  "words that do not exist": fill("a does not exist"),
  "hosts not found": fill("host a.b.c not found "),
  "relay labels": fill("5.1.0 - a error 5.1.0 - "),
  "opening braces": fill("{"),
  "ISO-2022-JP escapes": fill("Diagnostic-Code: \u001b$B%f!<\u001b(B\n"),
  "braces and quotes": fill('{"\\'),
  "mailbox words before hosts": fill("mailbox user at a.b.c does not exist "),
  "unclosed ISO-2022-JP escapes": fill("Diagnostic-Code: a \u001b$B b \u001b(B c \u001b$B\n"),
  "encoded-word local parts": fill("rfc822; =?utf-8?B?Li4=?=@a.b.c\n"),
  "list manager's words": fill("not a member digest welcome to subscribe request moderateur editor(s) sign-off "),
  "camel-case names": fill("aB"),
  "message identifier fields": fill("Original-Message-ID: <a@b.c\n <a@b."),
  "message identifier words": fill("message id <a@b.c message-id "),
  "angle brackets without their end": fill("References: <a@b.c"),
  "named mailboxes not found": fill("user a not found on host a.b.c user "),
  "mailbox nouns before missing words": fill("user user unknown "),
  "mailbox names before 'is'": fill("l'utilisateur a est introuvable user is is not found sender user a is unknown "),
  "identifier runs on a field's line": fill("Message-ID: <a@b.c> <a@b.c>  Recipient: <a@b.c> "),
  "requests to write again": fill("send a message to a@b.c again envoyez votre message à\n a@b.c "),
  "hosts that take no mail now": fill("host does not accept mail at this time without tls "),
  "messages held back": fill("will be delivered to recipient with sera distribue au destinataire avec "),
  "domains said missing in French": fill("le domaine a.b est introuvable n'existe pas inexistant "),
  "sender labels before a line end": fill("Expéditeur :\nAbsender:\nde :\n"),
  "conditions of no delivery": fill("if not released within 72 hours it will not be delivered; "),
  "mailboxes at a named domain": fill("recipient a at domain b.c not found le destinataire a du domaine b.c est introuvable "),
  "abbreviations and sentence ends": fill("e.g. i.e. approx. 72.5 h. si bien, si sous 72 heures will not be\n"),
  "names of domains": fill("le nom de domaine a.b est introuvable de nom de "),
  "footers about held messages": fill("Note: messages a message was held, quarantined; a ete retenu will be delivered later. "),
  "held then refused": fill("was held and then rejected, a ete retenu puis supprime; will never be delivered. "),
  "negations before time limits": fill("not reviewed pas valide not within 24 hours, 550-5.1.1 "),
  "words of no delivery": fill("will not be delivered ne sera pas distribue Subject: will be delivered later\n"),
  "help desks asked to send": fill("please send to please send mail to "),
  "sender fields in other languages": fill("Od: Von: От: Da: a@b.c\n"),
  "senders said missing": fill("l'émetteur a@b.c l'adresse de l'emetteur  \n "),
  "recipients' own stops and next retries": fill("a@b.c: no further attempts; next retry\nb@c.d: delayed; next retry\n"),
  "signatures without their end": fill("Cordialement,\n\nTél. 01\nsupport@a.b\n"),
  "stops under a condition": fill("if a b c d, no further attempts sinon aucune autre tentative "),
  "senders between quote marks": fill("l'expéditeur « » du message « a@b.c » "),
  "contact labels in signatures": fill("Cordialement,\nCourriel : a@b.c\n-- \nE-mail: "),
  "conditions before stops": fill("si vous a, b, c car si le d, aucune autre tentative n'a if a, no further attempts "),
  "addresses listed after a signature's": fill("Cordialement,\na@b.c, a@b.c; <a@b.c>, "),
  "street numbers and delivered lists": fill("a@b.c\n450 avenue user\nwas delivered to:\na@b.c, a@b.c\n"),
  "stops said for the failed recipients only": fill(
    "a@b.c : echec\nb@c.d : en attente 421 4.4.2 remise differee\nPour les destinataires en echec, aucune autre " +
      "tentative; pour les destinataires en attente, nouvelle tentative dans for the failed recipients for recipients " +
      "that have ",
  ),
  "details naming recipients again": fill("  a@b.c : 550 5.0.0\n  b@c.d : 451 4.0.0\n\nDetails :\n  a@b.c : x\n  <b@c.d>\n"),
  "returned receipts": fill("Final-Recipient: rfc822; a@b.c\nDisposition: manual-action/MDN-sent-manually; displayed\n"),
  "table rows under a header": `Expéditeur ; Destinataire ; Code\n${fill("a@b.c ; a@b.c ; 550 5.1.1\n")}`,
  "one table row of addresses": `From | To\n|---|---|\n${fill("a@b.c | ")}`,
  "ruled lines without their rule": `${fill("| +: \t|--")}\na@b.c | a@b.c\n`,
  "column labels aligned with spaces": `${fill("Adresse de l'expéditeur  Sender address  ")}\n${fill("a@b.c  ")}`,
  "sender labels before addresses": fill("a@b.c\n expéditeur : <a@b.c>\n de la part de a@b.c \n"),
  "quoted cells of a CSV table": `Recipient,Sender,Status\n${fill('"a, ""b"" c" <a@b.c>,a@b.c,"550\n')}`,
  "a quote never closed in a table's row": `Expéditeur ; Destinataire\n${fill('"a@b.c ; ')}`,
  "table rows said delivered": `Expéditeur ; Destinataire ; Statut\n${fill("a@b.c ; a@b.c ; 250 2.0.0 2.1.5 450\n")}`,
  "the returned message's header as a table": `Original message:\nFrom | To | Subject\n${fill("a@b.c | a@b.c, a@b.c | x\n")}`,
  "tabs under labels aligned with spaces": `Expéditeur      Destinataire    Code\n${fill("a@b.c\t \t a@b.c  \t")}`,
  "ruled lines between rows": `From | To\n---\n${fill("a@b.c | a@b.c\n---\n")}`,
  "column labels in other languages": `${fill("Von | An | Aan | Destinatario | Objet | ")}\n${fill("a@b.c | ")}`,
  "quoted table rows": `> Expéditeur ; Destinataire ; Code\n${fill("> > >\t> a@b.c ; a@b.c ; 550\n")}\n${fill("> > ")}a@b.c`,
};

function notice(body: string, contentType = "text/plain; charset=utf-8"): string {
  return [
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>",
    "To: dr.martin@medecin.mssante.fr",
    "Subject: Undelivered Mail Returned to Sender",
    "MIME-Version: 1.0",
    `Content-Type: ${contentType}`,
    "",
    body,
  ].join("\r\n");
}

function htmlOnly(html: string): string {
  return notice(
    ["--b", "Content-Type: text/plain", "", " ", "--b", "Content-Type: text/html", "", html, "--b--", ""].join("\r\n"),
    'multipart/alternative; boundary="b"',
  );
}

function dsn(diagnostic: string): string {
  return notice(
    [
      "--r",
      "Content-Type: text/plain",
      "",
      "Delivery failed.",
      "--r",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.example.org",
      "",
      "Final-Recipient: rfc822; a@example.org",
      "Action: failed",
      "Status: 5.0.0",
      `Diagnostic-Code: smtp; ${diagnostic}`,
      "",
      "--r--",
      "",
    ].join("\r\n"),
    'multipart/report; report-type=delivery-status; boundary="r"',
  );
}

/** The worst case in a part's structured headers (read by mime-outline.ts), within the header limit. */
function partHeaders(worst: string): string {
  const value = worst.slice(0, 64 * 1024);
  return notice(
    ["--p", `Content-Type: text/plain; a=${value}`, `Content-Disposition: inline; b="${value}`, "", "Text.", "--p--", ""].join("\r\n"),
    'multipart/mixed; boundary="p"',
  );
}

/** A mailing-list manager's notice (formats/list-manager.ts), with the worst case as its text. */
function listManager(body: string): string {
  return ["From: cardio-admin@lists.example.org", "To: dr.martin@medecin.mssante.fr", "Subject: Refused",
    "List-Id: <cardio.lists.example.org>", "Content-Type: text/plain", "", `not a member ${body}`, ""].join("\r\n");
}

/** A multipart whose boundary never appears: read from its raw body (classify.ts). */
function brokenMultipart(body: string): string {
  return notice(body, 'multipart/mixed; boundary="never-used"');
}

const KINDS = ["bounce", "delay", "receipt", "none"];

describe.each(Object.entries(WORST))("256 KB of %s", (_name, worst) => {
  it.each([
    ["as a notice's text", notice],
    ["as a notice's only HTML", htmlOnly],
    ["as a DSN diagnostic", dsn],
    ["in a part's Content-Type and Content-Disposition", partHeaders],
    ["as the raw body of a multipart without boundaries", brokenMultipart],
    ["as a list manager's refusal", listManager],
  ])("%s", async (_where, wrap) => {
    const n = await classifyMessage(wrap(worst));
    expect(KINDS).toContain(n.kind);
  });

  it("in every text pattern", () => {
    expect(htmlToText(worst).length).toBeLessThanOrEqual(worst.length);
    expect(typeof fold(worst)).toBe("string");
    expect(matchPhrases(worst).strong).toBeInstanceOf(Array);
    expect(findStatus(worst) === null || /^\d\.\d+\.\d+$/.test(findStatus(worst) ?? "")).toBe(true);
    expect(["string", "object"]).toContain(typeof replyCodeReason(worst));
    const { notice: text } = notificationText(worst);
    expect(text.length).toBeLessThanOrEqual(worst.length);
    expect(typeof readVerdict(worst, worst).failure).toBe("boolean");
    expect(textRecipients(worst, { exclude: new Set(), fromDomain: "example.org" }).length).toBeLessThanOrEqual(100);
    expect(quotedSubject(worst) === null || typeof quotedSubject(worst) === "string").toBe(true);
    expect(typeof isChallenge(worst)).toBe("boolean");
    expect(typeof isAutoReply(worst, worst, { autoSubmitted: worst, xAutoreply: false, precedence: worst })).toBe("boolean");
    expect(typeof isReplyToNotice(worst)).toBe("boolean");
    expect(typeof fromMailSystem(worst, worst)).toBe("boolean");
    expect(cleanAddress(worst) === null || typeof cleanAddress(worst) === "string").toBe(true);
    expect(bounded(worst, 500).length).toBeLessThanOrEqual(500);
    expect(parseReportFields(worst).recipients.length).toBeGreaterThanOrEqual(0);
    expect(parseDispositionField(worst) === null || typeof parseDispositionField(worst) === "object").toBe(true);
    expect(typeof parseContentType(worst).type).toBe("string");
    expect(parseHeaderBlock(worst).fields.length).toBeGreaterThanOrEqual(0);
  });

  it("in the sender and subject tables and the filters", () => {
    for (const f of [isFailureSubject, isReceiptSubject, isAnyNoticeSubject, isSystemSenderText, isListManagerText]) {
      expect(typeof f(worst)).toBe("boolean");
    }
    expect(typeof mayBeNoticeFromSummary({ author: worst, subject: worst })).toBe("boolean");
    expect(typeof looksLikeNotice(`From: ${worst}\r\nSubject: ${worst}\r\n\r\n`)).toBe("boolean");
  });
});

describe("256 KB where a notice names recipients by display name only", () => {
  it("a notice of one repeated letter against To fields full of names made of it", () => {
    for (const unit of ["a", "a ", "aaaa\n"]) {
      const to = Array.from({ length: 400 }, (_, i) => `${"a".repeat(4 + (i % 7))} <a${String(i)}@clinic.example>`).join(", ");
      const fields = [{ name: "To", value: to }, { name: "Cc", value: fill(`${unit}<`) }];
      expect(namedRecipients([fields, fields], fill(unit)).length).toBeLessThanOrEqual(50);
    }
  });
});

describe("256 KB where a notice names the sender's namesake with a doctor's title", () => {
  it("titles written again and again before the name, against a namesake patient in To", () => {
    for (const unit of ["dr. ", "docteur ", "pr.", "dr jean martin", "dr. jean martin le 03/12 \n"]) {
      const fields = [
        { name: "From", value: "Dr Jean Martin <dr.martin@medecin.mssante.fr>" },
        { name: "To", value: "Jean Martin <295109912611193@patient.mssante.fr>" },
      ];
      const text = `Delivery has failed to these recipients or groups:\n${fill(unit)}`;
      expect(namedRecipients([fields], text).length).toBeLessThanOrEqual(1);
    }
  });
});

describe("256 KB in the fields a newer reader takes names from", () => {
  it("an SES bounce's type and subtype, and a list's List-Id, List-Post and subject", async () => {
    for (const worst of [fill("aB"), fill("a"), fill("<a."), fill(".")]) {
      const ses = JSON.stringify({
        eventType: "Bounce",
        bounce: { bounceType: worst, bounceSubType: worst, bouncedRecipients: [{ emailAddress: "a@clinic.example" }] },
      });
      const fromService = ["From: Notifications <no-reply@sns.service-envoi.example>", "To: dr.martin@medecin.mssante.fr",
        "Subject: AWS Notification Message", "Content-Type: text/plain", "", ses, ""].join("\r\n");
      expect(KINDS).toContain((await classifyMessage(fromService)).kind);
      const list = ["From: sympa@lists.example.org", "To: dr.martin@medecin.mssante.fr", `Subject: ${worst}`,
        `List-Id: <${worst}>`, `List-Post: <mailto:${worst}>`, "Content-Type: text/plain", "",
        `You are not subscribed to ${worst}`, ""].join("\r\n");
      expect(KINDS).toContain((await classifyMessage(list)).kind);
    }
  });
});
