/**
 * "Close after sending" as a user does it, for the end-to-end tests: a message to the
 * patient, "close after sending" ticked in the compose popup; then, for Send Later,
 * File › Send Later (the message goes to the Outbox).
 */
import { expect } from "vitest";
import type { ThunderbirdUi } from "../../harness/index.js";

import { ADDON_ID } from "./addon-harness.js";

/** A message to the patient with "close after sending" ticked in the compose popup: its window. */
export async function openWithCloseAfter(ui: ThunderbirdUi, to: string, subject: string): Promise<string> {
  const compose = await ui.openComposeWindow({ identityKey: "id1", to, subject, body: "Bonjour,\n\nTout est normal.\n" });
  await ui.clickComposeAction(compose, ADDON_ID);
  await ui.waitForPopupSelector(compose, "body[data-ready='true']", { state: "attached" });
  await ui.popupClick(compose, "#opt-close-after");
  expect((await ui.popupQuery(compose, "#opt-close-after"))?.checked).toBe(true);
  return compose;
}

export async function sendLaterWithClose(ui: ThunderbirdUi, to: string, subject: string): Promise<void> {
  const compose = await openWithCloseAfter(ui, to, subject);

  // Send Later (Ctrl+Shift+Enter): the message goes to the Outbox.
  await ui.bidi.chromeEval(compose, String.raw`() => {
    if (!defaultController.isCommandEnabled("cmd_sendLater")) throw new Error("cmd_sendLater is disabled");
    setTimeout(() => goDoCommand("cmd_sendLater"), 0);
    return true;
  }`);
  await ui.waitForWindowClosed(compose);
}
