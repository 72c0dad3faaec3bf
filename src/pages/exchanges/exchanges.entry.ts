/** Starts the exchanges view (the build's entry point for `exchanges.js`). */
import { requestLineClose } from "../../features/exchanges/close-contract.js";
import { loadExchangeRows } from "../../features/exchanges/load.js";
import { openNoticesPanel } from "../../features/notices/panel.js";
import { main } from "./exchanges.js";

main({
  loadRows: (onProgress) => loadExchangeRows(undefined, onProgress),
  // The close runs in the background page, beside the header button's (one [FIN] however it is asked for).
  closeFromLine: (line, answer) => requestLineClose(line, answer),
  openNoticesPanel,
  now: () => Date.now(),
});
