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
  }
  return found;
}

describe("the pages' HTML", () => {
  const pages = files(PAGES, ".html");

  it("finds every page", () => {
    expect(pages.map((p) => relative(PAGES, p)).sort()).toEqual([
      "close-confirm/close-confirm.html",
      "compose-popup/popup.html",
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
