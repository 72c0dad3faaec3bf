// « Clore après l'envoi » with Thunderbird sending in the background (mailnews.sendInBackground,
// where Thunderbird never answers an add-on's send) and an outgoing server that takes longer
// to accept the message than the add-on's window for such a send: the compose window closes at
// once, the message waits in the Outbox while the server takes its time, and then leaves. The
// [FIN] must follow that message, in reply to it, once and only once; the doctor must not be
// told the add-on cannot know whether it was sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { say } from "../../src/core/i18n/catalogs.js";
import { msg } from "../../src/core/i18n/text.js";
import { backgroundCloseWindow } from "../../src/core/conversation/index.js";
import type { Harness } from "../../harness/index.js";
import { startWithAddon, stopAll } from "./addon-harness.js";
import { ADDON_ID } from "./close-button.js";
import { notificationsTold, recordNotifications } from "./notifications.js";
import { messageThenFin, smtpPort, startAnsweringSmtp, useSmtpPort } from "./refusing-smtp.js";
import { openWithCloseAfter } from "./send-later.js";

const PATIENT = "255081416802538@patient.mssante.fr";
const NOT_KNOWN = say(msg("closeAfterSendNotKnownNotice"), "fr");
/** How long the server takes to accept the first message: beyond the window for a short message. */
const SLOW_MS = backgroundCloseWindow(10_000) + 10_000;

let harness: Harness;

beforeAll(async () => {
  harness = await startWithAddon({ prefs: { "mailnews.sendInBackground": true, "extensions.background.idle.timeout": 30_000 } });
  await harness.ui.backgroundEval(ADDON_ID, `() => messenger.storage.local.set({ readReceiptDefault: false, settingsVersion: 1 }).then(() => true)`);
});

afterAll(() => stopAll(harness));

describe("sent in the background through a slow server", () => {
  it(`the server takes ${String(Math.round(SLOW_MS / 1000))} s: the message, then one [FIN] in reply to it; never « cannot know »`, { timeout: 120_000 }, async () => {
    const { ui } = harness;
    await recordNotifications(ui);
    const server = await startAnsweringSmtp(
      (_raw, index) =>
        new Promise((accept) => {
          setTimeout(() => {
            accept(null);
          }, index === 0 ? SLOW_MS : 0);
        }),
    );
    const ours = await smtpPort(ui);
    await useSmtpPort(ui, server.port);
    try {
      const compose = await openWithCloseAfter(ui, PATIENT, "Compte rendu");
      const sentAt = Date.now();
      await ui.clickSend(compose, { via: "button" });
      await ui.waitForWindowClosed(compose);
      // Sent in the background: the window does not wait for the server.
      expect(Date.now() - sentAt).toBeLessThan(SLOW_MS);
      await messageThenFin(server, "Compte rendu", SLOW_MS + 40_000);
      // No second [FIN] later.
      await new Promise((r) => setTimeout(r, 3_000));
      expect(server.offered).toHaveLength(2);
      expect((await notificationsTold(ui)).join("\n")).not.toContain(NOT_KNOWN.slice(0, 60));
    } finally {
      await useSmtpPort(ui, ours);
      await server.close();
    }
  });
});
