/**
 * The notice banner on a bounce displayed from the Trash (or Junk, Drafts…): explained from
 * what is read, stored nothing.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseHeader } from "../../../src/adapters/messages.js";
import { realBannerDeps } from "../../../src/features/banners/real-deps.js";
import { say } from "../../../src/core/i18n/catalogs.js";
import { bannerFor } from "../../../src/features/banners/banner-for.js";
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
   * A notice's record is erased as soon as its message is moved to the Trash (docs/admin.md);
   * clicking the bounce in the Trash (to check what it was before emptying it) must not store
   * it again, with the patient's INS, for up to 12 months, nor list it in the panel as to be
   * handled. The banner still explains it, from what is read, and offers nothing that acts on
   * a stored notice. The same for Junk (and a subfolder of the Trash).
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

  it("the banner of a bounce in the Trash explains it, offers no action, and stores nothing; in Junk or below the Trash too", async () => {
    const store = new FakeMailStore(fake(), 5);
    store.addAccount("account1", "Cabinet", ["Inbox", "Trash", "Trash/Old", "Junk"]);
    for (const folder of ["Trash", "Trash/Old", "Junk"]) {
      const id = store.add("account1", folder, BOUNCE.replace(/^Message-ID:.*$/m, `Message-ID: <ndr-${folder.replace("/", "-")}@mx.example>`));
      const banner = await fake().background.run(async () => {
        const message = parseHeader(await messenger.messages.get(id));
        if (message === null) throw new Error("no header");
        return bannerFor(message, realBannerDeps);
      });
      expect(banner?.kind, folder).toBe("notice");
      const title = banner?.lines[0]?.text;
      expect(title === undefined ? "" : say(title, "fr"), folder).toContain("clôturée");
      expect(banner?.actions, folder).toEqual([]);
    }
    expect(storedNotices()).toEqual([]);
  });

  it("the same bounce in the Inbox is stored, as on arrival", async () => {
    const store = new FakeMailStore(fake(), 5);
    store.addAccount("account1", "Cabinet", ["Inbox", "Trash"]);
    const id = store.add("account1", "Inbox", BOUNCE);
    const banner = await fake().background.run(async () => {
      const message = parseHeader(await messenger.messages.get(id));
      if (message === null) throw new Error("no header");
      return bannerFor(message, realBannerDeps);
    });
    expect(banner?.actions.map((a) => a.action)).toContain("open-notice");
    expect(storedNotices()).toHaveLength(1);
  });
});
