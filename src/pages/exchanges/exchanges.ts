/**
 * The exchanges view (a tab): one line per patient exchange — patient, last message and who
 * wrote it, open or closed, read receipt awaited, returns — with filters, search, counts, and
 * a close action per line that asks for confirmation (naming the patient and the message the
 * [FIN] answers) before running the one close use case. Text only (`textContent`).
 */
import { render as t, uiLocale } from "../../adapters/i18n.js";
import {
  closeButtonName,
  closeResultText,
  confirmText,
  countsText,
  daysFrom,
  insLabel,
  lastMessageText,
  patientLabel,
  returnsText,
  stateText,
  visibleRows,
  type CloseResult,
  type DateStyle,
  type ExchangeFilter,
  type ExchangeRow,
  type LineMessage,
} from "../../core/exchanges/index.js";
import { plural } from "../../core/i18n/text.js";
import { offsetAt } from "../../features/conversation/state.js";
import { byId, el, localize, show } from "../shared/dom.js";
import { tr } from "../shared/text.js";

export interface ExchangesDeps {
  /** Reads the mail and gives every exchange's row; `onProgress` told how many messages were read so far. */
  readonly loadRows: (onProgress: (read: number) => void) => Promise<ExchangeRow[]>;
  /** Closes the exchange by answering that message (after the user confirmed). */
  readonly closeFromLine: (answer: Pick<LineMessage, "id" | "headerMessageId">) => Promise<CloseResult>;
  readonly openNoticesPanel: () => Promise<void>;
  readonly now: () => number;
}

