/**
 * Every string the add-on asks for exists in both languages: the manifest's `__MSG_x__`,
 * the pages' `data-i18n*` attributes, and the `message("x")` / `getMessage("x")` / `tr("x")`
 * (pages) / `msg("x")` calls.
 */
import { describe, expect, it } from "vitest";
import { listFiles, readJsonObject, readText } from "./files.js";

const LOCALES = ["fr", "en"] as const;

function catalog(lang: (typeof LOCALES)[number]): Map<string, unknown> {
  return new Map(Object.entries(readJsonObject(`src/_locales/${lang}/messages.json`)));
}

const catalogs = { fr: catalog("fr"), en: catalog("en") };

/** Every string value anywhere in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

function manifestKeys(): string[] {
  return strings(readJsonObject("manifest.json")).flatMap((s) => [...s.matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)].map((m) => m[1] ?? ""));
}

function pageKeys(): { file: string; key: string }[] {
  return listFiles("src/pages")
    .filter((file) => file.endsWith(".html"))
    .flatMap((file) =>
      [...readText(file).matchAll(/\sdata-i18n(?:-[a-z]+)?\s*=\s*"([^"]*)"/g)].map((m) => ({ file, key: m[1] ?? "" })),
    );
}

/** The text between the parentheses of a call starting at `open` (the index of "("). */
function argumentsAt(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return source.slice(open + 1, i);
  }
  throw new Error("unbalanced call");
}

/** The first argument of a call's argument text (up to the first comma outside brackets). */
function firstArgument(args: string): string {
  let depth = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) return args.slice(0, i);
  }
  return args;
}

/**
 * The keys a call can ask for: its string literals, outside brackets (`dataset["i18n"]` is
 * no key) and not empty. `message(blocked ? "a" : "b")` gives both.
 */
function literalKeys(args: string): string[] {
  // An index (`x["k"]`) and what a condition compares with (`a === "k" ? …`) are not keys.
  const outsideBrackets = args.replace(/\[[^\]]*\]/g, "").replace(/[!=]==?\s*("[^"\\]*"|'[^'\\]*')/g, "");
  return [...outsideBrackets.matchAll(/"([^"\\]*)"|'([^'\\]*)'|`([^`\\$]*)`/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? "").filter((k) => k !== "");
}

function codeKeys(): { file: string; key: string }[] {
  return listFiles("src")
    .filter((file) => file.endsWith(".ts"))
    .flatMap((file) => {
      const source = readText(file);
      return [...source.matchAll(/\b(message|getMessage|tr|msg)\(/g)].flatMap((m) => {
        const open = m.index + m[0].length - 1;
        const args = argumentsAt(source, open);
        // tr(key, ...values) and msg(key, ...values): only the first argument names a key.
        const keyPart = m[1] === "tr" || m[1] === "msg" ? firstArgument(args) : args;
        return literalKeys(keyPart).map((key) => ({ file, key }));
      });
    });
}

describe("the locale files", () => {
  it("have the same keys in French and English", () => {
    expect([...catalogs.en.keys()].sort()).toEqual([...catalogs.fr.keys()].sort());
  });

  it.each(LOCALES)("%s: every entry has a non-empty message", (lang) => {
    for (const [key, entry] of catalogs[lang]) {
      expect(entry, key).toEqual(expect.objectContaining({ message: expect.any(String) as string }));
      const text = (entry as { message: string }).message;
      expect(text.trim(), `${lang} ${key}`).not.toBe("");
    }
  });
});

describe("every key asked for exists in both languages", () => {
  const check = (key: string, where: string): void => {
    for (const lang of LOCALES) expect(catalogs[lang].has(key), `"${key}" (${where}) missing in ${lang}/messages.json`).toBe(true);
  };

  it("manifest.json's __MSG_x__", () => {
    const keys = manifestKeys();
    expect(keys).toEqual(expect.arrayContaining(["extensionName", "extensionDescription"]));
    for (const key of keys) check(key, "manifest.json");
  });

  it("the pages' data-i18n attributes", () => {
    const keys = pageKeys();
    expect(keys.length).toBeGreaterThan(10);
    for (const { file, key } of keys) check(key, file);
  });

  it("the message(…), getMessage(…), tr(…) and msg(…) calls of the code", () => {
    const keys = codeKeys();
    expect(keys.map((k) => k.key)).toEqual(expect.arrayContaining(["menuComposeAction", "sendCheckBlockedHeading", "sendCheckWarningsHeading"]));
    for (const { file, key } of keys) check(key, file);
  });
});

describe("how the keys are read", () => {
  it("takes every literal of a call, but no index nor empty string", () => {
    expect(literalKeys('blocked ? "a" : "b"')).toEqual(["a", "b"]);
    expect(literalKeys('el.dataset["i18n"] ?? ""')).toEqual([]);
    expect(literalKeys("key")).toEqual([]);
    expect(literalKeys('a === "no-permission" ? "x" : "y"')).toEqual(["x", "y"]);
  });
  it("takes only the first argument of tr(…) and msg(…)", () => {
    expect(literalKeys(firstArgument('"closeConfirmRules", names.join(", ")'))).toEqual(["closeConfirmRules"]);
    expect(literalKeys(firstArgument('blocked ? "a" : "b", f(1, "x")'))).toEqual(["a", "b"]);
  });
});
