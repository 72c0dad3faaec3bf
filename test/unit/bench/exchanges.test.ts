/** The exchanges benchmark's mailbox: key-valid, distinct matricules; the mix of mail it says it writes. */
import { describe, expect, it } from "vitest";
import { benchIns, exchangesMail } from "../../../bench/exchanges.js";
import { checkIns } from "../../../src/core/ins/index.js";
import { withKey } from "../compose/fixtures.js";

describe("exchanges benchmark mail", () => {
  it("gives each patient a key-valid matricule of their own", () => {
    const all = Array.from({ length: 1000 }, (_, n) => benchIns(n));
    for (const ins of all) {
      expect(checkIns(ins).valid).toBe(true);
      expect(withKey(ins.slice(0, 13))).toBe(ins);
    }
    expect(new Set(all).size).toBe(1000);
  });

  it("writes the mix it announces", () => {
    const mail = exchangesMail(1000, 40);
    expect(mail.received.length + mail.sent.length).toBe(1000);
    expect(mail.patientMessages).toBe(250);
    // Every patient has messages.
    for (let n = 0; n < 40; n++) expect(mail.received.concat(mail.sent).some((m) => m.includes(`${benchIns(n)}@patient`))).toBe(true);
    expect(mail.sent.filter((m) => m.includes("Subject: [FIN]"))).toHaveLength(10);
  });
});
