/**
 * A bounce of the doctor's own read receipt: the doctor's Thunderbird sent an RFC 8098 receipt
 * (`Original-Message-ID`, `Disposition`, `Final-Recipient`) and a mail system returned it,
 * pasted as text under its notice or attached. Found in review: the receipt's
 * `Original-Message-ID` (a `<…@…>` identifier) was named as the failed recipient, the
 * receipt's own `Final-Recipient` (the doctor) too, and an attached receipt made the whole
 * notice a read receipt. It is a bounce of the address the receipt was sent to, as the notice
 * names it; never a receipt, never a message identifier.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import type { Notice } from "../../../src/core/notices/types.js";

const PATIENT = "255081416802538@patient.mssante.fr";
const ME = "dr.martin@medecin.mssante.fr";

const crlf = (lines: readonly string[]): string => lines.join("\r\n");

/** The receipt's machine-readable fields, as the doctor's mail client writes them. */
function receiptFields(id: string): string[] {
  return [
    "Reporting-UA: cabinet.example; Thunderbird",
    `Final-Recipient: rfc822;${ME}`,
    `Original-Message-ID: <${id}>`,
    "Disposition: manual-action/MDN-sent-manually; displayed",
  ];
}

/** The doctor's whole receipt to the patient. */
function receipt(id: string): string {
  return crlf([
    `From: Dr Martin <${ME}>`,
    `To: ${PATIENT}`,
    "Subject: Lu : Vos résultats",
    "Date: Mon, 1 Dec 2025 09:00:00 +0100",
    `Message-ID: <mdn.${id}>`,
    `In-Reply-To: <${id}>`,
    `References: <first.${id}>`,
    ` <${id}>`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=disposition-notification; boundary="mdn"',
    "",
    "--mdn",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Le message a été affiché.",
    "",
    "--mdn",
    "Content-Type: message/disposition-notification",
    "",
    ...receiptFields(id),
    "",
    "--mdn--",
    "",
  ]);
}

function header(extra: readonly string[] = []): string[] {
  return [
    "From: Mail Delivery System <MAILER-DAEMON@relay.example.net>",
    `To: ${ME}`,
    "Subject: Undelivered Mail Returned to Sender",
    "Date: Mon, 1 Dec 2025 10:00:00 +0100",
    "Message-ID: <notice-1@relay.example.net>",
    ...extra,
    "MIME-Version: 1.0",
  ];
}

