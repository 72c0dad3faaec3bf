/** The compose action popup: add a patient from the INS, and set this message's options. */
import { render, uiLocale } from "../../adapters/i18n.js";
import { activeComposeTabId } from "../../adapters/tabs.js";
import { insAnnouncement, insEntryView } from "../../core/ins/index.js";
import type { ExpectedIdentity } from "../../core/ins/index.js";
import { evaluateTab } from "../../features/compose/evaluate.js";
import {
  addPatientRecipient,
  applyFixToTab,
  optionsOf,
  setClosing,
  setNoReply,
  setReceipt,
  settleDefaults,
} from "../../features/compose/message-options.js";
import { byId, closeOnEscape, el, localize, show } from "../shared/dom.js";
import { focusNextStep, renderFindings } from "../shared/findings.js";
import type { PageWindow } from "../shared/page-window.js";
import { tr } from "../shared/text.js";
import { wireCloseAfter } from "./close-after.js";

/** Draws the popup for the active compose tab and wires its fields. */
export async function main(page: PageWindow): Promise<void> {
  const insInput = byId("ins", HTMLInputElement);
  const nameInput = byId("patient-name", HTMLInputElement);
  const sexSelect = byId("expected-sex", HTMLSelectElement);
  const birthInput = byId("expected-birth", HTMLInputElement);
  const insStatus = byId("ins-status", HTMLParagraphElement);
  // The visible line follows every key; the live region only speaks a new kind of status.
  const insAnnounce = byId("ins-announce", HTMLParagraphElement);
  let insKind = "quiet";
  const card = byId("card", HTMLDivElement);
  const addButton = byId("add-patient", HTMLButtonElement);
  const addStatus = byId("add-status", HTMLParagraphElement);
  const receipt = byId("opt-receipt", HTMLInputElement);
  const closing = byId("opt-closing", HTMLInputElement);
  const noReply = byId("opt-noreply", HTMLInputElement);

  let currentAddress: string | null = null;
  let explainCloseAfter = (): void => undefined;

  function expected(): ExpectedIdentity {
    const sex = sexSelect.value;
    return {
      ...(sex === "male" || sex === "female" ? { sex } : {}),
      ...(birthInput.value !== "" ? { birthDate: birthInput.value } : {}),
    };
  }

  function updateEntry(): void {
    const view = insEntryView(insInput.value, expected(), new Date().getFullYear(), uiLocale());
    insStatus.textContent = view.status.text === null ? "" : render(view.status.text);
    insStatus.className = view.status.tone;
    const announcement = insAnnouncement(insKind, view.status);
    insKind = announcement.kind;
    if (announcement.say !== undefined) insAnnounce.textContent = announcement.say === "" ? "" : render(announcement.say);
    insInput.setAttribute("aria-invalid", String(view.status.tone === "bad"));
    show(card, view.card !== null);
    currentAddress = view.card?.address ?? null;
    if (view.card === null) return;
    byId("card-identity", HTMLParagraphElement).textContent = render(view.card.identity);
    byId("card-address", HTMLParagraphElement).textContent = view.card.address;
    const mismatch = byId("card-mismatch", HTMLParagraphElement);
    mismatch.textContent = view.card.mismatch === null ? "" : render(view.card.mismatch);
    show(mismatch, view.card.mismatch !== null);
  }

  async function refresh(tabId: number, stillCurrent: () => boolean = () => true): Promise<void> {
    const { details, verdict, enforced } = await evaluateTab(tabId);
    // A newer change of the user's is on its way: what was read is already out of date.
    if (!stillCurrent()) return;
    const options = optionsOf(details);
    receipt.checked = options.receipt;
    closing.checked = options.closing;
    noReply.checked = options.noReply;
    explainCloseAfter();
    // What the administrator locked on is shown ticked, greyed and explained.
    const toPatient = verdict.patientRecipients.length > 0;
    for (const [input, note, locked] of [
      [receipt, "receipt-locked", toPatient && enforced.receipt],
      [noReply, "noreply-locked", toPatient && enforced.noReply],
    ] as const) {
      input.disabled = locked;
      show(byId(note, HTMLParagraphElement), locked);
    }
    const list = byId("patient-list", HTMLUListElement);
    list.replaceChildren(...verdict.patientRecipients.map((p) => el("li", { text: p.display })));
    show(byId("no-patient", HTMLParagraphElement), verdict.patientRecipients.length === 0);
    const onFix = (fix: Parameters<typeof applyFixToTab>[1]): void => {
      void applyFixToTab(tabId, fix)
        .then(() => refresh(tabId))
        .then(() => {
          // The button pressed is gone with the redraw: on to the next fix, else the INS field.
          focusNextStep(document, [insInput], byId("popup-heading", HTMLHeadingElement));
        });
    };
    renderFindings(byId("blockers", HTMLUListElement), verdict.blockers, onFix);
    renderFindings(byId("warnings", HTMLUListElement), verdict.warnings, onFix);
    show(byId("blockers-section", HTMLElement), verdict.blockers.length > 0);
    show(byId("warnings-section", HTMLElement), verdict.warnings.length > 0);
  }

  localize(document);
  closeOnEscape(() => {
    page.close();
  });
  const tabId = await activeComposeTabId();
  if (tabId === null) {
    show(byId("no-compose", HTMLParagraphElement), true);
    for (const section of ["patient-section", "message-section"]) show(byId(section, HTMLElement), false);
    document.body.dataset["ready"] = "true";
    return;
  }
  for (const input of [insInput, sexSelect, birthInput]) input.addEventListener("input", updateEntry);
  insInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && currentAddress !== null) addButton.focus();
  });
  addButton.addEventListener("click", () => {
    const address = currentAddress;
    if (address === null) return;
    const name = nameInput.value.trim();
    addPatientRecipient(tabId, address, name)
      .then(async (result) => {
        addStatus.className = "ok";
        addStatus.textContent = result === "added" ? tr("addedStatus", address) : tr("alreadyThere");
        if (result === "added") {
          insInput.value = "";
          nameInput.value = "";
          updateEntry();
          // The card (and its button, which had the focus) is hidden: ready for the next patient.
          insInput.focus();
        }
        await refresh(tabId);
      })
      .catch((error: unknown) => {
        addStatus.className = "bad";
        addStatus.textContent = tr("addFailed", error instanceof Error ? error.message : String(error));
      });
  });
  // Each change is written at once (the user may press Send right after), and the popup is
  // drawn again from the message only after the latest one: an earlier change's redraw,
  // read before a later click reached the message, never ticks that click back.
  let changes = 0;
  const change = (write: () => Promise<unknown>): void => {
    const mine = ++changes;
    const current = (): boolean => mine === changes;
    write()
      .then(async () => {
        if (current()) await refresh(tabId, current);
      })
      .catch((error: unknown) => {
        console.error("MSSanté Patient: changing the message's options failed", error);
      });
  };
  receipt.addEventListener("change", () => {
    const on = receipt.checked;
    change(() => setReceipt(tabId, on));
  });
  closing.addEventListener("change", () => {
    const on = closing.checked;
    explainCloseAfter();
    change(() => setClosing(tabId, on));
  });
  noReply.addEventListener("change", () => {
    const on = noReply.checked;
    change(() => setNoReply(tabId, on));
  });
  updateEntry();
  explainCloseAfter = (await wireCloseAfter(tabId, () => closing.checked)).explain;
  await settleDefaults(tabId);
  await refresh(tabId);
  document.body.dataset["ready"] = "true";
  insInput.focus();
}
