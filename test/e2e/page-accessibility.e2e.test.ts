// What screen-reader and keyboard users rely on in the add-on's pages: each page says which
// language it is in (screen readers choose their voice from `lang`), French in a French
// Thunderbird, English in an English one; focus is not dropped to the page body when a page
// draws itself anew after a button; a window that opens by itself puts the focus in its
// content; a status region (role="status", aria-live) is given results, not a text per key
// typed, since a screen reader speaks each new text it is given.
import { afterAll, describe, expect, it } from "vitest";
import { pageClick, pageEval, pageWaitForSelector, type Harness, type PageTarget } from "../../harness/index.js";
import { ADDON_ID, startWithAddon, stopAll } from "./addon-harness.js";

let harness: Harness | undefined;

afterAll(() => stopAll(harness));

let options: PageTarget;

async function restart(locale: string): Promise<Harness> {
  await harness?.stop();
  return startWithAddon({ prefs: { "intl.locale.requested": locale } });
}

async function openOptions(locale: string): Promise<Harness> {
  harness = await restart(locale);
  await harness.ui.backgroundEval(ADDON_ID, "async () => { await messenger.runtime.openOptionsPage(); return true; }");
  options = { kind: "browser", context: await harness.ui.mainWindow(), selector: "browser" };
  await pageWaitForSelector(harness.bidi, options, "body[data-ready='true']", { state: "attached", timeoutMs: 20_000 });
  return harness;
}

async function optionsPageLanguage(locale: string): Promise<{ lang: unknown; dir: unknown; title: unknown }> {
  const harness = await openOptions(locale);
  const page = options;
  const lang = await pageEval(harness.bidi, page, "() => document.documentElement.lang");
  const dir = await pageEval(harness.bidi, page, "() => document.documentElement.dir");
  const title = await pageEval(harness.bidi, page, "() => document.querySelector('h1')?.textContent ?? ''");
  return { lang, dir, title };
}

describe("page language", () => {
  it("is English, left to right, in an English Thunderbird", async () => {
    const page = await optionsPageLanguage("en-US");
    expect(page).toMatchObject({ lang: "en", dir: "ltr" });
    expect(page.title).toMatch(/[A-Za-z]/);
  });

  it("is French in a French Thunderbird", async () => {
    const page = await optionsPageLanguage("fr");
    expect(page).toMatchObject({ lang: "fr", dir: "ltr" });
  });

  it("keeps the focus on « Revenir aux valeurs par défaut » once the form is drawn anew, and says it once", async () => {
    if (harness === undefined) throw new Error("no Thunderbird");
    const { bidi } = harness;
    await pageClick(bidi, options, "#reset");
    const said = "Réglages remis à leurs valeurs par défaut (sauf ceux fixés par votre administrateur).";
    await pageWaitForSelector(bidi, options, "#status[role='status']", { textIncludes: said, timeoutMs: 10_000 });
    // Once the result is said the form has been drawn anew: the focus is on the new button.
    expect(await pageEval(bidi, options, "() => [document.activeElement?.id, document.activeElement?.isConnected]")).toEqual(["reset", true]);
  });
});

/** Records, from now on, every text given to each live region of the page (by id). */
const RECORD_LIVE_REGIONS = `() => {
  window.__said = {};
  for (const node of document.querySelectorAll("[aria-live], [role='status'], [role='alert'], [role='log']")) {
    const list = (window.__said[node.id] = []);
    new MutationObserver(() => { const t = node.textContent.trim(); if (t !== "" && list[list.length - 1] !== t) list.push(t); })
      .observe(node, { childList: true, characterData: true, subtree: true });
  }
  return Object.keys(window.__said);
}`;

