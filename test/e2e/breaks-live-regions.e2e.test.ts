// What a screen-reader user hears while working, in a real Thunderbird: a status region
// (role="status", aria-live) speaks each new text it is given, so it must be given the
// result once, not a text per step (issue 10: "status regions announce results, not every
// tick"). Checked fine: the notices panel's #counts during a scan of six bounces is
// rewritten once.
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killStartedThunderbirds, MSSANTE_IDENTITY, startHarness, type Harness } from "../../harness/index.js";

const ADDON_DIR = resolve("dist/addon");
const ADDON_ID = "mssante-patient@mssante-patient.fr";

/** Records every text a live region is given (its text after each change), from now on. */
const RECORD = `(ids) => {
  window.__said = {};
  for (const id of ids) {
    const node = document.getElementById(id);
    window.__said[id] = [];
    new MutationObserver(() => { const t = node.textContent.trim(); const list = window.__said[id]; if (t !== "" && list[list.length - 1] !== t) list.push(t); })
      .observe(node, { childList: true, characterData: true, subtree: true });
  }
  return true;
}`;

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ extensions: [ADDON_DIR], identities: [MSSANTE_IDENTITY], prefs: { "intl.locale.requested": "fr" } });
  expect(harness.addonIds).toEqual([ADDON_ID]);
  await harness.ui.mainWindow();
});

afterAll(async () => {
  await harness.stop();
  killStartedThunderbirds();
});

describe("live regions", () => {
  // Wrong today: #ins-status (role="status", aria-live="polite") gets a new text at every
  // key typed ("Il manque 14 caractères", "Il manque 13 caractères", …): typing an INS makes a
  // screen reader speak over the user's own typing once per digit. Expected: a few
  // announcements for the whole number (e.g. when it is complete, or when typing pauses), not
  // one per character.
  it("the compose panel's INS status is not spoken once per character typed", async () => {
    const { ui } = harness;
    const compose = await ui.openComposeWindow({ subject: "Résultats", body: "Bonjour,\n" });
    await ui.clickComposeAction(compose, ADDON_ID);
    await ui.waitForPopupSelector(compose, "body[data-ready='true']", { state: "attached" });
    await ui.popupEval(compose, RECORD, [["ins-status"]]);
    const ins = "255081416802538";
    for (let i = 1; i <= ins.length; i++) await ui.popupType(compose, "#ins", ins.slice(0, i));
    await ui.waitForPopupSelector(compose, "#card-identity", { textIncludes: "Femme" });
    const said = (await ui.popupEval(compose, "() => window.__said")) as Record<string, string[]>;
    expect(said["ins-status"]?.length ?? 0, JSON.stringify(said["ins-status"])).toBeLessThanOrEqual(3);
  });
});
