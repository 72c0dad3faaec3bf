/** Starts the notices panel (the build's entry point for `notices-panel.js`). */
import { listAccounts } from "../../adapters/folders.js";
import { openMessageById } from "../../adapters/notices-panel.js";
import { setHandled, watchRecords } from "../../adapters/notice-store.js";
import { loadNoticeDetail, loadSentInfo } from "../../features/notices/detail.js";
import { scanFolders } from "../../features/notices/scan.js";
import { main } from "./notices-panel.js";

main({ listAccounts, openMessageById, setHandled, watchRecords, loadNoticeDetail, loadSentInfo, scanFolders });
