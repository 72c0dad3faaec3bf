/**
 * Every text a user sees lives in `src/_locales`: no `{ fr: …, en: … }` written in
 * TypeScript, no `LegacyText`, no text chosen by language in another shape (`lang === "fr" ?`,
 * `[["fr", …], ["en", …]]`), no literal given to what shows it (`textContent`, `title`,
 * `setAttribute("aria-label", …)`, `alert`, a menu entry's or a button's title…); every key a
 * page or the core names exists in the catalogs, and every key of the catalogs is used
 * somewhere (no dead keys).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
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

/**
 * Lines (1-based) where a `{ fr: …, en: … }` text or the `LegacyText` type appears, or a
 * user-visible literal in any other shape (see `visibleLiteralLines`).
 */
export function literalLines(code: string): number[] {
  const clean = withoutComments(code);
  const lines = clean.split("\n");
  const out = new Set<number>(visibleLiteralLines(code));
  lines.forEach((line, i) => {
    const window = lines.slice(i, i + 4).join("\n");
    const frKey = /(^|[{,(\s])["']?fr["']?\s*:/.test(line) && /(^|[{,\s])["']?en["']?\s*:/.test(window);
    if (frKey || /\bLegacyText\b/.test(line)) out.add(i + 1);
  });
  return [...out].sort((a, b) => a - b);
}

/** Properties whose text a user sees or hears (`value` only on something named a button). */
const SHOWN_PROPERTIES = new Set(["textContent", "innerText", "title", "placeholder", "label", "alt", "ariaLabel", "ariaDescription", "ariaValueText", "ariaRoleDescription"]);

/**
 * Attributes whose text a user sees or hears (the other ARIA attributes hold tokens or ids:
 * `aria-invalid="true"`, `aria-labelledby="heading"`).
 */
const SHOWN_ATTRIBUTE = /^(aria-(label|description|valuetext|roledescription|placeholder|braillelabel|brailleroledescription)|title|alt|placeholder|label)$/;

/** Functions that show their text arguments to the user. */
const SHOWING_CALLS = new Set(["alert", "confirm", "prompt", "setActionState", "setTitle", "setLabel", "notify"]);

const LANGS = new Set(["fr", "en"]);

/**
 * Whether a string is text for a person: it has letters, and is neither a catalog key
 * (`"reasonExpiredLabel"`, rendered later) nor an id (`"automation-overridden"`).
 */
function isText(text: string): boolean {
  return /\p{L}/u.test(text) && !(text in CATALOGS.fr) && !/^[a-z0-9]+(-[a-z0-9]+)+$/.test(text);
}

/** Whether an expression is, or may evaluate to, a literal with letters (a sentence, a word). */
function hasLetterLiteral(node: ts.Expression): boolean {
  const letters = isText;
  if (ts.isStringLiteralLike(node)) return letters(node.text);
  if (ts.isTemplateExpression(node)) return letters(node.head.text) || node.templateSpans.some((span) => letters(span.literal.text));
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) return hasLetterLiteral(node.expression);
  if (ts.isConditionalExpression(node)) return hasLetterLiteral(node.whenTrue) || hasLetterLiteral(node.whenFalse);
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(node.operatorToken.kind)) {
    return hasLetterLiteral(node.left) || hasLetterLiteral(node.right);
  }
  return false;
}

const isLang = (node: ts.Node): boolean => ts.isStringLiteralLike(node) && LANGS.has(node.text);

/** The name a property is written with: `a.title`, `a["title"]`, `{ title: … }`. */
function propertyName(node: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) return node.argumentExpression.text;
  return undefined;
}

/** The name of a called function: `alert(…)`, `window.alert(…)`, `messenger.x.setTitle(…)`. */
function calleeName(node: ts.CallExpression): string | undefined {
  if (ts.isIdentifier(node.expression)) return node.expression.text;
  return propertyName(node.expression);
}

