/**
 * The event page as Thunderbird runs it: its listeners registered at load, the send guard
 * reached through `compose.onBeforeSend` when the user presses Send.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { P1, P2, sendCheckUrl } from "./helpers.js";

const fake = useFakeThunderbird();

beforeEach(async () => {
  vi.resetModules();
  await import("../../../src/background/main.js");
});

describe("the background page", () => {
  it("registers its listeners at load", () => {
    expect(fake().events.onBeforeSend.listenerCount).toBe(1);
    expect(fake().events.onTabRemoved.listenerCount).toBe(1);
    expect(fake().events.onInstalled.listenerCount).toBe(1);
  });

  it("holds a message that must not go, and keeps it open", async () => {
    const tab = fake().openCompose({ to: [P1, P2], subject: "Résultats" });

    const outcome = await fake().send(tab);

    expect(outcome.sent).toBe(false);
    expect(fake().sentMessages).toEqual([]);
    expect(fake().isOpen(fake().windowOf(tab))).toBe(true);
    expect(fake().openedWindows.map((w) => w.url)).toEqual([sendCheckUrl(tab)]);
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
    expect(fake().storage("session")).toHaveProperty(`tab:${tab}`);

    await fake().closeWindow(fake().windowOf(tab));

    await vi.waitFor(() => {
      expect(fake().storage("session")).toEqual({});
    });
  });

  it("creates its menu entry, in the user's language, when installed", async () => {
    await fake().events.onInstalled.dispatch({ reason: "install", temporary: false });
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
