/**
 * The listeners of the notices feature, registered synchronously by the background page:
 * new mail classified as it arrives; the toolbar button and the Tools menu open the panel.
 */
import { onNewMail } from "../../adapters/messages.js";
import { createNoticesMenu, NOTICES_MENU_ID, onActionClicked, onNoticesMenuClicked, openNoticesPanel } from "../../adapters/notices-panel.js";
import { ensureTags } from "../../adapters/tags.js";
import type { Feature } from "../feature.js";
import { noticeTags, processNewMailList } from "./process.js";

function report(what: string): (error: unknown) => void {
  return (error) => {
    console.error(`MSSanté Patient: ${what} failed`, error);
  };
}

export function registerNoticeListeners(): void {
  onNewMail(async (_folder, page) => {
    await processNewMailList(page).catch(report("classifying new mail"));
  });
  onActionClicked(() => openNoticesPanel().catch(report("opening the notices panel")));
  onNoticesMenuClicked(() => openNoticesPanel().catch(report("opening the notices panel")));
  // Pages may not create tags themselves: the tags exist as soon as the background has run.
  ensureTags(noticeTags()).catch(report("creating the tags"));
}

/** Bounces and read receipts: classified on arrival, explained in the panel (`Alt+Shift+R`). */
export const noticesFeature: Feature = {
  id: "notices",
  commands: [],
  menus: [NOTICES_MENU_ID],
  register: registerNoticeListeners,
  install() {
    createNoticesMenu();
  },
  startup() {
    // New mail wakes the page; a folder scan is asked for in the panel.
  },
};
