/**
 * Time from a click on the compose action to an interactive popup (its page has read the
 * compose tab and the settings and set `data-ready`), in a real headless Thunderbird.
 * Measured from Node, so each figure includes one WebDriver BiDi round trip (~1 ms).
 */
import { median } from "./statistics.js";
import { resolve } from "node:path";
import { startHarness } from "../harness/index.js";

const ADDON_ID = "mssante-patient@mssante-patient.fr";

export async function popupOpenTimes(runs: number): Promise<{ median: number; runs: number[] }> {
  const harness = await startHarness({ extensions: [resolve("dist/addon")] });
  try {
    const { ui } = harness;
    const compose = await ui.openComposeWindow({ to: "255081416802538@patient.mssante.fr", subject: "Mesure" });
    const times: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const start = performance.now();
      await ui.clickComposeAction(compose, ADDON_ID, { waitForPopup: false });
      await ui.waitForPopupSelector(compose, "body[data-ready='true']", { state: "attached", timeoutMs: 15_000 });
      const elapsed = performance.now() - start;
      if (i > 0) times.push(elapsed); // the first opening also loads the add-on's code: reported apart
      else console.log(`compose action → interactive popup, first opening: ${elapsed.toFixed(0)} ms`);
      await ui.bidi.chromeEval(
        compose,
        `() => { document.querySelector("browser.webextension-popup-browser")?.closest("panel")?.hidePopup(); return true; }`,
      );
      for (let wait = 0; wait < 50 && (await ui.isPopupOpen(compose)); wait++) await new Promise((r) => setTimeout(r, 50));
    }
    return { median: median(times), runs: times };
  } finally {
    await harness.stop();
  }
}
