/**
 * What is stored about patients, and for how long, against the fake Thunderbird: a notice
 * moved to the Trash (or a folder below it) or deleted for good is forgotten (not one moved
 * to another folder, nor one deleted with a copy elsewhere), and is not recorded again from
 * there, by a scan or on arrival;
 * the retention setting (user or policy) and the cap prune at every wake and every write;
 * a notice whose message is found nowhere is dropped by the check; a version-1 store is
 * migrated, not lost; and a page following the notices does not read storage again.
 */
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadRecords, saveRecord, watchRecords } from "../../../src/features/notices/notice-store.js";
import {
  INDEX_KEY,
  indexValue,
  RECORDS_MAX,
  recordKey,
  type NoticeRecord,
} from "../../../src/core/notice-records/index.js";
import { processNewMail } from "../../../src/features/notices/process.js";
import { CHECK_BATCH, checkNoticesExist, maintainNotices } from "../../../src/features/notices/retention.js";
import { scanFolders } from "../../../src/features/notices/scan.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { closedMailboxBounce } from "../banners/closed-mailbox.js";

const CLOSED = readFileSync(new URL("../../fixtures/notices/mes-closed-text-fr.eml", import.meta.url), "utf8");
const NOW = new Date("2024-05-20T08:00:00Z");

/** The closed-mailbox bounce, as notice number `n`, dated `date`. */
function bounce(n: number, date = "Tue, 12 Mar 2024 10:02:10 +0100"): string {
  return CLOSED.replace(/^Message-ID: <ndr-[^>]*>/m, `Message-ID: <ndr-${n}@mx1.mssante.example>`).replace(/^Date: .*$/m, `Date: ${date}`);
}

/** A stored record, as the add-on writes it. */
function record(n: number, date: string): NoticeRecord {
  return closedMailboxBounce({ id: `seed-${String(n).padStart(5, "0")}@mx.example`, date, accountId: "account1", folderPath: "/Inbox", originalId: null, stored: date });
}

/** Puts records in storage as the current layout has them (index included). */
function seed(records: readonly NoticeRecord[]): void {
  const items: Record<string, unknown> = {};
  for (const r of records) items[recordKey(r.id)] = r;
  items[INDEX_KEY] = indexValue(new Map(records.map((r) => [r.id, Date.parse(r.date)])));
  fake().seedStorage("local", items);
}

const fake = useFakeThunderbird();
let store: FakeMailStore;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  store = new FakeMailStore(fake(), 10);
  store.addAccount("account1", "Cabinet", ["Inbox", "Sent", "Trash", "Trash/Old", "Archives"]);
});

afterEach(() => {
  vi.useRealTimers();
});

async function arrive(raw: string, folder = "Inbox"): Promise<number> {
  const id = store.add("account1", folder, raw);
  const { getMessage, messageInfoOf } = await import("../../../src/adapters/messages.js");
  const info = await getMessage(id);
  if (info === null) throw new Error("no message");
  await processNewMail([messageInfoOf(info)]);
  return id;
}

async function storedIds(): Promise<string[]> {
  return (await loadRecords()).map((r) => r.id).sort();
}

/** The background's listeners, as the event page registers them. */
async function registerBackground(): Promise<void> {
  fake().override("action", "onClicked", { addListener: () => undefined } as never);
  fake().override("menus", "onClicked", { addListener: () => undefined } as never);
  const { registerNoticeListeners } = await import("../../../src/features/notices/register.js");
  registerNoticeListeners();
}

