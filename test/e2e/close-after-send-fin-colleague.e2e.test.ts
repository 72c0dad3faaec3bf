// « Clore après l'envoi » with Thunderbird sending in the background (mailnews.sendInBackground,
// where Thunderbird never answers an add-on's send), on two messages it must not close after:
// one that is itself the [FIN] (the « [FIN] » box ticked too), and one to a colleague (no
// patient). The first leaves alone, no second [FIN] follows it and nothing says one will; the
// second leaves and the doctor is told no exchange can be closed, never that it was not sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { say } from "../../src/core/i18n/catalogs.js";
import { msg } from "../../src/core/i18n/text.js";
import { headerLine, type Harness } from "../../harness/index.js";
import { startWithAddon, stopAll } from "./addon-harness.js";
import { ADDON_ID } from "./close-button.js";
import { notificationsTold, recordNotifications } from "./notifications.js";
import { smtpPort, startAnsweringSmtp, useSmtpPort, type RefusingSmtp } from "./refusing-smtp.js";
import { openWithCloseAfter } from "./send-later.js";

const PATIENT = "255081416802538@patient.mssante.fr";
const COLLEAGUE = "jean.dupont@confrere.mssante.fr";
const DROPPED = say(msg("closeAfterSendDroppedNotice"), "fr");
const NOT_PATIENT = say(msg("closeNotPatient"), "fr");
/** What « Votre message … attend dans la boîte d'envoi » says when a [FIN] waits for it. */
const PENDING = "Le [FIN] partira juste après lui";

let harness: Harness;
let server: RefusingSmtp;
let ours: number;

beforeAll(async () => {
  harness = await startWithAddon({ prefs: { "mailnews.sendInBackground": true, "extensions.background.idle.timeout": 30_000 } });
  await harness.ui.backgroundEval(ADDON_ID, `() => messenger.storage.local.set({ readReceiptDefault: false, settingsVersion: 1 }).then(() => true)`);
  server = await startAnsweringSmtp(() => null);
  ours = await smtpPort(harness.ui);
  await useSmtpPort(harness.ui, server.port);
});

afterAll(async () => {
  await useSmtpPort(harness.ui, ours).catch(() => undefined);
  await server.close();
  await stopAll(harness);
});

/** Waits until `server` was offered `count` messages (or `withinMs` passed). */
async function offered(count: number, withinMs: number): Promise<void> {
  const until = Date.now() + withinMs;
  while (server.offered.length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
}

/** Waits for the add-on to have said something containing `text` (or `withinMs` passed). */
async function told(text: string, withinMs: number): Promise<string[]> {
  const until = Date.now() + withinMs;
  let all = await notificationsTold(harness.ui);
  while (!all.some((t) => t.includes(text)) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 500));
    all = await notificationsTold(harness.ui);
  }
  return all;
}

describe("sent in the background, closing nothing after it", () => {
  it("both « [FIN] » and « Clore après l'envoi » ticked: the popup says the second has no effect; the [FIN] leaves alone, no second [FIN], nothing said of one", { timeout: 120_000 }, async () => {
    const { ui } = harness;
    await recordNotifications(ui);
    server.offered.length = 0;
    const compose = await openWithCloseAfter(ui, PATIENT, "Compte rendu");
    expect((await ui.popupQuery(compose, "#close-after-ignored"))?.visible).toBe(false);
    await ui.popupClick(compose, "#opt-closing");
    await ui.waitForPopupSelector(compose, "#close-after-ignored", { textIncludes: "Sans effet" });
    expect((await ui.popupQuery(compose, "#close-after-ignored"))?.visible).toBe(true);
    expect((await ui.popupQuery(compose, "#opt-close-after"))?.checked).toBe(true);
    await ui.clickSend(compose, { via: "button" });
    await ui.waitForWindowClosed(compose);
    await offered(1, 30_000);
    // The window's closing: a 3 s pause, and (were it searching) up to 5 s in the mail, then
    // the Outbox looked at; time enough for a second [FIN] to be offered.
    await new Promise((r) => setTimeout(r, 15_000));
    expect(server.offered).toHaveLength(1);
    const [fin] = server.offered;
    if (fin === undefined) throw new Error("nothing sent");
    expect(headerLine(fin, "Subject")).toBe("Subject: [FIN]");
    const said = (await notificationsTold(ui)).join("\n");
    expect(said).not.toContain(PENDING);
    expect(said).not.toContain(DROPPED.slice(0, 40));
  });

  it("« Clore après l'envoi » ticked on a message to a colleague: it leaves, and the doctor is told no exchange can be closed, never « not sent »", { timeout: 120_000 }, async () => {
    const { ui } = harness;
    await recordNotifications(ui);
    server.offered.length = 0;
    const compose = await openWithCloseAfter(ui, COLLEAGUE, "Avis");
    await ui.clickSend(compose, { via: "button" });
    await ui.waitForWindowClosed(compose);
    await offered(1, 30_000);
    const [sent] = server.offered;
    if (sent === undefined) throw new Error("nothing sent");
    expect(headerLine(sent, "Subject")).toBe("Subject: Avis");
    const said = await told(NOT_PATIENT, 30_000);
    expect(said).toContain(NOT_PATIENT);
    expect(said.join("\n")).not.toContain(DROPPED.slice(0, 40));
    expect(server.offered).toHaveLength(1);
  });
});
