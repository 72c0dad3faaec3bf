/**
 * Asked when an automation rule proposes to close the exchange with the message being sent:
 * "Clore et envoyer" sets the subject to exactly [FIN] and sends; "Envoyer sans clore" sends
 * the message as it is. The answer is kept for that compose tab only; the send guard reads it.
 */
import { SendNotConfirmed, sendConfirmed } from "../../adapters/compose.js";
import { updateTabState } from "../../features/compose/session-state.js";
import { byId, closeOnEscape, localize, show } from "../shared/dom.js";
import type { PageWindow } from "../shared/page-window.js";
import { tr } from "../shared/text.js";

/** Draws the page and wires its buttons; `page.search` holds `tab` and the `rules`' names (one per line). */
export function main(page: PageWindow): void {
  const params = new URLSearchParams(page.search);
  const tabId = Number(params.get("tab"));
  const ruleNames = (params.get("rules") ?? "").split("\n").filter((name) => name !== "");

  localize(document);
  document.title = tr("closeConfirmTitle");
  byId("rules", HTMLParagraphElement).textContent = ruleNames.length === 0 ? "" : tr("closeConfirmRules", ruleNames.join(", "));
  const yes = byId("yes", HTMLButtonElement);
  const no = byId("no", HTMLButtonElement);
  const status = byId("status", HTMLParagraphElement);
  const gone = byId("gone", HTMLParagraphElement);

  async function answer(close: boolean): Promise<void> {
    yes.disabled = true;
    no.disabled = true;
    show(gone, false);
    status.textContent = tr("sending");
    try {
      await updateTabState(tabId, { closeAnswer: close ? "yes" : "no" });
      // As Thunderbird's Send button: now, or into the Outbox when offline.
      await sendConfirmed(tabId);
      page.close();
    } catch (error) {
      // The compose window is gone, or the send failed (the guard explains it in its own
      // window), or the server refused it (the message is still in its window).
      status.textContent = "";
      gone.textContent =
        error instanceof SendNotConfirmed ? tr("sendFailed") : tr("closeConfirmGone", error instanceof Error ? error.message : String(error));
      show(gone, true);
      await updateTabState(tabId, { closeAnswer: undefined }).catch(() => undefined);
      yes.disabled = false;
      no.disabled = false;
      // The button pressed was disabled (the focus left it): give it back.
      (close ? yes : no).focus();
    }
  }

  yes.addEventListener("click", () => void answer(true));
  no.addEventListener("click", () => void answer(false));
  closeOnEscape(() => {
    page.close();
  });
  yes.focus();
  document.body.dataset["ready"] = "true";
}
