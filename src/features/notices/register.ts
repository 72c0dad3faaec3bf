/**
 * The listeners of the notices feature, registered synchronously by the background page:
 * new mail classified as it arrives; the toolbar button and the Tools menu open the panel.
 */
import { onNewMail } from "../../adapters/messages.js";
import { createNoticesMenu, onActionClicked, onNoticesMenuClicked, openNoticesPanel } from "../../adapters/notices-panel.js";
import { ensureTags } from "../../adapters/tags.js";
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
  messenger.runtime.onInstalled.addListener(() => {
    createNoticesMenu();
  });
}
