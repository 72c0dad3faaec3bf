/** The stored layout of notice records: version-1 stores migrated, never lost; the index. */
import { describe, expect, it } from "vitest";
import {
  ageOrigin,
  INDEX_KEY,
  indexValue,
  migrateStore,
  parseIndex,
  readStoredRecord,
  RECIPIENTS_MAX,
  recordKey,
  type NoticeRecord,
} from "../../../src/core/notice-records/index.js";

const NOW = new Date("2026-06-01T12:00:00Z");

/** A record as version 1 of the add-on stored it. */
function v1(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    v: 1,
    id,
    kind: "bounce",
    date: "2026-03-12T10:02:10.000Z",
    accountId: "account1",
    folderPath: "/Inbox",
    originalId: "cr-1@medecin.mssante.fr",
    originalDate: null,
    recipients: [
      {
        address: "295109912611193@patient.mssante.fr",
        action: "failed",
        status: "5.2.1",
        reason: "mailbox-closed",
        ins: "295109912611193",
        insValid: true,
        disposition: null,
        dispositionError: false,
        date: null,
      },
    ],
    handled: null,
    ...extra,
  };
}

describe("migrating a version-1 store", () => {
  const store = {
    settingsVersion: 1,
    bounceTag: false,
    [recordKey("a@x")]: v1("a@x"),
    [recordKey("b@x")]: v1("b@x", { handled: "2026-04-01T08:00:00.000Z" }),
    [recordKey("junk@x")]: { hello: "world" },
    [recordKey("future@x")]: { v: 7, id: "future@x", whatever: true },
  };

  it("reads every record, keeps what the user marked, dates it as stored now, and builds the index", () => {
    const m = migrateStore(store, NOW);
    expect(m.records.map((r) => r.id).sort()).toEqual(["a@x", "b@x"]);
    const b = m.records.find((r) => r.id === "b@x");
    expect(b).toMatchObject({ v: 2, handled: "2026-04-01T08:00:00.000Z", stored: NOW.toISOString(), moreRecipients: 0, date: "2026-03-12T10:02:10.000Z" });
    expect(b?.recipients).toEqual((store[recordKey("b@x")] as { recipients: unknown }).recipients);
    expect(Object.keys(m.write).sort()).toEqual([recordKey("a@x"), recordKey("b@x")]);
    expect([...m.ages]).toEqual([
      ["a@x", Date.parse("2026-03-12T10:02:10.000Z")],
      ["b@x", Date.parse("2026-03-12T10:02:10.000Z")],
    ]);
  });

  it("removes what is no record at all, leaves a newer version's records and every other key alone", () => {
    const m = migrateStore(store, NOW);
    expect(m.remove).toEqual([recordKey("junk@x")]);
    expect(Object.keys(m.write).some((k) => !k.startsWith("notices.item:"))).toBe(false);
  });

  it("is done once: the migrated store needs no more writing", () => {
    const first = migrateStore(store, NOW);
    const after = { ...store, ...first.write };
    for (const k of first.remove) Reflect.deleteProperty(after, k);
    const again = migrateStore(after, new Date("2027-01-01T00:00:00Z"));
    expect(again.write).toEqual({});
    expect(again.remove).toEqual([]);
    expect(again.records).toEqual(first.records);
  });

  it("caps the recipients of an old record, counting those left out", () => {
    const many = v1("many@x", {
      recipients: Array.from({ length: RECIPIENTS_MAX + 5 }, (_, i) => ({ address: `r${i}@example.fr`, ins: null })),
    });
    const r = readStoredRecord(many, NOW);
    expect(r?.recipients).toHaveLength(RECIPIENTS_MAX);
    expect(r?.moreRecipients).toBe(5);
  });

  it("drops a record whose dates cannot be read (it cannot be shown to be young enough)", () => {
    const m = migrateStore({ [recordKey("bad@x")]: { ...v1("bad@x"), v: 2, date: "never", stored: "never", moreRecipients: 0 } }, NOW);
    expect(m.records).toEqual([]);
    expect(m.remove).toEqual([recordKey("bad@x")]);
  });

  it("moves a record stored under the wrong key to its own", () => {
    const m = migrateStore({ "notices.item:wrong": v1("right@x") }, NOW);
    expect(Object.keys(m.write)).toEqual([recordKey("right@x")]);
    expect(m.remove).toEqual(["notices.item:wrong"]);
  });
});

describe("the index", () => {
  it("reads back what it wrote; anything else means the store must be migrated", () => {
    const ages = new Map([
      ["a@x", 1],
      ["b@x", 2],
    ]);
    expect(parseIndex(structuredClone(indexValue(ages)))).toEqual(ages);
    expect(parseIndex(undefined)).toBeNull();
    expect(parseIndex({ v: 1, ages: {} })).toBeNull();
    expect(parseIndex({ v: 2, ages: { a: "x" } })).toBeNull();
    expect(INDEX_KEY.startsWith("notices.item:")).toBe(false);
  });

  it("gives a current record back as it is", () => {
    const record: NoticeRecord = { ...(v1("c@x") as unknown as NoticeRecord), v: 2, stored: "2026-05-01T00:00:00.000Z", moreRecipients: 0, receiptCheck: null };
    expect(readStoredRecord(structuredClone(record), NOW)).toEqual(record);
    expect(ageOrigin(record)).toBe(Date.parse(record.date));
  });
});