export function main(deps: ExchangesDeps): void {
  const ui = {
    openPanel: byId("open-panel", HTMLButtonElement),
    patientLast: byId("filter-patient-last", HTMLInputElement),
    openFor: byId("filter-open-for", HTMLInputElement),
    days: byId("filter-days", HTMLInputElement),
    daysError: byId("filter-days-error", HTMLParagraphElement),
    search: byId("search", HTMLInputElement),
    refresh: byId("refresh", HTMLButtonElement),
    counts: byId("counts", HTMLParagraphElement),
    status: byId("status", HTMLParagraphElement),
    progress: byId("progress", HTMLParagraphElement),
    empty: byId("empty", HTMLParagraphElement),
    table: byId("lines", HTMLTableElement),
    rows: byId("rows", HTMLTableSectionElement),
    confirm: byId("confirm", HTMLDialogElement),
    confirmHeading: byId("confirm-heading", HTMLHeadingElement),
    confirmText: byId("confirm-text", HTMLParagraphElement),
    confirmYes: byId("confirm-yes", HTMLButtonElement),
    confirmNo: byId("confirm-no", HTMLButtonElement),
    confirmStatus: byId("confirm-status", HTMLParagraphElement),
  };
  const style: DateStyle = { locale: uiLocale(), offsetAt };
  let rows: ExchangeRow[] = [];
  let loaded = false;

  function say(node: HTMLElement, text: string): void {
    // Live regions: written only when the text changes, so that a redraw is not read again.
    if (node.textContent !== text) node.textContent = text;
  }

  function filter(): ExchangeFilter {
    const days = daysFrom(ui.days.value);
    const wantsDays = ui.openFor.checked;
    const invalid = wantsDays && days === null;
    ui.days.setAttribute("aria-invalid", String(invalid));
    say(ui.daysError, invalid ? tr("exchangesFilterDaysInvalid") : "");
    show(ui.daysError, invalid);
    return { patientWroteLast: ui.patientLast.checked, openForMoreThanDays: wantsDays ? days : null, search: ui.search.value };
  }

  // --- drawing ------------------------------------------------------------------------------

  function draw(): void {
    const view = visibleRows(rows, filter(), deps.now());
    say(ui.counts, t(countsText(view.counts)));
    const nothing = rows.length === 0 ? tr("exchangesEmpty") : view.rows.length === 0 ? tr("exchangesNoMatch") : "";
    ui.empty.textContent = nothing;
    show(ui.empty, nothing !== "");
    show(ui.table, view.rows.length > 0);
    ui.rows.replaceChildren(...view.rows.map(drawRow));
  }

  function drawRow(row: ExchangeRow): HTMLTableRowElement {
    const closed = row.state.state === "closed";
    const patient = el("th", { attrs: { scope: "row", tabindex: "-1" } }, [
      el("span", { className: "name", text: t(patientLabel(row)) }),
      el("span", { className: "ins", text: t(insLabel(row)) }),
    ]);
    const last = lastMessageText(row.last, style);
    const lastCell = el("td", { className: "last" }, [
      el("span", { className: "date", text: t(last.date) }),
      document.createTextNode(" "),
      el("span", { className: "subject", text: t(last.subject) }),
      el("span", { className: "writer", text: t(last.writer) }),
    ]);
    const state = el("td", { className: "state", text: t(stateText(row, style)) });
    const receipt = el("td", { className: "receipt" });
    if (row.receiptAwaited) receipt.append(el("span", { className: "awaited", text: tr("exchangesReceiptAwaited") }));
    const returns = el("td", { className: "returns" });
    const returnsLabel = returnsText(row);
    if (returnsLabel !== null) {
      const see = el("button", {
        className: "link see-returns",
        text: tr("exchangesSeeReturns"),
        attrs: { type: "button", "aria-label": tr("exchangesSeeReturnsName", patientLabel(row)) },
      });
      see.addEventListener("click", () => {
        void deps.openNoticesPanel();
      });
      returns.append(el("span", { className: "count", text: t(returnsLabel) }), document.createTextNode(" "), see);
    }
    const action = el("td", { className: "action" });
    if (!closed) {
      const answer = row.answer;
      if (answer === null) {
        action.append(el("span", { className: "hint", text: tr("exchangesNoAnswer") }));
      } else {
        const close = el("button", { className: "close", text: tr("exchangesCloseButton"), attrs: { type: "button", "aria-label": t(closeButtonName(row)) } });
        close.addEventListener("click", () => {
          ask(row, answer);
        });
        action.append(close);
      }
    }
    return el("tr", { className: closed ? "closed" : "open", attrs: { "data-ins": row.ins, "data-state": row.state.state, "data-writer": row.last.writer } }, [
      patient,
      lastCell,
      state,
      receipt,
      returns,
      action,
    ]);
  }

  // --- closing ------------------------------------------------------------------------------

  let asked: { row: ExchangeRow; answer: LineMessage } | null = null;
  let closing = false;

  function ask(row: ExchangeRow, answer: LineMessage): void {
    if (closing) return;
    asked = { row, answer };
    const text = confirmText(row, answer, style);
    ui.confirmHeading.textContent = t(text.heading);
    ui.confirmText.textContent = t(text.body);
    ui.confirmStatus.textContent = "";
    ui.confirmYes.disabled = false;
    ui.confirmNo.disabled = false;
    ui.confirm.dataset["ins"] = row.ins;
    ui.confirm.showModal();
    // A stray Enter must not send: the safe answer has the focus.
    ui.confirmNo.focus();
  }

  function focusRow(ins: string, control: string): void {
    const line = [...ui.rows.querySelectorAll<HTMLTableRowElement>("tr")].find((r) => r.dataset["ins"] === ins);
    const target = line?.querySelector<HTMLElement>(control) ?? line?.querySelector<HTMLElement>("th");
    if (target !== null && target !== undefined) target.focus();
    else ui.status.focus();
  }

  function cancel(): void {
    if (closing || asked === null) return;
    const { row } = asked;
    asked = null;
    if (ui.confirm.open) ui.confirm.close();
    ui.status.textContent = tr("exchangesCloseCancelled");
    focusRow(row.ins, "button.close");
  }

  async function confirm(): Promise<void> {
    if (closing || asked === null) return;
    const { row, answer } = asked;
    closing = true;
    ui.confirmYes.disabled = true;
    ui.confirmNo.disabled = true;
    ui.confirmStatus.textContent = tr("exchangesClosing");
    document.body.dataset["closing"] = "running";
    let result: CloseResult;
    try {
      result = await deps.closeFromLine(answer);
    } catch (error) {
      result = { result: "failed", error: error instanceof Error ? error.message : String(error) };
    }
    closing = false;
    asked = null;
    if (ui.confirm.open) ui.confirm.close();
    if (result.result === "sent" || result.result === "already-closed") {
      // Closed now: the [FIN]'s copy may not be filed yet; the line says so at once.
      const on = result.result === "sent" ? deps.now() : result.on;
      rows = rows.map((r) => (r.ins === row.ins ? { ...r, state: { state: "closed", on, closingMessageId: "" }, openSince: null } : r));
    }
    draw();
    ui.status.textContent = t(closeResultText(row, result, style));
    document.body.dataset["closing"] = result.result;
    focusRow(row.ins, "button.close");
  }

  // --- loading ------------------------------------------------------------------------------

  async function load(): Promise<void> {
    ui.refresh.disabled = true;
    document.body.dataset["state"] = "loading";
    ui.status.textContent = tr("exchangesLoading");
    // Not a live region: a screen reader is not told every page read, only the start and the end.
    ui.progress.textContent = "";
    show(ui.progress, true);
    try {
      rows = await deps.loadRows((read) => {
        ui.progress.textContent = t(plural("exchangesMessagesRead", read));
      });
      loaded = true;
      ui.status.textContent = "";
      draw();
      document.body.dataset["state"] = "ready";
      // A User Timing mark (no data in it): how long the lines took to be drawn, for the benchmark.
      performance.mark("exchanges-drawn");
    } catch (error) {
      ui.status.textContent = tr("exchangesLoadFailed", error instanceof Error ? error.message : String(error));
      if (loaded) draw();
      document.body.dataset["state"] = "failed";
    } finally {
      show(ui.progress, false);
      ui.refresh.disabled = false;
      document.body.dataset["ready"] = "true";
    }
  }

  // --- start --------------------------------------------------------------------------------

  localize(document);
  document.title = tr("exchangesTitle");
  ui.status.tabIndex = -1;
  for (const input of [ui.patientLast, ui.openFor]) input.addEventListener("change", draw);
  for (const input of [ui.days, ui.search]) input.addEventListener("input", draw);
  ui.refresh.addEventListener("click", () => {
    void load();
  });
  ui.openPanel.addEventListener("click", () => {
    void deps.openNoticesPanel();
  });
  ui.confirmYes.addEventListener("click", () => {
    void confirm();
  });
  ui.confirmNo.addEventListener("click", cancel);
  // Escape on the dialog: the browser closes it; that is a cancel.
  ui.confirm.addEventListener("cancel", (event) => {
    event.preventDefault();
    cancel();
  });
  void load();
}
