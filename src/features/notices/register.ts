/**
 * The listeners of the notices feature, registered synchronously by the background page:
 * new mail classified as it arrives; the toolbar button and the Tools menu open the panel;
 * the panel's folder scans run here (`scan-service.ts`);
 * notices forgotten when their message is moved to the Trash or deleted for good, and pruned each time the page
 * starts or wakes (see `retention.ts`).
 */
import { onMessagesDeleted, onMessagesMoved, onNewMail } from "../../adapters/messages.js";
import { ensureRecordStore } from "./notice-store.js";
import { onActionClicked } from "../../adapters/action.js";
import { onMenuClicked } from "../../adapters/menus.js";
import { createNoticesMenu, NOTICES_MENU_ID, openNoticesPanel } from "./panel.js";
import { ensureTags } from "../tags.js";
import type { Feature } from "../feature.js";
import { noticeTags, processNewMailList } from "./process.js";
import { forgetDeletedNotices, forgetTrashedNotices, maintainNotices } from "./retention.js";
import { answerScanRequests, resumeInterruptedScan, scanRecentMailOnce } from "./scan-service.js";

function report(what: string): (error: unknown) => void {
  return (error) => {
    console.error(`MSSanté Patient: ${what} failed`, error);
  };
}

export function registerNoticeListeners(): void {
  onNewMail(async (_folder, page) => {
    await processNewMailList(page).catch(report("classifying new mail"));
  });
  onMessagesDeleted(async (page) => {
    await forgetDeletedNotices(page).catch(report("forgetting deleted notices"));
  });
  onMessagesMoved(async (page) => {
    await forgetTrashedNotices(page).catch(report("forgetting notices moved to the Trash"));
  });
  onActionClicked(() => {
    openNoticesPanel().catch(report("opening the notices panel"));
  });
  onMenuClicked(NOTICES_MENU_ID, () => {
    openNoticesPanel().catch(report("opening the notices panel"));
  });
  // The panel's scan runs here, so that it goes on when the panel's tab is closed.
  answerScanRequests();
  resumeInterruptedScan().catch(report("going on with the folder scan"));
  // Pages may not create tags themselves: the tags exist as soon as the background has run.
  ensureTags(noticeTags()).catch(report("creating the tags"));
  maintainNotices().catch(report("pruning the stored notices"));
}

/** Bounces and read receipts: classified on arrival, explained in the panel (`Alt+Shift+R`). */
export const noticesFeature: Feature = {
  id: "notices",
  commands: [],
  menus: [NOTICES_MENU_ID],
  register: registerNoticeListeners,
  install(reason) {
    createNoticesMenu();
    // An older version may have stored notices since the index was built: read them all again.
    if (reason === "update") ensureRecordStore({ rebuild: true }).catch(report("reading the stored notices again"));
    // A first install (or an update from a version without it): the last weeks' bounces and
    // receipts are found without being asked.
    if (reason === "install" || reason === "update") scanRecentMailOnce().catch(report("scanning recent mail"));
  },
  startup() {
    // Until the scan of recent mail has completed once (it failed, found no mail yet, or
    // Thunderbird was quit during it), each start of Thunderbird makes it again, whatever
    // was recorded meanwhile. New mail wakes the page; other scans are asked for in the panel.
    scanRecentMailOnce().catch(report("scanning recent mail"));
  },
};
