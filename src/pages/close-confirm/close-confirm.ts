/**
 * Asked when an automation rule proposes to close the exchange with the message being sent:
 * "Clore et envoyer" sets the subject to exactly [FIN] and sends; "Envoyer sans clore" sends
 * the message as it is. The answer is kept for that compose tab only; the send guard reads it.
 * A message put in the Outbox (Thunderbird offline, or sending in the background) is said to
 * wait there; one the server refused stays in its window with the subject the user wrote.
 */
import { getComposeDetails, SendNotConfirmed, sendConfirmed, setComposeDetails } from "../../adapters/compose.js";
import { composeTabExists } from "../../adapters/tabs.js";
import { FIN_SUBJECT } from "../../core/compose/index.js";
import { NO_SEND_NOTES, updateTabState } from "../../features/compose/session-state.js";
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
  const done = byId("done", HTMLButtonElement);
  const status = byId("status", HTMLParagraphElement);
  const gone = byId("gone", HTMLParagraphElement);

  /**
   * The send guard wrote [FIN] into the compose window on the way out; the message did not go
   * (refused by the server, or its send cancelled): the subject the user wrote goes back, so
   * that nothing typed is lost and the next Send asks again.
   */
  async function giveSubjectBack(typed: string | null): Promise<void> {
    if (typed === null || typed === FIN_SUBJECT) return;
    const now = await getComposeDetails(tabId);
    if (now.subject === FIN_SUBJECT) await setComposeDetails(tabId, { subject: typed });
  }

  async function answer(close: boolean): Promise<void> {
    yes.disabled = true;
    no.disabled = true;
    show(gone, false);
    status.textContent = tr("sending");
    let typed: string | null = null;
    try {
      typed = (await getComposeDetails(tabId)).subject;
      await updateTabState(tabId, { closeAnswer: close ? "yes" : "no" });
      // As Thunderbird's Send button: now, or into the Outbox when offline.
      const result = await sendConfirmed(tabId);
      if (!result.queued) {
        page.close();
        return;
      }
      // Not sent yet: said, until the user closes the window.
      status.textContent = tr(result.background === true ? "sendBackground" : close ? "closeConfirmQueued" : "sendQueued");
      show(yes, false);
      show(no, false);
      show(done, true);
      done.focus();
    } catch (error) {
      // The send failed (the guard explains it in its own window, or another add-on cancelled
      // it), or the server refused it: the message is still in its window, and its subject goes
      // back. Or the compose window is gone.
      status.textContent = "";
      const stillOpen = error instanceof SendNotConfirmed || (await composeTabExists(tabId).catch(() => false));
      gone.textContent = stillOpen ? tr("sendFailed") : tr("closeConfirmGone", error instanceof Error ? error.message : String(error));
      show(gone, true);
      // Nor is its closing window, later, a send in the background (its notes go).
      await updateTabState(tabId, { closeAnswer: undefined, ...NO_SEND_NOTES }).catch(() => undefined);
      if (stillOpen && close) await giveSubjectBack(typed).catch(() => undefined);
      yes.disabled = false;
      no.disabled = false;
      // The button pressed was disabled (the focus left it): give it back.
      (close ? yes : no).focus();
    }
  }

  yes.addEventListener("click", () => void answer(true));
  no.addEventListener("click", () => void answer(false));
  done.addEventListener("click", () => {
    page.close();
  });
  closeOnEscape(() => {
    page.close();
  });
  yes.focus();
  document.body.dataset["ready"] = "true";
}
