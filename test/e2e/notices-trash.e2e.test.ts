// A notice whose message is moved to the Trash is forgotten at once (Thunderbird fires
// `messages.onMoved`), and stays forgotten once the Trash is emptied (Thunderbird's own
// "Empty Trash", after which no folder holds the message); the other notice stays. A scan
// of every folder does not record again a notice whose message is in the Trash.
import { openPanelAndScan, openPanelAndScanAll, storedNoticeIds } from "./notices-scan.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendToLocalFolder, withRecentDates, type Harness } from "../../harness/index.js";
import { ADDON_ID, startWithAddon, stopAll } from "./addon-harness.js";
import { MOVE_MESSAGE } from "./local-moves.js";
import { noticeFixture } from "./notice-mail.js";

const FOLDER = "Retours-vider";
const CLOSED = noticeFixture("mes-closed-text-fr.eml");
const bounce = (id: string): string => withRecentDates(CLOSED.replace(/^Message-ID: <ndr-[^>]*>/m, `Message-ID: <${id}>`));
const TRASHED = "ndr-trash-emptied@mx1.mssante.example";
const KEPT = "ndr-kept@mx1.mssante.example";

let harness: Harness;

const TO_TRASH = String.raw`async (folderName, messageId) => {
  ${MOVE_MESSAGE}
  const root = MailServices.accounts.localFoldersServer.rootFolder;
  const folder = root.getChildNamed(folderName);
  const hdr = folder.msgDatabase.getMsgHdrForMessageID(messageId);
  if (!hdr) return "missing";
  const trash = root.getFolderWithFlags(Ci.nsMsgFolderFlags.Trash);
  await moveMessage(folder, hdr, trash);
  return "trashed";
}`;

/** Thunderbird's "Empty Trash" on Local Folders. */
const EMPTY_TRASH = String.raw`async () => {
  const root = MailServices.accounts.localFoldersServer.rootFolder;
  const trash = root.getFolderWithFlags(Ci.nsMsgFolderFlags.Trash);
  trash.emptyTrash(null);
  await new Promise((r) => setTimeout(r, 500));
  return trash.getTotalMessages(false);
}`;

beforeAll(async () => {
  harness = await startWithAddon();
  await harness.ui.mainWindow();
  await appendToLocalFolder(harness.profile, FOLDER, [bounce(TRASHED), bounce(KEPT)]);
  await harness.ui.indexLocalFolder(FOLDER, 2);
  await openPanelAndScan(harness, FOLDER);
});

afterAll(() => stopAll(harness));

describe("a notice whose message is moved to the Trash, then the Trash is emptied", () => {
  it("both bounces are stored after the scan", async () => {
    expect(await storedNoticeIds(harness)).toEqual([KEPT, TRASHED]);
  });

  it("is forgotten once its message is in the Trash, and nothing of it comes back when the Trash is emptied", async () => {
    expect(await harness.ui.chromeEval(TO_TRASH, [FOLDER, TRASHED])).toBe("trashed");
    const deadlineMove = Date.now() + 15_000;
    let afterMove = await storedNoticeIds(harness);
    while (afterMove.includes(TRASHED) && Date.now() < deadlineMove) {
      await new Promise((r) => setTimeout(r, 250));
      afterMove = await storedNoticeIds(harness);
    }
    expect(afterMove).toEqual([KEPT]);
    expect(await harness.ui.chromeEval(EMPTY_TRASH)).toBe(0);
    const still = await harness.ui.backgroundEval(ADDON_ID, `async (id) => (await messenger.messages.query({ headerMessageId: id })).messages.length`, [TRASHED]);
    expect(still).toBe(0);
    expect(await storedNoticeIds(harness)).toEqual([KEPT]);
    const all = await harness.ui.backgroundEval(ADDON_ID, `async () => JSON.stringify(await messenger.storage.local.get())`);
    expect(all).not.toContain(TRASHED);
  });
});

describe("a scan of every folder, with a notice in the Trash", () => {
  it("does not record again the notice whose message is in the Trash", async () => {
    expect(await harness.ui.chromeEval(TO_TRASH, [FOLDER, KEPT])).toBe("trashed");
    const deadline = Date.now() + 15_000;
    let afterMove = await storedNoticeIds(harness);
    while (afterMove.includes(KEPT) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      afterMove = await storedNoticeIds(harness);
    }
    expect(afterMove).toEqual([]);
    const inTrash = await harness.ui.backgroundEval(
      ADDON_ID,
      `async (id) => (await messenger.messages.query({ headerMessageId: id })).messages.map((m) => m.folder?.specialUse ?? [])`,
      [KEPT],
    );
    expect(inTrash).toEqual([["trash"]]);
    await openPanelAndScanAll(harness);
    expect(await storedNoticeIds(harness)).toEqual([]);
  });
});
