// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import type { AccountInfo } from "../../../src/adapters/accounts.js";
import { saveRecord, setHandled, watchRecords } from "../../../src/features/notices/notice-store.js";
import type { NoticeRecord } from "../../../src/core/notice-records/index.js";
import type { ScanAnswer } from "../../../src/features/notices/scan-contract.js";
import { watchScanStatus, writeScanStatus, type ScanStatus } from "../../../src/features/notices/scan-status.js";
import type { ScanTarget } from "../../../src/features/notices/scan.js";
import { main, type NoticesPanelDeps } from "../../../src/pages/notices-panel/notices-panel.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { $, blurWhenDisabled, loadPage, ready, textOf } from "./load-page.js";

const fake = useFakeThunderbird();
blurWhenDisabled();
// happy-dom gives `navigator.locks` as null; the store then chains its writes itself, as where Web Locks are missing.
Object.defineProperty(navigator, "locks", { value: undefined, configurable: true });

const NOW = new Date();
const DATE = new Date(NOW.getTime() - 2 * 86_400_000).toISOString();
const P1 = "295109912611193@patient.mssante.fr";
const P2 = "255081416802538@patient.mssante.fr";

function bounce(n: number, address: string): NoticeRecord {
  return {
    v: 2,
    id: `bounce-${n}@mx.example`,
    kind: "bounce",
    date: DATE,
    accountId: "account1",
    folderPath: "/Inbox",
    receiptCheck: null,
    originalId: null,
    originalDate: null,
    recipients: [
      {
        address,
        action: "failed",
        status: "5.2.1",
        reason: "mailbox-closed",
        ins: address.slice(0, 15),
        insValid: true,
        disposition: null,
        dispositionError: false,
        date: null,
      },
    ],
    handled: null,
    stored: DATE,
    moreRecipients: 0,
  };
}

const ACCOUNT: AccountInfo = {
  id: "account1",
  name: "Dr Martin",
  root: { accountId: "account1", path: "/" },
  folders: [{ id: "account1://Inbox", accountId: "account1", path: "/Inbox", name: "Courrier entrant", depth: 1, specialUse: ["inbox"], isVirtual: false }],
};

const RUNNING: ScanStatus = {
  state: "running",
  origin: "user",
  target: { kind: "all" },
  thorough: false,
  since: null,
  figures: { foldersDone: 0, folders: 3, messages: 0, headerReads: 0, fullReads: 0, notices: 0, errors: 0 },
  current: "/Inbox",
  startedAt: 1,
  endedAt: null,
};

/** The background publishing its scan (`storage.session`), as the scan service does. */
async function publish(change: Partial<ScanStatus> & { readonly done?: number }): Promise<void> {
  const { done, ...rest } = change;
  const figures = done === undefined ? RUNNING.figures : { ...RUNNING.figures, foldersDone: done, messages: done * 10 };
  await fake().background.run(() => writeScanStatus({ ...RUNNING, figures, ...rest }));
}

/** What the panel asked the background. */
interface Asked {
  readonly starts: { target: ScanTarget; thorough: boolean }[];
  recent: number;
  cancels: number;
}

/** The panel's collaborators: the real notice store and scan state (on the fake storage), the background's answers given here. */
function deps(overrides: Partial<NoticesPanelDeps> = {}, startAnswer: ScanAnswer["outcome"] = "started"): NoticesPanelDeps & { asked: Asked } {
  const asked: Asked = { starts: [], recent: 0, cancels: 0 };
  return {
    asked,
    listAccounts: () => Promise.resolve([ACCOUNT]),
    openMessageById: () => Promise.resolve(false),
    setHandled,
    watchRecords,
    loadNoticeDetail: () => Promise.resolve(null),
    loadSentInfo: () => Promise.resolve(null),
    requestScan: (target, thorough) => {
      asked.starts.push({ target, thorough });
      return Promise.resolve({ outcome: startAnswer });
    },
    requestRecentScan: () => {
      asked.recent++;
      return Promise.resolve({ outcome: "idle" });
    },
    requestScanCancel: () => {
      asked.cancels++;
      return Promise.resolve({ outcome: "cancelling" });
    },
    watchScanStatus,
    ...overrides,
  };
}

