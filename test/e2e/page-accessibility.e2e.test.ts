// What screen-reader and keyboard users rely on in the add-on's pages: each page says which
// language it is in (screen readers choose their voice from `lang`), French in a French
// Thunderbird, English in an English one; focus is not dropped to the page body when a page
// draws itself anew after a button.
import { resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { killStartedThunderbirds, MSSANTE_IDENTITY, pageClick, pageEval, pageWaitForSelector, startHarness, type Harness, type PageTarget } from "../../harness/index.js";

const ADDON_DIR = resolve("dist/addon");
const ADDON_ID = "mssante-patient@mssante-patient.fr";

let harness: Harness | undefined;

afterAll(async () => {
  await harness?.stop();
  killStartedThunderbirds();
});

let options: PageTarget;

async function openOptions(locale: string): Promise<Harness> {
  await harness?.stop();
  harness = await startHarness({ extensions: [ADDON_DIR], identities: [MSSANTE_IDENTITY], prefs: { "intl.locale.requested": locale } });
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
