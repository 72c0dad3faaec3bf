// The add-on's desktop notifications, recorded in its session storage for a test to read
// (`e2e-notification:<n>` → the text), and what that storage holds.
import { z } from "zod";
import type { ThunderbirdUi } from "../../harness/index.js";
import { ADDON_ID } from "./addon-harness.js";

/** From now on, each notification's text is also written to session storage (once per page). */
export async function recordNotifications(ui: ThunderbirdUi): Promise<void> {
  await ui.backgroundEval(
    ADDON_ID,
    String.raw`() => {
      const real = messenger.notifications.create;
      if (real.recording) return true;
      let count = 0;
      const recording = (...args) => {
        const text = typeof args[1] === "object" && args[1] !== null ? args[1].message : args[0].message;
        messenger.storage.session.set({ ["e2e-notification:" + String(count++)]: String(text) });
        return real.apply(messenger.notifications, args);
      };
      recording.recording = true;
      messenger.notifications.create = recording;
      return messenger.notifications.create === recording;
    }`,
  );
}

/** The add-on's session storage. */
export async function session(ui: ThunderbirdUi): Promise<Record<string, unknown>> {
  return z.record(z.string(), z.unknown()).parse(await ui.backgroundEval(ADDON_ID, "() => messenger.storage.session.get()"));
}

/** The texts of the notifications recorded so far (by a page that has not gone to sleep since). */
export async function notificationsTold(ui: ThunderbirdUi): Promise<string[]> {
  return Object.entries(await session(ui))
    .filter(([k]) => k.startsWith("e2e-notification:"))
    .map(([, v]) => String(v));
}
