/**
 * The window that explains a blocked send. It reads the compose tab itself (nothing comes
 * from the background's memory), offers each fix, and sends again from here once the
 * message is fine — or once the user accepts the warnings for this exact message.
 */
import { sendConfirmed } from "../../adapters/compose.js";
import { updateTabState } from "../../features/compose/session-state.js";
import { composeTabExists, focusTab } from "../../adapters/tabs.js";
import { evaluateTab } from "../../features/compose/evaluate.js";
import { applyFixToTab } from "../../features/compose/message-options.js";
import { byId, closeOnEscape, localize, show } from "../shared/dom.js";
import { focusNextStep, renderFindings } from "../shared/findings.js";
import type { PageWindow } from "../shared/page-window.js";
import { tr } from "../shared/text.js";

/** Draws the check of the compose tab named by `page.search` (`?tab=…`) and wires its buttons. */
export async function main(page: PageWindow): Promise<void> {
  const tabId = Number(new URLSearchParams(page.search).get("tab"));
  const sendNowButton = byId("send-now", HTMLButtonElement);
  const sendAnywayButton = byId("send-anyway", HTMLButtonElement);
  const status = byId("send-status", HTMLParagraphElement);
  const heading = byId("heading", HTMLHeadingElement);
  const doneButton = byId("done", HTMLButtonElement);
  let fingerprint = "";
  /** The message went to the Outbox: the window stays to say so, and is not drawn again. */
  let inOutbox = false;

  async function refresh(): Promise<void> {
    if (inOutbox) return;
    try {
      await draw();
    } catch (error) {
      console.error("MSSanté Patient: send check failed", error);
      status.textContent = tr("checkFailed");
      status.className = "bad";
    }
  }

  async function draw(): Promise<void> {
    if (!Number.isInteger(tabId) || !(await composeTabExists(tabId))) {
      show(byId("gone", HTMLParagraphElement), true);
      for (const id of ["blockers-section", "warnings-section", "send-now", "send-anyway", "clear"]) show(byId(id, HTMLElement), false);
      return;
    }
    const evaluation = await evaluateTab(tabId);
    const { blockers, warnings } = evaluation.verdict;
    fingerprint = evaluation.fingerprint;
    const blocked = blockers.length > 0;
    heading.textContent = tr(blocked ? "sendCheckBlockedHeading" : "sendCheckWarningsHeading");
    byId("intro", HTMLParagraphElement).textContent = tr(blocked ? "sendCheckBlockedIntro" : "sendCheckWarningsIntro");
    const onFix = (fix: Parameters<typeof applyFixToTab>[1]): void => {
      void applyFixToTab(tabId, fix)
        .then(refresh)
        .then(() => {
          focusNextStep(document, [sendNowButton, sendAnywayButton], heading);
        });
    };
    renderFindings(byId("blockers", HTMLUListElement), blockers, onFix);
    renderFindings(byId("warnings", HTMLUListElement), warnings, onFix);
    show(byId("blockers-section", HTMLElement), blocked);
    show(byId("warnings-section", HTMLElement), warnings.length > 0);
    show(byId("clear", HTMLParagraphElement), !blocked && warnings.length === 0);
    show(sendNowButton, !blocked && warnings.length === 0);
    show(sendAnywayButton, !blocked && warnings.length > 0);
  }

  async function send(acceptWarnings: boolean): Promise<void> {
    const pressed = acceptWarnings ? sendAnywayButton : sendNowButton;
    sendNowButton.disabled = true;
    sendAnywayButton.disabled = true;
    status.className = "";
    status.textContent = tr("sending");
    try {
      if (acceptWarnings) await updateTabState(tabId, { acceptedWarnings: fingerprint });
      // As Thunderbird's Send button: now, or into the Outbox when offline; a send the server
      // refused (the message still in its window) is a failure, never "sent".
      const result = await sendConfirmed(tabId);
      if (result.queued) {
        showInOutbox(result.background === true);
        return;
      }
      status.textContent = tr("sent");
      page.close();
    } catch {
      sendNowButton.disabled = false;
      sendAnywayButton.disabled = false;
      await refresh();
      status.textContent = tr("sendFailed");
      status.className = "bad";
      // The button pressed was disabled: the focus goes back to it, or to what comes next.
      if (pressed.hidden) focusNextStep(document, [sendNowButton, sendAnywayButton], heading);
      else pressed.focus();
    }
  }

  /**
   * Not sent yet: in the Outbox, offline (it leaves once Thunderbird is online and the unsent
   * messages are sent) or sending in the background. Said, with the focus on it, until closed.
   */
  function showInOutbox(background: boolean): void {
    inOutbox = true;
    heading.textContent = tr("sendCheckOutboxHeading");
    byId("intro", HTMLParagraphElement).textContent = "";
    for (const id of ["blockers-section", "warnings-section", "clear", "gone", "send-now", "send-anyway", "back"]) show(byId(id, HTMLElement), false);
    status.className = "";
    status.textContent = tr(background ? "sendBackground" : "sendQueued");
    show(doneButton, true);
    doneButton.focus();
  }

  localize(document);
  closeOnEscape(() => {
    page.close();
  });
  sendNowButton.addEventListener("click", () => void send(false));
  sendAnywayButton.addEventListener("click", () => void send(true));
  doneButton.addEventListener("click", () => {
    page.close();
  });
  byId("back", HTMLButtonElement).addEventListener("click", () => {
    void focusTab(tabId).finally(() => {
      page.close();
    });
  });
  // The user fixes things in the compose window, then comes back here: read it again.
  window.addEventListener("focus", () => void refresh());
  await refresh();
  // The window opened by itself: the focus goes to what it says (the message was not sent,
  // or the message is gone), so that a screen reader reads it and the keyboard starts there.
  if (document.activeElement === null || document.activeElement === document.body) {
    const gone = byId("gone", HTMLParagraphElement);
    (gone.hidden ? heading : gone).focus();
  }
  document.body.dataset["ready"] = "true";
}
