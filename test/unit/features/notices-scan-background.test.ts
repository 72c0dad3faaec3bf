/**
 * The folder scan run by the background page, asked for by the panel through `runtime`
 * messages (parsed both sides): start, join, cancel (from another panel too), progress and
 * result published in `storage.session`, a start again after the end, a scan that the page's
 * suspension stopped taken up again from its next folder; and recent mail (30 days, every
 * account) scanned without being asked at install, then at each start of Thunderbird and
 * each opening of the panel until that scan has completed once, whatever was recorded.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { noticesFeature, registerNoticeListeners } from "../../../src/features/notices/register.js";
import { requestRecentScan, requestScan, requestScanCancel } from "../../../src/features/notices/scan-contract.js";
import { RECENT_SCAN_DONE_KEY, RECENT_SCAN_TRIES_KEY, answerScanRequests, resumeInterruptedScan } from "../../../src/features/notices/scan-service.js";
import { writeScanStatus, type ScanStatus } from "../../../src/features/notices/scan-status.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird, type FakeContext } from "../fakes/messenger.js";
import { DAY, dated, ordinary, scanMailStore } from "./scan-mail.js";
import { follow, onEnd, publishedScan, settledScan } from "./scan-settled.js";

const BOUNCE_ID = "ndr-20240312100210.7781@mx1.mssante.example";
const RECEIPT_ID = "mdn-88a1@patient.mssante.fr";
/** A read receipt that arrives as new mail during a test. */
const NEW_RECEIPT_ID = "mdn-new-0001@patient.mssante.fr";
const OLD_BOUNCE_ID = "E1rmWxY-0003Ab-2Q@smtp.kine-exemple.fr";

const fake = useFakeThunderbird();
let store: FakeMailStore;
let panel: FakeContext;

beforeEach(() => {
  store = scanMailStore(fake());
  fake().background.run(() => {
    answerScanRequests();
  });
  panel = fake().context("notices panel");
});

function storedIds(): string[] {
  return Object.keys(fake().storage("local"))
    .filter((k) => k.startsWith("notices.item:"))
    .map((k) => k.slice("notices.item:".length))
    .sort();
}

const status = (): ScanStatus | undefined => publishedScan(fake);
const settled = (): Promise<ScanStatus> => settledScan(fake);


