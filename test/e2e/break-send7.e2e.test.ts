// « Clore après l'envoi » on a slow send, in a real Thunderbird 153: the outgoing server takes
// longer to accept the message than the add-on's window for a send in the background, even for
// a message of 25 Mo (a large attachment, a slow link). The
// compose window stays open while it is handed over, closes as the send ends, and Thunderbird
// answers the send (`onAfterSend`, with its Message-ID). The message went: the [FIN] must follow
// it, and the doctor must not be told the add-on cannot know whether it was sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { say } from "../../src/core/i18n/catalogs.js";
import { msg } from "../../src/core/i18n/text.js";
import { backgroundCloseWindow } from "../../src/core/conversation/index.js";
import type { Harness } from "../../harness/index.js";
import { startWithAddon, stopAll } from "./addon-harness.js";
import { ADDON_ID } from "./close-button.js";
import { messageThenFin, smtpPort, startAnsweringSmtp, useSmtpPort, type RefusingSmtp } from "./refusing-smtp.js";
import { notificationsTold, recordNotifications, session } from "./notifications.js";
import { openWithCloseAfter } from "./send-later.js";

const PATIENT = "255081416802538@patient.mssante.fr";
const NOT_KNOWN = say(msg("closeAfterSendNotKnownNotice"), "fr");
const DROPPED = say(msg("closeAfterSendDroppedNotice"), "fr");
/** How long the server takes to accept the first message: longer than the add-on's longest window (36 s). */
const SLOW_MS = backgroundCloseWindow(25_000_000) + 6_000;

/**
 * Thunderbird's own idle time for an event page (the harness raises it): during a send that
 * long the add-on's background page goes to sleep, and Thunderbird wakes it for what follows.
 */
const IDLE_MS = 30_000;

let harness: Harness;

beforeAll(async () => {
  harness = await startWithAddon({ prefs: { "extensions.background.idle.timeout": IDLE_MS } });
  await harness.ui.backgroundEval(ADDON_ID, `() => messenger.storage.local.set({ readReceiptDefault: false, settingsVersion: 1 }).then(() => true)`);
});

afterAll(() => stopAll(harness));

/** A server on 127.0.0.1 that accepts every message, the first one only after `SLOW_MS`. */
function startSlowSmtp(): Promise<RefusingSmtp> {
  return startAnsweringSmtp(
    (_raw, index) =>
      new Promise((accept) => {
        setTimeout(() => {
          accept(null);
        }, index === 0 ? SLOW_MS : 0);
      }),
  );
}

describe("withstood", () => {
  it("a send the server takes 36 s to accept: the message, then the [FIN] in reply to it; never « cannot know »", { timeout: 150_000 }, async () => {
    const { ui } = harness;
    await recordNotifications(ui);
    const server = await startSlowSmtp();
    const ours = await smtpPort(ui);
    await useSmtpPort(ui, server.port);
    try {
      const compose = await openWithCloseAfter(ui, PATIENT, "Compte rendu");
      await ui.clickSend(compose, { via: "button" });
      await ui.waitForWindowClosed(compose, SLOW_MS + 30_000);
      await messageThenFin(server, "Compte rendu", 30_000);
      expect(server.offered).toHaveLength(2);
      // (Notifications given before the page went to sleep are recorded; none may say « cannot know ».)
      const told = await notificationsTold(ui);
      expect(told.join("\n")).not.toContain(NOT_KNOWN.slice(0, 60));
    } finally {
      await useSmtpPort(ui, ours);
      await server.close();
    }
  });
});

describe("fixed", () => {
  it("« Clore après l'envoi » ticked, the message saved as a draft and its window closed: nothing sent, and the doctor told no [FIN] will follow the draft", { timeout: 60_000 }, async () => {
    // Before: the close was dropped without a word (the doctor believed the [FIN] would follow
    // the draft once sent from Drafts).
    const { ui } = harness;
    await recordNotifications(ui);
    const before = harness.smtp.messages().length;
    const compose = await openWithCloseAfter(ui, PATIENT, "Brouillon à finir");
    await ui.bidi.chromeEval(compose, String.raw`() => { goDoCommand("cmd_saveAsDraft"); return true; }`);
    const deadline = Date.now() + 20_000;
    const drafts = async (): Promise<number> =>
      z.number().parse(
        await harness.ui.backgroundEval(ADDON_ID, `() => messenger.messages.query({ subject: "Brouillon à finir" }).then((page) => page.messages.filter((m) => (m.folder?.specialUse ?? []).includes("drafts")).length)`),
      );
    while ((await drafts()) === 0) {
      if (Date.now() > deadline) throw new Error("no draft saved");
      await new Promise((r) => setTimeout(r, 200));
    }
    await ui.closeWindow(compose);
    await ui.waitForWindowClosed(compose);
    const until = Date.now() + 20_000;
    while (Object.keys(await session(ui)).some((k) => k.startsWith("tab:")) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    expect(await notificationsTold(ui)).toContain(DROPPED);
    expect((await notificationsTold(ui)).join("\n")).not.toContain(NOT_KNOWN.slice(0, 60));
    expect(harness.smtp.messages()).toHaveLength(before);
  });
});
