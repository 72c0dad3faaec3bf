// @vitest-environment happy-dom
/**
 * The pages hold no user-visible text of their own: the HTML only names catalog keys
 * (`data-i18n*`), and the pages' TypeScript builds no `{fr, en}` text nor formats a date by
 * hand. Every string a user sees is then in `src/_locales`, in every language.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../../..");
const PAGES = join(ROOT, "src/pages");

function files(folder: string, ext: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return files(path, ext);
    return entry.name.endsWith(ext) ? [path] : [];
  });
}

/** Attributes a user sees or hears, and the `data-i18n-*` attribute that fills each. */
const VISIBLE_ATTRIBUTES = { title: "data-i18n-title", "aria-label": "data-i18n-aria-label", placeholder: "data-i18n-placeholder", alt: "data-i18n-alt" } as const;

/**
 * Attributes a user sees or hears that no `data-i18n-*` fills: any text in them is literal.
 * `value` counts on a button-like `<input>`, `label` on `<option>` and `<optgroup>`.
 */
const UNFILLED_ATTRIBUTES: readonly { name: string; on?: (element: Element) => boolean }[] = [
  { name: "aria-description" },
  { name: "aria-valuetext" },
  { name: "aria-roledescription" },
  { name: "aria-placeholder" },
  { name: "value", on: (e) => e.tagName === "INPUT" && ["button", "submit", "reset"].includes((e.getAttribute("type") ?? "").toLowerCase()) },
  { name: "label", on: (e) => e.tagName === "OPTION" || e.tagName === "OPTGROUP" || e.tagName === "TRACK" },
];

/** Literal text of a page: text nodes and visible attributes not filled from the catalog. */
export function literals(html: string): string[] {
  const doc = new DOMParser().parseFromString(html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "").replace(/<link\b[^>]*>/g, ""), "text/html");
  const found: string[] = [];
  const walker = doc.createTreeWalker(doc.documentElement, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const text = (node.textContent ?? "").trim();
    if (text !== "") found.push(`text "${text}" in <${node.parentElement?.tagName.toLowerCase() ?? "?"}>`);
  }
  for (const element of doc.querySelectorAll("*")) {
    for (const [name, filler] of Object.entries(VISIBLE_ATTRIBUTES)) {
      const value = element.getAttribute(name);
      if (value !== null && value.trim() !== "" && !element.hasAttribute(filler)) found.push(`${name}="${value}" on <${element.tagName.toLowerCase()}>`);
    }
    for (const { name, on } of UNFILLED_ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value !== null && /\p{L}/u.test(value) && (on === undefined || on(element))) found.push(`${name}="${value}" on <${element.tagName.toLowerCase()}>`);
    }
  }
  return found;
}

describe("the pages' HTML", () => {
  const pages = files(PAGES, ".html");

  it("finds every page", () => {
    expect(pages.map((p) => relative(PAGES, p)).sort()).toEqual([
      "close-confirm/close-confirm.html",
      "compose-popup/popup.html",
      "exchanges/exchanges.html",
      "notices-panel/notices-panel.html",
      "options/options.html",
      "send-check/send-check.html",
    ]);
  });

  it.each(pages.map((p) => [relative(PAGES, p), p]))("%s has no literal text: only data-i18n* keys", (_name, path) => {
    expect(literals(readFileSync(path, "utf8"))).toEqual([]);
  });

  it("the check sees literal text and literal visible attributes", () => {
    expect(literals("<html><body><p>Bonjour</p></body></html>")).toEqual(['text "Bonjour" in <p>']);
    expect(literals('<html><body><input placeholder="Rechercher" /><img alt="logo" /><b title="x" aria-label="y"></b></body></html>')).toEqual([
      'placeholder="Rechercher" on <input>',
      'alt="logo" on <img>',
      'title="x" on <b>',
      'aria-label="y" on <b>',
    ]);
    expect(literals('<html><head><title data-i18n="k"></title></head><body><input data-i18n-placeholder="k" placeholder="" /></body></html>')).toEqual([]);
  });

  it.each([
    ["a button's value", '<html><body><input type="button" value="Envoyer quand même"></body></html>', 'value="Envoyer quand même" on <input>'],
    ["a submit button's value", '<html><body><input type="SUBMIT" value="Valider"></body></html>', 'value="Valider" on <input>'],
    ["an option's label", '<html><body><select><option value="a" label="Tous les dossiers"></option></select></body></html>', 'label="Tous les dossiers" on <option>'],
    ["an optgroup's label", '<html><body><select><optgroup label="Dossiers"></optgroup></select></body></html>', 'label="Dossiers" on <optgroup>'],
    ["aria-description", '<html><body><button data-i18n="k" aria-description="Ferme la fenêtre"></button></body></html>', 'aria-description="Ferme la fenêtre" on <button>'],
    ["aria-valuetext", '<html><body><progress data-i18n-aria-label="k" aria-valuetext="3 dossiers sur 10"></progress></body></html>', 'aria-valuetext="3 dossiers sur 10" on <progress>'],
    ["aria-roledescription", '<html><body><div role="region" aria-roledescription="panneau des avis"></div></body></html>', 'aria-roledescription="panneau des avis" on <div>'],
  ])("the check sees %s", (_what, html, expected) => {
    expect(literals(html)).toEqual([expected]);
  });

  it("lets through a text field's value, an option's value and a number", () => {
    expect(literals('<html><body><input type="text" value="abc"><select><option value="male" data-i18n="k"></option></select><progress aria-valuetext="3"></progress></body></html>')).toEqual([]);
  });
});

describe("the pages' TypeScript", () => {
  const sources = files(PAGES, ".ts").map((path) => ({ name: relative(PAGES, path), text: readFileSync(path, "utf8") }));

  it("builds no {fr, en} text: its strings are catalog keys", () => {
    const legacy = sources.filter(({ text }) => /\bfr\s*:\s*["'`]/.test(text) || /\ben\s*:\s*["'`]/.test(text)).map((s) => s.name);
    expect(legacy).toEqual([]);
  });

  it("formats no date by hand: dates go through Intl.DateTimeFormat", () => {
    const handMade = sources.filter(({ text }) => /\.toLocale(?:Date|Time)?String\(|getFullYear\(\)\s*\+|getDate\(\)\s*\+/.test(text)).map((s) => s.name);
    expect(handMade).toEqual([]);
  });
});
