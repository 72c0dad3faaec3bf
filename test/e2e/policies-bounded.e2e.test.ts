// A policy written wrong on a large scale, in a real Thunderbird 153 that the test owns:
// `distribution/policies.json` gives the add-on 10,000 names that are no setting (each
// holding an object, as misplaced settings would) and one invalid value. Thunderbird hands
// all of it to the add-on; the options page must list the invalid value first, 50 problems
// in all, then one line counting the others.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  killStartedThunderbirds,
  MSSANTE_IDENTITY,
  startHarness,
  type Harness,
  type PageTarget,
  pageQueryAll,
  pageWaitForSelector,
} from "../../harness/index.js";
import { ownThunderbird153, type OwnedThunderbird } from "./policies/owned-thunderbird.js";

const ADDON_ID = "mssante-patient@mssante-patient.fr";
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { name: string; version: string };
const BUILT_XPI = resolve("dist", `${pkg.name}-${pkg.version}.xpi`);

const WRONG_NAMES = 10_000;

function addonPolicy(): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (let i = 0; i < WRONG_NAMES; i++) data[`reglageInconnu${i}`] = { value: i, inner: { deeper: "x".repeat(100) } };
  data["noReplyDefault"] = "peut-être";
  return data;
}

let owned: OwnedThunderbird | undefined;
let xpiDir: string | undefined;
let harness: Harness;

beforeAll(async () => {
  const tb = ownThunderbird153();
  owned = tb;
  xpiDir = mkdtempSync(join(tmpdir(), "mssante-xpi-"));
  const xpi = join(xpiDir, `${pkg.name}-${pkg.version}.xpi`);
  copyFileSync(BUILT_XPI, xpi);
  tb.writePolicies({
    policies: {
      ExtensionSettings: { [ADDON_ID]: { installation_mode: "force_installed", install_url: pathToFileURL(xpi).href } },
      "3rdparty": { Extensions: { [ADDON_ID]: addonPolicy() } },
    },
  });
  harness = await startHarness({ binary: tb.binary, identities: [MSSANTE_IDENTITY], prefs: { "intl.locale.requested": "fr" } });
}, 120_000);

afterAll(async () => {
  try {
    await (harness as Harness | undefined)?.stop();
    killStartedThunderbirds();
  } finally {
    owned?.remove();
    if (xpiDir !== undefined) rmSync(xpiDir, { recursive: true, force: true });
  }
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitForAddon(timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const running = await harness.ui.chromeEval(
      `(id) => Boolean(WebExtensionPolicy.getByID(id)?.extension?.backgroundContext)`,
      [ADDON_ID],
    );
    if (running === true) return;
    if (Date.now() > deadline) throw new Error(`add-on not running after ${timeoutMs} ms`);
    await sleep(200);
  }
}

describe("a policy with 10,000 wrong names", () => {
  it("reaches the add-on whole", async () => {
    await waitForAddon();
    const count = await harness.ui.backgroundEval(ADDON_ID, "async () => Object.keys(await messenger.storage.managed.get()).length");
    expect(count).toBe(WRONG_NAMES + 1);
  });

  it("gives 50 problems on the options page, the invalid value first, then one line counting the others", async () => {
    await harness.ui.backgroundEval(ADDON_ID, "async () => { await messenger.runtime.openOptionsPage(); return true; }");
    const page: PageTarget = { kind: "browser", context: await harness.ui.mainWindow(), selector: "browser" };
    await pageWaitForSelector(harness.bidi, page, "body[data-ready='true']", { state: "attached", timeoutMs: 20_000 });
    const problems = await pageQueryAll(harness.bidi, page, "#problems li");
    expect(problems).toHaveLength(51);
    expect(problems[0]?.text).toContain("noReplyDefault");
    expect(problems[1]?.text).toContain("reglageInconnu0");
    expect(problems[50]?.text).toBe("… et 9951 autres problèmes, non détaillés ici.");
  });
});
