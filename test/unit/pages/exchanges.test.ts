// @vitest-environment happy-dom
/**
 * The exchanges view on its real HTML: the lines as a table with headers, the filters, the
 * counts, the close button named for the patient, the confirmation naming the patient and the
 * message answered, cancel (nothing closed, focus back), confirm (one close however many
 * clicks, the line then closed), failures said, French and English.
 */
import { describe, expect, it, vi } from "vitest";
import { buildLines, withFacts, type CloseResult, type ExchangeRow, type LineMessage } from "../../../src/core/exchanges/index.js";
import { main, type ExchangesDeps, type RowsLoaded, type RowsSoFar } from "../../../src/pages/exchanges/exchanges.js";
import { patient, VALID_INS } from "../compose/fixtures.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { $, blurWhenDisabled, loadPage, ready, textOf } from "./load-page.js";
import type { ExchangeMessage } from "../../../src/core/exchanges/index.js";

const fake = useFakeThunderbird();
blurWhenDisabled();

const ME = "dr.martin@medecin.mssante.fr";
const NOW = Date.UTC(2026, 10, 30, 12, 0);
const DAY = 86_400_000;
const [A, B, C] = VALID_INS;
let n = 0;

function m(fields: Partial<ExchangeMessage> & Pick<ExchangeMessage, "author">): ExchangeMessage {
  n += 1;
  return { id: n, headerMessageId: `m-${n}@x`, subject: `S${n}`, recipients: [ME], ccList: [], bccList: [], date: NOW, folderUses: [["inbox"]], tags: [], ...fields };
}

function rows(): ExchangeRow[] {
  const lines = buildLines(
    [
      m({ author: `Marie Durand <${patient(A)}>`, subject: "Question <b>traitement</b>", date: NOW - 3 * DAY }),
      m({ author: `Paul Girard <${patient(B)}>`, subject: "Rendez-vous", date: NOW - 60 * DAY }),
      m({ author: `Dr <${ME}>`, recipients: [`Paul Girard <${patient(B)}>`], subject: "Re: Rendez-vous", date: NOW - 59 * DAY, folderUses: [["sent"]], headerMessageId: "paul-2@x" }),
      m({ author: `Lucie Bernard <${patient(C)}>`, subject: "Ordonnance", date: NOW - 20 * DAY }),
      m({ author: `Dr <${ME}>`, recipients: [`Lucie Bernard <${patient(C)}>`], subject: "[FIN]", date: NOW - 19 * DAY, folderUses: [["sent"]] }),
    ],
    { ownAddresses: [ME], now: NOW },
  );
  return withFacts(lines, { receiptAsked: new Set(["paul-2@x"]), records: [], readTag: "mssante-lu-patient" });
}

interface Recorded extends ExchangesDeps {
  readonly closes: (Pick<LineMessage, "id" | "headerMessageId"> & { readonly ins: string })[];
  readonly panels: number[];
}

function deps(result: CloseResult | Error = { result: "sent" }, load: ExchangesDeps["loadRows"] = () => Promise.resolve({ rows: rows(), skipped: [] })): Recorded {
  const closes: Recorded["closes"] = [];
  const panels: number[] = [];
  return {
    closes,
    panels,
    loadRows: load,
    closeFromLine: async (line, answer) => {
      closes.push({ ...answer, ins: line.ins });
      await new Promise((r) => setTimeout(r, 5));
      if (result instanceof Error) throw result;
      return result;
    },
    openNoticesPanel: () => {
      panels.push(1);
      return Promise.resolve();
    },
    now: () => NOW,
  };
}

async function open(given: Recorded = deps()): Promise<Recorded> {
  loadPage("exchanges/exchanges.html");
  main(given);
  await ready();
  return given;
}

