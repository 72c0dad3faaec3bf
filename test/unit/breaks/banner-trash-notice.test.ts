/**
 * Breaks found in the notice banner's side effects (issue 12, item 2), by a reviewer who did
 * not write them. Each test says what is wrong and what is expected; each fails on the code
 * as it is.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseHeader } from "../../../src/adapters/messages.js";
import { realBannerDeps } from "../../../src/features/banners/real-deps.js";
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

describe("displaying a notice that is in the Trash stores nothing", () => {
  /*
   * WRONG: the notice banner classifies a displayed bounce it does not know and stores its
   * record (patient address, INS, reason…) "as on arrival" — whatever folder the message is
   * in. The add-on erases a notice's record as soon as its message is moved to the Trash
   * (docs/admin.md: « Un avis dont le message est mis à la corbeille est effacé
   * aussitôt »); but merely clicking the bounce in the Trash (to check what it was before
   * emptying it) stores the record again, with the patient's INS, for up to 12 months, and
   * the panel lists the bounce again as to be handled.
   * EXPECTED: a notice displayed from the Trash (or Junk, Drafts…) is not stored (it may
   * still be explained in the banner from what is read, without storing anything).
   */
  it("a bounce displayed from the Trash leaves no record in storage.local", async () => {
    const store = new FakeMailStore(fake(), 5);
    store.addAccount("account1", "Cabinet", ["Inbox", "Trash"]);
    const id = store.add("account1", "Trash", BOUNCE);
    await fake().background.run(async () => {
      const message = parseHeader(await messenger.messages.get(id));
      if (message === null) throw new Error("no header");
      await realBannerDeps.notice(message, await realBannerDeps.headers(message));
    });
    expect(storedNotices()).toEqual([]);
  });
});

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
