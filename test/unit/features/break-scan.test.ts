// @vitest-environment happy-dom
/**
 * Hostile sequences against the background scan's start / join / cancel / resume logic
 * (`scan-service.ts`), with the fakes of notices-scan-background.test.ts: starts from several
 * panels at the end of a scan, a cancel or a recent-scan request while a scan is ended but not
 * let go, failing storage writes at the end, a scan that throws, and a page woken from
 * suspension (an interrupted scan being resumed) by a panel's message.
 *
 * `found`: sequences that go wrong (failing tests that document the bug).
 * `held`: sequences that were tried and behave.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { watchRecords, setHandled } from "../../../src/features/notices/notice-store.js";
import { main } from "../../../src/pages/notices-panel/notices-panel.js";
import { listAccounts } from "../../../src/adapters/accounts.js";
import { loadPage, ready } from "../pages/load-page.js";
import { requestRecentScan, requestScan, requestScanCancel } from "../../../src/features/notices/scan-contract.js";
import { RECENT_SCAN_DONE_KEY, answerScanRequests, resumeInterruptedScan, scanSettled } from "../../../src/features/notices/scan-service.js";
import { SCAN_STATUS_KEY, watchScanStatus, writeScanStatus, type ScanStatus } from "../../../src/features/notices/scan-status.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird, type FakeContext } from "../fakes/messenger.js";
import { scanMailStore, ordinary } from "./scan-mail.js";
import { follow, onEnd, publishedScan, settledScan } from "./scan-settled.js";

const fake = useFakeThunderbird();
// happy-dom gives `navigator.locks` as null; the store then chains its writes itself (as notices-panel.test.ts).
Object.defineProperty(navigator, "locks", { value: undefined, configurable: true });
let store: FakeMailStore;
let panel: FakeContext;
let second: FakeContext;

beforeEach(() => {
  store = scanMailStore(fake());
  fake().background.run(() => {
    answerScanRequests();
  });
  panel = fake().context("notices panel");
  second = fake().context("second panel");
});

const status = (): ScanStatus | undefined => publishedScan(fake);
const settled = (): Promise<ScanStatus> => settledScan(fake);

/** Lets the fake's turns and the scan's timers run out. */
async function quiet(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
}

const INTERRUPTED: ScanStatus = {
  state: "running",
  origin: "user",
  target: { kind: "all" },
  thorough: false,
  since: null,
  figures: { foldersDone: 1, folders: 3, messages: 14, headerReads: 1, fullReads: 1, notices: 1, errors: 0 },
  current: "/Inbox",
  startedAt: 1,
  endedAt: null,
};

/** Silences console.error while `fn` runs (the scan logs the failures it is made to meet). */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const errors = console.error;
  console.error = () => undefined;
  try {
    return await fn();
  } finally {
    console.error = errors;
  }
}

/**
 * Opens the real panel in this test's DOM, its requests sent from the `panel` page to the
 * background; `beforeMessage` runs before each (a page woken by the message starts first).
 */
async function openPanel(beforeMessage: () => void = () => undefined): Promise<{ asked: string[] }> {
  const asked: string[] = [];
  const send = <T>(what: string, ask: () => Promise<T>): Promise<T> => {
    asked.push(what);
    beforeMessage();
    return panel.run(ask);
  };
  loadPage("notices-panel/notices-panel.html");
  panel.run(() => {
    main({
      listAccounts,
      openMessageById: () => Promise.resolve(false),
      setHandled,
      watchRecords,
      loadNoticeDetail: () => Promise.resolve(null),
      loadSentInfo: () => Promise.resolve(null),
      requestScan: (target, thorough) => send("start", () => requestScan(target, thorough)),
      requestRecentScan: () => send("recent", () => requestRecentScan()),
      requestScanCancel: () => send("cancel", () => requestScanCancel()),
      watchScanStatus,
    });
  });
  await ready();
  return { asked };
}

/**
 * `storage.session` whose next read of the page answers only when `release()` is called (a
 * round trip to the parent process that comes back after other calls of the page).
 */
function heldSessionRead(): { release: () => void } {
  const session = fake().background.run(() => messenger.storage.session);
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let first = true;
  fake().override("storage", "session", {
    get: async (keys?: unknown) => {
      const out = await session.get(keys as string);
      if (first) {
        first = false;
        await held;
      }
      return out;
    },
    set: (items: Record<string, unknown>) => session.set(items),
    remove: (keys: string | string[]) => session.remove(keys),
    clear: () => session.clear(),
  } as unknown as typeof messenger.storage.session);
  return { release };
}