describe("a notice whose message is deleted", () => {
  it("is forgotten when the message is deleted for good (messages.onDeleted)", async () => {
    await registerBackground();
    const kept = await arrive(bounce(1));
    const gone = await arrive(bounce(2));
    expect(await storedIds()).toEqual(["ndr-1@mx1.mssante.example", "ndr-2@mx1.mssante.example"]);

    await store.deleteForGood([gone]);

    expect(await storedIds()).toEqual(["ndr-1@mx1.mssante.example"]);
    expect(store.folderOf(kept)).toBe("/Inbox");
    expect(JSON.stringify(fake().storage("local"))).not.toContain("ndr-2@");
  });

  it("is forgotten as soon as the message is moved to the Trash (messages.onMoved), not when moved to another folder", async () => {
    await registerBackground();
    const trashed = await arrive(bounce(3));
    const archived = await arrive(bounce(5));
    await messenger.messages.move([archived], "account1:/Archives");
    expect(await storedIds()).toEqual(["ndr-3@mx1.mssante.example", "ndr-5@mx1.mssante.example"]);

    await messenger.messages.move([trashed], "account1:/Trash");
    expect(await storedIds()).toEqual(["ndr-5@mx1.mssante.example"]);
    expect(JSON.stringify(fake().storage("local"))).not.toContain("ndr-3@");

    // Emptying the Trash afterwards changes nothing for the others.
    await store.deleteForGood([trashed]);
    expect(await storedIds()).toEqual(["ndr-5@mx1.mssante.example"]);
  });

  it("is forgotten when the message is moved to a folder below the Trash", async () => {
    await registerBackground();
    const trashed = await arrive(bounce(3));
    expect(await storedIds()).toEqual(["ndr-3@mx1.mssante.example"]);
    await messenger.messages.move([trashed], "account1:/Trash/Old");
    expect(await storedIds()).toEqual([]);
    expect(JSON.stringify(fake().storage("local"))).not.toContain("ndr-3@");
  });

  it("is kept when a copy of the message is still in another folder", async () => {
    await registerBackground();
    const first = await arrive(bounce(4));
    store.add("account1", "Archives", bounce(4));
    await store.deleteForGood([first]);
    expect(await storedIds()).toEqual(["ndr-4@mx1.mssante.example"]);
  });

  it("is forgotten for every page of a large deletion", async () => {
    await registerBackground();
    const ids: number[] = [];
    for (let n = 10; n < 35; n++) ids.push(await arrive(bounce(n)));
    expect(await storedIds()).toHaveLength(25);
    await store.deleteForGood(ids);
    expect(await storedIds()).toEqual([]);
  });

  it("is dropped by the check when its message is found nowhere (deleted while the add-on was not running)", async () => {
    seed([record(1, "2024-05-01T00:00:00.000Z"), record(2, "2024-05-02T00:00:00.000Z")]);
    store.add("account1", "Inbox", bounce(99).replace("ndr-99@mx1.mssante.example", "seed-00002@mx.example"));
    expect(await checkNoticesExist(NOW)).toEqual(["seed-00001@mx.example"]);
    expect(await storedIds()).toEqual(["seed-00002@mx.example"]);
  });

  it("is kept by the check when the search fails", async () => {
    seed([record(1, "2024-05-01T00:00:00.000Z")]);
    fake().override("messages", "query", (async () => {
      await Promise.resolve();
      throw new Error("folder not ready");
    }));
    expect(await checkNoticesExist(NOW)).toEqual([]);
    expect(await storedIds()).toEqual(["seed-00001@mx.example"]);
  });

  it("the check goes a batch at a time, and starts a new pass at most once a day", async () => {
    const many = Array.from({ length: CHECK_BATCH + 10 }, (_, i) => record(i, "2024-05-01T00:00:00.000Z"));
    seed(many);
    expect(await checkNoticesExist(NOW)).toHaveLength(CHECK_BATCH);
    expect(await checkNoticesExist(NOW)).toHaveLength(10);
    seed([record(500, "2024-05-01T00:00:00.000Z")]);
    expect(await checkNoticesExist(new Date(NOW.getTime() + 3600_000))).toEqual([]);
    expect(await checkNoticesExist(new Date(NOW.getTime() + 25 * 3600_000))).toEqual(["seed-00500@mx.example"]);
  });
});

