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
  readDoneText,
  readingText,
  returnsText,
  skippedText,
  stateText,
  visibleRows,
  type CloseResult,
  type DateStyle,
  type ExchangeFilter,
  type ExchangeLine,
  type ExchangeRow,
  type FolderName,
  type LineMessage,
} from "../../core/exchanges/index.js";
import { sentences } from "../../core/i18n/list.js";
import { offsetAt } from "../../features/conversation/state.js";
import { byId, el, localize, show } from "../shared/dom.js";
import { tr } from "../shared/text.js";

/** The rows drawn so far while the mail is read. */
export interface RowsSoFar {
  readonly read: number;
  readonly rows: readonly ExchangeRow[];
}

/** The mail read: every exchange's row, and the folders that could not be read. */
export interface RowsLoaded {
  readonly rows: ExchangeRow[];
  readonly skipped: readonly FolderName[];
}

export interface ExchangesDeps {
  /** Reads the mail and gives every exchange's row; `onProgress` told, after each page read, the rows so far. */
  readonly loadRows: (onProgress: (progress: RowsSoFar) => void) => Promise<RowsLoaded>;
  /** Asks for the exchange with the line's patient to be closed by answering that message (after the user confirmed). */
  readonly closeFromLine: (line: Pick<ExchangeLine, "ins">, answer: Pick<LineMessage, "id" | "headerMessageId">) => Promise<CloseResult>;
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
    skipped: byId("skipped", HTMLParagraphElement),
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
  let rows: readonly ExchangeRow[] = [];
  let loaded = false;
  let loading = false;

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

  /** The row drawn for each patient, with what it was drawn from: a row unchanged is kept, node and focus. */
  const drawn = new Map<string, { signature: string; tr: HTMLTableRowElement }>();

  function signature(row: ExchangeRow): string {
    return JSON.stringify([row.name, row.state, row.openSince, row.last, row.answer?.id ?? null, row.answer?.headerMessageId ?? null, row.receiptAwaited, row.returns, row.returnsToHandle]);
  }

  function rowFor(row: ExchangeRow): HTMLTableRowElement {
    const sig = signature(row);
    const known = drawn.get(row.ins);
    if (known !== undefined && known.signature === sig) return known.tr;
    const tr = drawRow(row);
    drawn.set(row.ins, { signature: sig, tr });
    return tr;
  }

  /** The control the user is on in the table (its row and how to find it again), if any. */
  function focusInTable(): { ins: string; selector: string; element: HTMLElement; top: number } | null {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || !ui.rows.contains(active)) return null;
    const tr = active.closest("tr");
    const ins = tr?.dataset["ins"];
    if (ins === undefined) return null;
    const selector = active.matches("button.close") ? "button.close" : active.matches("button.see-returns") ? "button.see-returns" : "th";
    return { ins, selector, element: active, top: active.getBoundingClientRect().top };
  }

  function draw(): void {
    const view = visibleRows(rows, filter(), deps.now());
    // While the mail is read, the counts change at each page: shown, not announced (one announcement at the end).
    say(ui.counts, t(countsText(view.counts)));
    const nothing = loading ? "" : rows.length === 0 ? tr("exchangesEmpty") : view.rows.length === 0 ? tr("exchangesNoMatch") : "";
    ui.empty.textContent = nothing;
    show(ui.empty, nothing !== "");
    show(ui.table, view.rows.length > 0);
    const focused = focusInTable();
    const wanted = view.rows.map(rowFor);
    const keep = new Set(wanted);
    for (const child of [...ui.rows.children]) if (!keep.has(child as HTMLTableRowElement)) child.remove();
    // Rows already in place stay where they are (no node moved without need); new or changed ones are put in order.
    let cursor = ui.rows.firstElementChild;
    for (const tr of wanted) {
      if (tr === cursor) cursor = cursor.nextElementSibling;
      else ui.rows.insertBefore(tr, cursor);
    }
    if (focused !== null && document.activeElement !== focused.element) {
      // The row was drawn again (it changed): the same control of the new row gets the focus.
      const line = drawn.get(focused.ins)?.tr;
      const target = line?.isConnected === true ? (line.querySelector<HTMLElement>(focused.selector) ?? line.querySelector<HTMLElement>("th")) : null;
      (target ?? ui.status).focus({ preventScroll: true });
    }
    if (focused !== null) {
      // The row the user is on stays where it was on the screen, whatever was added above it.
      const now = document.activeElement instanceof HTMLElement ? document.activeElement.getBoundingClientRect().top : focused.top;
      if (now !== focused.top) window.scrollBy(0, now - focused.top);
    }
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
      result = await deps.closeFromLine(row, answer);
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
    if (loading) return;
    loading = true;
    // Not `disabled`: a disabled button loses the focus, and a keyboard user who pressed it would be left on the page's body.
    ui.refresh.setAttribute("aria-disabled", "true");
    document.body.dataset["state"] = "loading";
    ui.status.textContent = "";
    ui.counts.setAttribute("aria-live", "off");
    ui.table.setAttribute("aria-busy", "true");
    // Not a live region: a screen reader is not told every page read, only the end.
    ui.progress.textContent = tr("exchangesLoading");
    show(ui.progress, true);
    show(ui.skipped, false);
    // Set from the progress callback (an object, so that the compiler follows it).
    const marked = { first: false };
    let read = 0;
    try {
      const result = await deps.loadRows((progress) => {
        read = progress.read;
        ui.progress.textContent = t(readingText(progress.read, style.locale));
        rows = progress.rows;
        draw();
        if (!marked.first && progress.rows.length > 0) {
          marked.first = true;
          // A User Timing mark (no data in it): how long the first lines took to be drawn, for the benchmark.
          performance.mark("exchanges-first-drawn");
        }
      });
      rows = result.rows;
      loaded = true;
      loading = false;
      const note = skippedText(result.skipped);
      ui.skipped.textContent = note === null ? "" : t(note);
      show(ui.skipped, note !== null);
      draw();
      // The one announcement of the reading: done, how much, the counts (and the folders not read).
      const done = readDoneText(read, visibleRows(rows, filter(), deps.now()).counts, style.locale);
      ui.status.textContent = t(note === null ? done : sentences(done, note));
      ui.counts.setAttribute("aria-live", "polite");
      document.body.dataset["state"] = "ready";
      if (!marked.first) performance.mark("exchanges-first-drawn");
      // A User Timing mark (no data in it): how long the lines took to be drawn, for the benchmark.
      performance.mark("exchanges-drawn");
    } catch (error) {
      loading = false;
      ui.counts.setAttribute("aria-live", "polite");
      ui.status.textContent = tr("exchangesLoadFailed", error instanceof Error ? error.message : String(error));
      if (loaded) draw();
      document.body.dataset["state"] = "failed";
    } finally {
      loading = false;
      show(ui.progress, false);
      ui.table.removeAttribute("aria-busy");
      ui.refresh.removeAttribute("aria-disabled");
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
