/**
 * Reading candidates costs memory: a notice may carry a 20 MB original. A scan and new mail
 * read of each candidate only what the classifier looks at (`CLASSIFIER_INPUT_BYTES`, a slice
 * of the File `getRaw` gives, never the whole File), and only a few at a time
 * (`MAX_FULL_READS_IN_FLIGHT`), never a page of them together.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadRecords } from "../../../src/features/notices/notice-store.js";
import { CLASSIFIER_INPUT_BYTES } from "../../../src/core/notices/index.js";
import { MAX_FULL_READS_IN_FLIGHT } from "../../../src/features/notices/process.js";
import { scanFolders } from "../../../src/features/notices/scan.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { largeNotice } from "../notices/large-notices.js";

const MIB = 1024 * 1024;
const fake = useFakeThunderbird();
let store: FakeMailStore;

/** The large notices are of March 2025: "now" is a little later, well within the retention. */
const NOW = new Date("2025-05-20T08:00:00Z");

afterEach(() => {
  vi.useRealTimers();
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  // One page holds every notice: all of them could be read together.
  store = new FakeMailStore(fake(), 10);
  store.addAccount("account1", "Cabinet", ["Inbox", "Sent"]);
});

/** 8 notices (bounces and receipts) whose originals are 1.5 MiB each: every one larger than what is read. */
function fillWithLargeNotices(): number[] {
  const big = { bounce: largeNotice("bounce", 1.5 * MIB).raw, receipt: largeNotice("receipt", 1.5 * MIB).raw };
  return Array.from({ length: 8 }, (_, n) =>
    store.add(
      "account1",
      "Inbox",
      big[n % 2 === 0 ? "bounce" : "receipt"].replace(/^Message-ID: <large-(\w+)-1@/m, `Message-ID: <large-$1-${n}@`),
    ),
  );
}

function expectCappedReads(ids: readonly number[]): void {
  const reads = store.rawReads;
  expect(reads.whole).toEqual([]);
  expect(reads.slices.map((s) => s.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  for (const s of reads.slices) {
    expect(s.size).toBeGreaterThan(CLASSIFIER_INPUT_BYTES);
    expect({ start: s.start, end: s.end }).toEqual({ start: 0, end: CLASSIFIER_INPUT_BYTES });
  }
  expect(reads.inFlight).toBe(0);
}

// Each read is about 1 MiB classified: a few hundred milliseconds each on a busy machine.
describe("reading candidates", { timeout: 60_000 }, () => {
  it("a thorough scan reads the capped slice of each notice, at most MAX_FULL_READS_IN_FLIGHT at once", async () => {
    const ids = fillWithLargeNotices();
    const result = await scanFolders({ kind: "folder", folder: store.folder("account1", "Inbox") }, { thorough: true });

    expect(result).toMatchObject({ cancelled: false, messages: 8, fullReads: 8, notices: 8, errors: 0 });
    expect(store.rawReads.most).toBeGreaterThan(1);
    expect(store.rawReads.most).toBeLessThanOrEqual(MAX_FULL_READS_IN_FLIGHT);
    expectCappedReads(ids);
    const records = await loadRecords();
    expect(records.filter((r) => r.kind === "bounce")).toHaveLength(4);
    expect(records.filter((r) => r.kind === "receipt")).toHaveLength(4);
  });

  it("a quick scan too", async () => {
    const ids = fillWithLargeNotices();
    const result = await scanFolders({ kind: "folder", folder: store.folder("account1", "Inbox") });

    expect(result).toMatchObject({ messages: 8, fullReads: 8, notices: 8, errors: 0 });
    expect(store.rawReads.most).toBeLessThanOrEqual(MAX_FULL_READS_IN_FLIGHT);
    expectCappedReads(ids);
  });

  it("new mail is read one message at a time, the capped slice only", async () => {
    fake().override("action", "onClicked", { addListener: () => undefined } as never);
    fake().override("menus", "onClicked", { addListener: () => undefined } as never);
    const { registerNoticeListeners } = await import("../../../src/features/notices/register.js");
    registerNoticeListeners();
    const ids = fillWithLargeNotices();
    await store.deliver(ids);

    expect(await loadRecords()).toHaveLength(8);
    expect(store.rawReads.most).toBe(1);
    expectCappedReads(ids);
  });
});
