/** How long notice records are kept and how many: the pure rules, for every input. */
import { say } from "../../../src/core/i18n/catalogs.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ageOrigin,
  keptRecipients,
  prune,
  RECIPIENTS_MAX,
  RECORDS_MAX,
  retentionCutoff,
  type RecordRecipient,
} from "../../../src/core/notice-records/index.js";

const NOW = Date.parse("2026-03-31T10:00:00Z");
const YEAR_MS = 365 * 24 * 3600 * 1000;

/** Ids and ages (ms) around the cutoff: ten years either side of now. */
const ages = fc
  .uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: NOW - 10 * YEAR_MS, max: NOW + YEAR_MS })), {
    selector: ([id]) => id,
    maxLength: 60,
  })
  .map((entries) => new Map(entries));
const months = fc.integer({ min: 1, max: 120 });
const now = fc.integer({ min: NOW - 5 * YEAR_MS, max: NOW + 5 * YEAR_MS });

describe("retention cutoff", () => {
  it("goes back whole calendar months, to the last day of a shorter month", () => {
    expect(new Date(retentionCutoff(NOW, 1)).toISOString()).toBe("2026-02-28T10:00:00.000Z");
    expect(new Date(retentionCutoff(Date.parse("2024-03-31T00:00:00Z"), 1)).toISOString()).toBe("2024-02-29T00:00:00.000Z");
    expect(new Date(retentionCutoff(NOW, 12)).toISOString()).toBe("2025-03-31T10:00:00.000Z");
    expect(new Date(retentionCutoff(Date.parse("2026-01-15T00:00:00Z"), 13)).toISOString()).toBe("2024-12-15T00:00:00.000Z");
    expect(new Date(retentionCutoff(NOW, 120)).toISOString()).toBe("2016-03-31T10:00:00.000Z");
  });

  it("is always before now, and further back for a longer retention", () => {
    fc.assert(
      fc.property(now, months, months, (t, a, b) => {
        expect(retentionCutoff(t, a)).toBeLessThan(t);
        if (a < b) expect(retentionCutoff(t, b)).toBeLessThanOrEqual(retentionCutoff(t, a));
        // At least 28 days a month, at most 31.
        expect(t - retentionCutoff(t, a)).toBeGreaterThanOrEqual(a * 28 * 86_400_000);
        expect(t - retentionCutoff(t, a)).toBeLessThanOrEqual(a * 31 * 86_400_000);
      }),
    );
  });
});

describe("age of a record", () => {
  it("counts from the notice's date, or from when it was stored when that is earlier (a future date does not keep it longer)", () => {
    expect(ageOrigin({ date: "2025-01-01T00:00:00Z", stored: "2025-06-01T00:00:00Z" })).toBe(Date.parse("2025-01-01T00:00:00Z"));
    expect(ageOrigin({ date: "2099-01-01T00:00:00Z", stored: "2025-06-01T00:00:00Z" })).toBe(Date.parse("2025-06-01T00:00:00Z"));
    expect(ageOrigin({ date: "garbage", stored: "2025-06-01T00:00:00Z" })).toBe(Date.parse("2025-06-01T00:00:00Z"));
    expect(ageOrigin({ date: "garbage", stored: "also garbage" })).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe("pruning", () => {
  it("nothing older than the retention survives; nothing younger is lost (under the cap)", () => {
    fc.assert(
      fc.property(ages, months, now, (index, m, t) => {
        const cutoff = retentionCutoff(t, m);
        const { keep, drop } = prune(index, { months: m, now: t });
        for (const id of keep) expect(index.get(id)).toBeGreaterThanOrEqual(cutoff);
        for (const [id, age] of index) if (age >= cutoff) expect(keep).toContain(id);
        expect([...keep, ...drop].sort()).toEqual([...index.keys()].sort());
      }),
    );
  });

  it("over the cap, keeps exactly the youngest `max`, and drops the oldest first", () => {
    fc.assert(
      fc.property(ages, months, now, fc.integer({ min: 0, max: 40 }), (index, m, t, max) => {
        const cutoff = retentionCutoff(t, m);
        const { keep, drop } = prune(index, { months: m, now: t, max });
        const young = [...index.values()].filter((a) => a >= cutoff).length;
        expect(keep).toHaveLength(Math.min(max, young));
        const oldestKept = Math.min(...keep.map((id) => index.get(id) ?? 0));
        for (const id of drop) {
          const age = index.get(id) ?? 0;
          if (age >= cutoff) expect(age).toBeLessThanOrEqual(oldestKept);
        }
      }),
    );
  });

  it(`caps at ${RECORDS_MAX} records unless told otherwise`, () => {
    const index = new Map(Array.from({ length: RECORDS_MAX + 3 }, (_, i) => [`n${String(i).padStart(5, "0")}`, NOW - i * 1000] as const));
    const { keep, drop } = prune(index, { months: 12, now: NOW });
    expect(keep).toHaveLength(RECORDS_MAX);
    expect([...drop].sort()).toEqual(["n05000", "n05001", "n05002"]);
  });

  it("drops a record whose age cannot be read", () => {
    expect(prune(new Map([["x", Number.NEGATIVE_INFINITY]]), { months: 120, now: NOW }).drop).toEqual(["x"]);
  });
});

function recipient(n: number, patient: boolean): RecordRecipient {
  return {
    address: patient ? `p${n}@patient.mssante.fr` : `o${n}@example.fr`,
    action: "failed",
    status: "5.1.1",
    reason: null,
    ins: patient ? `p${n}` : null,
    insValid: patient ? true : null,
    disposition: null,
    dispositionError: false,
    date: null,
  };
}

describe("recipients kept per notice", () => {
  it(`keeps at most ${RECIPIENTS_MAX}, the patients first, in the notice's order, and counts the others`, () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 60 }), fc.nat(5), (kinds, already) => {
        const all = kinds.map((p, i) => recipient(i, p));
        const { recipients, moreRecipients } = keptRecipients(all, already);
        expect(recipients.length).toBe(Math.min(all.length, RECIPIENTS_MAX));
        expect(moreRecipients).toBe(already + all.length - recipients.length);
        // In the notice's order.
        const positions = recipients.map((r) => all.indexOf(r));
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        // No patient left out while another recipient is kept.
        const patientsLeftOut = all.filter((r) => r.ins !== null && !recipients.includes(r)).length;
        if (patientsLeftOut > 0) expect(recipients.every((r) => r.ins !== null)).toBe(true);
      }),
    );
  });
});

describe("what the options page says is kept", () => {
  it("names what, where and how long, with the retention in force, in French and English", async () => {
    const { storedDataText } = await import("../../../src/core/notice-records/index.js");
    const text = storedDataText(6);
    const fr = text.paragraphs.map((p) => say(p, "fr")).join("\n");
    const en = text.paragraphs.map((p) => say(p, "en")).join("\n");
    expect(fr).toContain("6 mois au plus");
    expect(en).toContain("6 months at most");
    expect(storedDataText(1).paragraphs.map((p) => say(p, "en")).join("\n")).toContain("1 month at most");
    for (const t of [fr, en]) {
      expect(t).toContain("storage.local");
      expect(t).toContain(String(RECIPIENTS_MAX));
      expect(t).toContain(String(RECORDS_MAX));
    }
    expect(fr).toContain("rien d'autre sur les patients");
    expect(en).toContain("nothing else about patients");
    // The one other thing kept: a close waiting for a message sent later.
    expect(fr).toContain("boîte d'envoi");
    expect(en).toContain("Outbox");
  });
});