describe("the scan asked for in the panel runs in the background", () => {
  it("starts, publishes its progress (folder by folder) and its result in storage.session", async () => {
    const seen = follow(fake().context("second panel"));
    expect(await panel.run(() => requestScan({ kind: "all" }, false))).toEqual({ outcome: "started" });
    const last = await settled();
    expect(last).toMatchObject({ state: "done", origin: "user", thorough: false, since: null, current: null });
    expect(last.figures).toMatchObject({ folders: 3, foldersDone: 3, messages: 15, notices: 3, errors: 0 });
    expect(storedIds()).toEqual([OLD_BOUNCE_ID, RECEIPT_ID, BOUNCE_ID].sort());
    // Another page followed it: running in each folder, then done.
    await vi.waitFor(() => {
      expect(seen.at(-1)?.state).toBe("done");
    });
    const running = seen.filter((s) => s?.state === "running");
    expect(running.length).toBeGreaterThan(0);
    expect(new Set(running.map((s) => s?.current).filter((c) => c !== null))).toEqual(new Set(["/Inbox", "/Archives"]));
  });

  it("one scan at a time: a second start while one runs joins it (no second listing)", async () => {
    const first = panel.run(() => requestScan({ kind: "all" }, false));
    const second = fake().context("second panel").run(() => requestScan({ kind: "account", accountId: "account2" }, true));
    expect(await first).toEqual({ outcome: "started" });
    expect(await second).toEqual({ outcome: "joined" });
    const last = await settled();
    expect(last).toMatchObject({ state: "done", thorough: false, target: { kind: "all" } });
    expect(store.calls.list).toBe(3);
  });

  it("is cancelled from another panel than the one that started it; published as cancelled", async () => {
    for (let n = 100; n < 300; n++) store.add("account1", "Inbox", ordinary(n));
    expect(await panel.run(() => requestScan({ kind: "all" }, true))).toEqual({ outcome: "started" });
    expect(await fake().context("second panel").run(() => requestScanCancel())).toEqual({ outcome: "cancelling" });
    const last = await settled();
    expect(last.state).toBe("cancelled");
    expect(last.figures.messages).toBeLessThan(215);
    expect(last.endedAt).not.toBeNull();
  });

  it("starts again once the last one is over", async () => {
    await panel.run(() => requestScan({ kind: "account", accountId: "account2" }, false));
    await settled();
    expect(await panel.run(() => requestScan({ kind: "folder", folder: { accountId: "account1", path: "/Inbox", id: "account1:/Inbox" } }, false))).toEqual({ outcome: "started" });
    const last = await settled();
    expect(last).toMatchObject({ state: "done", target: { kind: "folder" } });
    expect(last.figures.folders).toBe(1);
    expect(await panel.run(() => requestScanCancel())).toEqual({ outcome: "idle" });
  });

  it("a start asked the moment a scan is shown ended is a scan of its own, not a join of the ended one", async () => {
    // The panel shows « done » as soon as the result is published; the recent scan still
    // records that it was made (storage.local) after that. A click then must start a scan.
    const answers = onEnd(panel, "recent", () => requestScan({ kind: "account", accountId: "account2" }, false));
    expect(await panel.run(() => requestRecentScan())).toEqual({ outcome: "started" });
    await vi.waitFor(() => {
      expect(answers).toHaveLength(1);
    });
    expect(await answers[0]).toEqual({ outcome: "started" });
    await vi.waitFor(async () => {
      expect((await settled()).origin).toBe("user");
    });
    expect(status()).toMatchObject({ state: "done", origin: "user", target: { kind: "account", accountId: "account2" } });
    expect(fake().storage("local")[RECENT_SCAN_DONE_KEY]).toEqual(expect.any(Number));
  });

  it("a scan published as running by a page that was suspended goes on from its next folder", async () => {
    const interrupted: ScanStatus = {
      state: "running",
      origin: "user",
      target: { kind: "all" },
      thorough: false,
      since: null,
      figures: { foldersDone: 2, folders: 3, messages: 14, headerReads: 1, fullReads: 1, notices: 1, errors: 0 },
      current: "/Archives",
      startedAt: 1,
      endedAt: null,
    };
    await fake().background.run(() => writeScanStatus(interrupted));
    expect(await fake().background.run(() => resumeInterruptedScan())).toBe("resumed");
    const last = await settled();
    // Only the third folder (account2's Inbox, one receipt) was listed.
    expect(store.calls.list).toBe(1);
    expect(last).toMatchObject({ state: "done", startedAt: 1 });
    expect(last.figures).toMatchObject({ foldersDone: 3, folders: 3, messages: 15, notices: 2 });
    expect(storedIds()).toEqual([RECEIPT_ID]);
  });

  it("a cancel reaching a page that no longer runs the published scan marks it cancelled", async () => {
    await fake().background.run(() =>
      writeScanStatus({
        state: "running",
        origin: "user",
        target: { kind: "all" },
        thorough: false,
        since: null,
        figures: { foldersDone: 0, folders: 3, messages: 0, headerReads: 0, fullReads: 0, notices: 0, errors: 0 },
        current: null,
        startedAt: 1,
        endedAt: null,
      }),
    );
    expect(await panel.run(() => requestScanCancel())).toEqual({ outcome: "idle" });
    expect(status()?.state).toBe("cancelled");
  });

  it("answers only its own messages: another message gets no answer from it", async () => {
    expect(await panel.run(() => messenger.runtime.sendMessage({ type: "something.else" }))).toBeUndefined();
    expect(await panel.run(() => messenger.runtime.sendMessage({ type: "notices.scan.start", target: { kind: "nowhere" }, thorough: false }))).toBeUndefined();
    expect(status()).toBeUndefined();
  });
});

