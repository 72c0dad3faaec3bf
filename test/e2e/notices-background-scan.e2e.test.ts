// The notices scan in the background page of a real Thunderbird 153, with the event page's
// idle timeout left at Thunderbird's default (30 s; the harness otherwise raises it):
//  - first run: the add-on is installed on a profile whose folder holds a bounce and a read
//    receipt of the last days and an older bounce; without any click, the recent ones are
//    recorded and the older one is not;
//  - a thorough scan of a large folder started in the panel goes on when the panel's tab is
//    closed: the notices are recorded, the event page is never suspended or restarted
//    during the scan, and a panel opened again shows the finished scan and its notice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { appendToLocalFolder, MSSANTE_IDENTITY, startHarness, type Harness } from "../../harness/index.js";
import { pageClick, pageEval, pageQuery, pageQueryAll, pageWaitForSelector } from "../../harness/extension-page.js";
import { ADDON_ID, storedNoticeIds } from "./notices-scan.js";
import { ADDON_DIR, stopAll } from "./addon-harness.js";
import { noticeFixture, ordinaryMail } from "./notice-mail.js";

const PANEL_URL = "notices-panel.html";
const DAY = 86_400_000;

/** The fixture with its own Date header (the first) set `daysAgo` days before now. */
function dated(name: string, daysAgo: number): string {
  return noticeFixture(name).replace(/^Date:.*$/m, `Date: ${new Date(Date.now() - daysAgo * DAY).toUTCString().replace("GMT", "+0000")}`);
}

const BOUNCE_ID = "ndr-20240312100210.7781@mx1.mssante.example";
const RECEIPT_ID = "mdn-88a1@patient.mssante.fr";
const OLD_BOUNCE_ID = "E1rmWxY-0003Ab-2Q@smtp.kine-exemple.fr";
const LARGE_FOLDER_SIZE = 3000;
/**
 * Thunderbird's default idle timeout (30 s). An experiment may set a shorter one
 * (`MSSANTE_IDLE_TIMEOUT_MS=1000`): the scan must outlive it just the same.
 */
const IDLE_TIMEOUT_MS = Number(process.env["MSSANTE_IDLE_TIMEOUT_MS"] ?? 30_000);

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({
    identities: [MSSANTE_IDENTITY],
    localFolders: {
      Recents: [ordinaryMail(1), dated("mes-closed-text-fr.eml", 3), ordinaryMail(2), dated("mdn-displayed-patient-fr.eml", 6), dated("exim-too-large-en.eml", 60)],
    },
    // Thunderbird's default: the event page is suspended after 30 s without activity.
    prefs: { "intl.locale.requested": "fr", "extensions.background.idle.timeout": IDLE_TIMEOUT_MS },
  });
  // The mail is there (indexed) before the add-on is installed, as on a professional's profile.
  expect((await harness.ui.indexLocalFolder("Recents", 5)).total).toBe(5);
}, 120_000);

afterAll(() => stopAll(harness));

const statusSchema = z.object({ state: z.string(), origin: z.string(), figures: z.object({ messages: z.number(), notices: z.number(), folders: z.number() }) }).nullable();

async function scanStatus(): Promise<z.infer<typeof statusSchema>> {
  const raw = await harness.ui.backgroundEval(ADDON_ID, `async () => (await messenger.storage.session.get("notices.scan"))["notices.scan"] ?? null`);
  return statusSchema.parse(raw);
}

/** The event page's context id, read from chrome without waking it (null while suspended). */
async function backgroundContextId(): Promise<number | null> {
  const raw = await harness.ui.chromeEval(`(id) => WebExtensionPolicy.getByID(id)?.extension?.backgroundContext?.contextId ?? null`, [ADDON_ID]);
  return z.number().nullable().parse(raw);
}

