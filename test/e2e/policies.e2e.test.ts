// Fleet deployment in a real Thunderbird 153 that the test owns (never the system's): a
// `distribution/policies.json` beside its binary force-installs the built .xpi from a
// file:// URL and sets the add-on's settings through `3rdparty`, with a lock and one invalid
// value. The add-on must be there without anyone installing it, request the locked read
// receipt on a patient message even after the user turned it off, show the lock in the popup
// and on the options page, keep the default for the invalid value and show that problem,
// and export the settings as a policy that reads back the same.
//
// The policies.json below has the same shapes as docs/admin.md.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  headerLine,
  killStartedThunderbirds,
  MSSANTE_IDENTITY,
  startHarness,
  type Harness,
  type PageTarget,
  pageClick,
  pageEval,
  pageQuery,
  pageQueryAll,
  pageUrl,
  pageWaitForSelector,
} from "../../harness/index.js";
import { ownThunderbird153, type OwnedThunderbird } from "./policies/owned-thunderbird.js";

const ADDON_ID = "mssante-patient@mssante-patient.fr";
const PATIENT = "255081416802538@patient.mssante.fr";
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { name: string; version: string };
const BUILT_XPI = resolve("dist", `${pkg.name}-${pkg.version}.xpi`);

/** The add-on's part of the policy: what `storage.managed` hands the add-on. */
const ADDON_POLICY = {
  readReceiptDefault: { value: true, locked: true },
  closingTemplate: "Bonjour {patient},\n\nL'échange est clos. Le secrétariat du service",
  noReplyDefault: "peut-être",
  // As a Windows registry value gives it: a string.
  noticeRetentionMonths: { value: "6", locked: "1" },
};

function policies(xpiUrl: string): unknown {
  return {
    policies: {
      ExtensionSettings: {
        [ADDON_ID]: { installation_mode: "force_installed", install_url: xpiUrl },
      },
      "3rdparty": { Extensions: { [ADDON_ID]: ADDON_POLICY } },
    },
  };
}

type Catalog = Record<string, { message: string }>;
const catalogs: Record<"fr" | "en", Catalog> = {
  fr: JSON.parse(readFileSync("src/_locales/fr/messages.json", "utf8")) as Catalog,
  en: JSON.parse(readFileSync("src/_locales/en/messages.json", "utf8")) as Catalog,
};
let lang: "fr" | "en" = "fr";
const text = (key: string): string => {
  const entry = catalogs[lang][key];
  if (entry === undefined) throw new Error(`no message ${key}`);
  return entry.message;
};

let owned: OwnedThunderbird | undefined;
let xpiDir: string | undefined;
let harness: Harness;

