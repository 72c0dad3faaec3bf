/**
 * The send guard as the event page wires it (`src/background/main.ts`): registered on
 * `compose.onBeforeSend` through the adapter, reached when the user presses Send, and its
 * memory of a tab dropped when the tab closes. The listeners are registered here the same
 * way, so that these tests depend on the guard only, not on every feature of the page.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { onBeforeSend } from "../../../src/adapters/compose.js";
import { createComposeMenu } from "../../../src/features/compose/compose-menu.js";
import { forgetTab } from "../../../src/features/compose/session-state.js";
import { onTabClosed } from "../../../src/adapters/tabs.js";
import { guardSendSafely } from "../../../src/features/compose/send-guard.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { P1, P2, sendCheckUrl } from "./helpers.js";

const fake = useFakeThunderbird();

beforeEach(() => {
  fake().background.run(() => {
    onBeforeSend((tabId, _windowId, details) => guardSendSafely(tabId, details));
    onTabClosed((tabId) => {
      void forgetTab(tabId);
    });
  });
});

describe("the send guard on compose.onBeforeSend", () => {
  it("holds a message that must not go, and keeps it open", async () => {
    const tab = fake().openCompose({ to: [P1, P2], subject: "Résultats" });

    const outcome = await fake().send(tab);

    expect(outcome.sent).toBe(false);
    expect(fake().sentMessages).toEqual([]);
    expect(fake().isOpen(fake().windowOf(tab))).toBe(true);
    expect(fake().openedWindows.map((w) => w.url)).toEqual([sendCheckUrl(tab)]);
  });

  it("makes compose.sendMessage reject for a held message, as Thunderbird does", async () => {
    const tab = fake().openCompose({ to: [P1, P2], subject: "Résultats" });
    await expect(messenger.compose.sendMessage(tab, { mode: "sendNow" })).rejects.toThrow("Send aborted by an onBeforeSend event");
  });

  it("sends a clean message with the default receipt applied, and closes its window", async () => {
    const tab = fake().openCompose({ to: [P1], subject: "Résultats" });
    const windowId = fake().windowOf(tab);

    const outcome = await fake().send(tab);

    expect(outcome.sent).toBe(true);
    expect(fake().sentMessages.map((m) => m.details)).toEqual([expect.objectContaining({ to: [P1], returnReceipt: true })]);
    expect(fake().isOpen(windowId)).toBe(false);
    expect(fake().openedWindows).toEqual([]);
  });

  it("forgets what it kept about a compose tab when the tab closes", async () => {
    const tab = fake().openCompose({ to: [P1, P2], subject: "Résultats" });
    await fake().send(tab);
    expect(Object.keys(fake().storage("session")).length).toBeGreaterThan(0);

    await fake().closeWindow(fake().windowOf(tab));

    await vi.waitFor(() => {
      expect(fake().storage("session")).toEqual({});
    });
  });
});

describe("the compose menu entry", () => {
  it("opens the compose action, titled in the user's language", () => {
    createComposeMenu();
    expect(fake().createdMenus).toEqual([
      {
        id: "open-patient-panel",
        title: messenger.i18n.getMessage("menuComposeAction"),
        contexts: ["compose_body", "tools_menu"],
        command: "_execute_compose_action",
      },
    ]);
    expect(fake().createdMenus[0]?.title).not.toBe("menuComposeAction");
  });
});
