/**
 * The folder scan, run by the background page: it goes on when the panel's tab is closed.
 * One scan at a time (a start asked while one runs joins it); its progress and then its
 * result are published in `storage.session` (`scan-status.ts`) for every panel to show.
 *
 * Keeping the event page alive: Thunderbird suspends an idle event page (30 s without an
 * extension event or API call by default). A scan calls Thunderbird all the time (listing,
 * headers, reads) and publishes its progress at least every `PUBLISH_EVERY_MS` while it
 * moves: each of those calls resets the idle timer (Firefox's `parentApiCall` reset). Should
 * the page still be suspended mid-scan (a single call longer than the timeout), the published
 * state says "running" with the folders done: the next start of the page (any event, the
 * panel's next message) goes on from the next folder (`resumeInterruptedScan`).
 *
 * Recent mail without being asked: the last 30 days of every account are scanned at
 * install, then at each start of Thunderbird and each opening of the panel until that scan
 * has completed once (whatever was recorded meanwhile: a receipt arriving as new mail does
 * not make the bounces of the weeks before seen); that it was done is kept as a timestamp in
 * `storage.local`, once it has seen some mail and read everything it listed. A scan that
 * could not read some of it (a folder that would not list, a message that would not open)
 * is made again, up to `RECENT_SCAN_TRIES` times in all: the count is the only other thing
 * kept, until the scan is done.
 */
import { onPageMessage } from "../../adapters/runtime.js";
import { storageLocal } from "../../adapters/storage.js";
import type { ScanFigures } from "../../core/notice-records/index.js";
import { RECENT_DAYS, scanRequestSchema, type ScanAnswer, type ScanRequest } from "./scan-contract.js";
import { readScanStatus, writeScanStatus, type ScanStatus } from "./scan-status.js";
import { scanFolders, type ScanTarget } from "./scan.js";

const DAY_MS = 86_400_000;

/** `storage.local`: when the scan of recent mail made without being asked ended (ms). */
export const RECENT_SCAN_DONE_KEY = "notices.recentScanDone";

/** `storage.local`: how many scans of recent mail ended with something they could not read. */
export const RECENT_SCAN_TRIES_KEY = "notices.recentScanTries";

/**
 * Scans of recent mail made in all while some of it cannot be read: a folder that never lists
 * (a broken or unreachable one) must not have the scan made again at every start for ever.
 */
export const RECENT_SCAN_TRIES = 3;

/** Progress is written at most this often (and at each end). */
const PUBLISH_EVERY_MS = 500;

/** Writes of a scan's result in all, when storage.session refuses it (then every `PUBLISH_EVERY_MS`). */
const RESULT_WRITE_TRIES = 3;

interface ScanRequestFields {
  readonly origin: ScanStatus["origin"];
  readonly target: ScanTarget;
  readonly thorough: boolean;
  readonly since: number | null;
}

interface Running {
  readonly controller: AbortController;
  readonly done: Promise<void>;
  /**
   * Its result is decided: published, or about to be (a recent scan then records that it was
   * made). A panel may already show it ended: a start asked now is a scan of its own.
   */
  readonly ended: () => boolean;
}

/** The scan of this page, if any (a scan lives as long as the page that runs it). */
let running: Running | null = null;

function figuresOf(p: ScanFigures): ScanFigures {
  return {
    foldersDone: p.foldersDone,
    folders: p.folders,
    messages: p.messages,
    headerReads: p.headerReads,
    fullReads: p.fullReads,
    notices: p.notices,
    errors: p.errors,
  };
}

const NO_FIGURES: ScanFigures = { foldersDone: 0, folders: 0, messages: 0, headerReads: 0, fullReads: 0, notices: 0, errors: 0 };

