/**
 * One adapter per WebExtension API area: each area of `messenger` is reached from exactly
 * one file of `src/adapters/` (the table below, also in docs/ARCHITECTURE.md), and every
 * adapter owns at least one area. The sources are parsed with TypeScript, so comments and
 * strings do not count, and every way of reaching an area does: `messenger.tabs`,
 * `browser.tabs`, `tb().tabs`, `messenger["tabs"]`, `Reflect.get(messenger, "tabs")`,
 * `globalThis.messenger.tabs`, an alias (`const m = messenger; m.tabs`, `const api = tb()`)
 * and a destructuring (`const { tabs } = messenger`). The lint rules that keep Thunderbird
 * inside src/adapters/ (eslint.config.js) are checked here too, on planted code.
 */
import { ESLint } from "eslint";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { listFiles, readText } from "../manifest/files.js";

/** The API area → the one file allowed to call it. */
const AREA_OWNERS: Readonly<Record<string, string>> = {
  messages: "src/adapters/messages.ts",
  messageDisplay: "src/adapters/message-display.ts",
  messageDisplayAction: "src/adapters/message-display.ts",
  compose: "src/adapters/compose.ts",
  storage: "src/adapters/storage.ts",
  tabs: "src/adapters/tabs.ts",
  windows: "src/adapters/tabs.ts",
  accounts: "src/adapters/accounts.ts",
  identities: "src/adapters/accounts.ts",
  folders: "src/adapters/accounts.ts",
  menus: "src/adapters/menus.ts",
  commands: "src/adapters/menus.ts",
  notifications: "src/adapters/notifications.ts",
  runtime: "src/adapters/runtime.ts",
  scripting: "src/adapters/scripting.ts",
  addressBooks: "src/adapters/address-books.ts",
  i18n: "src/adapters/i18n.ts",
  action: "src/adapters/action.ts",
};

/** Adapter files that own no area: the typed view of `messenger` they all share. */
const SHARED = new Set(["src/adapters/thunderbird.ts", "src/adapters/thunderbird-140.d.ts"]);

const GLOBALS = new Set(["messenger", "browser", "chrome"]);

/** `messenger`, `browser`, `chrome`, `globalThis.messenger` (or `window.…`, `self.…`), `tb()`, or a name bound to one of them. */
function isApiRoot(node: ts.Node, aliases: ReadonlySet<string> = new Set()): boolean {
  if (ts.isIdentifier(node)) return GLOBALS.has(node.text) || aliases.has(node.text);
  if (ts.isCallExpression(node)) return ts.isIdentifier(node.expression) && node.expression.text === "tb" && node.arguments.length === 0;
  if (ts.isPropertyAccessExpression(node)) return ts.isIdentifier(node.expression) && GLOBAL_OBJECTS.has(node.expression.text) && GLOBALS.has(node.name.text);
  if (ts.isElementAccessExpression(node)) {
    return ts.isIdentifier(node.expression) && GLOBAL_OBJECTS.has(node.expression.text) && ts.isStringLiteralLike(node.argumentExpression) && GLOBALS.has(node.argumentExpression.text);
  }
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node)) return isApiRoot(node.expression, aliases);
  return false;
}

/** The objects through which a global can be read. */
const GLOBAL_OBJECTS = new Set(["globalThis", "window", "self"]);

interface AreaUse {
  readonly file: string;
  readonly line: number;
  readonly area: string;
}

/**
 * The names a source binds to the API root (`const m = messenger`, `let api = tb()`,
 * `m = browser`), found again until none is added, so that an alias of an alias counts.
 */
function rootAliases(source: ts.SourceFile): Set<string> {
  const aliases = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    const visit = (node: ts.Node): void => {
      let name: string | undefined;
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer !== undefined && isApiRoot(node.initializer, aliases)) name = node.name.text;
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && isApiRoot(node.right, aliases)) name = node.left.text;
      if (name !== undefined && !aliases.has(name) && !GLOBALS.has(name)) {
        aliases.add(name);
        grew = true;
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return aliases;
}

/** The areas a destructuring of the root takes: `const { storage, tabs: t } = messenger`. */
function destructuredAreas(pattern: ts.ObjectBindingPattern): { node: ts.Node; area: string }[] {
  return pattern.elements.flatMap((element) => {
    const key = element.propertyName ?? element.name;
    if (ts.isIdentifier(key) || ts.isStringLiteralLike(key)) return [{ node: element, area: key.text }];
    return [{ node: element, area: "(computed)" }];
  });
}

/** The pseudo-area of a use that hands on the whole root. */
const WHOLE = "(the whole API)";

/**
 * Whether a reference to `messenger`/`browser`/`chrome` hands the root on rather than reaching
 * an area: not `messenger.x`, `messenger["x"]`, `Reflect.get(messenger, …)`, an alias's or a
 * destructuring's initialiser (those are followed), a type, or a property name.
 */
