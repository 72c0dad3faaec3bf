/**
 * What the add-on store's reviewers and the pages' Content Security Policy forbid, checked on
 * the text of the sources: no markup built from strings, no evaluated code, no inline script.
 */
import { describe, expect, it } from "vitest";
import { exists, listFiles, readText } from "./files.js";

const CODE = /\.(?:ts|mts|js|mjs|html)$/;

const FORBIDDEN: readonly [RegExp, string][] = [
  [/\binnerHTML\b/, "innerHTML"],
  [/\bouterHTML\b/, "outerHTML"],
  [/\binsertAdjacentHTML\b/, "insertAdjacentHTML"],
  [/\bdocument\s*\.\s*write(?:ln)?\s*\(/, "document.write"],
  [/\beval\s*\(/, "eval("],
  [/\bnew\s+Function\s*\(/, "new Function"],
  [/\bsetTimeout\s*\(\s*["'`]/, "setTimeout with a string"],
];

/** Every place a forbidden construct appears in a text. */
function forbiddenIn(text: string): string[] {
  return FORBIDDEN.filter(([pattern]) => pattern.test(text)).map(([, name]) => name);
}

function pages(): { file: string; html: string }[] {
  return listFiles("src/pages")
    .filter((file) => file.endsWith(".html"))
    .map((file) => ({ file, html: readText(file) }));
}

describe("the sources", () => {
  it("hold no innerHTML, eval or new Function anywhere under src/", () => {
    const files = listFiles("src").filter((file) => CODE.test(file));
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) => forbiddenIn(readText(file)).map((name) => `${file}: ${name}`));
    expect(found).toEqual([]);
  });

  it("the scan finds what it looks for", () => {
    expect(forbiddenIn("node.innerHTML = text")).toEqual(["innerHTML"]);
    expect(forbiddenIn("const f = new Function('return 1')")).toEqual(["new Function"]);
    expect(forbiddenIn("eval (code)")).toEqual(["eval("]);
    expect(forbiddenIn("await evaluateTab(tabId); node.textContent = text")).toEqual([]);
  });
});

describe("the pages' HTML (Content Security Policy: script-src 'self')", () => {
  it.each(pages())("$file has no inline script", ({ html }) => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes = "", content = ""] of scripts) {
      expect(attributes).toMatch(/\bsrc\s*=\s*"[^"]+"/);
      expect(content.trim()).toBe("");
    }
    expect(html).not.toMatch(/javascript:/i);
  });

  it.each(pages())("$file has no on…= event attribute", ({ html }) => {
    const tags = [...html.matchAll(/<[a-z][^>]*>/gi)].map((m) => m[0]);
    expect(tags.filter((tag) => /\son[a-z]+\s*=/i.test(tag))).toEqual([]);
  });

  it.each(pages())("$file loads the script the build makes from it, and stylesheets that exist", ({ file, html }) => {
    const name = file.replace(/^.*\//, "").replace(/\.html$/, "");
    const folder = file.replace(/\/[^/]+$/, "");
    const sources = [...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*"([^"]+)"/gi)].map((m) => m[1]);
    expect(sources).toEqual([`${name}.js`]);
    const sheets = [...html.matchAll(/<link\b[^>]*\bhref\s*=\s*"([^"]+)"/gi)].map((m) => m[1] ?? "");
    for (const sheet of sheets) expect(exists(`${folder}/${sheet}`), sheet).toBe(true);
  });

  it("the event attribute scan finds one", () => {
    expect(/\son[a-z]+\s*=/i.test('<button onclick="x()">')).toBe(true);
    expect(/\son[a-z]+\s*=/i.test('<button id="once" data-online="1">')).toBe(false);
  });
});