/** The stored target as the scan takes it (a folder's id only when there is one). */
function targetOf(stored: ScanStatus["target"]): ScanTarget {
  if (stored.kind !== "folder") return stored;
  const { accountId, path, id } = stored.folder;
  return { kind: "folder", folder: id === undefined ? { accountId, path } : { accountId, path, id } };
}

/**
 * Starts a scan in this page, or joins the one running. `resume`: the published state of a
 * scan of the same request that the page's suspension stopped. A scan that has ended is still
 * "running" until it lets go: callers wait for that first (`letGoOfEndedScan`).
 */
export function startScan(request: ScanRequestFields, resume?: ScanStatus): "started" | "joined" {
  if (running !== null) return "joined";
  const controller = new AbortController();
  let status: ScanStatus = {
    state: "running",
    origin: request.origin,
    target: request.target,
    thorough: request.thorough,
    since: request.since,
    figures: resume?.figures ?? NO_FIGURES,
    current: null,
    startedAt: resume?.startedAt ?? Date.now(),
    endedAt: null,
  };
  let ended = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();
  /** Whether the last write was refused (the result must not be left unpublished). */
  let refused = false;
  const lastRefused = (): boolean => refused;
  const write = (): void => {
    const now = status;
    writing = writing.then(() => writeScanStatus(now)).then(
      () => {
        refused = false;
      },
      (error: unknown) => {
        refused = true;
        console.error("MSSanté Patient: publishing the scan's progress failed", error);
      },
    );
  };
  const stopTimer = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const publish = (): void => {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      write();
    }, PUBLISH_EVERY_MS);
  };

  const done = (async () => {
    write();
    try {
      const result = await scanFolders(request.target, {
        signal: controller.signal,
        thorough: request.thorough,
        ...(request.since === null ? {} : { since: request.since }),
        ...(resume === undefined ? {} : { resume: resume.figures }),
        onProgress: (p) => {
          const folderChanged = p.current !== status.current;
          status = { ...status, figures: figuresOf(p), current: p.current };
          if (folderChanged) write();
          else publish();
        },
      });
      status = { ...status, state: result.cancelled ? "cancelled" : "done", figures: figuresOf(result), current: null, endedAt: Date.now() };
    } catch (error) {
      console.error("MSSanté Patient: scanning the folders failed", error);
      status = { ...status, state: "failed", current: null, endedAt: Date.now() };
    }
    ended = true;
    stopTimer();
    write();
    await writing;
    // The result not published, every panel would show this scan running for ever.
    for (let tries = 1; lastRefused() && tries < RESULT_WRITE_TRIES; tries++) {
      await new Promise((resolve) => setTimeout(resolve, PUBLISH_EVERY_MS));
      write();
      await writing;
    }
    // Looked at once: a cancel is the user's answer too. A failure is tried again later, and
    // so is a scan that found no mail at all (a new profile whose mail is not downloaded or
    // indexed yet): the next start of Thunderbird, or the panel's next opening, looks again.
    // A scan that read nothing because nothing could be read (every folder with recent mail
    // failed to list) counts as a try, so that it is not made at every start for ever.
    if (request.origin === "recent" && status.state !== "failed" && (status.figures.messages > 0 || status.figures.errors > 0)) {
      await endRecentScan(status);
    }
  })()
    .catch((error: unknown) => {
      console.error("MSSanté Patient: ending the scan failed", error);
    })
    .finally(() => {
      running = null;
    });
  running = { controller, done, ended: () => ended };
  return "started";
}

/** Stops the scan running (it publishes "cancelled" once its reads in flight are over). */
export async function cancelScan(): Promise<"cancelling" | "idle"> {
  if (running !== null) {
    running.controller.abort();
    return "cancelling";
  }
  // Published as running by a page that is gone, and not taken up again yet.
  const stored = await readScanStatus();
  if (stored?.state === "running") await writeScanStatus({ ...stored, state: "cancelled", current: null, endedAt: Date.now() });
  return "idle";
}