async function open(given: NoticesPanelDeps = deps(), records: readonly NoticeRecord[] = [bounce(1, P1), bounce(2, P2)]): Promise<void> {
  for (const record of records) await saveRecord(record, { months: 12, now: NOW });
  loadPage("notices-panel/notices-panel.html");
  main(given);
  await ready();
  await vi.waitFor(() => {
    expect($("scan-target", HTMLSelectElement).options.length).toBeGreaterThan(1);
  });
}

/** Every change made to an element's text from now on. */
function watchText(node: HTMLElement): string[] {
  const seen: string[] = [];
  new MutationObserver(() => {
    seen.push(textOf(node));
  }).observe(node, { childList: true, characterData: true, subtree: true });
  return seen;
}

const marks = (): HTMLButtonElement[] => [...document.querySelectorAll<HTMLButtonElement>("button.mark")];

describe("notices panel", () => {
  it("first render, in French: the notices by patient, their cause, dates written by Intl", async () => {
    await open();
    expect(document.documentElement).toMatchObject({ lang: "fr", dir: "ltr" });
    expect(document.title).toBe("Retours et accusés de lecture");
    expect(document.querySelectorAll("li.item")).toHaveLength(2);
    const item = document.querySelector("li.item");
    const date = new Intl.DateTimeFormat("fr", { dateStyle: "long", timeStyle: "short" }).format(new Date(DATE));
    expect(textOf(item)).toContain(`Non distribué — avis du ${date}`);
    expect(textOf(item?.querySelector(".reason") ?? null)).toMatch(/^Cause : .+ \(mailbox-closed\)$/);
    expect(textOf($("counts"))).toMatch(/2 non-distributions/);
    expect(marks().map((b) => textOf(b))).toEqual(["Marquer comme traité", "Marquer comme traité"]);
    const targets = [...$("scan-target", HTMLSelectElement).options].map((o) => textOf(o));
    expect(targets).toEqual(["Tous les comptes", "Dr Martin — tout le compte", "Courrier entrant"]);
    expect(textOf(document.querySelector("label[for='search']"))).not.toBe("");
    expect($("search", HTMLInputElement).placeholder).not.toBe("");
  });

  it("speaks English for an English interface, dates in its locale", async () => {
    fake().setUiLanguage("en-US");
    await open();
    expect(document.documentElement.lang).toBe("en");
    const date = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeStyle: "short" }).format(new Date(DATE));
    expect(textOf(document.querySelector("li.item"))).toContain(`Not delivered — notice of ${date}`);
    expect(textOf(document.querySelector("li.item .reason"))).toMatch(/^Cause: .+ \(mailbox-closed\)$/);
    expect(textOf(marks()[0] ?? null)).toBe("Mark as handled");
    expect(textOf($("scan-target", HTMLSelectElement).options[1] ?? null)).toBe("Dr Martin — the whole account");
  });

  it("mark as handled: stored, drawn anew, the focus back on the same notice's button, the count not said again", async () => {
    await open();
    const counts = watchText($("counts"));
    const before = textOf($("counts"));
    const mark = marks()[1];
    const key = mark?.closest("li")?.dataset["key"];
    mark?.focus();
    mark?.click();
    await vi.waitFor(() => {
      expect(document.querySelector(`li.item[data-key='${key ?? ""}']`)?.classList.contains("handled")).toBe(true);
    });
    const again = document.querySelector<HTMLButtonElement>(`li.item[data-key='${key ?? ""}'] button.mark`);
    expect(again?.getAttribute("aria-pressed")).toBe("true");
    expect(textOf(again)).toBe("Remettre à traiter");
    expect(document.activeElement).toBe(again);
    expect(textOf(document.querySelector(`li.item[data-key='${key ?? ""}'] .handled-note`))).toMatch(/^Traité — .+/);
    // The count changed once (one fewer to handle): said once, never rewritten with the same text.
    expect(textOf($("counts"))).not.toBe(before);
    expect(new Set(counts).size).toBe(counts.length);
  });

  it("a redraw that changes no figure leaves the live count alone (nothing is announced again)", async () => {
    await open();
    const counts = watchText($("counts"));
    // Both notices are about patients: the filter redraws the list and changes no figure.
    $("filter-patients", HTMLInputElement).checked = true;
    $("filter-patients").dispatchEvent(new Event("change", { bubbles: true }));
    await Promise.resolve();
    expect(document.querySelectorAll("li.item")).toHaveLength(2);
    expect(counts).toEqual([]);
    expect($("counts").getAttribute("role")).toBe("status");
  });

  it("when a filter hides the notice just handled, the focus goes to the next notice", async () => {
    await open();
    $("filter-unhandled", HTMLInputElement).checked = true;
    $("filter-unhandled").dispatchEvent(new Event("change", { bubbles: true }));
    const first = marks()[0];
    first?.focus();
    first?.click();
    await vi.waitFor(() => {
      expect(marks()).toHaveLength(1);
    });
    expect(document.activeElement).toBe(marks()[0]);
  });

  it("scanning: asks the background, shows its progress from storage; the live status says the start and the result, never each step; the focus follows the buttons", async () => {
    const given = deps();
    await open(given);
    const status = watchText($("scan-status"));
    $("scan-thorough", HTMLInputElement).checked = true;
    $("scan-start").click();
    await vi.waitFor(() => {
      expect(given.asked.starts).toEqual([{ target: { kind: "all" }, thorough: true }]);
    });
    await publish({ done: 0, thorough: true });
    await vi.waitFor(() => {
      expect(textOf($("scan-status"))).toBe("Analyse en cours…");
    });
    expect($("scan-cancel").hidden).toBe(false);
    expect($("scan-start").hidden).toBe(true);
    expect($("scan-thorough", HTMLInputElement).disabled).toBe(true);
    await publish({ done: 1, thorough: true });
    await publish({ done: 2, thorough: true });
    await vi.waitFor(() => {
      expect($("scan-progress", HTMLProgressElement).value).toBe(2);
    });
    expect(textOf($("scan-progress-text"))).toMatch(/^Dossier 3 sur 3/);
    $("scan-cancel").focus();
    await publish({ state: "done", done: 3, thorough: true, current: null, endedAt: 2 });
    await vi.waitFor(() => {
      expect(document.body.dataset["scan"]).toBe("done");
    });
    expect(status).toHaveLength(2);
    expect(status[0]).toBe("Analyse en cours…");
    expect(status[1]).toMatch(/^Analyse approfondie terminée/);
    expect(document.activeElement).toBe($("scan-start"));
    expect($("scan-progress").hidden).toBe(true);
    expect($("scan-thorough", HTMLInputElement).disabled).toBe(false);
  });

  it("a panel opened while the background scans shows its progress, and can cancel it", async () => {
    await publish({ done: 1 });
    const given = deps();
    await open(given);
    await vi.waitFor(() => {
      expect(document.body.dataset["scan"]).toBe("running");
    });
    expect($("scan-progress", HTMLProgressElement).value).toBe(1);
    expect(textOf($("scan-progress-text"))).toMatch(/^Dossier 2 sur 3/);
    expect($("scan-start").hidden).toBe(true);
    $("scan-cancel").click();
    await vi.waitFor(() => {
      expect(given.asked.cancels).toBe(1);
    });
    await publish({ state: "cancelled", done: 1, current: null, endedAt: 2 });
    await vi.waitFor(() => {
      expect(document.body.dataset["scan"]).toBe("cancelled");
    });
    expect(textOf($("scan-status"))).toMatch(/^Analyse rapide annulée/);
    expect($("scan-start").hidden).toBe(false);
  });

  it("a panel opened after a scan shows its result", async () => {
    await publish({ state: "done", done: 3, current: null, endedAt: 2 });
    await open();
    await vi.waitFor(() => {
      expect(document.body.dataset["scan"]).toBe("done");
    });
    expect(textOf($("scan-status"))).toMatch(/^Analyse rapide terminée : 30 messages examinés dans 3 dossiers/);
    expect($("scan-progress").hidden).toBe(true);
  });

  it("a start while a scan runs elsewhere: says it joined that scan", async () => {
    const given = deps({}, "joined");
    await open(given);
    $("scan-start").click();
    await vi.waitFor(() => {
      expect(textOf($("scan-status"))).toMatch(/^Une analyse était déjà en cours/);
    });
  });

  it("nothing recorded: asks the background to look at recent mail, and says that it is happening", async () => {
    const given = deps();
    await open(given, []);
    expect(given.asked.recent).toBe(1);
    await publish({ origin: "recent", since: 0, done: 0 });
    await vi.waitFor(() => {
      expect(textOf($("scan-status"))).toBe("Recherche des retours des 30 derniers jours dans tous les comptes, sans que vous ayez à le demander…");
    });
    expect(document.body.dataset["scanOrigin"]).toBe("recent");
    await publish({ origin: "recent", since: 0, state: "done", done: 3, current: null, endedAt: 2 });
    await vi.waitFor(() => {
      expect(textOf($("scan-status"))).toMatch(/^Retours des 30 derniers jours recherchés dans tous les comptes\. Analyse rapide terminée/);
    });
  });

  it("notices recorded: recent mail is still asked for (the background knows whether that scan was done)", async () => {
    const given = deps();
    await open(given);
    expect(given.asked.recent).toBe(1);
  });

  it("says that a scan failed, or could not be asked for", async () => {
    const given = deps({ requestScan: () => Promise.reject(new Error("no background")) });
    await open(given);
    $("scan-start").click();
    await vi.waitFor(() => {
      expect(textOf($("scan-status"))).toBe("L'analyse n'a pas pu se faire.");
    });
    await publish({ done: 1 });
    await publish({ state: "failed", done: 1, current: null, endedAt: 2 });
    await vi.waitFor(() => {
      expect(document.body.dataset["scan"]).toBe("failed");
    });
    expect(textOf($("scan-status"))).toBe("L'analyse n'a pas pu se faire.");
  });

  it("says that the folders could not be listed", async () => {
    for (const record of [bounce(1, P1)]) await saveRecord(record, { months: 12, now: NOW });
    loadPage("notices-panel/notices-panel.html");
    main(deps({ listAccounts: () => Promise.reject(new Error("accounts down")) }));
    await ready();
    await vi.waitFor(() => {
      expect(textOf($("scan-status"))).toBe("L'analyse n'a pas pu se faire.");
    });
  });

  it("a notice whose message is gone: its button says so and is disabled", async () => {
    await open();
    const button = document.querySelector<HTMLButtonElement>("button.open-notice");
    button?.click();
    await vi.waitFor(() => {
      expect(button?.disabled).toBe(true);
    });
    expect(textOf(button)).toBe("Introuvable");
  });

  it("an empty store says there is nothing yet", async () => {
    await open(deps(), []);
    expect($("empty").hidden).toBe(false);
    expect(textOf($("empty"))).not.toBe("");
  });

  it("opened from a banner's link (#notice=<id>): that notice's entry is scrolled to and focused, also when the link changes", async () => {
    location.hash = "#notice=" + encodeURIComponent("bounce-2@mx.example");
    try {
      await open();
      await vi.waitFor(() => {
        expect((document.activeElement as HTMLElement | null)?.dataset["key"]).toBe("bounce-2@mx.example#0");
      });
      location.hash = "#notice=" + encodeURIComponent("bounce-1@mx.example");
      window.dispatchEvent(new HashChangeEvent("hashchange"));
      await vi.waitFor(() => {
        expect((document.activeElement as HTMLElement | null)?.dataset["key"]).toBe("bounce-1@mx.example#0");
      });
    } finally {
      location.hash = "";
    }
  });
});
