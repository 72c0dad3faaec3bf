/** The notices scan as the pages see it: its published status, read from the fake Thunderbird's session storage. */
import { expect, vi } from "vitest";
import { scanSettled } from "../../../src/features/notices/scan-service.js";
import { SCAN_STATUS_KEY, type ScanStatus } from "../../../src/features/notices/scan-status.js";
import type { FakeThunderbird } from "../fakes/messenger.js";

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
