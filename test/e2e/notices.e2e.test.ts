// Bounces and read receipts in a real Thunderbird: a Local Folders folder holds a French
// bounce from a closed Mon espace santé mailbox, a read receipt for a message kept in
// the Sent folder, and ordinary mail. The panel is opened from the real toolbar button, the
// folder scanned from the panel; the bounce shows with its cause and French explanation, the
// receipt tags the sent message "read by the patient", and "mark as handled" holds after
// the panel is closed and opened again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendToLocalFolder, markLocalFolderAsSent, withRecentDates, type Harness, type PageTarget } from "../../harness/index.js";
import { pageClick, pageEval, pageQuery, pageQueryAll, pageWaitForSelector } from "../../harness/extension-page.js";
import { ADDON_ID, startWithAddon, stopAll } from "./addon-harness.js";
import { noticeFixture, ordinaryMail, SENT, SENT_ID } from "./notice-mail.js";
import { scanIdle } from "./notices-scan.js";

const CLOSED = noticeFixture("mes-closed-text-fr.eml");
const RECEIPT = noticeFixture("mdn-displayed-patient-fr.eml");

let harness: Harness;
let panel: PageTarget | null = null;
const PANEL = (): PageTarget => {
  if (panel === null) throw new Error("the panel is not open");
  return panel;
};

beforeAll(async () => {
  harness = await startWithAddon();
  await harness.ui.mainWindow();
  // Dated days ago, not in 2024: notices older than the retention (12 months) are not kept.
  await appendToLocalFolder(harness.profile, "Envoyes-test", [SENT].map((m) => withRecentDates(m)));
  await appendToLocalFolder(harness.profile, "Retours-test", [ordinaryMail(1), CLOSED, ordinaryMail(2), RECEIPT, ordinaryMail(3)].map((m) => withRecentDates(m)));
  await harness.ui.indexLocalFolder("Envoyes-test", 1);
  // Where the user's sent copies go: only a message found in a Sent folder can be marked read.
  await markLocalFolderAsSent(harness.bidi, await harness.ui.mainWindow(), "Envoyes-test");
  await harness.ui.indexLocalFolder("Retours-test", 5);
});

afterAll(() => stopAll(harness));

const PANEL_URL = "notices-panel.html";

/** Clicks the add-on's toolbar button and waits for the panel's tab; says which element was clicked. */
async function openPanel(): Promise<string> {
  const clicked = await harness.ui.clickMailAction(ADDON_ID);
  await waitForPanel();
  return clicked;
}

/** Finds the panel's tab (it becomes the target of `PANEL()`) and waits until the page is ready. */
async function waitForPanel(): Promise<void> {
  panel = await harness.ui.tabPage(PANEL_URL);
  await pageWaitForSelector(harness.bidi, PANEL(), "body[data-ready='true']", { state: "attached", timeoutMs: 15_000 });
}

