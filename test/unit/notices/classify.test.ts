import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";

const postfixBounce = (recipient: string, diagnostic: string) => `Return-Path: <>
From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
To: dr.martin@medecin.mssante.fr
Subject: Undelivered Mail Returned to Sender
Date: Fri, 22 Mar 2024 15:10:00 +0100

Delivery report from mx.example.net.

Your message could not be delivered to one of its recipients.

<${recipient}>: host mx.example.org[192.0.2.1] said: ${diagnostic}
`;

describe("input forms", () => {
  it("accepts a string, a Uint8Array and an ArrayBuffer alike", async () => {
    const text = postfixBounce("a@example.org", "550 5.1.1 User unknown");
    const bytes = new TextEncoder().encode(text);
    const results = await Promise.all([classifyMessage(text), classifyMessage(bytes), classifyMessage(bytes.buffer)]);
    for (const r of results) expect(r).toEqual(results[0]);
    expect(results[0].kind).toBe("bounce");
  });

  it("skips blank lines and an mbox separator before the headers", async () => {
    const n = await classifyMessage(`   \n\nFrom MAILER-DAEMON Fri Mar 22 15:10:00 2024\n${postfixBounce("a@example.org", "550 5.1.1 User unknown")}`);
    expect(n.kind).toBe("bounce");
    expect(n.recipients[0]?.address).toBe("a@example.org");
  });

  it("reads CRLF messages", async () => {
    const n = await classifyMessage(postfixBounce("a@example.org", "552 5.2.2 Mailbox full").replace(/\n/g, "\r\n"));
    expect(n.recipients[0]).toMatchObject({ address: "a@example.org", status: "5.2.2", reason: "mailbox-full" });
  });

  it("gives 'none' for empty or unreadable input", async () => {
    expect((await classifyMessage("")).kind).toBe("none");
    expect((await classifyMessage(new Uint8Array([0xff, 0xfe, 0x00, 0x01]))).kind).toBe("none");
  });
});

describe("what is not a bounce", () => {
  it("a person replying about a bounce", async () => {
    const n = await classifyMessage(`From: Sophie <s.laurent@cabinet-exemple.fr>
To: informatique@cabinet-exemple.fr
Subject: Re: Undelivered Mail Returned to Sender

Je ne comprends pas ce message :
> Your message could not be delivered.
> <a@example.org>: 550 5.1.1 User unknown
`);
    expect(n).toMatchObject({ kind: "none", notNotice: "ordinary" });
  });

  it("a parcel notice from a no-reply address", async () => {
    const n = await classifyMessage(`From: Transporteur <noreply@colis.example>
To: secretariat@cabinet-exemple.fr
Subject: Votre colis

We were unable to deliver your parcel today. It could not be delivered because nobody was home.
`);
    expect(n.kind).toBe("none");
  });

  it("a vacation reply in English", async () => {
    const n = await classifyMessage(`From: John Smith <john@example.org>
To: dr.martin@medecin.mssante.fr
Subject: Automatic reply: Discharge summary
Auto-Submitted: auto-replied

I am out of the office until Monday.
`);
    expect(n).toMatchObject({ kind: "none", notNotice: "auto-reply" });
  });

  it("a challenge-response request", async () => {
    const n = await classifyMessage(`From: Spam Guard <noreply@guard.example>
To: dr.martin@medecin.mssante.fr
Subject: Please verify your message

Your message has been waitlisted. Please add yourself to my Guest List so your messages
are delivered. Click the following link to confirm and deliver your message.
`);
    expect(n).toMatchObject({ kind: "none", notNotice: "challenge" });
  });

  it("a webmail complaint loop report", async () => {
    const n = await classifyMessage(`From: staff@webmail.example
To: fbl@cabinet-exemple.fr
Subject: complaint about message from 192.0.2.9
Content-Type: text/plain

A user marked your message as spam.
`);
    expect(n).toMatchObject({ kind: "none", notNotice: "complaint" });
  });
});

