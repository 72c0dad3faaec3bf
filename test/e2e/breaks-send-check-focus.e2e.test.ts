// The send-check window opens by itself when a send is blocked: it is the only place that
// says the message was NOT sent. What is wrong: it opens with the focus on <body> (nothing
// in it is focused, and its heading is no alert), so a screen reader says only the window's
// title ("Envoi vers Mon espace santé") and a keyboard user lands nowhere; the compose panel
// (INS field) and close-confirm (its button) both place the focus when they open. Expected:
// on opening, the focus is inside the page's content — the heading that says the message was
// not sent, or the first fix — never on <body>.
import { resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { killStartedThunderbirds, MSSANTE_IDENTITY, pageEval, startHarness, type Harness } from "../../harness/index.js";

const ADDON_DIR = resolve("dist/addon");
const ADDON_ID = "mssante-patient@mssante-patient.fr";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ extensions: [ADDON_DIR], identities: [MSSANTE_IDENTITY], prefs: { "intl.locale.requested": "fr" } });
  expect(harness.addonIds).toEqual([ADDON_ID]);
});

afterAll(async () => {
  await harness.stop();
  killStartedThunderbirds();
});

it("a blocked send's explanation window opens with the focus in its content, not on <body>", async () => {
  const { ui, bidi } = harness;
  const compose = await ui.openComposeWindow({ to: ["255081416802538@patient.mssante.fr", "253072A07300443@patient.mssante.fr"], subject: "Rendez-vous", body: "Bonjour,\n" });
  await ui.clickSend(compose);
  const check = await ui.waitForExtensionWindow("send-check.html");
  await ui.waitForWindowSelector(check, "body[data-ready='true']", { state: "attached" });
  await ui.waitForWindowSelector(check, "#blockers li[data-code='patients-see-each-other']");
  const active = await pageEval(bidi, ui.extensionWindow(check), "() => document.activeElement?.tagName ?? null");
  expect(active).not.toBe("BODY");
  expect(active).not.toBeNull();
});
