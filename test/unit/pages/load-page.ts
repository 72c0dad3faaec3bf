/**
 * Loads one of the add-on's real HTML pages into the test's DOM (happy-dom), without its
 * script and style sheets: the test then calls the page's `main()` itself.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, vi } from "vitest";
import type { PageWindow } from "../../../src/pages/shared/page-window.js";

const PAGES = join(import.meta.dirname, "../../../src/pages");

/** The HTML of a page, as shipped (`folder/name.html`). */
export function pageHtml(path: string): string {
  return readFileSync(join(PAGES, path), "utf8");
}

/** Replaces the test's document by that page (its `lang`, head and body), scripts and styles left out. */
export function loadPage(path: string): void {
  // Scripts and style sheets are taken out before parsing, so that nothing tries to load them.
  const html = pageHtml(path).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "").replace(/<link\b[^>]*>/g, "");
  const parsed = new DOMParser().parseFromString(html, "text/html");
  document.documentElement.lang = parsed.documentElement.lang;
  document.documentElement.removeAttribute("dir");
  document.head.replaceChildren(...[...parsed.head.childNodes].map((n) => document.importNode(n, true)));
  document.body.replaceChildren(...[...parsed.body.childNodes].map((n) => document.importNode(n, true)));
  for (const name of [...document.body.getAttributeNames()]) document.body.removeAttribute(name);
}

/** A page window whose `close()` is recorded. */
export function fakeWindow(search = ""): PageWindow & { readonly closed: () => boolean } {
  let closed = false;
  return {
    search,
    close: () => {
      closed = true;
    },
    closed: () => closed,
  };
}

/** The element with that id, which the page must have (of that type, when given). */
export function $(id: string): HTMLElement;
export function $<T extends HTMLElement>(id: string, type: new () => T): T;
export function $(id: string, type: new () => HTMLElement = HTMLElement): HTMLElement {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`#${id} is missing or not a ${type.name}`);
  return node;
}

/** Waits until the page says it is drawn (`body[data-ready]`). */
export async function ready(): Promise<void> {
  await vi.waitFor(() => {
    expect(document.body.dataset["ready"]).toBe("true");
  });
}

/** Presses a key on an element (keydown, then a click for Enter/Space on a button, as browsers do). */
export function press(target: HTMLElement, key: string): void {
  target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
}

/** The visible text of an element, spaces collapsed. */
export function textOf(node: Element | null): string {
  return (node?.textContent ?? "").replace(/\s+/g, " ").trim();
}

/**
 * Makes a focused button that gets disabled lose the focus to the body, as Thunderbird's
 * pages do (happy-dom keeps it there): a page that disables the button pressed while it
 * works must give the focus back itself. For this test file's DOM only.
 */
export function blurWhenDisabled(): void {
  // The prototype that holds `disabled` for the buttons this document makes (not always the global class's).
  let proto: object | null = Object.getPrototypeOf(document.createElement("button")) as object | null;
  while (proto !== null && !Object.hasOwn(proto, "disabled")) proto = Object.getPrototypeOf(proto) as object | null;
  if (proto === null) throw new Error("no HTMLButtonElement.disabled here");
  const own = Object.getOwnPropertyDescriptor(proto, "disabled");
  if (own === undefined) throw new Error("HTMLButtonElement.disabled has no descriptor here");
  Object.defineProperty(proto, "disabled", {
    configurable: true,
    get(this: HTMLButtonElement): unknown {
      return own.get?.call(this);
    },
    set(this: HTMLButtonElement, value: boolean) {
      // Blurred first: happy-dom ignores blur() on a disabled button.
      if (value && document.activeElement === this) this.blur();
      own.set?.call(this, value);
    },
  });
}