/**
 * Lines (1-based) where TypeScript gives the user a literal in a shape other than
 * `{fr, en}`: a text chosen by comparing with a language (`=== "fr" ?`), pairs of a language
 * and a text, a literal with letters assigned to a shown property or attribute, passed to
 * `alert`/`confirm`/`prompt` or to an adapter that shows it, or given as an entry's `title`/`label`.
 */
export function visibleLiteralLines(code: string): number[] {
  const source = ts.createSourceFile("x.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out = new Set<number>();
  const add = (node: ts.Node): void => {
    out.add(source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isConditionalExpression(node)) {
      const test = ts.isParenthesizedExpression(node.condition) ? node.condition.expression : node.condition;
      if (ts.isBinaryExpression(test) && (isLang(test.left) || isLang(test.right)) && (hasLetterLiteral(node.whenTrue) || hasLetterLiteral(node.whenFalse))) add(node);
    } else if (ts.isArrayLiteralExpression(node) && node.elements.length === 2) {
      const [lang, text] = node.elements;
      if (lang !== undefined && text !== undefined && isLang(lang) && hasLetterLiteral(text)) add(node);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const name = propertyName(node.left);
      const target = ts.isPropertyAccessExpression(node.left) || ts.isElementAccessExpression(node.left) ? node.left.expression.getText(source) : "";
      const shown = name !== undefined && (SHOWN_PROPERTIES.has(name) || (name === "value" && /button/i.test(target)));
      if (shown && hasLetterLiteral(node.right)) add(node);
    } else if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      const [first, second] = node.arguments;
      if (name === "setAttribute" && first !== undefined && second !== undefined && ts.isStringLiteralLike(first) && SHOWN_ATTRIBUTE.test(first.text) && hasLetterLiteral(second)) add(node);
      if (name !== undefined && SHOWING_CALLS.has(name) && node.arguments.some(hasLetterLiteral)) add(node);
    } else if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteralLike(node.name)) && SHOWN_PROPERTIES.has(node.name.text) && hasLetterLiteral(node.initializer)) {
      add(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...out];
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
  it.each([
    ["a text chosen by a condition on the language", 'const label = uiLang() === "fr" ? "Clore l’échange" : "Close the exchange";'],
    ["a Map of languages", 'const label = new Map([["fr", "Clore l’échange"], ["en", "Close the exchange"]]);'],
    ["textContent set to a French literal", 'status.textContent = "Réglages enregistrés";'],
    ["innerText set from a condition", 'status.innerText = ok ? "Enregistré" : "";'],
    ["a title set from TypeScript", 'button.title = "Clore l’échange avec ce patient";'],
    ["a button's value", 'sendButton.value = "Envoyer";'],
    ["an aria-label set from TypeScript", 'list.setAttribute("aria-label", "Avis trouvés");'],
    ["an aria-valuetext set from TypeScript", 'bar.setAttribute("aria-valuetext", `${n} dossiers sur ${total}`);'],
    ["a template literal shown to the user", "status.textContent = `${count} avis trouvés`;"],
    ["alert()", 'alert("Le message est trop gros");'],
    ["window.confirm()", 'window.confirm("Envoyer ?");'],
    ["the message-display button's title", 'await setActionState(tabId, true, "Clore l’échange");'],
    ["a menu entry's title", 'createMenu({ id: "close", title: "Clore l’échange", contexts: ["message_list"] });'],
  ])("finds a user-visible literal outside the {fr, en} shape: %s", (_what, code) => {
    expect(literalLines(code), code).toEqual([1]);
  });
  it("lets through what a user does not see as text", () => {
    const fine = [
      'status.textContent = "";',
      "status.textContent = `${count}`;",
      'status.textContent = render(msg("key"));',
      'node.setAttribute("aria-invalid", "true");',
      'node.setAttribute("data-code", "patients");',
      'select.value = "male";',
      'const locale = lang === "fr" ? frLocale : enLocale;',
      'el("li", { className: "ok", text: render(view) });',
      'createMenu({ id: "close", title: msg("menuCloseConversation"), contexts: ["message_list"] });',
    ].join("\n");
    expect(literalLines(fine)).toEqual([]);
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
