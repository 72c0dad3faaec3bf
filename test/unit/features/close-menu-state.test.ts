/**
 * The message list's "Clore l'échange" entry follows the selection like the header button:
 * the same state (read from the fake mail store through the real adapters), disabled with the
 * reason in its title on a closed exchange, a message that is not a patient's or several
 * messages, its own title again when it can close; a state worked out after the menu closed
 * is not applied.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { CLOSE_MENU_ID, createCloseMenu, followSelectionInCloseMenu } from "../../../src/features/conversation/close-menu.js";
import { patient, VALID_INS } from "../compose/fixtures.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const fake = useFakeThunderbird();
let store: FakeMailStore;
const errors: unknown[] = [];

const DOCTOR = "dr.martin@medecin.mssante.fr";
const P1 = patient(VALID_INS[5]);
const P2 = patient(VALID_INS[0]);
// Noon: the day written is the same in every time zone the tests run in.
const ASKED = Date.UTC(2025, 10, 24, 12, 0);
const CLOSED = Date.UTC(2025, 10, 25, 12, 0);

function eml(fields: { from: string; to: string; subject: string; date: number; id: string }): string {
  return [`From: ${fields.from}`, `To: ${fields.to}`, `Subject: ${fields.subject}`, `Date: ${new Date(fields.date).toUTCString()}`, `Message-ID: <${fields.id}>`, "", "Bonjour,", ""].join(
    "\r\n",
  );
}

let closedQuestion: number;
let openQuestion: number;
let colleague: number;

beforeEach(() => {
  errors.length = 0;
  store = new FakeMailStore(fake(), 10);
  store.addAccount("account1", "MSSanté", ["Inbox", "Sent"], [DOCTOR]);
  closedQuestion = store.add("account1", "Inbox", eml({ from: `Marie Durand <${P1}>`, to: DOCTOR, subject: "Question", date: ASKED, id: "q-1@patient.mssante.fr" }));
  store.add("account1", "Sent", eml({ from: `Dr Martin <${DOCTOR}>`, to: P1, subject: "[FIN]", date: CLOSED, id: "fin-1@medecin.mssante.fr" }));
  openQuestion = store.add("account1", "Inbox", eml({ from: `Paul Girard <${P2}>`, to: DOCTOR, subject: "Question", date: ASKED, id: "q-2@patient.mssante.fr" }));
  colleague = store.add("account1", "Inbox", eml({ from: "cardio@ch-exemple.mssante.fr", to: DOCTOR, subject: "CR", date: ASKED, id: "cr-1@ch-exemple.mssante.fr" }));
  createCloseMenu();
  followSelectionInCloseMenu((error) => errors.push(error));
});

async function headers(...ids: number[]): Promise<unknown[]> {
  return Promise.all(ids.map((id) => messenger.messages.get(id)));
}

/** Opens the context menu on these messages and gives the entry once the add-on has updated it. */
async function entryOn(...ids: number[]): Promise<{ enabled: boolean | undefined; title: string | undefined }> {
  const refreshes = fake().menuRefreshes;
  fake().showMenu([CLOSE_MENU_ID], await headers(...ids));
  await vi.waitFor(() => {
    expect(fake().menuRefreshes).toBe(refreshes + 1);
  });
  expect(errors).toEqual([]);
  const entry = fake().menuEntry(CLOSE_MENU_ID);
  return { enabled: entry.enabled, title: entry.title };
}

describe("the context menu's « Clore l'échange » entry", () => {
  it("on a closed exchange: disabled, and its title says since when", async () => {
    expect(await entryOn(closedQuestion)).toEqual({ enabled: false, title: "Clore l'échange — déjà clos le 25/11/2025" });
  });

  it("on an open exchange: enabled, with its own title (given back after a disabled state)", async () => {
    await entryOn(closedQuestion);
    expect(await entryOn(openQuestion)).toEqual({ enabled: true, title: "Clore l'échange (envoyer [FIN] au patient)" });
  });

  it("on a message that is not a patient's: disabled, « pas un message patient »", async () => {
    expect(await entryOn(colleague)).toEqual({ enabled: false, title: "Clore l'échange — pas un message patient" });
  });

  it("on several messages: disabled, asks for one", async () => {
    expect(await entryOn(openQuestion, colleague)).toEqual({ enabled: false, title: "Clore l'échange — sélectionnez un seul message" });
  });

  it("in English", async () => {
    fake().setUiLanguage("en");
    expect(await entryOn(closedQuestion)).toEqual({ enabled: false, title: "Close the exchange — already closed on 11/25/2025" });
    expect(await entryOn(colleague)).toEqual({ enabled: false, title: "Close the exchange — not a patient's message" });
  });

  it("a menu closed before its state is known is left alone (no update, no refresh)", async () => {
    const menu = fake().showMenu([CLOSE_MENU_ID], await headers(closedQuestion));
    await menu.hide();
    // The state is read (a query of the mail store) after the menu closed.
    await vi.waitFor(() => {
      expect(store.calls.query).toBeGreaterThan(0);
    });
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(fake().menuUpdates).toEqual([]);
    expect(fake().menuRefreshes).toBe(0);
    // The next menu gets its own state.
    expect(await entryOn(openQuestion)).toEqual({ enabled: true, title: "Clore l'échange (envoyer [FIN] au patient)" });
  });

  it("a menu without the entry (another context) is not touched", async () => {
    fake().showMenu(["open-notices-panel"], [], ["tools_menu"]);
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(fake().menuUpdates).toEqual([]);
  });
});