const lines = (): string[] => [...document.querySelectorAll<HTMLTableRowElement>("#rows tr")].map((r) => r.dataset["ins"] ?? "");
const row = (ins: string): HTMLTableRowElement => {
  const found = document.querySelector<HTMLTableRowElement>(`#rows tr[data-ins='${ins}']`);
  if (found === null) throw new Error(`no row ${ins}`);
  return found;
};
const closeButton = (ins: string): HTMLButtonElement => {
  const found = row(ins).querySelector<HTMLButtonElement>("button.close");
  if (found === null) throw new Error(`no close button on ${ins}`);
  return found;
};
function click(node: HTMLElement): void {
  node.click();
}

describe("exchanges view", () => {
  it("a table with column and row headers: patient, last message and writer, state, receipt awaited; latest first", async () => {
    await open();
    expect(document.documentElement.lang).toBe("fr");
    expect(document.title).toBe("Échanges avec les patients");
    expect([...document.querySelectorAll("thead th")].map((th) => [th.getAttribute("scope"), textOf(th)])).toEqual([
      ["col", "Patient"],
      ["col", "Dernier message"],
      ["col", "État"],
      ["col", "Accusé de lecture"],
      ["col", "Retours"],
      ["col", "Action"],
    ]);
    expect(lines()).toEqual([A, C, B]);
    expect(row(A).querySelector("th")?.getAttribute("scope")).toBe("row");
    expect([...row(A).cells].map((cell) => [...cell.childNodes].map((node) => textOf(node as Element)).filter((t) => t !== ""))).toEqual([
      ["Marie Durand", "INS 2 95 10 99 126 111 93"],
      ["27/11/2026", "« Question <b>traitement</b> »", "écrit par le patient"],
      ["Ouvert depuis le 27/11/2026"],
      [],
      [],
      ["Clore…"],
    ]);
    // A subject with markup stays text.
    expect(row(A).querySelectorAll("b")).toHaveLength(0);
    expect(textOf(row(C))).toContain("Clos le 11/11/2026");
    expect(row(C).querySelector("button.close")).toBeNull();
    expect(textOf(row(B))).toContain("Accusé de lecture attendu");
    expect(closeButton(A).getAttribute("aria-label")).toBe("Clore l'échange avec Marie Durand (INS 2 95 10 99 126 111 93)");
    expect(textOf($("counts"))).toBe("3 échanges, 2 ouverts dont 1 où le patient a écrit en dernier ; 1 accusé de lecture attendu. Affichés : 3 échanges.");
  });

  it("filters and search, with their counts; a number of days that cannot be read is said", async () => {
    await open();
    click($("filter-patient-last"));
    expect(lines()).toEqual([A]);
    click($("filter-patient-last"));
    click($("filter-open-for"));
    expect(lines()).toEqual([B]);
    const days = $("filter-days", HTMLInputElement);
    days.value = "2";
    days.dispatchEvent(new Event("input"));
    expect(lines()).toEqual([A, B]);
    days.value = "-3";
    days.dispatchEvent(new Event("input"));
    expect(days.getAttribute("aria-invalid")).toBe("true");
    expect($("filter-days-error").hidden).toBe(false);
    expect(textOf($("filter-days-error"))).toBe("Indiquez un nombre entier de jours, de 0 à 3650.");
    click($("filter-open-for"));
    const search = $("search", HTMLInputElement);
    search.value = "bernard";
    search.dispatchEvent(new Event("input"));
    expect(lines()).toEqual([C]);
    expect(textOf($("counts"))).toContain("Affichés : 1 échange.");
    search.value = "personne";
    search.dispatchEvent(new Event("input"));
    expect(lines()).toEqual([]);
    expect($("lines").hidden).toBe(true);
    expect(textOf($("empty"))).toBe("Aucun échange ne correspond aux filtres.");
  });

  it("cancel: the confirmation names the patient and the message, the safe answer has the focus, nothing is closed", async () => {
    const given = await open();
    closeButton(A).focus();
    click(closeButton(A));
    const dialog = $("confirm", HTMLDialogElement);
    expect(dialog.open).toBe(true);
    expect(textOf($("confirm-heading"))).toBe("Clore l'échange avec Marie Durand ?");
    expect(textOf($("confirm-text"))).toBe(
      "Un message d'objet exactement [FIN] sera envoyé à Marie Durand (INS 2 95 10 99 126 111 93), en réponse à son message « Question <b>traitement</b> » du 27/11/2026. Le patient ne pourra plus vous répondre.",
    );
    expect(document.activeElement).toBe($("confirm-no"));
    click($("confirm-no"));
    expect(dialog.open).toBe(false);
    expect(given.closes).toEqual([]);
    expect(textOf($("status"))).toBe("Clôture annulée : rien n'a été envoyé.");
    expect(document.activeElement).toBe(closeButton(A));
  });

  it("confirm: one close for two clicks, on the message the line named; the line then reads closed", async () => {
    const given = await open();
    click(closeButton(B));
    click($("confirm-yes"));
    click($("confirm-yes"));
    await vi.waitFor(() => {
      expect(document.body.dataset["closing"]).toBe("sent");
    });
    expect(given.closes).toHaveLength(1);
    expect(given.closes[0]?.headerMessageId).toBe("paul-2@x");
    expect(given.closes[0]?.ins).toBe(B);
    expect($("confirm", HTMLDialogElement).open).toBe(false);
    expect(textOf($("status"))).toBe("Échange avec Paul Girard clos : le message [FIN] est parti.");
    expect(row(B).dataset["state"]).toBe("closed");
    expect(textOf(row(B))).toContain("Clos le 30/11/2026");
    expect(row(B).querySelector("button.close")).toBeNull();
    // The button is gone: the focus is on the line's patient, not lost.
    expect(document.activeElement).toBe(row(B).querySelector("th"));
  });

  it("a close that failed, or found the exchange already closed, says so", async () => {
    await open(deps(new Error("Send aborted by an onBeforeSend event")));
    click(closeButton(A));
    click($("confirm-yes"));
    await vi.waitFor(() => {
      expect(document.body.dataset["closing"]).toBe("failed");
    });
    expect(textOf($("status"))).toBe(
      "La clôture de l'échange avec Marie Durand n'a pas abouti : Send aborted by an onBeforeSend event. Si une fenêtre de rédaction s'est ouverte, le message y est resté.",
    );
    expect(row(A).dataset["state"]).toBe("open");
    expect(document.activeElement).toBe(closeButton(A));

    await open(deps({ result: "already-closed", on: NOW - DAY }));
    click(closeButton(A));
    click($("confirm-yes"));
    await vi.waitFor(() => {
      expect(document.body.dataset["closing"]).toBe("already-closed");
    });
    expect(row(A).dataset["state"]).toBe("closed");
    expect(textOf($("status"))).toBe("L'échange avec Marie Durand était déjà clos le 29/11/2026 : rien n'a été envoyé.");
  });

  it("the mail cannot be read: said; an empty mail: said", async () => {
    await open(deps({ result: "sent" }, () => Promise.reject(new Error("folder gone"))));
    expect(document.body.dataset["state"]).toBe("failed");
    expect(textOf($("status"))).toBe("Votre messagerie n'a pas pu être lue : folder gone");
    await open(deps({ result: "sent" }, () => Promise.resolve({ rows: [], skipped: [] })));
    expect(textOf($("empty"))).toBe("Aucun échange avec un patient dans votre messagerie.");
  });

  it("lines drawn as the mail is read: the focus stays on the control the user is on, filters work, one announcement at the end", async () => {
    const all = rows();
    const byIns = (ins: string): ExchangeRow => {
      const found = all.find((r) => r.ins === ins);
      if (found === undefined) throw new Error(ins);
      return found;
    };
    let finish: (loaded: RowsLoaded) => void = () => undefined;
    let tell: (progress: RowsSoFar) => void = () => undefined;
    loadPage("exchanges/exchanges.html");
    main(
      deps({ result: "sent" }, (onProgress) => {
        tell = onProgress;
        return new Promise((resolve) => {
          finish = resolve;
        });
      }),
    );
    expect(textOf($("status"))).toBe("");
    expect(textOf($("progress"))).toBe("Lecture de votre messagerie…");
    expect($("progress").getAttribute("aria-live")).toBeNull();
    expect($("empty").hidden).toBe(true);
    // First page: B only.
    tell({ read: 1000, rows: [byIns(B)] });
    expect(lines()).toEqual([B]);
    expect(textOf($("progress"))).toBe("Lecture de votre messagerie… 1 000 messages lus");
    expect($("counts").getAttribute("aria-live")).toBe("off");
    expect($("lines").getAttribute("aria-busy")).toBe("true");
    const bButton = closeButton(B);
    bButton.focus();
    // Next page: A comes above B; B's row is the same node, still focused.
    tell({ read: 2000, rows: [byIns(B), byIns(A)] });
    expect(lines()).toEqual([A, B]);
    expect(closeButton(B)).toBe(bButton);
    expect(document.activeElement).toBe(bButton);
    // The filters work while reading.
    const search = $("search", HTMLInputElement);
    search.value = "girard";
    search.dispatchEvent(new Event("input"));
    expect(lines()).toEqual([B]);
    search.value = "";
    search.dispatchEvent(new Event("input"));
    // B changes (now with its last message known to be another one): drawn again, the focus follows to its new button.
    const changed: ExchangeRow = { ...byIns(B), receiptAwaited: false };
    tell({ read: 3000, rows: [changed, byIns(A), byIns(C)] });
    expect(lines()).toEqual([A, C, B]);
    expect(document.activeElement).toBe(closeButton(B));
    expect(textOf($("status"))).toBe("");
    finish({ rows: all, skipped: [] });
    await ready();
    expect(lines()).toEqual([A, C, B]);
    expect(document.activeElement).toBe(closeButton(B));
    expect($("progress").hidden).toBe(true);
    expect($("lines").hasAttribute("aria-busy")).toBe(false);
    expect(textOf($("status"))).toBe(
      "Lecture terminée : 3 000 messages lus. 3 échanges, 2 ouverts dont 1 où le patient a écrit en dernier ; 1 accusé de lecture attendu. Affichés : 3 échanges.",
    );
    expect($("counts").getAttribute("aria-live")).toBe("polite");
  });

  it("Refresh keeps the focus while the mail is read again (a second press meanwhile reads nothing more)", async () => {
    let loads = 0;
    const given = await open(
      deps({ result: "sent" }, () => {
        loads += 1;
        return Promise.resolve({ rows: rows(), skipped: [] });
      }),
    );
    const refresh = $("refresh", HTMLButtonElement);
    refresh.focus();
    click(refresh);
    expect(refresh.getAttribute("aria-disabled")).toBe("true");
    expect(document.activeElement).toBe(refresh);
    click(refresh);
    await vi.waitFor(() => {
      expect(refresh.hasAttribute("aria-disabled")).toBe(false);
    });
    expect(loads).toBe(2);
    expect(document.activeElement).toBe(refresh);
    expect(given.closes).toEqual([]);
  });

  it("a folder that could not be read is named in a note; the lines of the others are there", async () => {
    await open(deps({ result: "sent" }, () => Promise.resolve({ rows: rows(), skipped: [{ accountName: "Cabinet", path: "Archives/2024" }] })));
    expect(lines()).toEqual([A, C, B]);
    expect($("skipped").hidden).toBe(false);
    expect(textOf($("skipped"))).toBe("1 dossier n'a pas pu être lu : « Archives/2024 (Cabinet) ». Ses messages manquent à cette liste.");
    expect(textOf($("status"))).toContain("1 dossier n'a pas pu être lu");
    expect(document.body.dataset["state"]).toBe("ready");
  });

  it("the header's link opens the returns panel", async () => {
    const given = await open();
    click($("open-panel"));
    expect(given.panels).toEqual([1]);
  });

  it("in English for an English interface", async () => {
    fake().setUiLanguage("en-US");
    await open();
    expect(document.documentElement.lang).toBe("en");
    expect(document.title).toBe("Exchanges with patients");
    expect(closeButton(A).getAttribute("aria-label")).toBe("Close the exchange with Marie Durand (INS 2 95 10 99 126 111 93)");
    expect(textOf(row(A))).toContain("written by the patient");
  });
});