describe("a notice in the Trash is not recorded again", () => {
  it("a scan of every folder, or of the account, stores nothing from the Trash nor from a folder below it, and reads nothing there", async () => {
    store.add("account1", "Trash", bounce(1));
    store.add("account1", "Trash/Old", bounce(2));
    store.add("account1", "Inbox", bounce(3));
    const all = await scanFolders({ kind: "all" });
    expect(all).toMatchObject({ folders: 3, notices: 1, fullReads: 1, errors: 0 });
    expect(await storedIds()).toEqual(["ndr-3@mx1.mssante.example"]);

    await scanFolders({ kind: "account", accountId: "account1" });
    expect(await storedIds()).toEqual(["ndr-3@mx1.mssante.example"]);
    expect(store.calls.getRaw).toBe(2);
  });

  it("a scan of the Trash, or of a folder below it, asked for by name, stores nothing", async () => {
    store.add("account1", "Trash", bounce(1));
    store.add("account1", "Trash/Old", bounce(2));
    for (const path of ["Trash", "Trash/Old"]) {
      const result = await scanFolders({ kind: "folder", folder: store.folder("account1", path) });
      expect(result).toMatchObject({ messages: 1, notices: 0, fullReads: 0, errors: 0 });
    }
    expect(await storedIds()).toEqual([]);
    expect(store.calls.getRaw).toBe(0);
  });

  it("new mail filed in the Trash or below it (by a filter) is not recorded", async () => {
    await arrive(bounce(1), "Trash");
    await arrive(bounce(2), "Trash/Old");
    expect(await storedIds()).toEqual([]);
    await arrive(bounce(3), "Archives");
    expect(await storedIds()).toEqual(["ndr-3@mx1.mssante.example"]);
  });
});

describe("the retention setting", () => {
  it("drops, when the background wakes, every notice older than the retention (12 months by default), and keeps the younger", async () => {
    seed([record(1, "2023-05-19T00:00:00.000Z"), record(2, "2023-05-21T00:00:00.000Z"), record(3, "2024-05-19T00:00:00.000Z")]);
    for (const n of [1, 2, 3]) store.add("account1", "Inbox", bounce(n).replace(`ndr-${n}@mx1.mssante.example`, `seed-0000${n}@mx.example`));
    const result = await maintainNotices({ now: NOW });
    expect(result.pruned).toBe(1);
    expect(await storedIds()).toEqual(["seed-00002@mx.example", "seed-00003@mx.example"]);
    expect(fake().storage("local")[recordKey("seed-00001@mx.example")]).toBeUndefined();
  });

  it("follows the user's choice, and the administrator's locked value over it", async () => {
    seed([record(1, "2024-01-10T00:00:00.000Z"), record(2, "2024-04-25T00:00:00.000Z")]);
    for (const n of [1, 2]) store.add("account1", "Inbox", bounce(n).replace(`ndr-${n}@mx1.mssante.example`, `seed-0000${n}@mx.example`));
    fake().seedStorage("local", { settingsVersion: 1, noticeRetentionMonths: 24 });
    await maintainNotices({ now: NOW });
    expect(await storedIds()).toHaveLength(2);

    fake().setPolicy({ noticeRetentionMonths: { value: 1, locked: true } });
    await maintainNotices({ now: NOW });
    expect(await storedIds()).toEqual(["seed-00002@mx.example"]);
  });

  it("does not store a notice already older than the retention", async () => {
    fake().setPolicy({ noticeRetentionMonths: "1" });
    await arrive(bounce(5, "Tue, 12 Mar 2024 10:02:10 +0100"));
    await arrive(bounce(6, "Mon, 13 May 2024 10:02:10 +0200"));
    expect(await storedIds()).toEqual(["ndr-6@mx1.mssante.example"]);
  });
});

