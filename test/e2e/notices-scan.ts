/**
 * The notices panel for the end-to-end tests of what is stored: opened from the toolbar
 * button, one Local Folders folder scanned, and the notices the add-on keeps, read back.
 */
import { z } from "zod";
import { pageClick, pageEval, pageWaitForSelector, type Harness, type PageTarget } from "../../harness/index.js";
import { ADDON_ID } from "./addon-harness.js";

export { ADDON_ID };
const PANEL_URL = "notices-panel.html";

/** Opens the panel, scans Local Folders/`folder` with it, and gives the panel once the scan is done. */
export async function openPanelAndScan(harness: Harness, folder: string): Promise<PageTarget> {
  return scanFromPanel(harness, `(path) => [...document.getElementById("scan-target").options].find((x) => x.dataset.path === path).value`, [`/${folder}`]);
}

/** Opens the panel, scans every folder of every account with it, and gives the panel once the scan is done. */
export async function openPanelAndScanAll(harness: Harness): Promise<PageTarget> {
  return scanFromPanel(harness, `() => "all"`, []);
}

/**
 * Waits until the panel can start a scan: the scan of recent mail made at install (or at the
 * panel's first opening) may still run, and a start now would join it instead.
 */
export async function scanIdle(harness: Harness, panel: PageTarget): Promise<void> {
  const idle = "body:not([data-scan='running']):not([data-scan='starting']) #scan-start:not([hidden])";
  await pageWaitForSelector(harness.bidi, panel, idle, { state: "attached", timeoutMs: 60_000 });
}

/** `choose` gives the value of the scan target's option to pick. */
async function scanFromPanel(harness: Harness, choose: string, args: unknown[]): Promise<PageTarget> {
  await harness.ui.clickMailAction(ADDON_ID);
  const panel = await harness.ui.tabPage(PANEL_URL);
  await pageWaitForSelector(harness.bidi, panel, "body[data-ready='true']", { state: "attached", timeoutMs: 15_000 });
  await scanIdle(harness, panel);
  await pageEval(harness.bidi, panel, `(...args) => { const s = document.getElementById("scan-target"); s.value = (${choose})(...args); return s.value; }`, args);
  await pageClick(harness.bidi, panel, "#scan-start");
  await pageWaitForSelector(harness.bidi, panel, "body[data-scan='done']", { state: "attached", timeoutMs: 30_000 });
  return panel;
}

/** The Message-IDs of the notices the add-on keeps in `storage.local`, sorted. */
export async function storedNoticeIds(harness: Harness): Promise<string[]> {
  const keys = await harness.ui.backgroundEval(ADDON_ID, `async () => Object.keys(await messenger.storage.local.get()).filter((k) => k.startsWith("notices.item:"))`);
  return z
    .array(z.string())
    .parse(keys)
    .map((k) => k.slice("notices.item:".length))
    .sort();
}
