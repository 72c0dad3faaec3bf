/**
 * The background's listeners of a send, registered in the fake Thunderbird as the add-on's
 * background registers them, and what the send-path tests set up around them.
 */
import { onAfterSend } from "../../../src/adapters/compose.js";
import { guardSend } from "../../../src/features/compose/send-guard.js";
import { updateTabState } from "../../../src/features/compose/session-state.js";
import { closeAfterSend } from "../../../src/features/conversation/close-after-send.js";
import { FakeAddressBooks } from "../fakes/address-books.js";
import type { FakeThunderbird } from "../fakes/messenger.js";

type Fake = () => FakeThunderbird;

/** The add-on's send guard on `compose.onBeforeSend`. */
export function guardOn(fake: Fake): void {
  new FakeAddressBooks(fake());
  fake().background.run(() => {
    messenger.compose.onBeforeSend.addListener((tab, details) => (tab.id === undefined ? {} : guardSend(tab.id, details)));
  });
}

/** The close after sending on `compose.onAfterSend`. */
export function afterSendOn(fake: Fake): void {
  fake().background.run(() => {
    onAfterSend((tabId, info) => {
      void closeAfterSend(tabId, info);
    });
  });
}

/** Both: the guard and the close after sending. */
export function guardAndCloseOn(fake: Fake): void {
  guardOn(fake);
  afterSendOn(fake);
}

/**
 * Another add-on's `onBeforeSend` listener, registered after the guard, that stops the send;
 * the function given back removes it.
 */
export function laterListenerCancels(fake: Fake): () => void {
  const listener = (): { cancel: true } => ({ cancel: true });
  fake().background.run(() => {
    messenger.compose.onBeforeSend.addListener(listener);
  });
  return () => {
    fake().background.run(() => {
      messenger.compose.onBeforeSend.removeListener(listener);
    });
  };
}

/** A compose window to `to`, with « Clore après l'envoi » ticked. */
export async function composeWithCloseAfter(fake: Fake, to: string, subject: string): Promise<number> {
  const tab = fake().openCompose({ to: [to], subject });
  await fake().background.run(() => updateTabState(tab, { optionsSettled: true, closeAfterSend: true }));
  return tab;
}