describe("recipients of plain-text notices", () => {
  it("leaves out the sender, postmaster and addresses in URLs", async () => {
    const n = await classifyMessage(`From: Mail Delivery System <Mailer-Daemon@mx.example.net>
To: sender@cabinet-exemple.fr
Subject: Mail delivery failed: returning message to sender

A message sent by

  <sender@cabinet-exemple.fr>

was not delivered. Permanent failure for these address(es):

  victim@example.org
    SMTP error from remote mail server after RCPT TO:<victim@example.org>:
    550 5.1.1 No such user. See https://help.example.net/?u=other@example.org
    For help, contact postmaster@example.net
`);
    expect(n.recipients.map((r) => r.address)).toEqual(["victim@example.org"]);
    expect(n.recipients[0]).toMatchObject({ status: "5.1.1", reason: "unknown-recipient" });
  });

  it("never reports a help desk's address as the one that failed, even when the notice names no other", async () => {
    const n = await classifyMessage(`From: MAILER-DAEMON@relay.isp.example (Mail Delivery System)
To: sender@cabinet-exemple.fr
Subject: Undelivered Mail Returned to Sender

I'm sorry to have to inform you that the message returned
below could not be delivered to one or more destinations.

For further assistance, please contact <support@isp.example>
If you do so, please include this problem report.
`);
    expect(n.kind).toBe("bounce");
    expect(n.recipients).toEqual([]);
  });

  it("never reports a help desk named again in a sentence of another language (no 'please contact' before it)", async () => {
    const n = await classifyMessage(`From: MAILER-DAEMON@relay.isp.example (Mail Delivery System)
To: sender@cabinet-exemple.fr
Subject: Undelivered Mail Returned to Sender

I'm sorry to have to inform you that the message returned
below could not be delivered to one or more destinations.

For further assistance, please contact <support@isp.example>

Bei Fragen wenden Sie sich bitte an <support@isp.example>, mit diesem Bericht.
`);
    expect(n.kind).toBe("bounce");
    expect(n.recipients).toEqual([]);
  });

  it("reads a report pasted as text after an ISP's notice: its recipient, not the help desk", async () => {
    const n = await classifyMessage(`From: MAILER-DAEMON@mail.isp.example
To: sender@cabinet-exemple.fr
Subject: Undelivered Mail Returned to Sender
Content-Type: text/plain; charset=utf-8

The message returned below could not be delivered to one or more destinations.
For further assistance, please contact <support@isp.example>
Bei Fragen wenden Sie sich bitte an <support@isp.example>.

From MAILER-DAEMON  Thu May 16 09:41:05 2024
Return-Path: <>
From: MAILER-DAEMON@relay.isp.example (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: sender@cabinet-exemple.fr
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="r"

--r
Content-Type: text/plain

Your message could not be delivered.

--r
Content-Type: message/delivery-status

Reporting-MTA: dns; relay.isp.example

Final-Recipient: rfc822; victim@example.org
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

--r--
`);
    expect(n.recipients.map((r) => [r.address, r.reason])).toEqual([["victim@example.org", "unknown-recipient"]]);
  });

  it("leaves out a help desk given on its own line, in French, and keeps the address that failed", async () => {
    const n = await classifyMessage(`From: Serveur de messagerie <postmaster@mss.operateur.example>
To: dr.martin@cabinet.mssante.fr
Subject: Non remis : Compte rendu

Votre message n'a pas pu être remis au destinataire suivant :

  jean.dupont@clinique.mssante.fr
    550 5.1.1 Adresse inconnue

Pour toute question, écrivez à :
  assistance@operateur.example
ou contactez <hotline@operateur.example>.
`);
    expect(n.recipients.map((r) => r.address)).toEqual(["jean.dupont@clinique.mssante.fr"]);
    expect(n.recipients[0]).toMatchObject({ status: "5.1.1", reason: "unknown-recipient" });
  });

  it("reports a postmaster that the notice names as the only one that failed", async () => {
    const n = await classifyMessage(`From: Mail Delivery System <Mailer-Daemon@mx.example.net>
To: sender@cabinet-exemple.fr
Subject: Mail delivery failed

Your message could not be delivered to <postmaster@clinic.example>.
550 5.1.1 No such user
`);
    expect(n.recipients.map((r) => [r.address, r.reason])).toEqual([["postmaster@clinic.example", "unknown-recipient"]]);
  });

  it("leaves a postmaster out beside another failed address, at the reporting domain, or as a help desk", async () => {
    const beside = await classifyMessage(`From: Mail Delivery System <Mailer-Daemon@mx.example.net>
To: sender@cabinet-exemple.fr
Subject: Mail delivery failed

Your message could not be delivered to victim@example.org and to postmaster@clinic.example.
`);
    expect(beside.recipients.map((r) => r.address)).toEqual(["victim@example.org"]);
    for (const line of ["Please send mail to postmaster@clinic.example", "Write to postmaster@mx.example.net"]) {
      const n = await classifyMessage(`From: Mail Delivery System <Mailer-Daemon@mx.example.net>
To: sender@cabinet-exemple.fr
Subject: Mail delivery failed

Your message could not be delivered.
${line}
`);
      expect(n.recipients).toEqual([]);
    }
  });

  it("uses X-Failed-Recipients", async () => {
    const n = await classifyMessage(`From: Mail Delivery System <Mailer-Daemon@mx.example.net>
To: sender@cabinet-exemple.fr
X-Failed-Recipients: one@example.org, two@example.org
Subject: Mail delivery failed: returning message to sender

Generated automatically by the mail software.
Your message could not be delivered to some of its recipients.
`);
    expect(n.recipients.map((r) => r.address)).toEqual(["one@example.org", "two@example.org"]);
  });

  it("completes AOL-style screen names with the sender's domain", async () => {
    const n = await classifyMessage(`From: Mail Delivery Subsystem <MAILER-DAEMON@aol.example>
To: sender@cabinet-exemple.fr
Subject: Mail Delivery Problem

Your mail to the following recipients could not be delivered:
	screenname
`);
    expect(n.recipients.map((r) => r.address)).toEqual(["screenname@aol.example"]);
  });

  it("reads the address from the subject when the body names none", async () => {
    const n = await classifyMessage(`From: Postmaster <postmaster@example.org>
To: sender@cabinet-exemple.fr
Subject: Undeliverable: someone@example.org

Your message could not be delivered.
`);
    expect(n.recipients.map((r) => r.address)).toEqual(["someone@example.org"]);
  });

  it("does not read the returned message as part of the notice", async () => {
    const n = await classifyMessage(`From: MAILER-DAEMON@mx.example.net
To: sender@cabinet-exemple.fr
Subject: failure notice

Hello, this is the delivery program at mx.example.net.
Your message could not be delivered to the addresses below.

<good@example.org>:
Sorry, no mailbox here by that name. (#5.1.1)

--- A copy of your message follows.

To: good@example.org
Cc: <notme@example.org>:
Message-ID: <orig-1@cabinet-exemple.fr>
Subject: Hello
`);
    expect(n.recipients.map((r) => r.address)).toEqual(["good@example.org"]);
    expect(n.original).toMatchObject({ messageId: "<orig-1@cabinet-exemple.fr>", subject: "Hello" });
  });
});