describe("recent mail, without being asked", () => {
  it("at install: the last 30 days of every account, once; an older notice is left for a scan asked for", async () => {
    fake().background.run(() => {
      noticesFeature.install("install");
    });
    await vi.waitFor(() => {
      expect(status()?.state).toBe("done");
    });
    const last = await settled();
    expect(last).toMatchObject({ origin: "recent", target: { kind: "all" }, thorough: false });
    expect(last.since).toBeGreaterThan(Date.now() - 31 * DAY);
    expect(last.since).toBeLessThan(Date.now() - 29 * DAY);
    expect(storedIds()).toEqual([RECEIPT_ID, BOUNCE_ID].sort());
    // Found by a query on the date: the old message is not even listed.
    expect(last.figures.messages).toBe(14);
    expect(store.calls.list).toBe(0);
    expect(typeof fake().storage("local")[RECENT_SCAN_DONE_KEY]).toBe("number");
    // Only that timestamp is kept about it.
    expect(Object.keys(fake().storage("local")).filter((k) => k.toLowerCase().includes("scan"))).toEqual([RECENT_SCAN_DONE_KEY]);

    // The panel opening later with nothing (say every notice was deleted) does not scan again.
    const queries = store.calls.query;
    expect(await panel.run(() => requestRecentScan())).toEqual({ outcome: "idle" });
    expect(store.calls.query).toBe(queries);
  });

  it("an update scans recent mail only when that was never done (a version without it)", async () => {
    fake().seedStorage("local", { [RECENT_SCAN_DONE_KEY]: Date.now() - DAY });
    fake().background.run(() => {
      noticesFeature.install("update");
    });
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(status()).toBeUndefined();
    expect(store.calls.query).toBe(0);

    await fake().background.run(() => messenger.storage.local.remove(RECENT_SCAN_DONE_KEY));
    fake().background.run(() => {
      noticesFeature.install("update");
    });
    await vi.waitFor(() => {
      expect(status()?.state).toBe("done");
    });
    expect(await settled()).toMatchObject({ origin: "recent" });
    expect(storedIds()).toEqual([RECEIPT_ID, BOUNCE_ID].sort());
  });

  it("the panel opening with nothing recorded and no first scan done: scanned once, then not again", async () => {
    expect(await panel.run(() => requestRecentScan())).toEqual({ outcome: "started" });
    // A second panel opening meanwhile joins it.
    expect(await fake().context("second panel").run(() => requestRecentScan())).toEqual({ outcome: "joined" });
    const last = await settled();
    expect(last).toMatchObject({ state: "done", origin: "recent" });
    expect(storedIds()).toEqual([RECEIPT_ID, BOUNCE_ID].sort());
    expect(await panel.run(() => requestRecentScan())).toEqual({ outcome: "idle" });
  });

  it("a recent scan that found no mail at all (not downloaded or indexed yet) is made again when the panel opens", async () => {
    const empty = new FakeMailStore(fake(), 5);
    empty.addAccount("account3", "Nouveau", ["Inbox"]);
    for (const id of ["account1", "account2"]) store.accounts.delete(id);
    fake().background.run(() => {
      noticesFeature.install("install");
    });
    await vi.waitFor(() => {
      expect(status()?.state).toBe("done");
    });
    expect((await settled()).figures.messages).toBe(0);
    expect(fake().storage("local")[RECENT_SCAN_DONE_KEY]).toBeUndefined();
    // The mail is there now.
    empty.add("account3", "Inbox", dated("mes-closed-text-fr.eml", 3));
    expect(await panel.run(() => requestRecentScan())).toEqual({ outcome: "started" });
    await settled();
    expect(storedIds()).toEqual([BOUNCE_ID]);
    expect(fake().storage("local")[RECENT_SCAN_DONE_KEY]).toBeTypeOf("number");
  });

  it("a recent scan that could not list a folder is made again until it reads everything", async () => {
    store.failFolder("account2", "Inbox");
    expect(await panel.run(() => requestRecentScan())).toEqual({ outcome: "started" });
    const first = await settled();
    expect(first).toMatchObject({ state: "done", origin: "recent" });
    expect(first.figures.errors).toBe(1);
    // The receipt in the folder that would not list is not found yet, and the scan is not done.
    expect(storedIds()).toEqual([BOUNCE_ID]);
    expect(fake().storage("local")[RECENT_SCAN_DONE_KEY]).toBeUndefined();
    expect(fake().storage("local")[RECENT_SCAN_TRIES_KEY]).toBe(1);

    // The folder lists again: the next opening of the panel finds the receipt, and that is the end.
    store.repairFolder("account2", "Inbox");
    expect(await panel.run(() => requestRecentScan())).toEqual({ outcome: "started" });
    expect((await settled()).figures.errors).toBe(0);
    expect(storedIds()).toEqual([RECEIPT_ID, BOUNCE_ID].sort());
    expect(fake().storage("local")[RECENT_SCAN_DONE_KEY]).toBeTypeOf("number");
    expect(fake().storage("local")[RECENT_SCAN_TRIES_KEY]).toBeUndefined();
    expect(await panel.run(() => requestRecentScan())).toEqual({ outcome: "idle" });
  });

  it("a folder that never lists does not have recent mail scanned again for ever: three tries in all", async () => {
    store.failFolder("account2", "Inbox");
    for (const tries of [1, 2]) {
      expect(await panel.run(() => requestRecentScan())).toEqual({ outcome: "started" });
      expect((await settled()).figures.errors).toBe(1);
      expect(fake().storage("local")[RECENT_SCAN_TRIES_KEY]).toBe(tries);
      expect(fake().storage("local")[RECENT_SCAN_DONE_KEY]).toBeUndefined();
    }
    expect(await panel.run(() => requestRecentScan())).toEqual({ outcome: "started" });
    expect((await settled()).figures.errors).toBe(1);
    expect(fake().storage("local")[RECENT_SCAN_DONE_KEY]).toBeTypeOf("number");
    // Only the date is left.
    expect(Object.keys(fake().storage("local")).filter((k) => k.toLowerCase().includes("scan"))).toEqual([RECENT_SCAN_DONE_KEY]);
    const queries = store.calls.query;
    expect(await panel.run(() => requestRecentScan())).toEqual({ outcome: "idle" });
    expect(store.calls.query).toBe(queries);
    expect(storedIds()).toEqual([BOUNCE_ID]);
  });

  it("a recent scan that failed is tried again the next time", async () => {
    fake().override("accounts", "list", (() => Promise.reject(new Error("accounts down"))));
    const errors = console.error;
    console.error = () => undefined;
    try {
      expect(await panel.run(() => requestRecentScan())).toEqual({ outcome: "started" });
      expect((await settled()).state).toBe("failed");
    } finally {
      console.error = errors;
    }
    expect(fake().storage("local")[RECENT_SCAN_DONE_KEY]).toBeUndefined();
  });

  it("a first scan that failed is made again at the next start of Thunderbird, though a receipt was recorded on arrival meanwhile", async () => {
    let accountsDown = true;
    const realList = fake().background.run(() => messenger.accounts.list.bind(messenger.accounts));
    fake().override("accounts", "list", (...args: Parameters<typeof realList>) => (accountsDown ? Promise.reject(new Error("account not ready")) : realList(...args)));
    fake().override("action", "onClicked", { addListener: () => undefined } as never);
    fake().override("menus", "onClicked", { addListener: () => undefined } as never);
    const errors = console.error;
    console.error = () => undefined;
    try {
      fake().background.run(() => {
        registerNoticeListeners();
        noticesFeature.install("install");
      });
      await vi.waitFor(() => {
        expect(status()?.state).toBe("failed");
      });
      await settled();
    } finally {
      console.error = errors;
    }
    expect(fake().storage("local")[RECENT_SCAN_DONE_KEY]).toBeUndefined();
    accountsDown = false;

    // A read receipt arrives as new mail: recorded on arrival.
    const arrived = store.add("account1", "Inbox", dated("mdn-displayed-patient-fr.eml", 0).replace(/^Message-ID:.*$/im, `Message-ID: <${NEW_RECEIPT_ID}>`));
    await fake().background.run(() => store.deliver([arrived]));
    expect(storedIds()).toEqual([NEW_RECEIPT_ID]);

    // Thunderbird is restarted: storage.session is empty, the feature starts again.
    await fake().background.run(() => messenger.storage.session.clear());
    fake().background.run(() => {
      noticesFeature.startup();
    });
    await vi.waitFor(() => {
      expect(status()?.state).toBe("done");
    });
    expect(await settled()).toMatchObject({ origin: "recent" });
    expect(storedIds(), "the bounce of 3 days ago is found without being asked").toEqual([BOUNCE_ID, NEW_RECEIPT_ID, RECEIPT_ID].sort());
    expect(fake().storage("local")[RECENT_SCAN_DONE_KEY]).toBeTypeOf("number");

    // Done once: the next start scans nothing.
    const queries = store.calls.query;
    fake().background.run(() => {
      noticesFeature.startup();
    });
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(store.calls.query).toBe(queries);
  });

  it("the panel opening with notices recorded still has recent mail scanned while that was never done", async () => {
    const arrived = store.add("account1", "Inbox", dated("mdn-displayed-patient-fr.eml", 0).replace(/^Message-ID:.*$/im, `Message-ID: <${NEW_RECEIPT_ID}>`));
    fake().override("action", "onClicked", { addListener: () => undefined } as never);
    fake().override("menus", "onClicked", { addListener: () => undefined } as never);
    fake().background.run(() => {
      registerNoticeListeners();
    });
    await fake().background.run(() => store.deliver([arrived]));
    expect(storedIds()).toEqual([NEW_RECEIPT_ID]);
    expect(await panel.run(() => requestRecentScan())).toEqual({ outcome: "started" });
    await settled();
    expect(storedIds()).toEqual([BOUNCE_ID, NEW_RECEIPT_ID, RECEIPT_ID].sort());
  });
});
