/**
 * One adapter per WebExtension API area: each area of `messenger` is reached from exactly
 * one file of `src/adapters/` (the table below, also in docs/ARCHITECTURE.md), and every
 * adapter owns at least one area. The sources are parsed with TypeScript, so comments and
 * strings do not count, and every way of reaching an area does: `messenger.tabs`,
 * `browser.tabs`, `tb().tabs`, `messenger["tabs"]`, `Reflect.get(messenger, "tabs")`.
 */
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
  addressBooks: "src/adapters/address-books.ts",
  i18n: "src/adapters/i18n.ts",
  action: "src/adapters/action.ts",
};

/** Adapter files that own no area: the typed view of `messenger` they all share. */
const SHARED = new Set(["src/adapters/thunderbird.ts", "src/adapters/thunderbird-140.d.ts"]);

const GLOBALS = new Set(["messenger", "browser", "chrome"]);

/** `messenger`, `browser`, `chrome` or `tb()`. */
function isApiRoot(node: ts.Node): boolean {
  if (ts.isIdentifier(node)) return GLOBALS.has(node.text);
  if (ts.isCallExpression(node)) return ts.isIdentifier(node.expression) && node.expression.text === "tb" && node.arguments.length === 0;
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) return isApiRoot(node.expression);
  return false;
}

interface AreaUse {
  readonly file: string;
  readonly line: number;
  readonly area: string;
}

/** Every reach of an API area in one source text. */
export function areaUses(file: string, text: string): AreaUse[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: AreaUse[] = [];
  const add = (node: ts.Node, area: string): void => {
    out.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, area });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && isApiRoot(node.expression)) add(node, node.name.text);
    else if (ts.isElementAccessExpression(node) && isApiRoot(node.expression) && ts.isStringLiteralLike(node.argumentExpression)) {
      add(node, node.argumentExpression.text);
    } else if (ts.isCallExpression(node) && node.expression.getText(source) === "Reflect.get") {
      const [target, key] = node.arguments;
      if (target !== undefined && key !== undefined && isApiRoot(target) && ts.isStringLiteralLike(key)) add(node, key.text);
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
    .filter((use) => AREA_OWNERS[use.area] !== use.file)
    .map((use) =>
      AREA_OWNERS[use.area] === undefined
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