function escapes(node: ts.Identifier): boolean {
  let child: ts.Node = node;
  let parent = node.parent;
  while (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent) || ts.isSatisfiesExpression(parent)) {
    child = parent;
    parent = parent.parent;
  }
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === child) return false;
  if (ts.isPropertyAccessExpression(parent) && parent.name === child) return false;
  if (ts.isVariableDeclaration(parent) && parent.initializer === child) return false;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === child && ts.isIdentifier(parent.left)) return false;
  if (ts.isCallExpression(parent) && parent.expression.getText() === "Reflect.get" && parent.arguments[0] === child) return false;
  if (ts.isTypeReferenceNode(parent) || ts.isQualifiedName(parent) || ts.isTypeQueryNode(parent)) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === child) return false;
  if (ts.isVariableDeclaration(parent) && parent.name === child) return false;
  return true;
}

/** Every reach of an API area in one source text. */
export function areaUses(file: string, text: string): AreaUse[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const aliases = rootAliases(source);
  const root = (node: ts.Node): boolean => isApiRoot(node, aliases);
  const out: AreaUse[] = [];
  const add = (node: ts.Node, area: string): void => {
    out.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, area });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && root(node.expression)) add(node, node.name.text);
    else if (ts.isElementAccessExpression(node) && root(node.expression) && ts.isStringLiteralLike(node.argumentExpression)) {
      add(node, node.argumentExpression.text);
    } else if (ts.isCallExpression(node) && node.expression.getText(source) === "Reflect.get") {
      const [target, key] = node.arguments;
      if (target !== undefined && key !== undefined && root(target) && ts.isStringLiteralLike(key)) add(node, key.text);
    } else if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer !== undefined && root(node.initializer)) {
      for (const { node: element, area } of destructuredAreas(node.name)) add(element, area);
    } else if (ts.isIdentifier(node) && GLOBALS.has(node.text) && escapes(node)) {
      // The whole root handed on (`f(messenger)`, `return browser`): past this point no area
      // can be told; only the shared typed root may do it.
      add(node, WHOLE);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

let cached: AreaUse[] | undefined;

function sourceUses(): AreaUse[] {
  return (cached ??= listFiles("src")
    .filter((path) => path.endsWith(".ts"))
    .flatMap((path) => areaUses(path, readText(path))));
}

/** The uses that break the rule: an area reached outside its owner, or an area nobody owns. */
export function offendingUses(uses: readonly AreaUse[]): string[] {
  return uses
    .filter((use) => AREA_OWNERS[use.area] !== use.file && !(use.area === WHOLE && SHARED.has(use.file)))
    .map((use) =>
      use.area === WHOLE
        ? `${use.file}:${use.line} hands on the whole of messenger: only src/adapters/thunderbird.ts may`
        : AREA_OWNERS[use.area] === undefined
        ? `${use.file}:${use.line} reaches messenger.${use.area}, which no adapter owns (add it to the table)`
        : `${use.file}:${use.line} reaches messenger.${use.area}: only ${AREA_OWNERS[use.area]} may`,
    );
}

describe("one adapter per API area", () => {
  it("finds every way of reaching an area, and nothing in comments or strings", () => {
    const text = [
      "// messenger.tabs.query()",
      'const s = "messenger.windows.create";',
      "await messenger.tabs.query({});",
      "tb().compose.onBeforeSend.addListener(f);",
      'Reflect.get(messenger, "addressBooks");',
      'messenger["menus"].create({});',
      "browser.storage.local.get();",
      "(messenger as Api).runtime.id;",
      "type T = messenger.compose.ComposeDetails;",
    ].join("\n");
    expect(areaUses("src/x.ts", text).map((u) => `${u.line}:${u.area}`)).toEqual(["3:tabs", "4:compose", "5:addressBooks", "6:menus", "7:storage", "8:runtime"]);
  });

  it("reports a call outside the owner, and an area nobody owns", () => {
    const uses = areaUses("src/features/x.ts", "messenger.storage.local.get();\nmessenger.cloudFile.onFileUpload;");
    expect(offendingUses(uses)).toEqual([
      "src/features/x.ts:1 reaches messenger.storage: only src/adapters/storage.ts may",
      "src/features/x.ts:2 reaches messenger.cloudFile, which no adapter owns (add it to the table)",
    ]);
  });

  it("holds in src/: each area is reached from its own adapter only", () => {
    const uses = sourceUses();
    expect(uses.length).toBeGreaterThan(0);
    expect(offendingUses(uses)).toEqual([]);
  });

  it("has no adapter without an area, and every owner is reached", () => {
    const owners = new Set(Object.values(AREA_OWNERS));
    const adapters = listFiles("src/adapters").filter((path) => !SHARED.has(path));
    expect(adapters.filter((path) => !owners.has(path))).toEqual([]);
    const reached = new Set(sourceUses().map((use) => use.file));
    expect([...owners].filter((path) => !reached.has(path))).toEqual([]);
  });

  it("is the table of docs/ARCHITECTURE.md", () => {
    const doc = readText("docs/ARCHITECTURE.md");
    for (const [area, file] of Object.entries(AREA_OWNERS)) {
      expect(doc, `docs/ARCHITECTURE.md does not give ${area} to ${file}`).toMatch(new RegExp(`\\| \`${area}\` \\| \`${file.replace(/\./g, "\\.")}\` \\|`));
    }
  });
});

describe("the one-adapter-per-area check sees the ways around it", () => {
  const storageOutsideItsAdapter = (code: string, file: string): string[] =>
    offendingUses(areaUses(file, code)).filter((line) => line.includes("messenger.storage"));

  it.each([
    ["globalThis.messenger.storage in a feature", "await globalThis.messenger.storage.local.get();", "src/features/x.ts"],
    ['window["browser"].storage in a feature', 'await window["browser"].storage.local.get();', "src/features/x.ts"],
    ["an alias: const m = messenger; m.storage… in another adapter", "const m = messenger;\nawait m.storage.local.get();", "src/adapters/tabs.ts"],
    ["an alias of an alias", "let m;\nm = browser;\nconst n = m;\nawait n.storage.local.get();", "src/adapters/tabs.ts"],
    ["a destructuring: const { storage } = messenger in another adapter", "const { storage } = messenger;\nawait storage.local.get();", "src/adapters/tabs.ts"],
    ["a renamed destructuring of tb()", "const { storage: s } = tb();\nawait s.local.get();", "src/adapters/tabs.ts"],
    ["tb() kept in a variable: const api = tb(); api.storage…", "const api = tb();\nawait api.storage.local.get();", "src/features/x.ts"],
  ])("%s", (_what, code, file) => {
    expect(storageOutsideItsAdapter(code, file)).not.toEqual([]);
  });

  it("sees the whole root handed on, except by the shared typed root", () => {
    expect(offendingUses(areaUses("src/adapters/tabs.ts", "helper(messenger);"))).toEqual([
      "src/adapters/tabs.ts:1 hands on the whole of messenger: only src/adapters/thunderbird.ts may",
    ]);
    expect(offendingUses(areaUses("src/adapters/tabs.ts", "export const api = { m: browser };"))).not.toEqual([]);
    expect(offendingUses(areaUses("src/adapters/thunderbird.ts", "export function tb() { return messenger as unknown as T; }"))).toEqual([]);
  });

  it("does not take a local name for the root", () => {
    expect(areaUses("src/features/x.ts", "const storage = { local: 1 };\nstorage.local;\nconst m = other;\nm.storage;")).toEqual([]);
  });
});

/** A real feature file: the lint reads the planted text in its place (the file is untouched). */
const FEATURE_FILE = "src/features/compose/session-state.ts";

let eslint: ESLint | undefined;

/** The rule ids ESLint reports for `code` read as if it were `filePath`. */
async function lintRules(code: string, filePath: string): Promise<string[]> {
  eslint ??= new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? "");
}

