/**
 * Issue 11: read receipts (RFC 8098 MDN) with a missing or sloppy
 * `Disposition:` field.
 *
 * 1. A `multipart/report; report-type=disposition-notification` from the patient's own
 *    address, subject "Lu : …", whose report part has no `Disposition:` field (or one that
 *    cannot be parsed), is reported as a BOUNCE (`action: failed`, reason `other`): the
 *    professional is told the message was not delivered, when the only thing the patient's
 *    side sent is a (malformed) read receipt. Expected: not a bounce — a receipt whose
 *    disposition is unknown, or nothing.
 * 2. `Disposition: manual-action/MDN-sent-manually displayed` (the `;` forgotten, as some
 *    clients write it) is read as `processed`, so the message is not shown as read although
 *    the word `displayed` is there. Expected: `displayed`.
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import { mail, PATIENT } from "./notice-builders.js";

function receipt(dispositionLine: string): string {
  return mail({
    from: `<${PATIENT}>`,
    subject: "Lu : Résultats",
    contentType: 'multipart/report; report-type=disposition-notification; boundary="b"',
    body:
      "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVotre message a été lu.\r\n" +
      "--b\r\nContent-Type: message/disposition-notification\r\n\r\n" +
      "Reporting-UA: client.example\r\n" +
      `Final-Recipient: rfc822; ${PATIENT}\r\n` +
      "Original-Message-ID: <o1@medecin.mssante.fr>\r\n" +
      dispositionLine +
      "\r\n--b--",
  });
}

describe("read receipts with a missing or sloppy Disposition field", () => {
  it("a receipt without a Disposition field is not a bounce", async () => {
    const n = await classifyMessage(receipt(""));
    // was: kind "bounce", recipient action "failed", reason "other"
    expect(n.kind).not.toBe("bounce");
  });

  it("a receipt whose Disposition cannot be parsed is not a bounce", async () => {
    const n = await classifyMessage(receipt("Disposition: ; ; ;\r\n"));
    // was: kind "bounce"
    expect(n.kind).not.toBe("bounce");
  });

  it("'MDN-sent-manually displayed' without the semicolon is displayed", async () => {
    const n = await classifyMessage(receipt("Disposition: manual-action/MDN-sent-manually displayed\r\n"));
    expect(n.kind).toBe("receipt");
    // was: "processed"
    expect(n.recipients.map((r) => r.disposition?.type)).toEqual(["displayed"]);
  });
});
