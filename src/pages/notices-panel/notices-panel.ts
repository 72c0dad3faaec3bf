/**
 * The notices panel (a tab): bounces, delays and read receipts grouped by patient and by
 * sent message, with filters, search, counts, "mark as handled", and scanning folders.
 * Everything that comes from a message is written with `textContent` only.
 */
import type { listAccounts } from "../../adapters/accounts.js";
import { render as t } from "../../adapters/i18n.js";
import type { openMessageById } from "../../adapters/message-display.js";
import type { setHandled, watchRecords } from "../../features/notices/notice-store.js";
import {
  buildView,
  countsText,
  explainStored,
  itemKey,
  moreRecipientsText,
  needsAction,
  noticeDateText,
  patientHeading,
  readOnText,
  receiptCheckText,
  reasonLabel,
  scanDoneText,
  scanProgressText,
  sentMessageTitle,
  type MessageGroup,
  type NoticeRecord,
  type PanelFilter,
  type PanelItem,
  type ReasonFilter,
  type RecipientGroup,
  type SentInfo,
} from "../../core/notice-records/index.js";
import { REASONS } from "../../core/notices/index.js";
import { RECENT_DAYS } from "../../features/notices/scan-contract.js";
import type { loadNoticeDetail, loadSentInfo } from "../../features/notices/detail.js";
import type { ScanTarget } from "../../features/notices/scan.js";
import type { requestRecentScan, requestScan, requestScanCancel } from "../../features/notices/scan-contract.js";
import type { ScanStatus, watchScanStatus } from "../../features/notices/scan-status.js";
import { noticeIdFromHash } from "../../core/notice-records/deep-link.js";
import { byId, el, localize, show } from "../shared/dom.js";
import { formatDateTime as formatDate, tr as message } from "../shared/text.js";

/** What the panel reads and changes: the stored notices, the mail folders, the messages. */
export interface NoticesPanelDeps {
  readonly listAccounts: typeof listAccounts;
  readonly openMessageById: typeof openMessageById;
  readonly setHandled: typeof setHandled;
  readonly watchRecords: typeof watchRecords;
  readonly loadNoticeDetail: typeof loadNoticeDetail;
  readonly loadSentInfo: typeof loadSentInfo;
  /** The scan runs in the background page: the panel asks for it and shows what it publishes. */
  readonly requestScan: typeof requestScan;
  readonly requestRecentScan: typeof requestRecentScan;
  readonly requestScanCancel: typeof requestScanCancel;
  readonly watchScanStatus: typeof watchScanStatus;
  /** Opens the exchanges view (the header's link; hidden without it). */
  readonly openExchangesView?: () => Promise<void>;
}