/** The ways a mail system returns the receipt; each names the patient's address once, its own way. */
const SHAPES: Record<string, (id: string) => string> = {
  "its fields pasted under a notice that names the address in X-Failed-Recipients": (id) =>
    crlf([...header([`X-Failed-Recipients: ${PATIENT}`]), "Content-Type: text/plain; charset=utf-8", "",
      "Your message could not be delivered.", "", ...receiptFields(id), ""]),
  "its fields pasted under a notice that names the address in its text": (id) =>
    crlf([...header(), "Content-Type: text/plain; charset=utf-8", "",
      "Your message could not be delivered to the following recipient:", "", `  ${PATIENT}`,
      "  550 5.1.1 user unknown", "", ...receiptFields(id), ""]),
  "its fields pasted after a delivery report pasted as text": (id) =>
    crlf([...header(), "Content-Type: text/plain; charset=utf-8", "",
      "Your message could not be delivered.", "", `Final-Recipient: rfc822; ${PATIENT}`, "Action: failed",
      "Status: 5.1.1", "", ...receiptFields(id), ""]),
  "the whole receipt pasted after the notice": (id) =>
    crlf([...header([`X-Failed-Recipients: ${PATIENT}`]), "Content-Type: text/plain; charset=utf-8", "",
      "Your message could not be delivered.", "", receipt(id)]),
  "the whole receipt pasted after a copy line": (id) =>
    crlf([...header(), "Content-Type: text/plain; charset=utf-8", "",
      "This message was created automatically by mail delivery software.", "",
      "A message that you sent could not be delivered to one or more of its recipients.", "",
      `  ${PATIENT}`, "    host mx.patient.example: 550 5.1.1 user unknown", "",
      "------ This is a copy of the message, including all the headers. ------", "", receipt(id)]),
  "the receipt attached to a notice that names the address in its text": (id) =>
    crlf([...header(), 'Content-Type: multipart/mixed; boundary="X"', "", "--X",
      "Content-Type: text/plain; charset=utf-8", "", `Delivery to ${PATIENT} failed: 550 5.1.1 user unknown`, "",
      "--X", "Content-Type: message/rfc822", "", receipt(id), "--X--", ""]),
  "the receipt attached to a report without a delivery-status part": (id) =>
    crlf([...header([`X-Failed-Recipients: ${PATIENT}`]),
      'Content-Type: multipart/report; report-type=delivery-status; boundary="X"', "", "--X",
      "Content-Type: text/plain; charset=utf-8", "", "Your message could not be delivered.", "",
      "--X", "Content-Type: message/rfc822", "", receipt(id), "--X--", ""]),
  "the receipt attached to a delivery report": (id) =>
    crlf([...header(), 'Content-Type: multipart/report; report-type=delivery-status; boundary="X"', "", "--X",
      "Content-Type: text/plain; charset=utf-8", "", "Your message could not be delivered.", "",
      "--X", "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; relay.example.net", "",
      `Final-Recipient: rfc822; ${PATIENT}`, "Action: failed", "Status: 5.1.1", "",
      "--X", "Content-Type: message/rfc822", "", receipt(id), "--X--", ""]),
};

const addresses = (n: Notice): string[] => n.recipients.map((r) => r.address.toLowerCase());

describe("a bounce of the doctor's own read receipt", () => {
  it.each(Object.entries(SHAPES))("%s: a bounce of the patient's address", async (_name, shape) => {
    const n = await classifyMessage(shape("20251201.4f2a.abc@cabinet.example.org"));
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
  });

  it("a returned receipt attached to a notice that names no address: a bounce of the receipt's addressee", async () => {
    const n = await classifyMessage(crlf([...header(), 'Content-Type: multipart/mixed; boundary="X"', "", "--X",
      "Content-Type: text/plain; charset=utf-8", "", "Delivery failed.", "",
      "--X", "Content-Type: message/rfc822", "", receipt("o1@cabinet.example.org"), "--X--", ""]));
    // was: kind "receipt", the doctor's own address as the reader
    expect(n.kind).toBe("bounce");
    expect(n.recipients).toMatchObject([{ address: PATIENT, action: "failed", ins: "255081416802538" }]);
  });

  it("a returned receipt pasted under a notice that names no address: a bounce of the receipt's addressee", async () => {
    const n = await classifyMessage(crlf([...header(), "Content-Type: text/plain; charset=utf-8", "",
      "Your message could not be delivered.", "",
      "------ This is a copy of the message, including all the headers. ------", "", receipt("o1@cabinet.example.org")]));
    // was: a bounce naming no one
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
  });

  it("withstood: a returned message that is not a receipt gives no address from its To", async () => {
    const plain = receipt("o1@cabinet.example.org").replace(/multipart\/report; report-type=disposition-notification/,
      "multipart/mixed");
    const n = await classifyMessage(crlf([...header(), "Content-Type: text/plain; charset=utf-8", "",
      "Your message could not be delivered.", "",
      "------ This is a copy of the message, including all the headers. ------", "", plain]));
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([]);
  });

  it("a mail system's message carrying the doctor's own receipt, in words it does not know, is no receipt", async () => {
    const n = await classifyMessage(crlf([
      "From: Mail Delivery System <MAILER-DAEMON@relay.example.net>", `To: ${ME}`, "Subject: Notification",
      "MIME-Version: 1.0", 'Content-Type: multipart/mixed; boundary="X"', "", "--X",
      "Content-Type: text/plain; charset=utf-8", "", "Zprava nebyla dorucena.", "",
      "--X", "Content-Type: message/rfc822", "", receipt("o1@cabinet.example.org"), "--X--", ""]));
    expect(n.kind).not.toBe("receipt");
    expect(n.kind).not.toBe("delay");
  });

  it("withstood: a patient's receipt passed on by a gateway is still the patient's receipt", async () => {
    const patientReceipt = receipt("o1@medecin.mssante.fr")
      .replace(`From: Dr Martin <${ME}>`, `From: <${PATIENT}>`)
      .replace(`To: ${PATIENT}`, `To: ${ME}`)
      .replace(`Final-Recipient: rfc822;${ME}`, `Final-Recipient: rfc822;${PATIENT}`);
    const n = await classifyMessage(crlf([
      "From: postmaster@gateway.example", `To: ${ME}`, "Subject: Notification", "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="X"', "", "--X", "Content-Type: message/rfc822", "",
      patientReceipt, "--X--", ""]));
    expect(n.kind).toBe("receipt");
    expect(addresses(n)).toEqual([PATIENT]);
  });
});

