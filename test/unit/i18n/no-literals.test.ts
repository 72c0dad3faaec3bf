/**
 * Every text a user sees lives in `src/_locales`: no `{ fr: …, en: … }` written in
 * TypeScript, no `LegacyText`, every key a page or the core names exists in the catalogs,
 * and every key of the catalogs is used somewhere (no dead keys).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGS } from "../../../src/core/i18n/catalogs.js";

const ROOT = join(import.meta.dirname, "../../..");
const SRC = join(ROOT, "src");

/** Files allowed to hold `{fr, en}` texts: none (the move to the catalogs is finished). */
const STILL_CONVERTING: readonly RegExp[] = [];

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path, ext);
    return ext.test(entry.name) ? [path] : [];
  });
}

const rel = (path: string): string => relative(ROOT, path).split("\\").join("/");

/** Comments removed (keeping line breaks), so that prose about `{fr, en}` is not flagged. */
function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " ")).replace(/(^|[^:\\])\/\/.*$/gm, "$1");
}

/** Lines (1-based) where a `{ fr: …, en: … }` text or the `LegacyText` type appears. */
export function literalLines(code: string): number[] {
  const clean = withoutComments(code);
  const lines = clean.split("\n");
  const out: number[] = [];
  lines.forEach((line, i) => {
    const window = lines.slice(i, i + 4).join("\n");
    const frKey = /(^|[{,(\s])["']?fr["']?\s*:/.test(line) && /(^|[{,\s])["']?en["']?\s*:/.test(window);
    if (frKey || /\bLegacyText\b/.test(line)) out.push(i + 1);
  });
  return out;
}

/** The catalog keys a file names: `msg("k")`, `plural("k")`, `message("k")`, `data-i18n*="k"`, `__MSG_k__`. */
function namedKeys(code: string): string[] {
  const keys: string[] = [];
  for (const m of code.matchAll(/\b(msg|message)\(\s*"([A-Za-z0-9_@]+)"/g)) keys.push(m[2] ?? "");
  for (const m of code.matchAll(/\bplural\(\s*"([A-Za-z0-9_@]+)"/g)) keys.push(`${m[1] ?? ""}_one`, `${m[1] ?? ""}_other`);
  for (const m of code.matchAll(/\bdata-i18n(?:-[a-z]+)?="([A-Za-z0-9_@]+)"/g)) keys.push(m[1] ?? "");
  for (const m of code.matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)) keys.push(m[1] ?? "");
  return keys;
}

/**
 * Whether a key is used in `code`: written as a string anywhere (a map of keys, a call), in
 * a `data-i18n*` attribute or the manifest, its plural base written so, or its start written
 * as the start of a template (`insOverseas${code}`).
 */
function usesKey(code: string, key: string): boolean {
  const base = key.replace(/_(one|other)$/, "");
  if (code.includes(`"${key}"`) || code.includes(`__MSG_${key}__`)) return true;
  if (base !== key && code.includes(`"${base}"`)) return true;
  for (const m of code.matchAll(/`([A-Za-z0-9_]+)\$\{/g)) if (key.startsWith(m[1] ?? "\u0000")) return true;
  return false;
}

const converted = (path: string): boolean => !STILL_CONVERTING.some((re) => re.test(rel(path)));
const tsFiles = filesUnder(SRC, /\.ts$/);
const htmlFiles = filesUnder(SRC, /\.html$/);
const manifest = readFileSync(join(ROOT, "manifest.json"), "utf8");
const everything = [...tsFiles, ...htmlFiles].map((p) => readFileSync(p, "utf8")).join("\n") + manifest;

describe("the scanners (a planted literal is caught)", () => {
  it("finds a {fr, en} text, on one line or over several, and LegacyText", () => {
    expect(literalLines('const A = { fr: "Bonjour", en: "Hello" };')).toEqual([1]);
    expect(literalLines('const B = {\n  fr: `Il y a ${n}`,\n  en: `There are ${n}`,\n};')).toEqual([2]);
    expect(literalLines('import type { LegacyText } from "./text.js";')).toEqual([1]);
    expect(literalLines('// { fr: "in a comment", en: "is fine" }\nconst c = msg("key");')).toEqual([]);
    expect(literalLines('const d = { from: "a", end: "b" };')).toEqual([]);
  });
  it("reads the keys named by code, pages and the manifest", () => {
    expect(namedKeys('msg("a", x); plural("b", 2); message("c"); <p data-i18n-title="d"></p> "__MSG_e__"')).toEqual(["a", "c", "b_one", "b_other", "d", "e"]);
    expect(usesKey('const M = { x: "closeNoMessage" } as const;', "closeNoMessage")).toBe(true);
    expect(usesKey('plural("countFolders", n)', "countFolders_other")).toBe(true);
    expect(usesKey("msg(`insOverseas${code}`)", "insOverseas971")).toBe(true);
    expect(usesKey('msg("other")', "deadKey")).toBe(false);
  });
});

describe("every string a user sees is in _locales", () => {
  it("no {fr, en} text nor LegacyText is left outside the files still being converted", () => {
    const found = tsFiles.filter(converted).flatMap((path) => literalLines(readFileSync(path, "utf8")).map((line) => `${rel(path)}:${line}`));
    expect(found).toEqual([]);
  });

  it("every key named in the code, the pages and the manifest exists in the catalogs", () => {
    const named = [...tsFiles, ...htmlFiles].flatMap((path) => namedKeys(withoutComments(readFileSync(path, "utf8"))).map((key) => ({ key, at: rel(path) })));
    named.push(...namedKeys(manifest).map((key) => ({ key, at: "manifest.json" })));
    expect(named.length).toBeGreaterThan(100);
    expect(named.filter(({ key }) => !(key in CATALOGS.fr) || !(key in CATALOGS.en))).toEqual([]);
  });

  it("every key of the catalogs is used (no dead keys)", () => {
    const keys = Object.keys(CATALOGS.fr);
    expect(keys.filter((key) => !usesKey(everything, key))).toEqual([]);
  });

  it("every key has a description for translators, and every placeholder an example", () => {
    for (const lang of ["fr", "en"] as const) {
      const missing = Object.entries(CATALOGS[lang]).flatMap(([key, entry]) => [
        ...((entry.description ?? "").trim() === "" ? [`${lang} ${key}: description`] : []),
        ...Object.entries(entry.placeholders ?? {})
          .filter(([, p]) => (p.example ?? "").trim() === "")
          .map(([name]) => `${lang} ${key}: example of ${name}`),
      ]);
      expect(missing).toEqual([]);
    }
  });
});