describe("found", () => {
  it("a cancel that wakes the page while the interrupted scan is taken up again is lost: the scan goes on to « done »", async () => {
    // The panel shows the scan running (published by the page before it was suspended); the
    // user clicks Cancel; that message wakes the page, whose start takes the scan up again
    // (register.ts: answerScanRequests, then resumeInterruptedScan).
    for (let n = 100; n < 300; n++) store.add("account2", "Inbox", ordinary(n));
    await fake().background.run(() => writeScanStatus(INTERRUPTED));
    const resumed = fake().background.run(() => resumeInterruptedScan());
    const cancel = panel.run(() => requestScanCancel());
    expect(await resumed).toBe("resumed");
    const answer = await cancel;
    const last = await settled();
    // What happens: the cancel read the published "running" before the resumed scan existed,
    // wrote "cancelled", answered "idle"; the resumed scan then overwrote it and ran to the end.
    expect(last.state).toBe("cancelled");
    expect(answer).toEqual({ outcome: "cancelling" });
  });

  it("a final status write that fails leaves « running » published for ever: every panel waits, its Start hidden", async () => {
    const session = fake().background.run(() => messenger.storage.session);
    let failures = 0;
    fake().override("storage", "session", {
      get: (keys?: unknown) => session.get(keys as string),
      remove: (keys: string | string[]) => session.remove(keys),
      clear: () => session.clear(),
      set: (items: Record<string, unknown>) => {
        const value = items[SCAN_STATUS_KEY] as ScanStatus | undefined;
        // storage.session refuses the one write of the result (a quota, a closing context).
        if (value?.state === "done" && failures === 0) {
          failures++;
          return Promise.reject(new Error("QuotaExceededError"));
        }
        return session.set(items);
      },
    } as unknown as typeof messenger.storage.session);
    const seen = follow(second);
    await quietly(async () => {
      expect(await panel.run(() => requestScan({ kind: "account", accountId: "account2" }, false))).toEqual({ outcome: "started" });
      await fake().background.run(() => scanSettled());
      await quiet();
    });
    expect(failures).toBe(1);
    // No scan runs in the page any more, yet every panel is told one does.
    expect(seen.at(-1)?.state, "the last state the panels were told").not.toBe("running");
    expect(status()?.state).not.toBe("running");
  });

  it("a panel's recent-mail request that wakes the page while the interrupted user scan is read: the recent scan replaces it, the user's scan is lost", async () => {
    // storage.session answers through the parent process, storage.local from the page's own
    // IndexedDB: the recent request's read of storage.local can come back first.
    for (let n = 100; n < 130; n++) store.add("account2", "Inbox", ordinary(n));
    await fake().background.run(() => writeScanStatus(INTERRUPTED));
    const read = heldSessionRead();
    const resumed = fake().background.run(() => resumeInterruptedScan());
    const recent = panel.run(() => requestRecentScan());
    // The page's read of storage.local (is recent mail done?) comes back first.
    await Promise.race([recent, new Promise((resolve) => setTimeout(resolve, 200))]);
    read.release();
    const outcomes = [await resumed, await recent];
    const last = await settled();
    await quiet();
    // What happens: ["idle", {outcome: "started"}]: the recent scan started, the resume found
    // a scan running and gave up; the user's scan of every folder (1 of 3 done) never ends.
    expect(outcomes).toEqual(["resumed", { outcome: "joined" }]);
    expect(last).toMatchObject({ state: "done", origin: "user", startedAt: 1 });
  });

  it("two panels starting different scans as the last one is shown done: both told « started », one silently gets the other's scan", async () => {
    const a = onEnd(panel, "recent", () => requestScan({ kind: "all" }, true));
    const b = onEnd(second, "recent", () => requestScan({ kind: "account", accountId: "account2" }, false));
    await panel.run(() => requestRecentScan());
    await vi.waitFor(() => {
      expect(a.length + b.length).toBe(2);
    });
    const answers = (await Promise.all([...a, ...b])) as { outcome: string }[];
    await vi.waitFor(async () => {
      expect((await settled()).origin).toBe("user");
    });
    await quiet();
    // One scan ran (every folder, thorough): the other request was joined to it, yet its panel
    // was told « started » and so does not say that it joined a scan asked elsewhere.
    expect(status()).toMatchObject({ target: { kind: "all" }, thorough: true });
    expect(answers.map((x) => x.outcome).sort()).toEqual(["joined", "started"]);
  });

  it("a panel opened on a scan left « running » by a suspended page asks the background nothing: nothing wakes the page to take it up, the panel shows it running for ever", async () => {
    // The page was suspended mid-scan (scan-service.ts: a single call longer than the idle
    // timeout); its published state says running. The panel's next message would wake the
    // page, whose start takes the scan up again (resumeInterruptedScan).
    await fake().background.run(() => writeScanStatus(INTERRUPTED));
    let woken = false;
    const { asked } = await openPanel(() => {
      if (woken) return;
      woken = true;
      void fake().background.run(() => resumeInterruptedScan());
    });
    // It shows the scan running (the published state), then…
    await quiet();
    await new Promise((resolve) => setTimeout(resolve, 700));
    await fake().background.run(() => scanSettled());
    await quiet();
    // What happens: the panel sends no message (scanRecentUntilDone skips while it shows a
    // scan running), the page is never woken, the progress never moves.
    expect(asked, "what the panel asked the background").not.toEqual([]);
    await vi.waitFor(() => {
      expect(document.body.dataset["scan"]).toBe("done");
    });
  });
});