describe("bounces and read receipts in Thunderbird", () => {
  it("the toolbar button opens the panel, which scans the folder and explains the closed mailbox", async () => {
    const clicked = await openPanel();
    expect(clicked).not.toBe("");
    expect((await pageQuery(harness.bidi, PANEL(), "h1"))?.text).toBe("Retours et accusés de lecture");

    // The scan of recent mail the panel's opening may have started ends first, as the user waits for it.
    await scanIdle(harness, PANEL());
    // Choose the folder in the list (by its path), then scan.
    await pageEval(
      harness.bidi,
      PANEL(),
      `() => { const s = document.getElementById("scan-target"); const o = [...s.options].find((x) => x.dataset.path === "/Retours-test"); s.value = o.value; return o.value; }`,
    );
    // The quick scan is the default: decided from sender and subject, headers of the candidates only.
    expect(await pageEval(harness.bidi, PANEL(), `() => document.getElementById("scan-thorough").checked`)).toBe(false);
    await pageClick(harness.bidi, PANEL(), "#scan-start");
    await pageWaitForSelector(harness.bidi, PANEL(), "body[data-scan='done']", { state: "attached", timeoutMs: 30_000 });
    const status = (await pageQuery(harness.bidi, PANEL(), "#scan-status"))?.text ?? "";
    expect(status).toContain("Analyse rapide terminée");
    expect(status).toContain("5 messages examinés");
    // The bounce (from the mail system) and the receipt (from the patient's mailbox) only.
    expect(status).toContain("en-têtes lus pour 2 messages");
    expect(status).toContain("2 lus en entier");
    expect(status).toContain("2 avis trouvés");

    const item = await pageWaitForSelector(harness.bidi, PANEL(), "li.item[data-reason='mailbox-closed']", { timeoutMs: 10_000 });
    expect(item?.text).toContain("Messagerie Mon espace santé clôturée");
    expect(item?.text).toContain("rien n'est parvenu au patient");
    expect(item?.text).toContain("Ne renvoyez pas le message");
    expect(item?.text).toContain("(mailbox-closed)");
    const headings = (await pageQueryAll(harness.bidi, PANEL(), ".group h2")).map((h) => h.text);
    expect(headings).toContain("Patient INS 295109912611193");

    // The notice's own words, read again and shown as text.
    await pageEval(harness.bidi, PANEL(), `() => { const d = document.querySelector("li.item[data-reason='mailbox-closed'] details"); d.open = true; return true; }`);
    const text = await pageWaitForSelector(harness.bidi, PANEL(), "li.item[data-reason='mailbox-closed'] pre.diagnostic[data-loaded='true']", { state: "attached" });
    expect(text?.text).toContain("clôturée");
    expect(await pageEval(harness.bidi, PANEL(), `() => document.querySelectorAll("li.item pre.diagnostic *").length`)).toBe(0);
  });

  it("the read receipt tags the sent message in the Sent folder, and the panel says it was read", async () => {
    const tags = await harness.ui.backgroundEval(ADDON_ID, `async (id) => (await messenger.messages.query({ headerMessageId: id })).messages.map((m) => m.tags)`, [SENT_ID]);
    expect(tags).toEqual([["mssante-lu-patient"]]);
    const read = await pageWaitForSelector(harness.bidi, PANEL(), `.message[data-original='${SENT_ID}'] .read`, { timeoutMs: 10_000 });
    expect(read?.text).toMatch(/^Lu par le patient le /);
    // The sent message's subject and the patient's name come from the mail store.
    const heading = await pageWaitForSelector(harness.bidi, PANEL(), ".group[data-recipient='255081416802538'] h2", {
      textIncludes: "Marie Durand",
      timeoutMs: 10_000,
    });
    expect(heading?.text).toBe("Marie Durand — INS 255081416802538");
  });

  it("lists Thunderbird's tags (messagesTagsList), its own two among them, with their labels", async () => {
    const tags = await harness.ui.backgroundEval(ADDON_ID, `async () => (await messenger.messages.tags.list()).map((t) => [t.key, t.tag])`);
    expect(tags).toEqual(expect.arrayContaining([["mssante-lu-patient", "Lu par le patient"]]));
  });

  it("mark as handled holds after the panel is closed and opened again", async () => {
    // As from the keyboard: the button has the focus when it is pressed.
    await pageEval(harness.bidi, PANEL(), `() => { const b = document.querySelector("li.item[data-reason='mailbox-closed'] button.mark"); b.focus(); b.click(); return true; }`);
    await pageWaitForSelector(harness.bidi, PANEL(), "li.item.handled[data-reason='mailbox-closed']", { state: "attached", timeoutMs: 10_000 });
    expect((await pageQuery(harness.bidi, PANEL(), "#counts"))?.text).toContain("0 à traiter");
    // The list was drawn anew: the focus is on the same notice's button, now "put back".
    expect(
      await pageEval(harness.bidi, PANEL(), `() => [document.activeElement?.closest("li.item")?.dataset.reason, document.activeElement?.textContent, document.activeElement?.getAttribute("aria-pressed")]`),
    ).toEqual(["mailbox-closed", "Remettre à traiter", "true"]);

    expect(await harness.ui.closeTab(PANEL_URL)).toBe(true);
    await openPanel();
    const item = await pageWaitForSelector(harness.bidi, PANEL(), "li.item[data-reason='mailbox-closed']", { state: "attached" });
    expect(item?.attributes["class"]).toContain("handled");
    expect(item?.text).toContain("Remettre à traiter");

    // The "to handle" filter now hides it.
    await pageEval(harness.bidi, PANEL(), `() => { const c = document.getElementById("filter-unhandled"); c.click(); return c.checked; }`);
    expect(await pageQueryAll(harness.bidi, PANEL(), "li.item[data-reason='mailbox-closed']")).toEqual([]);
  });

  it("the thorough scan, chosen with its checkbox, reads every message's headers and finds the same notices", async () => {
    // The panel's opening may have started the scan of recent mail (until one has seen some
    // mail): its controls wait for it, as the user does.
    await scanIdle(harness, PANEL());
    const box = await pageEval(
      harness.bidi,
      PANEL(),
      `() => {
        const c = document.getElementById("scan-thorough");
        const label = document.querySelector("label[for='scan-thorough']");
        const help = document.getElementById(c.getAttribute("aria-describedby"));
        c.focus();
        return { type: c.type, checked: c.checked, disabled: c.disabled, tabIndex: c.tabIndex, focused: document.activeElement === c, label: label.textContent, help: help.textContent };
      }`,
    );
    expect(box).toEqual({
      type: "checkbox",
      checked: false,
      disabled: false,
      tabIndex: 0,
      focused: true,
      label: "Analyse approfondie : lire les en-têtes de chaque message (plus lent)",
      help: expect.stringContaining("l'expéditeur et l'objet") as string,
    });
    await pageClick(harness.bidi, PANEL(), "#scan-thorough");
    expect(await pageEval(harness.bidi, PANEL(), `() => document.getElementById("scan-thorough").checked`)).toBe(true);
    await pageEval(
      harness.bidi,
      PANEL(),
      `() => { const s = document.getElementById("scan-target"); const o = [...s.options].find((x) => x.dataset.path === "/Retours-test"); s.value = o.value; return o.value; }`,
    );
    // What a screen reader hears: every text the live status takes during the scan.
    await pageEval(
      harness.bidi,
      PANEL(),
      `() => { const s = document.getElementById("scan-status"); window.heard = []; new MutationObserver(() => window.heard.push(s.textContent)).observe(s, { childList: true, characterData: true, subtree: true }); return true; }`,
    );
    await pageClick(harness.bidi, PANEL(), "#scan-start");
    expect(await pageEval(harness.bidi, PANEL(), `() => { const b = document.getElementById("scan-progress"); return document.getElementById(b.getAttribute("aria-labelledby")).textContent; }`)).toBe(
      "Progression de l'analyse des dossiers",
    );
    await pageWaitForSelector(harness.bidi, PANEL(), "body[data-scan='done']", { state: "attached", timeoutMs: 30_000 });
    const heard = (await pageEval(harness.bidi, PANEL(), "() => window.heard")) as string[];
    // Said twice: the start and the result, not each folder.
    expect(heard).toHaveLength(2);
    expect(heard[0]).toBe("Analyse en cours…");
    expect(heard[1]).toContain("Analyse approfondie terminée");
    const status = (await pageQuery(harness.bidi, PANEL(), "#scan-status"))?.text ?? "";
    expect(status).toContain("Analyse approfondie terminée");
    expect(status).toContain("5 messages examinés");
    expect(status).toContain("en-têtes lus pour 5 messages");
    expect(status).toContain("2 lus en entier");
    expect(status).toContain("2 avis trouvés");
    expect(await pageEval(harness.bidi, PANEL(), `() => document.getElementById("scan-thorough").disabled`)).toBe(false);
  });

  it("Alt+Shift+R opens the panel (the command Thunderbird registered for the shortcut)", async () => {
    expect(await harness.ui.closeTab(PANEL_URL)).toBe(true);
    const found = await harness.ui.fireShortcut("alt,shift", "R");
    expect(found).toBe(true);
    await waitForPanel();
  });
});
