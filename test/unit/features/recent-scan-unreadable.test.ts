/**
 * the scan of recent mail made again when part of it could not be read
 * (`src/features/notices/scan-service.ts`, `endRecentScan`).
 *
 * What was wrong: the tries are only counted for a scan that saw some mail
 * (`status.figures.messages > 0`). When every folder with recent mail refuses to list (a
 * profile whose only account is an unreachable IMAP server, a broken local folder), the scan
 * sees no message, records neither a try nor its end, and is made again at every start of
 * Thunderbird and every opening of the panel, for ever: the bound of three tries never applies.
 *
 * Expected: a scan that could not read part of the mail counts as a try whether or not it saw
 * any message, so that after `RECENT_SCAN_TRIES` scans it is done and not made again.
 */
import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { requestRecentScan } from "../../../src/features/notices/scan-contract.js";
import { RECENT_SCAN_DONE_KEY, RECENT_SCAN_TRIES, answerScanRequests } from "../../../src/features/notices/scan-service.js";
import type { ScanStatus } from "../../../src/features/notices/scan-status.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird, type FakeContext } from "../fakes/messenger.js";
import { settledScan } from "./scan-settled.js";

const DAY = 86_400_000;
const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/notices/${name}`, import.meta.url), "utf8");

const fake = useFakeThunderbird();
let store: FakeMailStore;
let panel: FakeContext;

beforeEach(() => {
  store = new FakeMailStore(fake(), 5);
  store.addAccount("account1", "Cabinet", ["Inbox"]);
  store.add(
    "account1",
    "Inbox",
    fixture("mes-closed-text-fr.eml").replace(/^Date:.*$/m, `Date: ${new Date(Date.now() - 3 * DAY).toUTCString()}`),
  );
  // The only folder with mail never lists.
  store.failFolder("account1", "Inbox");
  fake().background.run(() => {
    answerScanRequests();
  });
  panel = fake().context("notices panel");
});

const settled = (): Promise<ScanStatus> => settledScan(fake);

describe("recent scan whose only mail is in a folder that never lists", () => {
  it("is done after RECENT_SCAN_TRIES scans, not made again at every opening for ever", async () => {
    for (let n = 0; n < RECENT_SCAN_TRIES; n++) {
      expect(await panel.run(() => requestRecentScan())).toEqual({ outcome: "started" });
      const ended = await settled();
      expect(ended.state).toBe("done");
      expect(ended.figures.errors).toBeGreaterThan(0);
    }
    // Fails today: nothing was recorded (no try, no end), and the scan starts again.
    expect(fake().storage("local")[RECENT_SCAN_DONE_KEY]).toBeTypeOf("number");
    expect(await panel.run(() => requestRecentScan())).toEqual({ outcome: "idle" });
  });
});
