/**
 * Issue 11: line ends, found on Sisimai's public set-of-emails (never used
 * for tuning).
 *
 * A bounce whose lines end with CR alone (old Mac OS exports; set-of-emails keeps a copy
 * of every sample so, `maildir/mac/`) is read as ordinary mail: 0 of 80 such files are
 * recognised, in the add-on's classifier and in the command line alike, while the same
 * files with LF or CRLF are. Nothing tells the user the file was not understood.
 * Expected: the same answer as for the LF copy (or an explicit error). (Sisimai 4.25 reads
 * none of them either; its later versions do.)
 */
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/core/notices/index.js";
import { dsn, PATIENT } from "./notice-builders.js";

describe("line ends", () => {
  it("a DSN with CR-only line ends is read like its CRLF copy", async () => {
    const crlf = dsn(PATIENT, "5.1.1", "550 5.1.1 user unknown");
    const cr = crlf.replace(/\r\n/g, "\r");
    const a = await classifyMessage(crlf);
    const b = await classifyMessage(cr);
    expect(a.kind).toBe("bounce");
    // was: kind "none", notNotice "ordinary"
    expect(b.kind).toBe(a.kind);
    expect(b.recipients.map((r) => [r.address, r.reason])).toEqual(a.recipients.map((r) => [r.address, r.reason]));
  });
});
