// Updating a fleet the simple way docs/admin.md describes: the administrator puts the new
// version under a new file name and changes `install_url`; at the next start Thunderbird
// replaces the installed add-on, and the user's settings are still there. Runs in a
// Thunderbird 153 the test owns, with one profile across two starts.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, expect, it } from "vitest";
import {
  createProfile,
  killStartedThunderbirds,
  startThunderbird,
  ThunderbirdUi,
  type ThunderbirdInstance,
  type ThunderbirdProfile,
} from "../../harness/index.js";
import { ownThunderbird153, type OwnedThunderbird } from "./policies/owned-thunderbird.js";

const ADDON_ID = "mssante-patient@mssante-patient.fr";
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { name: string; version: string };
const NEXT_VERSION = `${pkg.version}.1`;

let owned: OwnedThunderbird | undefined;
let work: string | undefined;
let profile: ThunderbirdProfile | undefined;
let running: ThunderbirdInstance | undefined;

afterAll(async () => {
  try {
    await running?.stop();
    killStartedThunderbirds();
  } finally {
    owned?.remove();
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
    if (profile !== undefined) rmSync(profile.rootDir, { recursive: true, force: true });
  }
});

function forceInstall(xpi: string): unknown {
  return {
    policies: {
      ExtensionSettings: { [ADDON_ID]: { installation_mode: "force_installed", install_url: pathToFileURL(xpi).href } },
    },
  };
}

/** The add-on's version once Thunderbird runs it, waiting for the policy's install. */
async function runningVersion(ui: ThunderbirdUi, expected: string, timeoutMs = 30_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const version = await ui.chromeEval(
      `async (id) => {
        const { AddonManager } = ChromeUtils.importESModule("resource://gre/modules/AddonManager.sys.mjs");
        const addon = await AddonManager.getAddonByID(id);
        return addon && WebExtensionPolicy.getByID(id)?.extension?.backgroundContext ? addon.version : null;
      }`,
      [ADDON_ID],
    );
    if (version === expected || Date.now() > deadline) return version;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function start(): Promise<ThunderbirdUi> {
  if (owned === undefined || profile === undefined) throw new Error("not prepared");
  running = await startThunderbird({ profile, binary: owned.binary, keepFiles: true });
  const ui = new ThunderbirdUi(running.bidi);
  await ui.mainWindow();
  return ui;
}

it("installs the new version at the next start when install_url changes, keeping the user's settings", async () => {
  owned = ownThunderbird153();
  work = mkdtempSync(join(tmpdir(), "mssante-update-"));
  const first = join(work, `${pkg.name}-${pkg.version}.xpi`);
  copyFileSync(resolve("dist", `${pkg.name}-${pkg.version}.xpi`), first);
  // The "next release": the same add-on with a higher version number.
  const files = unzipSync(new Uint8Array(readFileSync(first)));
  const manifestBytes = files["manifest.json"];
  if (manifestBytes === undefined) throw new Error("no manifest.json in the .xpi");
  files["manifest.json"] = strToU8(JSON.stringify({ ...(JSON.parse(strFromU8(manifestBytes)) as object), version: NEXT_VERSION }));
  const second = join(work, `${pkg.name}-${NEXT_VERSION}.xpi`);
  writeFileSync(second, zipSync(files));
  profile = await createProfile({ smtpPort: 9 });

  owned.writePolicies(forceInstall(first));
  let ui = await start();
  expect(await runningVersion(ui, pkg.version)).toBe(pkg.version);
  // The user changes a setting, as the options page does.
  await ui.backgroundEval(ADDON_ID, "async () => { await messenger.storage.local.set({ settingsVersion: 1, noReplyDefault: true }); return true; }");
  await running?.stop();

  owned.writePolicies(forceInstall(second));
  ui = await start();
  expect(await runningVersion(ui, NEXT_VERSION)).toBe(NEXT_VERSION);
  // The user's settings are there as they were (the notices' own bookkeeping keys aside).
  expect(await ui.backgroundEval(ADDON_ID, "() => messenger.storage.local.get(['settingsVersion', 'noReplyDefault'])")).toEqual({
    settingsVersion: 1,
    noReplyDefault: true,
  });
});