/** Message identifiers as mail software writes them: dotted dates, `$`, `+`, `=`, dashes, any domain. */
const messageId = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9.$+=_-]{0,38}[A-Za-z0-9]$/),
    fc.stringMatching(/^[a-z0-9]{1,12}(?:\.[a-z0-9-]{1,12}){0,3}\.[a-z]{2,6}$/),
  )
  .map(([left, right]) => `${left}@${right}`)
  .filter((id) => !id.includes("..") && id.toLowerCase() !== PATIENT && id.toLowerCase() !== ME);

describe("a message identifier is never a recipient", () => {
  it.each(Object.entries(SHAPES))("%s", async (_name, shape) => {
    await fc.assert(
      fc.asyncProperty(messageId, async (id) => {
        const n = await classifyMessage(shape(id));
        expect(n.kind).toBe("bounce");
        expect(addresses(n)).toEqual([PATIENT]);
      }),
      { numRuns: 40 },
    );
  });

  it("in a notice that quotes identifiers on their own lines and after the words « message id »", async () => {
    await fc.assert(
      fc.asyncProperty(messageId, messageId, async (a, b) => {
        const n = await classifyMessage(crlf([...header([`X-Failed-Recipients: ${PATIENT}`]),
          "Content-Type: text/plain; charset=utf-8", "", "Your message could not be delivered.", "",
          `Message ID: <${a}>`, `References: <first@cabinet.example>`, `  <${b}>`, ""]));
        expect(n.kind).toBe("bounce");
        expect(addresses(n)).toEqual([PATIENT]);
      }),
      { numRuns: 40 },
    );
  });
});

describe("withstood: recipients next to quoted identifiers", () => {
  it("an indented recipient line right after an Original-Message-ID line is still the recipient", async () => {
    const n = await classifyMessage(crlf([...header(), "Content-Type: text/plain; charset=utf-8", "",
      "Your message could not be delivered.", "", "Original-Message-ID: <o1@cabinet.example.org>",
      `   <${PATIENT}>: 550 5.1.1 user unknown`, ""]));
    expect(n.kind).toBe("bounce");
    expect(addresses(n)).toEqual([PATIENT]);
    expect(n.recipients[0]?.reason).toBe("unknown-recipient");
  });

  it("an address written out beside a message identifier on a References line is not taken", async () => {
    const n = await classifyMessage(crlf([...header([`X-Failed-Recipients: ${PATIENT}`]),
      "Content-Type: text/plain; charset=utf-8", "", "Your message could not be delivered.", "",
      "References: <a.1@cabinet.example.org>", "  <b.2@cabinet.example.org> <c.3@cabinet.example.org>", ""]));
    expect(addresses(n)).toEqual([PATIENT]);
  });
});
