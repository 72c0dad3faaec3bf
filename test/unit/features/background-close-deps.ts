/**
 * The effects of a close after a send in the background (`closeAfterBackgroundSend`),
 * recorded instead of done: the mail search answers `found`, and the window closed at `now()`.
 * `duringPause` runs in the pause taken for Thunderbird's answer, `whileSearching` during the
 * mail search (what happens meanwhile).
 */
import { say } from "../../../src/core/i18n/catalogs.js";
import type { BackgroundCloseDeps } from "../../../src/features/conversation/close-after-background-send.js";

export interface Meanwhile {
  readonly duringPause?: () => Promise<unknown>;
  readonly whileSearching?: () => Promise<unknown>;
}

export function recordedBackgroundDeps(
  found: string | null,
  now: () => number,
  meanwhile: Meanwhile = {},
): { deps: BackgroundCloseDeps; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    deps: {
      pause: async () => {
        await meanwhile.duringPause?.();
      },
      find: async (address, subject, sentAt) => {
        calls.push(`find ${address} ${subject} ${String(sentAt)}`);
        await meanwhile.whileSearching?.();
        return found;
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
