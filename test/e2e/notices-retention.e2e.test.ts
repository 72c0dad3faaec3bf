// What is stored about patients, in a real Thunderbird: two bounces from closed Mon espace
// santé mailboxes are found by a scan and listed in the panel; one is moved to the Trash
// (Thunderbird fires `messages.onMoved`: its notice is forgotten at once), the other deleted
// for good from Thunderbird's own folder code (Thunderbird fires `messages.onDeleted`: that
// notice is forgotten too); each time the open panel drops it by itself.
import { openPanelAndScan, storedNoticeIds } from "./notices-scan.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendToLocalFolder, pageQueryAll, pageWaitForSelector, withRecentDates, type Harness, type PageTarget } from "../../harness/index.js";
import { ADDON_ID, startWithAddon, stopAll } from "./addon-harness.js";
import { MOVE_MESSAGE } from "./local-moves.js";
import { noticeFixture } from "./notice-mail.js";

const FOLDER = "Retours-suppr";
const CLOSED = noticeFixture("mes-closed-text-fr.eml");

/** The closed-mailbox bounce as notice `id`, dated days ago (older ones are not kept). */
const bounce = (id: string): string => withRecentDates(CLOSED.replace(/^Message-ID: <ndr-[^>]*>/m, `Message-ID: <${id}>`));
const DELETED = "ndr-deleted@mx1.mssante.example";
const TRASHED = "ndr-trashed@mx1.mssante.example";

let harness: Harness;
let panel: PageTarget;

/** From Thunderbird's own code: moves a Local Folders message to the Trash, or deletes it for good. */
const REMOVE_MESSAGE = String.raw`async (folderName, messageId, forGood) => {
  ${MOVE_MESSAGE}
  const root = MailServices.accounts.localFoldersServer.rootFolder;
  const folder = root.getChildNamed(folderName);
  const hdr = folder.msgDatabase.getMsgHdrForMessageID(messageId);
  if (!hdr) return "missing";
  if (forGood) {
    folder.deleteMessages([hdr], null, true, false, null, false);
    return "deleted";
  }
  const trash = root.getFolderWithFlags(Ci.nsMsgFolderFlags.Trash);
  if (!trash) return "no trash";
  await moveMessage(folder, hdr, trash);
  return "trashed";
}`;

beforeAll(async () => {
  harness = await startWithAddon();
  await harness.ui.mainWindow();
  await appendToLocalFolder(harness.profile, FOLDER, [bounce(DELETED), bounce(TRASHED)]);
  await harness.ui.indexLocalFolder(FOLDER, 2);
  panel = await openPanelAndScan(harness, FOLDER);
});

afterAll(() => stopAll(harness));

const item = (id: string): string => `li.item[data-key='${id}#0']`;

describe("a notice whose message is removed", () => {
  it("both bounces are stored and listed", async () => {
    expect(await storedNoticeIds(harness)).toEqual([DELETED, TRASHED]);
    await pageWaitForSelector(harness.bidi, panel, item(DELETED), { state: "attached", timeoutMs: 10_000 });
    await pageWaitForSelector(harness.bidi, panel, item(TRASHED), { state: "attached", timeoutMs: 10_000 });
  });

  it("is forgotten as soon as its message is moved to the Trash, and the open panel drops it", async () => {
    expect(await harness.ui.chromeEval(REMOVE_MESSAGE, [FOLDER, TRASHED, false])).toBe("trashed");
    const inTrash = await harness.ui.backgroundEval(ADDON_ID, `async (id) => (await messenger.messages.query({ headerMessageId: id })).messages.map((m) => m.folder.specialUse ?? m.folder.type)`, [TRASHED]);
    expect(JSON.stringify(inTrash)).toContain("trash");
    await pageWaitForSelector(harness.bidi, panel, item(TRASHED), { state: "detached", timeoutMs: 15_000 });
    expect(await storedNoticeIds(harness)).toEqual([DELETED]);
    expect(await pageQueryAll(harness.bidi, panel, item(DELETED))).toHaveLength(1);
  });

  it("is forgotten when its message is deleted for good, and the open panel drops it", async () => {
    expect(await harness.ui.chromeEval(REMOVE_MESSAGE, [FOLDER, DELETED, true])).toBe("deleted");
    await pageWaitForSelector(harness.bidi, panel, item(DELETED), { state: "detached", timeoutMs: 15_000 });
    expect(await storedNoticeIds(harness)).toEqual([]);
    const index = await harness.ui.backgroundEval(ADDON_ID, `async () => Object.keys((await messenger.storage.local.get("notices.index"))["notices.index"].ages)`);
    expect(index).toEqual([]);
  });
});