beforeAll(async () => {
  const tb = ownThunderbird153();
  owned = tb;
  // The .xpi as an administrator would deploy it: a file of its own, outside the build folder.
  xpiDir = mkdtempSync(join(tmpdir(), "mssante-xpi-"));
  const xpi = join(xpiDir, `${pkg.name}-${pkg.version}.xpi`);
  copyFileSync(BUILT_XPI, xpi);
  tb.writePolicies(policies(pathToFileURL(xpi).href));
  harness = await startHarness({
    binary: tb.binary,
    identities: [MSSANTE_IDENTITY],
    prefs: { "intl.locale.requested": "fr" },
  });
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

/** Waits until the add-on installed by the policy runs. */
async function waitForAddon(timeoutMs = 30_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await harness.ui.chromeEval(
      `async (id) => {
        const { AddonManager } = ChromeUtils.importESModule("resource://gre/modules/AddonManager.sys.mjs");
        const addon = await AddonManager.getAddonByID(id);
        const policy = WebExtensionPolicy.getByID(id);
        return addon ? { version: addon.version, active: addon.isActive, temporary: addon.temporarilyInstalled, running: Boolean(policy?.extension?.backgroundContext) } : null;
      }`,
      [ADDON_ID],
    );
    if (state !== null && (state as { running: boolean }).running) return state;
    if (Date.now() > deadline) throw new Error(`add-on not running after ${timeoutMs} ms: ${JSON.stringify(state)}`);
    await sleep(200);
  }
}

describe("an add-on deployed by policy", () => {
  it("is installed by Thunderbird itself from the policy's file:// URL, and reads the policy", async () => {
    const state = await waitForAddon();
    expect(state).toEqual({ version: pkg.version, active: true, temporary: false, running: true });
    expect(harness.addonIds).toEqual([]);
    expect(await harness.ui.backgroundEval(ADDON_ID, "() => messenger.runtime.id")).toBe(ADDON_ID);
    expect(await harness.ui.backgroundEval(ADDON_ID, "() => messenger.storage.managed.get()")).toEqual(ADDON_POLICY);
    const uiLang = await harness.ui.backgroundEval(ADDON_ID, "() => messenger.i18n.getUILanguage()");
    lang = typeof uiLang === "string" && uiLang.startsWith("fr") ? "fr" : "en";
  });

  it("requests the locked read receipt on a patient message, even after the user turned it off", async () => {
    const { ui, smtp } = harness;
    const compose = await ui.openComposeWindow({ to: PATIENT, subject: "Vos résultats", body: "Bonjour,\n" });
    await ui.clickComposeAction(compose, ADDON_ID);
    await ui.waitForPopupSelector(compose, "body[data-ready='true']", { state: "attached" });
    const box = await ui.popupQuery(compose, "#opt-receipt");
    expect(box?.checked).toBe(true);
    expect(box?.disabled).toBe(true);
    const note = await ui.popupQuery(compose, "#receipt-locked");
    expect(note?.visible).toBe(true);
    expect(note?.text).toBe(text("optionsLocked"));
    // The invalid no-reply value is ignored: its default (off) applies and the box is free.
    expect((await ui.popupQuery(compose, "#opt-noreply"))?.disabled).toBe(false);
    expect((await ui.popupQuery(compose, "#opt-noreply"))?.checked).toBe(false);
    // A click on the greyed box changes nothing.
    await ui.popupClick(compose, "#opt-receipt", { force: true });
    expect((await ui.popupQuery(compose, "#opt-receipt"))?.checked).toBe(true);

    // The user turns the receipt off in Thunderbird's own Options menu.
    await ui.bidi.chromeEval(compose, "() => { ToggleReturnReceipt(); return true; }");
    expect((await ui.composeFields(compose)).returnReceipt).toBe(false);

    await ui.clickSend(compose);
    const [sent] = await smtp.waitForMessages(1, 30_000);
    if (sent === undefined) throw new Error("nothing sent");
    expect(sent.envelope.rcptTo.map((r) => r.address)).toEqual([PATIENT]);
    expect(headerLine(sent.raw, "Disposition-Notification-To")).toBe(
      `Disposition-Notification-To: Dr Claire Martin <${MSSANTE_IDENTITY.email}>`,
    );
  });

  describe("the options page", () => {
    let page: PageTarget;

    beforeAll(async () => {
      await harness.ui.backgroundEval(ADDON_ID, "async () => { await messenger.runtime.openOptionsPage(); return true; }");
      page = { kind: "browser", context: await harness.ui.mainWindow(), selector: "browser" };
      await pageWaitForSelector(harness.bidi, page, "body[data-ready='true']", { state: "attached", timeoutMs: 20_000 });
    });

    it("is the add-on's options page, opened in a tab", async () => {
      expect(await pageUrl(harness.bidi, page)).toMatch(/^moz-extension:\/\/[^/]+\/pages\/options\/options\.html$/);
    });

    it("shows the locked setting greyed, with who set it", async () => {
      const input = await pageQuery(harness.bidi, page, "#setting-readReceiptDefault");
      expect(input?.checked).toBe(true);
      expect(input?.disabled).toBe(true);
      const source = await pageQuery(harness.bidi, page, "[data-key='readReceiptDefault'] .source");
      expect(source?.text).toBe(text("optionsLocked"));
      expect(source?.visible).toBe(true);
      expect(input?.attributes["aria-describedby"]).toContain(source?.attributes["id"] ?? "?");
    });

    it("shows the retention of what is kept about patients, locked by the policy, and says what is kept, where and how long", async () => {
      const input = await pageQuery(harness.bidi, page, "#setting-noticeRetentionMonths");
      expect(input?.value).toBe("6");
      expect([input?.attributes["type"], input?.attributes["min"], input?.attributes["max"]]).toEqual(["number", "1", "120"]);
      expect(input?.disabled).toBe(true);
      expect(input?.visible).toBe(true);
      expect((await pageQuery(harness.bidi, page, "[data-key='noticeRetentionMonths'] .source"))?.text).toBe(text("optionsLocked"));
      const stored = await pageQuery(harness.bidi, page, "[data-key='noticeRetentionMonths'] #stored-data");
      expect(stored?.visible).toBe(true);
      expect(stored?.text).toContain("Ce que le module conserve sur les patients");
      expect(stored?.text).toContain("storage.local");
      expect(stored?.text).toContain("6 mois au plus");
      expect(stored?.text).toContain("rien d'autre sur les patients");
    });

    it("shows where a value the user may change came from", async () => {
      const template = await pageQuery(harness.bidi, page, "#setting-closingTemplate");
      expect(template?.value).toBe(ADDON_POLICY.closingTemplate);
      expect(template?.disabled).toBe(false);
      expect((await pageQuery(harness.bidi, page, "[data-key='closingTemplate'] .source"))?.text).toBe(text("optionsFromPolicy"));
    });

    it("keeps the default for the invalid value, and shows the problem", async () => {
      const noReply = await pageQuery(harness.bidi, page, "#setting-noReplyDefault");
      expect(noReply?.checked).toBe(false);
      expect(noReply?.disabled).toBe(false);
      expect((await pageQuery(harness.bidi, page, "#problems-section"))?.visible).toBe(true);
      const problems = await pageQueryAll(harness.bidi, page, "#problems li");
      expect(problems).toHaveLength(1);
      expect(problems[0]?.text).toContain("noReplyDefault");
      expect(problems[0]?.text).toContain("peut-être");
    });

    it("exports the settings as a policies.json fragment that reads back the same", async () => {
      await pageClick(harness.bidi, page, "#export-lock-all");
      await pageClick(harness.bidi, page, "#export");
      const area = await pageWaitForSelector(harness.bidi, page, "#policy-export");
      expect(area?.attributes["readonly"]).toBe("");
      expect(area?.focused).toBe(true);
      expect(JSON.parse(area?.value ?? "")).toEqual({
        policies: {
          "3rdparty": {
            Extensions: {
              [ADDON_ID]: {
                closingTemplate: { value: ADDON_POLICY.closingTemplate, locked: true },
                // The registry's string "6", read as the number it stands for.
                noticeRetentionMonths: { value: 6, locked: true },
              },
            },
          },
        },
      });
      await pageClick(harness.bidi, page, "#export-include-defaults");
      const all = JSON.parse((await pageQuery(harness.bidi, page, "#policy-export"))?.value ?? "") as {
        policies: { "3rdparty": { Extensions: Record<string, Record<string, unknown>> } };
      };
      expect(all.policies["3rdparty"].Extensions[ADDON_ID]?.["readReceiptDefault"]).toEqual({ value: true, locked: true });

      await pageClick(harness.bidi, page, "#export-copy");
      await pageWaitForSelector(harness.bidi, page, "#export-status", { textIncludes: text("optionsExportCopied") });
      const copied = await pageEval(harness.bidi, page, "() => navigator.clipboard.readText().catch((e) => 'unreadable: ' + e)");
      if (typeof copied === "string" && !copied.startsWith("unreadable")) expect(JSON.parse(copied)).toEqual(all);
    });
  });
});
