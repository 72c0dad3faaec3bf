import { describe, expect, it } from "vitest";
import { REASONS } from "../../../src/core/notices/index.js";
import { oursForSisimai, SISIMAI_REASONS, sisimaiIsFailure, sisimaiRecordReason, sisimaiVerdict } from "../../../eval/sisimai-reasons.js";

/** The reasons of Sisimai 4.25 (lib/Sisimai/Reason/*.pm, plus undefined). */
const SISIMAI_4_25 = [
  "blocked", "contenterror", "delivered", "exceedlimit", "expired", "feedback", "filtered", "hasmoved", "hostunknown",
  "mailboxfull", "mailererror", "mesgtoobig", "networkerror", "norelaying", "notaccept", "onhold", "policyviolation",
  "rejected", "securityerror", "spamdetected", "suspend", "syntaxerror", "systemerror", "systemfull", "toomanyconn",
  "undefined", "userunknown", "vacation", "virusdetected",
];

const record = (reason: string, action = "failed", recipient = "a@b.example") => ({ recipient, reason, action, deliverystatus: "" });

describe("Sisimai's reasons read as ours", () => {
  it("reads every reason of Sisimai 4.25, each as exactly one reason of ours or as not a failure", () => {
    expect(Object.keys(SISIMAI_REASONS).sort()).toEqual([...SISIMAI_4_25].sort());
    for (const name of SISIMAI_4_25) {
      const reading = SISIMAI_REASONS[name];
      expect(reading?.why.length).toBeGreaterThan(10);
      if (reading !== undefined && "reason" in reading) expect(REASONS).toContain(reading.reason);
      expect(oursForSisimai(name).length).toBeLessThanOrEqual(1);
    }
  });

  it("reads an SMTP syntax error as other, not as a malformed address", () => {
    expect(oursForSisimai("syntaxerror")).toEqual(["other"]);
  });

  it("reads a refusal by the recipient's filter (user unknown after DATA) as an unknown recipient", () => {
    expect(oursForSisimai("filtered")).toEqual(["unknown-recipient"]);
  });

  it("reads a delayed record as temporary whatever its reason", () => {
    expect(sisimaiRecordReason(record("expired", "delayed"))).toBe("temporary");
    expect(sisimaiRecordReason(record("expired"))).toBe("expired");
  });

  it("does not count a delivery, an auto-reply or a complaint as a failure", () => {
    for (const r of ["delivered", "vacation", "feedback"]) {
      expect(sisimaiIsFailure(r)).toBe(false);
      expect(sisimaiRecordReason(record(r))).toBeNull();
    }
    expect(sisimaiIsFailure("onhold")).toBe(true);
    expect(sisimaiIsFailure("a-reason-from-another-version")).toBe(true);
    expect(sisimaiRecordReason(record("a-reason-from-another-version"))).toBeNull();
  });
});

describe("sisimaiVerdict", () => {
  it("is none without a failure record", () => {
    expect(sisimaiVerdict([])).toEqual({ kind: "none", recipients: [] });
    expect(sisimaiVerdict([record("vacation", ""), record("delivered", "delivered")])).toEqual({ kind: "none", recipients: [] });
  });

  it("is a delay when every failure record is delayed, a bounce otherwise", () => {
    expect(sisimaiVerdict([record("expired", "delayed"), record("delivered", "delivered", "c@d.example")])).toEqual({
      kind: "delay",
      recipients: [{ address: "a@b.example", reason: "temporary" }],
    });
    expect(sisimaiVerdict([record("expired", "delayed"), record("userunknown", "failed", "C@D.example")])).toEqual({
      kind: "bounce",
      recipients: [
        { address: "a@b.example", reason: "temporary" },
        { address: "c@d.example", reason: "unknown-recipient" },
      ],
    });
  });

  it("gives each recipient once", () => {
    expect(sisimaiVerdict([record("userunknown"), record("mailboxfull", "failed", "A@b.example")]).recipients).toEqual([
      { address: "a@b.example", reason: "unknown-recipient" },
    ]);
  });
});
