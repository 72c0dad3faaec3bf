import { describe, expect, it } from "vitest";
import { summaryOf } from "../../../eval/summary.js";

describe("summaryOf", () => {
  it("reads the first From and Subject of the header block, unfolded", () => {
    const text = "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\r\nReceived: x\r\nSubject: Undelivered\r\n  Mail Returned\r\nFROM: Mail Delivery System\r\n\t<MAILER-DAEMON@x.example>\r\nFrom: second@x.example\r\n\r\nSubject: in the body\r\n";
    expect(summaryOf(text)).toEqual({ author: "Mail Delivery System <MAILER-DAEMON@x.example>", subject: "Undelivered Mail Returned" });
  });

  it("gives null for a field that is missing, and does not read the body", () => {
    expect(summaryOf("To: a@b.example\n\nFrom: body@x.example\nSubject: body\n")).toEqual({ author: null, subject: null });
  });
});
