/**
 * The feature registry: every feature folder that registers anything is listed in
 * `src/features/index.ts` (the only list the background page reads), documented in
 * docs/ARCHITECTURE.md, and declares exactly the commands and menu entries it owns.
 */
import { RECENT_SCAN_DONE_KEY } from "../../../src/features/notices/scan-service.js";
import { readdirSync } from "node:fs";
import ts from "typescript";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Feature } from "../../../src/features/feature.js";
import { FEATURES } from "../../../src/features/index.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { exists, listFiles, readJsonObject, readText, ROOT } from "../manifest/files.js";

const fake = useFakeThunderbird();

function isFeature(value: unknown): value is Feature {
  return typeof value === "object" && value !== null && "id" in value && "register" in value && "install" in value;
}

const folders = readdirSync(join(ROOT, "src/features"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe("the feature registry", () => {
  it.each(folders.filter((name) => exists(`src/features/${name}/register.ts`)))("lists the feature of src/features/%s", async (name) => {
    const module = (await import(`../../../src/features/${name}/register.ts`)) as Record<string, unknown>;
    const declared = Object.values(module).filter(isFeature);
    expect(declared, `src/features/${name}/register.ts exports no Feature`).toHaveLength(1);
    expect(FEATURES).toContain(declared[0]);
  });

  it("has distinct ids, each with its line in docs/ARCHITECTURE.md", () => {
    const ids = FEATURES.map((feature) => feature.id);
    expect(new Set(ids).size).toBe(ids.length);
    const doc = readText("docs/ARCHITECTURE.md");
    for (const id of ids) expect(doc, `docs/ARCHITECTURE.md does not describe the feature "${id}"`).toContain(`| \`${id}\` |`);
  });

  it("answers every keyboard command of the manifest, each in one feature", () => {
    const commands = Object.keys(readJsonObject("manifest.json")["commands"] as Record<string, unknown>).filter((name) => !name.startsWith("_execute_"));
    const declared = FEATURES.flatMap((feature) => feature.commands);
    expect([...declared].sort()).toEqual([...commands].sort());
  });

  it("creates, on install, exactly the menu entries the features declare", async () => {
    // The scan of recent mail that install starts is tested with a mail store in
    // notices-scan-background.test.ts; here it is marked done already.
    fake().seedStorage("local", { [RECENT_SCAN_DONE_KEY]: 1 });
    fake().background.run(() => {
      for (const feature of FEATURES) feature.install("install");
    });
    // What install started (reading the settings) ends before the fake is taken away: every
    // fake call resolves on a microtask, so one macrotask later they are all done.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const created = fake().createdMenus.map((menu) => menu.id);
    expect([...created].sort()).toEqual(FEATURES.flatMap((feature) => feature.menus).sort());
  });

  it("is the only place listeners of the add-on's install and start are added", () => {
    const offenders = listFiles("src")
      .filter((path) => path.endsWith(".ts") && path !== "src/adapters/runtime.ts")
      .filter((path) => /\bonInstalled\.addListener|\bonStartup\.addListener/.test(readText(path)));
    expect(offenders).toEqual([]);
  });

  it("has one install and one start listener: only the background imports the runtime adapter's onInstalled and onStartup", () => {
    expect(runtimeEventImports("src/features/x.ts", 'import { onInstalled as o } from "../../adapters/runtime.js";')).toEqual(["src/features/x.ts imports onInstalled"]);
    expect(runtimeEventImports("src/features/x.ts", 'import * as runtime from "../adapters/runtime";')).toEqual(["src/features/x.ts imports the whole runtime adapter"]);
    expect(runtimeEventImports("src/features/x.ts", 'import { addonId } from "../adapters/runtime.js";')).toEqual([]);
    const offenders = listFiles("src")
      .filter((path) => path.endsWith(".ts") && path !== "src/background/main.ts")
      .flatMap((path) => runtimeEventImports(path, readText(path)));
    expect(offenders).toEqual([]);
    expect(runtimeEventImports("src/background/main.ts", readText("src/background/main.ts"))).toEqual(["src/background/main.ts imports onInstalled", "src/background/main.ts imports onStartup"]);
  });
});

/** The imports in `text` that take the runtime adapter's install or start event (named, renamed or through a namespace). */
function runtimeEventImports(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!/(^|\/)adapters\/runtime(\.js)?$/.test(statement.moduleSpecifier.text)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings === undefined) continue;
    if (ts.isNamespaceImport(bindings)) out.push(`${file} imports the whole runtime adapter`);
    else for (const element of bindings.elements) {
      const name = (element.propertyName ?? element.name).text;
      if (name === "onInstalled" || name === "onStartup") out.push(`${file} imports ${name}`);
    }
  }
  return out;
}
