/** The notices scan as the pages see it: its published status, read from the fake Thunderbird's session storage. */
import { expect, vi } from "vitest";
import { scanSettled } from "../../../src/features/notices/scan-service.js";
import { SCAN_STATUS_KEY, watchScanStatus, type ScanStatus } from "../../../src/features/notices/scan-status.js";
import type { FakeContext, FakeThunderbird } from "../fakes/messenger.js";

/** The scan status last published, if any. */
export function publishedScan(fake: () => FakeThunderbird): ScanStatus | undefined {
  return fake().storage("session")[SCAN_STATUS_KEY] as ScanStatus | undefined;
}

/** Waits for the background's scan to end, then gives the status it published; fails when none was. */
export async function settledScan(fake: () => FakeThunderbird): Promise<ScanStatus> {
  await fake().background.run(() => scanSettled());
  await vi.waitFor(() => {
    expect(publishedScan(fake)?.state).not.toBe("running");
  });
  const last = publishedScan(fake);
  if (last === undefined) throw new Error("no scan published");
  return last;
}

/** Every status a page is told of, in order. */
export function follow(context: FakeContext): (ScanStatus | null)[] {
  const seen: (ScanStatus | null)[] = [];
  context.run(() => {
    watchScanStatus((s) => seen.push(s));
  });
  return seen;
}

/**
 * Runs `ask` in `context` once, the moment that page is told the scan of `origin` ended with
 * `state`; gives the answers of the requests it made (one, or several made at once).
 */
export function onEnd(
  context: FakeContext,
  origin: ScanStatus["origin"],
  ask: () => Promise<unknown> | readonly Promise<unknown>[],
  state: ScanStatus["state"] = "done",
): Promise<unknown>[] {
  const answers: Promise<unknown>[] = [];
  let asked = false;
  context.run(() => {
    watchScanStatus((s) => {
      if (s?.state !== state || s.origin !== origin || asked) return;
      asked = true;
      const made = ask();
      answers.push(...(made instanceof Promise ? [made] : made));
    });
  });
  return answers;
}