describe("held", () => {
  it("two panels starting the moment a recent scan is shown done: both answered, one scan made (the second joins it)", async () => {
    const a = onEnd(panel, "recent", () => requestScan({ kind: "account", accountId: "account2" }, false));
    const b = onEnd(second, "recent", () => requestScan({ kind: "account", accountId: "account2" }, true));
    const seen = follow(fake().context("third panel"));
    expect(await panel.run(() => requestRecentScan())).toEqual({ outcome: "started" });
    await vi.waitFor(() => {
      expect(a.length + b.length).toBe(2);
    });
    const answers = await Promise.all([...a, ...b]);
    for (const answer of answers) expect(["started", "joined"]).toContain((answer as { outcome: string }).outcome);
    await vi.waitFor(async () => {
      expect((await settled()).origin).toBe("user");
    });
    await quiet();
    expect(status()).toMatchObject({ state: "done", origin: "user", target: { kind: "account", accountId: "account2" } });
    // account2 has one folder: one user scan listed it once.
    expect(store.calls.list).toBe(1);
    // A user scan was published running after the recent one ended.
    const endOfRecent = seen.findIndex((s) => s?.origin === "recent" && s.state === "done");
    expect(seen.slice(endOfRecent).some((s) => s?.origin === "user" && s.state === "running")).toBe(true);
  });

  it("the same panel asking three times during the end: one scan", async () => {
    const answers = onEnd(panel, "recent", () => [0, 1, 2].map(() => requestScan({ kind: "account", accountId: "account2" }, false)));
    await panel.run(() => requestRecentScan());
    await vi.waitFor(() => {
      expect(answers).toHaveLength(3);
    });
    await Promise.all(answers);
    await vi.waitFor(async () => {
      expect((await settled()).origin).toBe("user");
    });
    await quiet();
    expect(store.calls.list).toBe(1);
  });

  it("a panel opening as the recent scan is shown done: « idle », nothing made again", async () => {
    const a = onEnd(second, "recent", () => requestRecentScan());
    expect(await panel.run(() => requestRecentScan())).toEqual({ outcome: "started" });
    await vi.waitFor(() => {
      expect(a).toHaveLength(1);
    });
    expect(await a[0]).toEqual({ outcome: "idle" });
    await settled();
    await quiet();
    expect(store.calls.query).toBeGreaterThan(0);
    const queries = store.calls.query;
    await quiet();
    expect(store.calls.query).toBe(queries);
    expect(status()).toMatchObject({ state: "done", origin: "recent" });
  });

  it("a recent request then a start during the end: the start is made (not lost), the recent one answered", async () => {
    const answers = onEnd(panel, "recent", () => [requestRecentScan(), requestScan({ kind: "account", accountId: "account2" }, false)]);
    await panel.run(() => requestRecentScan());
    await vi.waitFor(() => {
      expect(answers).toHaveLength(2);
    });
    const [recent, start] = await Promise.all(answers);
    expect(recent).toEqual({ outcome: "idle" });
    expect(start).toEqual({ outcome: "started" });
    await vi.waitFor(async () => {
      expect((await settled()).origin).toBe("user");
    });
    expect(store.calls.list).toBe(1);
  });

  it("a cancel from a stale panel during the end does not eat another panel's start", async () => {
    const starts = onEnd(panel, "recent", () => requestScan({ kind: "account", accountId: "account2" }, false));
    const cancels = onEnd(second, "recent", () => requestScanCancel());
    await panel.run(() => requestRecentScan());
    await vi.waitFor(() => {
      expect(starts.length + cancels.length).toBe(2);
    });
    expect(await starts[0]).toEqual({ outcome: "started" });
    await cancels[0];
    await vi.waitFor(async () => {
      expect((await settled()).origin).toBe("user");
    });
    expect(status()).toMatchObject({ state: "done", origin: "user" });
    expect(fake().storage("local")[RECENT_SCAN_DONE_KEY]).toEqual(expect.any(Number));
  });

  it("a recent scan whose record of being made fails, with a start queued behind it: the start still runs", async () => {
    const local = fake().background.run(() => messenger.storage.local);
    fake().override("storage", "local", {
      get: (keys?: unknown) => local.get(keys as string),
      remove: (keys: string | string[]) => local.remove(keys),
      clear: () => local.clear(),
      set: (items: Record<string, unknown>) => (RECENT_SCAN_DONE_KEY in items ? Promise.reject(new Error("disk full")) : local.set(items)),
    } as unknown as typeof messenger.storage.local);
    const a = onEnd(panel, "recent", () => requestScan({ kind: "account", accountId: "account2" }, false));
    await quietly(async () => {
      await panel.run(() => requestRecentScan());
      await vi.waitFor(() => {
        expect(a).toHaveLength(1);
      });
      expect(await a[0]).toEqual({ outcome: "started" });
      await vi.waitFor(async () => {
        expect((await settled()).origin).toBe("user");
      });
    });
    expect(status()).toMatchObject({ state: "done", origin: "user" });
    expect(fake().storage("local")[RECENT_SCAN_DONE_KEY]).toBeUndefined();
  });

  it("a scan that throws: « failed » published; a start the moment it is shown is made", async () => {
    let down = true;
    const realList = fake().background.run(() => messenger.accounts.list.bind(messenger.accounts));
    fake().override("accounts", "list", (...args: Parameters<typeof realList>) => (down ? Promise.reject(new Error("accounts down")) : realList(...args)));
    const a = onEnd(
      panel,
      "user",
      () => {
        down = false;
        return requestScan({ kind: "all" }, false);
      },
      "failed",
    );
    await quietly(async () => {
      expect(await panel.run(() => requestScan({ kind: "all" }, false))).toEqual({ outcome: "started" });
      await vi.waitFor(() => {
        expect(a).toHaveLength(1);
      });
      expect(await a[0]).toEqual({ outcome: "started" });
      await vi.waitFor(async () => {
        expect((await settled()).state).toBe("done");
      });
    });
    expect(store.calls.list).toBe(3);
  });

  it("a start that wakes the page while the interrupted scan is read: one scan runs, and the answer says which", async () => {
    await fake().background.run(() => writeScanStatus(INTERRUPTED));
    const resumed = fake().background.run(() => resumeInterruptedScan());
    const start = panel.run(() => requestScan({ kind: "account", accountId: "account2" }, false));
    const outcomes = [await resumed, await start];
    const last = await settled();
    await quiet();
    // Either the user's new scan (the interrupted one dropped) or the interrupted one taken up
    // and joined: never both, never a « started » that is not the scan published.
    if (outcomes[0] === "idle") {
      expect(outcomes[1]).toEqual({ outcome: "started" });
      expect(last).toMatchObject({ state: "done", origin: "user", target: { kind: "account" } });
    } else {
      expect(outcomes[1]).toEqual({ outcome: "joined" });
      expect(last).toMatchObject({ state: "done", origin: "user", target: { kind: "all" }, startedAt: 1 });
    }
    expect(store.calls.list).toBe(outcomes[0] === "idle" ? 1 : 2);
  });
});