describe("the scan in the background page", () => {
  it("first run: recent bounces and receipts are recorded without any click; an older one is not", async () => {
    const installed = await harness.bidi.installExtension(ADDON_DIR);
    expect(installed).toBe(ADDON_ID);
    const deadline = Date.now() + 60_000;
    let status = await scanStatus();
    while (status?.state !== "done" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      status = await scanStatus();
    }
    expect(status).toMatchObject({ state: "done", origin: "recent" });
    expect(await storedNoticeIds(harness)).toEqual([BOUNCE_ID, RECEIPT_ID].sort());
    const done = await harness.ui.backgroundEval(ADDON_ID, `async () => typeof (await messenger.storage.local.get("notices.recentScanDone"))["notices.recentScanDone"]`);
    expect(done).toBe("number");
  }, 90_000);

  it("a scan started in the panel goes on when the panel's tab is closed; a panel opened again shows it finished", async () => {
    const many = Array.from({ length: LARGE_FOLDER_SIZE }, (_, n) => ordinaryMail(1000 + n));
    await appendToLocalFolder(harness.profile, "Volume", [...many.slice(0, 1500), dated("exim-too-large-en.eml", 10), ...many.slice(1500)]);
    expect((await harness.ui.indexLocalFolder("Volume", LARGE_FOLDER_SIZE + 1)).total).toBe(LARGE_FOLDER_SIZE + 1);
    // Forget the older bounce's absence: it is found again in this folder (its copy, recent).
    expect(await storedNoticeIds(harness)).not.toContain(OLD_BOUNCE_ID);

    await harness.ui.clickMailAction(ADDON_ID);
    const panel = await harness.ui.tabPage(PANEL_URL);
    await pageWaitForSelector(harness.bidi, panel, "body[data-ready='true']", { state: "attached", timeoutMs: 15_000 });
    await pageEval(
      harness.bidi,
      panel,
      `(path) => { const s = document.getElementById("scan-target"); const o = [...s.options].find((x) => x.dataset.path === path); s.value = o.value; document.getElementById("scan-thorough").checked = true; return o.value; }`,
      ["/Volume"],
    );
    const before = await backgroundContextId();
    expect(before).not.toBeNull();
    const started = Date.now();
    await pageClick(harness.bidi, panel, "#scan-start");
    await pageWaitForSelector(harness.bidi, panel, "body[data-scan='running']", { state: "attached", timeoutMs: 15_000 });
    expect(await harness.ui.closeTab(PANEL_URL)).toBe(true);

    // The page is watched from chrome (which does not wake it) while the scan runs.
    const contexts = new Set<number | null>();
    let status: z.infer<typeof statusSchema>;
    const deadline = Date.now() + 300_000;
    for (;;) {
      contexts.add(await backgroundContextId());
      status = await scanStatus();
      if (status?.state !== "running" || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`idle timeout ${IDLE_TIMEOUT_MS} ms; thorough scan of ${LARGE_FOLDER_SIZE + 1} messages, panel closed: ${seconds.toFixed(1)} s; event page contexts seen: ${[...contexts].join(", ")}`);
    expect(status).toMatchObject({ state: "done", origin: "user", figures: { messages: LARGE_FOLDER_SIZE + 1, notices: 1, folders: 1 } });
    // Never suspended nor started again during the scan.
    expect([...contexts]).toEqual([before]);
    expect(await storedNoticeIds(harness)).toContain(OLD_BOUNCE_ID);

    await harness.ui.clickMailAction(ADDON_ID);
    const again = await harness.ui.tabPage(PANEL_URL);
    await pageWaitForSelector(harness.bidi, again, "body[data-ready='true'][data-scan='done']", { state: "attached", timeoutMs: 15_000 });
    const said = await pageQuery(harness.bidi, again, "#scan-status");
    expect(said?.text ?? "").toMatch(/^Analyse approfondie terminée : 3[\s\u202f\u00a0]?001 messages examinés dans 1 dossier/);
    const items = await pageQueryAll(harness.bidi, again, "li.item");
    expect(items.length).toBe(3);
    await harness.ui.closeTab(PANEL_URL);
  }, 400_000);
});
