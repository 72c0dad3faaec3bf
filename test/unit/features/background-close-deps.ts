/**
 * The effects of a close after a send in the background (`closeAfterBackgroundSend`),
 * recorded instead of done: the mail search answers `found`, and the window closed at `now()`.
 */
import { say } from "../../../src/core/i18n/catalogs.js";
import type { BackgroundCloseDeps } from "../../../src/features/conversation/close-after-background-send.js";

export function recordedBackgroundDeps(found: string | null, now: () => number): { deps: BackgroundCloseDeps; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    deps: {
      pause: () => Promise.resolve(),
      find: (address, subject, sentAt) => {
        calls.push(`find ${address} ${subject} ${String(sentAt)}`);
        return Promise.resolve(found);
      },
      remember: (pending) => {
        calls.push(`remember ${pending.headerMessageId}`);
        return Promise.resolve();
      },
      settle: () => Promise.resolve(),
      tell: (text) => {
        calls.push(`tell ${say(text, "fr")}`);
        return Promise.resolve();
      },
      now,
    },
  };
}