describe("windows that speak for themselves (French Thunderbird)", () => {
  it("the compose panel's INS status is not spoken once per character typed: once, when the number is valid", async () => {
    harness = await restart("fr");
    const { ui } = harness;
    await ui.mainWindow();
    const compose = await ui.openComposeWindow({ subject: "Résultats", body: "Bonjour,\n" });
    await ui.clickComposeAction(compose, ADDON_ID);
    await ui.waitForPopupSelector(compose, "body[data-ready='true']", { state: "attached" });
    const regions = (await ui.popupEval(compose, RECORD_LIVE_REGIONS)) as string[];
    expect(regions).toContain("ins-announce");
    expect(regions).not.toContain("ins-status");
    const ins = "255081416802538";
    for (let i = 1; i <= ins.length; i++) await ui.popupType(compose, "#ins", ins.slice(0, i));
    await ui.waitForPopupSelector(compose, "#card-identity", { textIncludes: "Femme" });
    // The visible line still followed the typing.
    expect((await ui.popupQuery(compose, "#ins-status"))?.text).toContain("valide");
    const said = (await ui.popupEval(compose, "() => window.__said")) as Record<string, string[]>;
    const spoken = Object.values(said).flat();
    expect(spoken.length, JSON.stringify(said)).toBeLessThanOrEqual(3);
    expect(said["ins-announce"], JSON.stringify(said)).toEqual(["Matricule INS valide (clé correcte)."]);
  });

  it("a blocked send's explanation window opens with the focus in its content, on the heading that says so", async () => {
    if (harness === undefined) throw new Error("no Thunderbird");
    const { ui, bidi } = harness;
    const compose = await ui.openComposeWindow({ to: ["255081416802538@patient.mssante.fr", "253072A07300443@patient.mssante.fr"], subject: "Rendez-vous", body: "Bonjour,\n" });
    await ui.clickSend(compose);
    const check = await ui.waitForExtensionWindow("send-check.html");
    await ui.waitForWindowSelector(check, "body[data-ready='true']", { state: "attached" });
    await ui.waitForWindowSelector(check, "#blockers li[data-code='patients-see-each-other']");
    const active = await pageEval(bidi, ui.extensionWindow(check), "() => [document.activeElement?.tagName ?? null, document.activeElement?.textContent ?? null]");
    expect(active).toEqual(["H1", "Ce message n'a pas été envoyé"]);
  });
});

describe("the exchanges view (French Thunderbird)", () => {
  it("says its language; Refresh keeps the focus; the reading is said once, when it ends", async () => {
    harness = await restart("fr");
    const { ui, bidi } = harness;
    await ui.mainWindow();
    expect(await ui.fireShortcut("alt,shift", "E")).toBe(true);
    const view = await ui.tabPage("exchanges.html");
    await pageWaitForSelector(bidi, view, "body[data-state='ready']", { state: "attached", timeoutMs: 30_000 });
    expect(await pageEval(bidi, view, "() => [document.documentElement.lang, document.documentElement.dir, document.title]")).toEqual([
      "fr",
      "ltr",
      "Échanges avec les patients",
    ]);
    // What a screen reader is given: each new text of a region live at that moment.
    await pageEval(
      bidi,
      view,
      String.raw`() => {
        window.__said = [];
        for (const node of document.querySelectorAll("[aria-live], [role='status']")) {
          new MutationObserver(() => {
            const text = node.textContent.trim();
            if ((node.getAttribute("aria-live") ?? "polite") !== "off" && text !== "") window.__said.push(text);
          }).observe(node, { childList: true, characterData: true, subtree: true });
        }
        return true;
      }`,
    );
    await pageEval(bidi, view, `() => { const b = document.getElementById("refresh"); b.focus(); b.click(); return true; }`);
    await pageWaitForSelector(bidi, view, "#status", { textIncludes: "Lecture terminée", timeoutMs: 30_000 });
    expect(await pageEval(bidi, view, "() => [document.activeElement?.id, document.activeElement?.isConnected]")).toEqual(["refresh", true]);
    const said = (await pageEval(bidi, view, "() => window.__said")) as string[];
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^Lecture terminée : \d+ messages? lus?\. /);
  });
});
