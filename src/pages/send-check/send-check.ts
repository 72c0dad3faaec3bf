/**
 * The window that explains a blocked send. It reads the compose tab itself (nothing comes
 * from the background's memory), offers each fix, and sends again from here once the
 * message is fine — or once the user accepts the warnings for this exact message.
 */
import { sendNow } from "../../adapters/compose.js";
import { message, uiLang } from "../../adapters/i18n.js";
import { updateTabState } from "../../features/compose/session-state.js";
import { composeTabExists, focusTab } from "../../adapters/tabs.js";
import { evaluateTab } from "../../features/compose/evaluate.js";
import { applyFixToTab } from "../../features/compose/message-options.js";
import { byId, closeOnEscape, localize, show } from "../shared/dom.js";
import { renderFindings } from "../shared/findings.js";

const lang = uiLang();
const tabId = Number(new URLSearchParams(location.search).get("tab"));
const sendNowButton = byId("send-now", HTMLButtonElement);
const sendAnywayButton = byId("send-anyway", HTMLButtonElement);
const status = byId("send-status", HTMLParagraphElement);
let fingerprint = "";

async function refresh(): Promise<void> {
  try {
    await render();
  } catch (error) {
    console.error("MSSanté Patient: send check failed", error);
    status.textContent = message("checkFailed");
    status.className = "bad";
  }
}

async function render(): Promise<void> {
  if (!Number.isInteger(tabId) || !(await composeTabExists(tabId))) {
    show(byId("gone", HTMLParagraphElement), true);
    for (const id of ["blockers-section", "warnings-section", "send-now", "send-anyway", "clear"]) show(byId(id, HTMLElement), false);
    return;
  }
  const evaluation = await evaluateTab(tabId);
  const { blockers, warnings } = evaluation.verdict;
  fingerprint = evaluation.fingerprint;
  const blocked = blockers.length > 0;
  byId("heading", HTMLHeadingElement).textContent = message(blocked ? "sendCheckBlockedHeading" : "sendCheckWarningsHeading");
  byId("intro", HTMLParagraphElement).textContent = message(blocked ? "sendCheckBlockedIntro" : "sendCheckWarningsIntro");
  const onFix = (fix: Parameters<typeof applyFixToTab>[1]): void => {
    void applyFixToTab(tabId, fix).then(refresh).then(focusNextStep);
  };
  renderFindings(byId("blockers", HTMLUListElement), blockers, lang, onFix);
  renderFindings(byId("warnings", HTMLUListElement), warnings, lang, onFix);
  show(byId("blockers-section", HTMLElement), blocked);
  show(byId("warnings-section", HTMLElement), warnings.length > 0);
  show(byId("clear", HTMLParagraphElement), !blocked && warnings.length === 0);
  show(sendNowButton, !blocked && warnings.length === 0);
  show(sendAnywayButton, !blocked && warnings.length > 0);
}

/**
 * After a fix the lists are drawn anew and the button pressed is gone: focus moves to what
 * comes next (the next fix, else the send button, else the heading), never to the page body.
 */
function focusNextStep(): void {
  const next =
    document.querySelector<HTMLButtonElement>("#blockers button[data-fix]:not([hidden])") ??
    document.querySelector<HTMLButtonElement>("#warnings button[data-fix]:not([hidden])") ??
    [sendNowButton, sendAnywayButton].find((button) => !button.hidden);
  if (next !== undefined) {
    next.focus();
    return;
  }
  const heading = byId("heading", HTMLHeadingElement);
  heading.tabIndex = -1;
  heading.focus();
}

async function send(acceptWarnings: boolean): Promise<void> {
  sendNowButton.disabled = true;
  sendAnywayButton.disabled = true;
  status.textContent = message("sending");
  try {
    if (acceptWarnings) await updateTabState(tabId, { acceptedWarnings: fingerprint });
    await sendNow(tabId);
    status.textContent = message("sent");
    window.close();
  } catch {
    status.textContent = message("sendFailed");
    sendNowButton.disabled = false;
    sendAnywayButton.disabled = false;
    await refresh();
  }
}

async function main(): Promise<void> {
  localize(document);
  closeOnEscape();
  sendNowButton.addEventListener("click", () => void send(false));
  sendAnywayButton.addEventListener("click", () => void send(true));
  byId("back", HTMLButtonElement).addEventListener("click", () => {
    void focusTab(tabId).finally(() => {
      window.close();
    });
  });
  // The user fixes things in the compose window, then comes back here: read it again.
  window.addEventListener("focus", () => void refresh());
  await refresh();
  document.body.dataset["ready"] = "true";
}

void main();