describe("reports", () => {
  it("a DSN relayed as an attachment of a gateway's notice is read", async () => {
    const inner = postfixBounce("x@example.org", "550 5.1.1 User unknown")
      .replace("Subject: Undelivered", 'Content-Type: multipart/report; report-type=delivery-status; boundary="in"\nSubject: Undelivered')
      .concat("\n--in\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; x@example.org\nAction: failed\nStatus: 5.1.1\n\n--in--\n");
    const outer = `From: postmaster@gateway.example
To: dr.martin@medecin.mssante.fr
Subject: Delivery Status Notification (Failure)
Content-Type: multipart/mixed; boundary="out"

--out
Content-Type: message/rfc822

${inner}
--out--
`;
    const n = await classifyMessage(outer);
    expect(n).toMatchObject({ kind: "bounce", format: "dsn" });
    expect(n.recipients[0]).toMatchObject({ address: "x@example.org", status: "5.1.1" });
  });

  it("a DSN with the same recipient twice keeps the most final outcome", async () => {
    const n = await classifyMessage(`From: MAILER-DAEMON@mx.example.net
Content-Type: multipart/report; report-type=delivery-status; boundary="b"
Subject: Delivery Status Notification

--b
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; x@example.org
Action: delayed
Status: 4.4.1

Final-Recipient: rfc822; x@example.org
Action: failed
Status: 5.4.7

--b--
`);
    expect(n.kind).toBe("bounce");
    expect(n.recipients).toHaveLength(1);
    expect(n.recipients[0]).toMatchObject({ action: "failed", reason: "expired" });
  });

  it("bounds the diagnostic", async () => {
    const n = await classifyMessage(postfixBounce("a@example.org", `550 5.1.1 ${"very long text ".repeat(200)}`));
    expect(n.recipients[0]?.diagnostic?.length).toBeLessThanOrEqual(500);
  });
});