const restricted = (rules: readonly string[]): string[] => rules.filter((r) => r.startsWith("no-restricted"));

describe("the lint keeps Thunderbird inside src/adapters/", () => {
  it("reports a plain messenger.storage in a feature", async () => {
    const rules = await lintRules("export async function f(): Promise<unknown> {\n  return messenger.storage.local.get();\n}\n", FEATURE_FILE);
    expect(rules).toContain("no-restricted-globals");
  }, 120_000);

  it.each(["globalThis", "window", "self"])("reports %s.messenger in a feature", async (object) => {
    const rules = await lintRules(`export async function f(): Promise<unknown> {\n  return ${object}.messenger.storage.local.get();\n}\n`, FEATURE_FILE);
    expect(rules).toContain("no-restricted-properties");
  }, 120_000);

  it("reports a feature that imports the raw Thunderbird root tb() and calls an area through it", async () => {
    const code = [
      'import { tb } from "../../adapters/thunderbird.js";',
      "export function f(): void {",
      "  const api = tb();",
      "  api.messages.onDeleted.addListener(async () => {});",
      "}",
      "",
    ].join("\n");
    expect(restricted(await lintRules(code, FEATURE_FILE))).toContain("no-restricted-imports");
  }, 120_000);

  it("reports the background page importing an adapter other than runtime, and lets it import runtime and the features", async () => {
    const code = [
      'import { storageSession } from "../adapters/storage.js";',
      'import { FEATURES } from "../features/index.js";',
      "for (const feature of FEATURES) feature.register();",
      "void storageSession.set({ started: true });",
      "",
    ].join("\n");
    expect(await lintRules(code, "src/background/main.ts")).toContain("no-restricted-imports");
    const allowed = [
      'import { onInstalled } from "../adapters/runtime.js";',
      'import { FEATURES } from "../features/index.js";',
      "for (const feature of FEATURES) feature.register();",
      "onInstalled((reason) => { for (const feature of FEATURES) feature.install(reason); });",
      "",
    ].join("\n");
    expect(restricted(await lintRules(allowed, "src/background/main.ts"))).toEqual([]);
  }, 120_000);

  it("reports a feature adding its own install listener through the runtime adapter", async () => {
    const code = [
      'import { onInstalled } from "../../adapters/runtime.js";',
      "export function register(): void {",
      "  onInstalled(() => undefined);",
      "}",
      "",
    ].join("\n");
    expect(restricted(await lintRules(code, FEATURE_FILE))).toContain("no-restricted-imports");
  }, 120_000);
});
