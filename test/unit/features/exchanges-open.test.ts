/**
 * Opening the exchanges view and the returns panel from any page of the add-on: the tab is
 * made with the page's full address (a path would be read from the asking page's folder:
 * `pages/notices-panel/pages/exchanges/…`), and an open tab is brought forward, not doubled.
 */
import { describe, expect, it } from "vitest";
import { openExchangesView } from "../../../src/features/exchanges/open.js";
import { openNoticesPanel } from "../../../src/features/notices/panel.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const fake = useFakeThunderbird();

function recordTabs(): { created: string[]; shown: number[] } {
  const created: string[] = [];
  const shown: number[] = [];
  const urls = new Map<number, string>();
  fake().override("tabs", "create", ((properties: { url?: string }) => {
    const id = 500 + created.length;
    created.push(properties.url ?? "");
    urls.set(id, properties.url ?? "");
    return Promise.resolve({ id, index: 0, highlighted: false, active: true, pinned: false, incognito: false, url: properties.url });
  }) as never);
  fake().override("tabs", "get", (tabId: number) => {
    const url = urls.get(tabId);
    if (url === undefined) return Promise.reject(new Error(`Invalid tab ID: ${tabId}`));
    return Promise.resolve({ id: tabId, index: 0, highlighted: false, active: false, pinned: false, incognito: false, url });
  });
  fake().override("tabs", "update", ((tabId: number) => {
    shown.push(tabId);
    return Promise.resolve({ id: tabId });
  }) as never);
  return { created, shown };
}

describe("opening the add-on's tabs", () => {
  it("the exchanges view, from a page: by its full address; a second time, the same tab comes forward", async () => {
    const tabs = recordTabs();
    await fake().background.run(() => openExchangesView());
    expect(tabs.created).toEqual(["moz-extension://fake-uuid/pages/exchanges/exchanges.html"]);
    await fake().background.run(() => openExchangesView());
    expect(tabs.created).toHaveLength(1);
    expect(tabs.shown).toEqual([500]);
  });

  it("the returns panel, from the exchanges view's link: by its full address", async () => {
    const tabs = recordTabs();
    await fake().background.run(() => openNoticesPanel());
    expect(tabs.created).toEqual(["moz-extension://fake-uuid/pages/notices-panel/notices-panel.html"]);
  });
});
