/** Starts the exchanges view (the build's entry point for `exchanges.js`). */
import { closeFromLine } from "../../features/exchanges/close-line.js";
import { loadExchangeRows } from "../../features/exchanges/load.js";
import { openNoticesPanel } from "../../features/notices/panel.js";
import { main } from "./exchanges.js";

main({ loadRows: (onProgress) => loadExchangeRows(undefined, onProgress), closeFromLine: (answer) => closeFromLine(answer), openNoticesPanel, now: () => Date.now() });