/** Draws the panel, wires its filters and scan, and follows the stored notices. */
export function main(deps: NoticesPanelDeps): void {
  const { listAccounts, openMessageById, setHandled, watchRecords, loadNoticeDetail, loadSentInfo, requestScan, requestRecentScan, requestScanCancel, watchScanStatus } = deps;
  const ui = {
    scanTarget: byId("scan-target", HTMLSelectElement),
    scanStart: byId("scan-start", HTMLButtonElement),
    scanCancel: byId("scan-cancel", HTMLButtonElement),
    scanThorough: byId("scan-thorough", HTMLInputElement),
    scanProgress: byId("scan-progress", HTMLProgressElement),
    scanStatus: byId("scan-status", HTMLParagraphElement),
    scanProgressText: byId("scan-progress-text", HTMLParagraphElement),
    patients: byId("filter-patients", HTMLInputElement),
    unhandled: byId("filter-unhandled", HTMLInputElement),
    reason: byId("filter-reason", HTMLSelectElement),
    search: byId("search", HTMLInputElement),
    counts: byId("counts", HTMLParagraphElement),
    empty: byId("empty", HTMLParagraphElement),
    groups: byId("groups", HTMLDivElement),
  };

  /** The stored notices by id: read once, then kept up to date from storage changes. */
  const records = new Map<string, NoticeRecord>();
  const sentInfo = new Map<string, SentInfo>();
  const sentLookups = new Set<string>();
  const scanTargets = new Map<string, ScanTarget>();
  /** The scan the background publishes (running, or the last one's result); null: none in this session. */
  let scan: ScanStatus | null = null;
  const scanning = (): boolean => scan?.state === "running";

  function filter(): PanelFilter {
    return {
      patientsOnly: ui.patients.checked,
      unhandledOnly: ui.unhandled.checked,
      reason: ui.reason.value as ReasonFilter,
      search: ui.search.value,
    };
  }

  // --- drawing ------------------------------------------------------------------------------

  function render(): void {
    const view = buildView([...records.values()], filter(), sentInfo);
    // A live region: written only when its text changes, so that a redraw (a filter, a change
    // from the background, a scan storing notices) does not make screen readers say it again.
    const counts = t(countsText(view.counts));
    if (ui.counts.textContent !== counts) ui.counts.textContent = counts;
    show(ui.empty, records.size === 0);
    const open = new Set([...ui.groups.querySelectorAll<HTMLDetailsElement>("details[open]")].map((d) => d.dataset["key"] ?? ""));
    const focused = focusedControl() ?? pendingFocus;
    pendingFocus = null;
    ui.groups.replaceChildren(...view.groups.map((g) => drawGroup(g, open)));
    if (focused !== null) restoreFocus(focused);
    showLinkedNotice();
    // Each look-up searches every folder: not while a scan runs, it would slow it down; the
    // panel is drawn again when the scan ends.
    if (scanning()) return;
    for (const g of view.groups) for (const m of g.messages) if (m.originalId !== null) lookUpSent(m.originalId);
  }

  /** The control of a notice that has the focus: which notice, which control, and its place. */
  interface FocusedControl {
    readonly key: string;
    readonly selector: string;
    readonly position: number;
  }

  /** A control that gave up the focus on purpose (a button disabled while its change is saved). */
  let pendingFocus: FocusedControl | null = null;

  function focusedControl(active: Element | null = document.activeElement): FocusedControl | null {
    if (!(active instanceof HTMLElement) || !ui.groups.contains(active)) return null;
    const item = active.closest<HTMLElement>("li.item[data-key]");
    if (item === null) return null;
    const items = [...ui.groups.querySelectorAll("li.item[data-key]")];
    const control = active.tagName === "SUMMARY" ? "summary" : `button.${active.classList[0] ?? "mark"}`;
    return { key: item.dataset["key"] ?? "", selector: control, position: items.indexOf(item) };
  }

  /**
   * The list was drawn anew (a notice marked as handled, a change from the background): the
   * focus goes back to the same control of the same notice, or, when a filter now hides that
   * notice, to the notice that took its place, else to the list's count — never to the body.
   */
  function restoreFocus(before: FocusedControl): void {
    const items = [...ui.groups.querySelectorAll<HTMLElement>("li.item[data-key]")];
    const same = items.find((li) => li.dataset["key"] === before.key);
    const target = same ?? items[Math.min(before.position, items.length - 1)];
    const control = target?.querySelector<HTMLElement>(before.selector) ?? target?.querySelector<HTMLElement>("button");
    if (control !== null && control !== undefined) {
      control.focus();
      return;
    }
    ui.counts.tabIndex = -1;
    ui.counts.focus();
  }

  /** The notice the page's address names (`#notice=<id>`, from a banner's link), until it is shown. */
  let linkedNotice = noticeIdFromHash(location.hash);
  window.addEventListener("hashchange", () => {
    linkedNotice = noticeIdFromHash(location.hash);
    showLinkedNotice();
  });

  /** Scrolls to the linked notice's entry and gives it the focus, once it is drawn. */
  function showLinkedNotice(): void {
    if (linkedNotice === null) return;
    const wanted = `${linkedNotice}#`;
    const item = [...ui.groups.querySelectorAll<HTMLElement>("li.item[data-key]")].find((li) => (li.dataset["key"] ?? "").startsWith(wanted));
    if (item === undefined) return;
    linkedNotice = null;
    item.tabIndex = -1;
    item.classList.add("linked");
    item.scrollIntoView({ block: "center" });
    item.focus();
  }

  function patientName(group: RecipientGroup): string | null {
    for (const m of group.messages) {
      if (m.originalId === null) continue;
      const name = sentInfo.get(m.originalId)?.names.get(group.address.toLowerCase());
      if (name !== undefined) return name;
    }
    return null;
  }

  function drawGroup(group: RecipientGroup, open: ReadonlySet<string>): HTMLElement {
    const heading = el("h2", { text: t(patientHeading(patientName(group), group.ins, group.address, group.insValid)) });
    const section = el("section", { className: "group", attrs: { "data-recipient": group.key } }, [heading]);
    if (group.ins !== null) section.append(el("p", { className: "hint", text: group.address }));
    for (const m of group.messages) section.append(drawMessage(m, open));
    return section;
  }

  function drawMessage(m: MessageGroup, open: ReadonlySet<string>): HTMLElement {
    const info = m.originalId === null ? undefined : sentInfo.get(m.originalId);
    const box = el("div", { className: "message", attrs: m.originalId === null ? {} : { "data-original": m.originalId } }, [
      el("h3", { text: t(sentMessageTitle(info?.subject ?? null, formatDate(m.originalDate))) }),
    ]);
    if (m.readOn !== null) box.append(el("p", { className: "read", text: t(readOnText(m.readOn, formatDate(m.readOn) ?? "")) }));
    const list = el("ul", { attrs: { role: "list" } });
    for (const item of m.items) list.append(drawItem(item, open));
    box.append(list);
    const leftOut = new Map(m.items.map((i) => [i.record.id, i.record.moreRecipients]));
    const more = [...leftOut.values()].reduce((a, b) => a + b, 0);
    if (more > 0) box.append(el("p", { className: "hint more-recipients", text: t(moreRecipientsText(more)) }));
    if (m.originalId !== null) {
      const originalId = m.originalId;
      const openSent = el("button", { text: message("noticesOpenSent"), attrs: { type: "button", class: "open-sent" } });
      openSent.addEventListener("click", () => {
        void openOrSay(originalId, openSent);
      });
      box.append(el("div", { className: "actions" }, [openSent]));
    }
    return box;
  }

  function drawItem(item: PanelItem, open: ReadonlySet<string>): HTMLElement {
    const { record, recipient } = item;
    const explanation = explainStored(recipient, record.kind);
    const key = itemKey(item);
    const li = el("li", {
      className: `item ${record.kind}${record.handled === null ? "" : " handled"}`,
      attrs: { "data-key": key, "data-kind": record.kind, "data-reason": recipient.reason ?? "" },
    });
    li.append(el("p", { className: "hint", text: t(noticeDateText(record.kind, formatDate(record.date) ?? "")) }));
    li.append(el("p", { className: "title", text: t(explanation.title) }));
    if (recipient.reason !== null && record.kind !== "receipt") {
      li.append(el("p", { className: "reason", text: message("noticesReasonLabel", t(reasonLabel(recipient.reason)), recipient.reason) }));
    }
    li.append(el("p", { className: "explanation", text: t(explanation.explanation) }));
    // A patient's receipt not checked to come from the patient about a message the user sent.
    const unverified = record.kind === "receipt" && recipient.ins !== null ? receiptCheckText(record.receiptCheck) : null;
    if (unverified !== null) {
      li.classList.add("unverified");
      li.append(el("p", { className: "unverified-note", text: t(unverified) }));
    }
    if (explanation.steps.length > 0) {
      li.append(el("p", { className: "steps-heading", text: message("noticesStepsHeading") }));
      li.append(el("ol", { className: "steps" }, explanation.steps.map((s) => el("li", { text: t(s) }))));
    }
    if (record.handled !== null) li.append(el("p", { className: "handled-note", text: message("noticesHandled", formatDate(record.handled) ?? "") }));

    const details = el("details", { attrs: { "data-key": key } }, [el("summary", { text: message("noticesNoticeText") })]);
    const body = el("pre", { className: "diagnostic" });
    details.append(body);
    details.addEventListener("toggle", () => {
      if (details.open && body.dataset["loaded"] !== "true") void fillDetail(body, record, item.index);
    });
    if (open.has(key)) details.open = true;
    li.append(details);

    const openNotice = el("button", { text: message("noticesOpenNotice"), attrs: { type: "button", class: "open-notice" } });
    openNotice.addEventListener("click", () => {
      void openOrSay(record.id, openNotice);
    });
    const actions = el("div", { className: "actions" }, [openNotice]);
    if (record.kind !== "receipt") {
      const handled = record.handled !== null;
      const mark = el("button", {
        text: handled ? message("noticesMarkUnhandled") : message("noticesMarkHandled"),
        attrs: { type: "button", class: "mark", "aria-pressed": String(handled) },
      });
      mark.addEventListener("click", () => {
        // Disabling the button takes the focus from it: the redraw gives it back.
        pendingFocus = focusedControl(mark);
        mark.disabled = true;
        // Drawn again when the change reaches the stored notices.
        void setHandled(record.id, needsAction(item));
      });
      actions.append(mark);
    }
    li.append(actions);
    return li;
  }

  async function fillDetail(body: HTMLElement, record: NoticeRecord, index: number): Promise<void> {
    body.textContent = message("noticesLoading");
    try {
      const detail = await loadNoticeDetail(record, index);
      if (detail === null) {
        body.textContent = message("noticesNotFound");
        return;
      }
      const lines = [
        detail.subject === null ? null : message("noticesSubject", detail.subject),
        detail.reporter === null ? null : message("noticesReporter", detail.reporter),
        detail.status === null ? null : message("noticesStatus", detail.status),
        "",
        detail.diagnostic ?? message("noticesNoDiagnostic"),
      ].filter((l): l is string => l !== null);
      body.textContent = lines.join("\n");
      body.dataset["loaded"] = "true";
    } catch {
      body.textContent = message("noticesNotFound");
    }
  }

  async function openOrSay(messageId: string, button: HTMLButtonElement): Promise<void> {
    if (!(await openMessageById(messageId))) {
      button.disabled = true;
      button.textContent = message("noticesNotFoundShort");
    }
  }

  function lookUpSent(originalId: string): void {
    if (sentLookups.has(originalId)) return;
    sentLookups.add(originalId);
    void loadSentInfo(originalId)
      .then((info) => {
        if (info === null) return;
        sentInfo.set(originalId, info);
        scheduleRender();
      })
      .catch(() => undefined);
  }

  let pending = false;
  function scheduleRender(): void {
    if (pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      render();
    }, 50);
  }


  // --- filters ------------------------------------------------------------------------------

  function fillReasons(): void {
    const options: [ReasonFilter, string][] = [
      ["all", message("noticesFilterReasonAll")],
      ["receipt", message("noticesFilterReceipts")],
      ...REASONS.map((r): [ReasonFilter, string] => [r, t(reasonLabel(r))]),
    ];
    ui.reason.replaceChildren(...options.map(([value, label]) => el("option", { text: label, attrs: { value } })));
  }

  // --- scanning -----------------------------------------------------------------------------

  async function fillScanTargets(): Promise<void> {
    scanTargets.clear();
    scanTargets.set("all", { kind: "all" });
    const options: HTMLElement[] = [el("option", { text: message("noticesScanAll"), attrs: { value: "all" } })];
    for (const account of await listAccounts()) {
      const group = el("optgroup", { attrs: { label: account.name } });
      const accountKey = `account:${account.id}`;
      scanTargets.set(accountKey, { kind: "account", accountId: account.id });
      group.append(el("option", { text: message("noticesScanWholeAccount", account.name), attrs: { value: accountKey } }));
      for (const folder of account.folders) {
        if (folder.isVirtual) continue;
        const key = `folder:${folder.id}`;
        scanTargets.set(key, { kind: "folder", folder });
        group.append(el("option", { text: `${"  ".repeat(folder.depth)}${folder.name}`, attrs: { value: key, "data-path": folder.path } }));
      }
      options.push(group);
    }
    ui.scanTarget.replaceChildren(...options);
  }

  /** Writes the live status only when its text changes, so that screen readers say it once. */
  function say(text: string): void {
    if (ui.scanStatus.textContent !== text) ui.scanStatus.textContent = text;
  }

  /** Shows the scan the background publishes: its progress while it runs, then its result. */
  function showScan(next: ScanStatus | null): void {
    const wasRunning = scanning();
    scan = next;
    const running = scanning();
    const cancelHadFocus = document.activeElement === ui.scanCancel;
    show(ui.scanStart, !running);
    show(ui.scanCancel, running);
    show(ui.scanProgress, running);
    show(ui.scanProgressText, running);
    ui.scanThorough.disabled = running;
    if (next === null) {
      delete document.body.dataset["scan"];
      delete document.body.dataset["scanOrigin"];
      return;
    }
    document.body.dataset["scan"] = next.state;
    document.body.dataset["scanOrigin"] = next.origin;
    if (running) {
      // The bar and its text follow each step; the live status only says the start and the
      // result, so that a screen reader is not interrupted at every folder.
      ui.scanProgress.max = Math.max(1, next.figures.folders);
      ui.scanProgress.value = next.figures.foldersDone;
      ui.scanProgressText.textContent = t(scanProgressText(next.figures));
      if (!wasRunning) say(next.origin === "recent" ? message("noticesRecentScanRunning", RECENT_DAYS) : message("noticesScanRunning"));
      return;
    }
    if (next.state === "failed") say(message("noticesScanFailed"));
    else {
      const result = t(scanDoneText({ ...next.figures, thorough: next.thorough }, next.state === "cancelled"));
      say(next.origin === "recent" ? message("noticesRecentScanDone", RECENT_DAYS, result) : result);
    }
    if (cancelHadFocus) ui.scanStart.focus();
    // Drawn again: the look-ups held back during the scan are made now.
    if (wasRunning) render();
  }

  async function startScan(): Promise<void> {
    const target = scanTargets.get(ui.scanTarget.value);
    if (target === undefined || scanning()) return;
    // This scan's own result is awaited, not the last one's.
    document.body.dataset["scan"] = "starting";
    ui.scanStart.disabled = true;
    try {
      const answer = await requestScan(target, ui.scanThorough.checked);
      // A scan was running already (asked in another panel, or the one made without being
      // asked): it goes on and this panel follows it.
      if (answer.outcome === "joined") say(message("noticesScanJoined"));
      if (!ui.scanCancel.hidden) ui.scanCancel.focus();
    } catch {
      say(message("noticesScanFailed"));
      document.body.dataset["scan"] = "failed";
    } finally {
      ui.scanStart.disabled = false;
    }
  }

  async function cancelScan(): Promise<void> {
    ui.scanCancel.disabled = true;
    try {
      await requestScanCancel();
    } catch {
      say(message("noticesScanFailed"));
    } finally {
      ui.scanCancel.disabled = false;
    }
  }

  /**
   * Recent mail is looked at without a click until that was done once (the background knows,
   * and answers "idle" then), whatever is recorded: a receipt recorded on arrival does not
   * mean the bounces of the weeks before were seen. Asked also while a scan is shown running
   * (the background answers "joined"): the message wakes a page that was suspended during
   * that scan, and the page takes it up again; without it the panel would show it for ever.
   */
  function scanRecentUntilDone(): void {
    requestRecentScan().catch(() => {
      say(message("noticesScanFailed"));
    });
  }

  // --- start --------------------------------------------------------------------------------

  localize(document);
  const openExchanges = byId("open-exchanges", HTMLButtonElement);
  const openExchangesView = deps.openExchangesView;
  if (openExchangesView !== undefined) {
    show(openExchanges, true);
    openExchanges.addEventListener("click", () => {
      void openExchangesView();
    });
  }
  fillReasons();
  for (const input of [ui.patients, ui.unhandled, ui.reason]) input.addEventListener("change", render);
  ui.search.addEventListener("input", render);
  ui.scanStart.addEventListener("click", () => {
    void startScan();
  });
  ui.scanCancel.addEventListener("click", () => {
    void cancelScan();
  });
  let renderTimer: ReturnType<typeof setTimeout> | null = null;
  let ready = false;
  function onRecordsChanged(): void {
    if (!ready) {
      ready = true;
      render();
      document.body.dataset["ready"] = "true";
      scanRecentUntilDone();
      return;
    }
    if (renderTimer !== null) return;
    // Changes come from storage itself (nothing is read again); while a scan stores notices
    // the panel is drawn every few seconds only, and when it ends.
    renderTimer = setTimeout(
      () => {
        renderTimer = null;
        render();
      },
      scanning() ? 3000 : 200,
    );
  }
  void fillScanTargets().catch(() => {
    ui.scanStatus.textContent = message("noticesScanFailed");
  });
  watchScanStatus(showScan);
  void watchRecords(records, onRecordsChanged);
}