describe(`the cap of ${RECORDS_MAX} notices`, () => {
  it("drops the oldest when a new notice is stored", async () => {
    const base = Date.parse("2024-05-01T00:00:00Z");
    seed(Array.from({ length: RECORDS_MAX }, (_, i) => record(i, new Date(base - i * 60_000).toISOString())));
    await arrive(bounce(7, "Sun, 19 May 2024 10:00:00 +0200"));
    const ids = await storedIds();
    expect(ids).toHaveLength(RECORDS_MAX);
    expect(ids).toContain("ndr-7@mx1.mssante.example");
    expect(ids).not.toContain(`seed-0${RECORDS_MAX - 1}@mx.example`);
    expect(ids).toContain(`seed-0${RECORDS_MAX - 2}@mx.example`);
  });
});

describe("a store written by version 1", () => {
  it("is read and migrated, not lost: every record, what the user marked handled, and the settings beside them", async () => {
    const v1 = (n: number, handled: string | null): Record<string, unknown> => {
      const rest: Record<string, unknown> = { ...record(n, "2024-04-01T00:00:00.000Z"), v: 1, handled };
      delete rest["stored"];
      delete rest["moreRecipients"];
      return rest;
    };
    fake().seedStorage("local", {
      settingsVersion: 1,
      bounceTag: false,
      [recordKey("seed-00001@mx.example")]: v1(1, null),
      [recordKey("seed-00002@mx.example")]: v1(2, "2024-04-02T00:00:00.000Z"),
    });

    const records = await loadRecords();

    expect(records.map((r) => [r.id, r.v, r.handled, r.stored])).toEqual([
      ["seed-00001@mx.example", 2, null, NOW.toISOString()],
      ["seed-00002@mx.example", 2, "2024-04-02T00:00:00.000Z", NOW.toISOString()],
    ]);
    const local = fake().storage("local");
    expect(local[INDEX_KEY]).toBeDefined();
    expect(local[recordKey("seed-00002@mx.example")]).toMatchObject({ v: 2, handled: "2024-04-02T00:00:00.000Z" });
    expect(local["bounceTag"]).toBe(false);
  });
});

describe("a page following the notices (the panel)", () => {
  it("reads the index and the notices once, never the whole storage, and nothing again when a notice changes", async () => {
    const base = Date.parse("2024-05-01T00:00:00Z");
    seed(Array.from({ length: 3000 }, (_, i) => record(i, new Date(base - i * 60_000).toISOString())));
    fake().seedStorage("local", Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`other.${i}`, "x".repeat(100)])));
    const panel = fake().context("panel");
    const shown = new Map<string, NoticeRecord>();
    let draws = 0;

    await panel.run(() => watchRecords(shown, () => draws++));
    expect(shown.size).toBe(3000);
    expect(fake().localReads).toEqual({ calls: 2, values: 3001, whole: 0 });

    // Another page stores a notice and marks one handled: the panel follows without reading.
    fake().localReads.calls = 0;
    fake().localReads.values = 0;
    await fake().background.run(async () => {
      await arrive(bounce(8, "Sun, 19 May 2024 10:00:00 +0200"));
    });
    const readsByWriter = { ...fake().localReads };
    await panel.run(() => Promise.resolve());
    await new Promise((resolve) => setImmediate(resolve));
    expect(shown.has("ndr-8@mx1.mssante.example")).toBe(true);
    expect(shown.size).toBe(3001);
    expect(fake().localReads).toEqual(readsByWriter);
    expect(draws).toBeGreaterThan(1);
  });

  it("forgets a notice removed elsewhere", async () => {
    seed([record(1, "2024-05-01T00:00:00.000Z")]);
    const shown = new Map<string, NoticeRecord>();
    await fake().context("panel").run(() => watchRecords(shown, () => undefined));
    await saveRecord(record(2, "2022-01-01T00:00:00.000Z"), { months: 12, now: NOW });
    await fake().background.run(async () => {
      const { removeRecords } = await import("../../../src/features/notices/notice-store.js");
      await removeRecords(["seed-00001@mx.example"]);
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect([...shown.keys()]).toEqual([]);
  });
});
