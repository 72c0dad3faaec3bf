/**
 * Breaks found in the notice banner's side effects (issue 12, item 2), by a reviewer who did
 * not write them. Each test says what is wrong and what is expected; each fails on the code
 * as it is.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scanFolders } from "../../../src/features/notices/scan.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const DAY = 86_400_000;
const BOUNCE = readFileSync(new URL("../../fixtures/notices/mes-closed-text-fr.eml", import.meta.url), "utf8").replace(
  /^Date:.*$/m,
  `Date: ${new Date(Date.now() - 3 * DAY).toUTCString()}`,
);

const fake = useFakeThunderbird();

function storedNotices(): string[] {
  return Object.keys(fake().storage("local")).filter((k) => k.startsWith("notices.item:"));
}

describe("a folder scan does not store the notices of the Trash", () => {
  /*
   * WRONG: the same holds for the folder scan: « all folders » (the panel's scan, and the
   * scan of the last 30 days made without being asked at install) lists the Trash like any
   * folder (`foldersOf` keeps every folder but saved searches) and stores the bounces it
   * finds there — the very records that were erased when the user put them in the Trash.
   * EXPECTED: messages in the Trash (or below it) are not recorded by a scan.
   */
  it("a scan of every folder stores nothing from the Trash", async () => {
    const store = new FakeMailStore(fake(), 5);
    store.addAccount("account1", "Cabinet", ["Inbox", "Trash"]);
    store.add("account1", "Trash", BOUNCE);
    await fake().background.run(() => scanFolders({ kind: "all" }));
    expect(storedNotices()).toEqual([]);
  });
});