/**
 * Records a scan of recent mail that went through: done, unless part of the mail could not
 * be read and tries are left (a cancelled scan is done: the user said so).
 */
async function endRecentScan(status: ScanStatus): Promise<void> {
  if (status.state === "done" && status.figures.errors > 0) {
    const stored = (await storageLocal.get(RECENT_SCAN_TRIES_KEY))[RECENT_SCAN_TRIES_KEY];
    const tries = (typeof stored === "number" && Number.isInteger(stored) && stored > 0 ? stored : 0) + 1;
    if (tries < RECENT_SCAN_TRIES) {
      await storageLocal.set({ [RECENT_SCAN_TRIES_KEY]: tries });
      return;
    }
  }
  await storageLocal.set({ [RECENT_SCAN_DONE_KEY]: Date.now() });
  await storageLocal.remove(RECENT_SCAN_TRIES_KEY);
}

/** Whether the scan of recent mail made without being asked was done (or refused) already. */
async function recentScanDone(): Promise<boolean> {
  return typeof (await storageLocal.get(RECENT_SCAN_DONE_KEY))[RECENT_SCAN_DONE_KEY] === "number";
}

/**
 * The last `RECENT_DAYS` days of every account, until done once: at install or update, at
 * each start of Thunderbird and when the panel opens (a first scan that failed, or that
 * Thunderbird's exit stopped, is made again). A scan running is joined.
 */
export async function scanRecentMailOnce(now: number = Date.now()): Promise<"started" | "joined" | "idle"> {
  // One that has ended may still be recording that recent mail was seen.
  await letGoOfEndedScan();
  if (running !== null) return "joined";
  if (await recentScanDone()) return "idle";
  return startScan({ origin: "recent", target: { kind: "all" }, thorough: false, since: now - RECENT_DAYS * DAY_MS });
}

/**
 * Whether the page's start takes up an interrupted scan is decided before any panel's request
 * is answered: the message that woke the page (a cancel, the panel opening) is about that scan.
 */
let resuming: Promise<unknown> = Promise.resolve();

/**
 * At each start of the page: a scan published as running has no page left to run it (the
 * page was suspended or reloaded during it); it goes on from the folder it was reading.
 */
export function resumeInterruptedScan(): Promise<"resumed" | "idle"> {
  const decided = (async (): Promise<"resumed" | "idle"> => {
    const stored = await readScanStatus();
    if (stored?.state !== "running" || running !== null) return "idle";
    startScan({ origin: stored.origin, target: targetOf(stored.target), thorough: stored.thorough, since: stored.since }, stored);
    return "resumed";
  })();
  resuming = decided.catch(() => undefined);
  return decided;
}

/**
 * A scan whose result is decided (a panel may already show it ended) may still be recording
 * that recent mail was seen: what is asked now is answered once it has let go.
 */
async function letGoOfEndedScan(): Promise<void> {
  while (running?.ended() === true) await running.done;
}

async function answer(request: ScanRequest): Promise<ScanAnswer> {
  await resuming;
  switch (request.type) {
    case "notices.scan.start":
      // A start asked as the last scan is shown ended is a scan of its own (or, when another
      // panel's start came first, a join of that one, said as such).
      await letGoOfEndedScan();
      return { outcome: startScan({ origin: "user", target: targetOf(request.target), thorough: request.thorough, since: null }) };
    case "notices.scan.recent":
      return { outcome: await scanRecentMailOnce() };
    case "notices.scan.cancel":
      return { outcome: await cancelScan() };
  }
}

/** The panel's requests (`scan-contract.ts`); other messages are left to whoever handles them. */
export function answerScanRequests(): void {
  onPageMessage(({ message: raw }) => {
    const parsed = scanRequestSchema.safeParse(raw);
    return parsed.success ? answer(parsed.data) : undefined;
  });
}

/** The scan of this page has ended (tests). */
export async function scanSettled(): Promise<void> {
  await running?.done;
}
