// The add-on's pages say which language they are in (screen readers choose their voice from
// `lang`): French in a French Thunderbird, English in an English one, whatever the HTML file
// says before the page script runs.
import { resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { killStartedThunderbirds, MSSANTE_IDENTITY, pageEval, pageWaitForSelector, startHarness, type Harness, type PageTarget } from "../../harness/index.js";

const ADDON_DIR = resolve("dist/addon");
const ADDON_ID = "mssante-patient@mssante-patient.fr";

let harness: Harness | undefined;

afterAll(async () => {
  await harness?.stop();
  killStartedThunderbirds();
});

async function optionsPageLanguage(locale: string): Promise<{ lang: unknown; dir: unknown; title: unknown }> {
  await harness?.stop();
  harness = await startHarness({ extensions: [ADDON_DIR], identities: [MSSANTE_IDENTITY], prefs: { "intl.locale.requested": locale } });
  await harness.ui.backgroundEval(ADDON_ID, "async () => { await messenger.runtime.openOptionsPage(); return true; }");
  const page: PageTarget = { kind: "browser", context: await harness.ui.mainWindow(), selector: "browser" };
  await pageWaitForSelector(harness.bidi, page, "body[data-ready='true']", { state: "attached", timeoutMs: 20_000 });
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
});
