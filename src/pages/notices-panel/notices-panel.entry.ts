/** Starts the notices panel (the build's entry point for `notices-panel.js`). */
import { listAccounts } from "../../adapters/accounts.js";
import { openMessageById } from "../../adapters/message-display.js";
import { setHandled, watchRecords } from "../../features/notices/notice-store.js";
import { loadNoticeDetail, loadSentInfo } from "../../features/notices/detail.js";
import { requestRecentScan, requestScan, requestScanCancel } from "../../features/notices/scan-contract.js";
import { watchScanStatus } from "../../features/notices/scan-status.js";
import { openExchangesView } from "../../features/exchanges/open.js";
import { main } from "./notices-panel.js";

main({ listAccounts, openMessageById, setHandled, watchRecords, loadNoticeDetail, loadSentInfo, requestScan, requestRecentScan, requestScanCancel, watchScanStatus, openExchangesView });
