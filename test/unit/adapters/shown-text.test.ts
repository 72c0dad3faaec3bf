/**
 * Adapters that show a text (a menu entry's title, the message-display button's title and
 * label) take a catalog `Message` and render it themselves in the user's language: a
 * literal is refused by the compiler (the `@ts-expect-error` lines fail `npm run typecheck`
 * if a plain string is ever accepted again).
 */
import { describe, expect, it } from "vitest";
import { createMenu } from "../../../src/adapters/menus.js";
import { setActionState } from "../../../src/adapters/message-display.js";
import { msg } from "../../../src/core/i18n/text.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const fake = useFakeThunderbird();

/** Never called: only the compiler reads it. */
export function literalsAreRefused(): void {
  // @ts-expect-error a menu title is a catalog text, not a literal
  createMenu({ id: "x", title: "Clore l’échange", contexts: ["message_list"] });
  // @ts-expect-error the button's title is a catalog text, not a literal
  void setActionState(1, true, "Clore l’échange");
  // @ts-expect-error the button's label is a catalog text, not a literal
  void setActionState(1, true, msg("closeActionTitle"), "Clore");
}

describe("adapters that show a text render the catalog's", () => {
  it("a menu entry's title, in the interface language", () => {
    createMenu({ id: "open-notices-panel", title: msg("menuNoticesPanel"), contexts: ["tools_menu"] });
    expect(fake().createdMenus).toEqual([{ id: "open-notices-panel", title: "Retours et accusés de lecture MSSanté", contexts: ["tools_menu"] }]);
  });

  it("the message-display button's title and label", async () => {
    const calls: unknown[] = [];
    fake().override("messageDisplayAction", "setTitle", (details) => {
      calls.push(["title", details]);
      return Promise.resolve();
    });
    fake().override("messageDisplayAction", "setLabel", (details) => {
      calls.push(["label", details]);
      return Promise.resolve();
    });
    fake().override("messageDisplayAction", "enable", (tabId) => {
      calls.push(["enable", tabId]);
      return Promise.resolve();
    });
    await setActionState(7, true, msg("menuCloseConversation"), msg("menuCloseConversation"));
    const text = messenger.i18n.getMessage("menuCloseConversation");
    expect(text).toMatch(/^Clore/);
    expect(calls).toEqual([
      ["title", { tabId: 7, title: text }],
      ["label", { tabId: 7, label: text }],
      ["enable", 7],
    ]);
  });
});