describe("a multipart whose MIME structure is broken", () => {
  const notice = (attachment: string, reply = "550 User unknown"): string =>
    [
      "From: MAILER-DAEMON@mx.example.org",
      "To: dr.martin@medecin.mssante.fr",
      "Subject: Returned mail: see transcript for details",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="never-used"',
      "",
      "   ----- The following addresses had permanent fatal errors -----",
      "<secretariat@cabinet.example.org>",
      `    (reason: ${reply})`,
      "",
      "Content-Type: application/pdf",
      "Content-Transfer-Encoding: base64",
      "",
      attachment,
      "",
    ].join("\r\n");

  it("is read from its raw body", async () => {
    const n = await classifyMessage(notice(""));
    expect(n.kind).toBe("bounce");
    expect(n.recipients.map((r) => [r.address, r.reason])).toEqual([["secretariat@cabinet.example.org", "unknown-recipient"]]);
  });

  it("leaves out the lines of encoded data, whose letters may spell a phrase", async () => {
    // "/quota" in the encoded data would read as a full mailbox.
    const base64 = "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFIvRmlsdGVyIC9GbGF0ZURlY29k/quota+A9";
    const without = await classifyMessage(notice("", "554 Service unavailable"));
    const n = await classifyMessage(notice(`${base64}\r\n${base64}`, "554 Service unavailable"));
    expect(n.recipients[0]?.reason).not.toBe("mailbox-full");
    expect(n.recipients).toEqual(without.recipients);
  });

  it("is not how a person's message whose parts are all attachments is read: file names are not a notice", async () => {
    const pdf = Buffer.from(`%PDF-1.4 ${"x".repeat(600)}`).toString("base64");
    const n = await classifyMessage(
      [
        "From: Dr Alain Petit <alain.petit@clinique.mssante.fr>",
        "To: dr.martin@cabinet.mssante.fr",
        "Subject: Courrier non distribué au patient - compte rendu",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="b1"',
        "",
        "--b1",
        'Content-Type: application/pdf; name="message non distribue - undeliverable.pdf"',
        'Content-Disposition: attachment; filename="message non distribue - undeliverable.pdf"',
        "Content-Transfer-Encoding: base64",
        "",
        pdf,
        "--b1--",
        "",
      ].join("\r\n"),
    );
    expect(n).toMatchObject({ kind: "none", notNotice: "ordinary" });
  });

  it("is not how a mail system's message with readable parts but no text is read", async () => {
    const n = await classifyMessage(
      [
        "From: MAILER-DAEMON@mx.example.org",
        "To: dr.martin@medecin.mssante.fr",
        "Subject: Rapport quotidien",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="b1"',
        "",
        "--b1",
        'Content-Type: application/octet-stream; name="user unknown - delivery failed.csv"',
        "Content-Transfer-Encoding: base64",
        "",
        Buffer.from("date;count\n2025-10-14;3\n").toString("base64"),
        "--b1--",
        "",
      ].join("\r\n"),
    );
    expect(n.kind).toBe("none");
  });
});
