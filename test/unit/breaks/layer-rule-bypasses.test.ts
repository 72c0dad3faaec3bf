/**
 * Ways past the rule "only src/adapters/ calls Thunderbird, and each API area from its own
 * adapter" (eslint.config.js and test/unit/build/adapter-areas.test.ts) that work today.
 *
 * What is wrong: a feature can reach `messenger.storage` through `globalThis.messenger` or
 * through the typed root `tb()` imported from src/adapters/thunderbird.ts, and an adapter can
 * reach another adapter's area through an alias or a destructuring; neither the lint nor the
 * meta-test notices. What is expected: each of these is reported, like a plain
 * `messenger.storage` is.
 */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { areaUses, offendingUses } from "../build/adapter-areas.test.js";

/** A real feature file: the lint reads the planted text in its place (the file is untouched). */
const FEATURE_FILE = "src/features/compose/session-state.ts";

let eslint: ESLint | undefined;

/** The rule ids ESLint reports for `code` read as if it were `filePath`. */
async function lintRules(code: string, filePath: string): Promise<string[]> {
  eslint ??= new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? "");
}

describe("the lint bans Thunderbird outside src/adapters/", () => {
  it("sanity: a plain messenger.storage in a feature is reported", async () => {
    const rules = await lintRules("export async function f(): Promise<unknown> {\n  return messenger.storage.local.get();\n}\n", FEATURE_FILE);
    expect(rules).toContain("no-restricted-globals");
  }, 120_000);

  it("reports globalThis.messenger in a feature (today: nothing at all is reported)", async () => {
    const rules = await lintRules("export async function f(): Promise<unknown> {\n  return globalThis.messenger.storage.local.get();\n}\n", FEATURE_FILE);
    expect(rules.filter((r) => r.startsWith("no-restricted"))).not.toEqual([]);
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
    const rules = await lintRules(code, FEATURE_FILE);
    expect(rules.filter((r) => r.startsWith("no-restricted"))).not.toEqual([]);
  }, 120_000);

  // docs/ARCHITECTURE.md: the background "registers every feature, nothing else" and may import
  // "features, adapters/runtime"; nothing stops it from reaching another adapter itself.
  it("reports the background page importing an adapter other than runtime", async () => {
    const code = [
      'import { storageSession } from "../adapters/storage.js";',
      'import { FEATURES } from "../features/index.js";',
      "for (const feature of FEATURES) feature.register();",
      'void storageSession.set({ started: true });',
      "",
    ].join("\n");
    const rules = await lintRules(code, "src/background/main.ts");
    expect(rules).toContain("no-restricted-imports");
  }, 120_000);

  // "One onInstalled" (issue 10): registry.test.ts only looks for the text
  // `onInstalled.addListener` outside src/adapters/runtime.ts, so a feature that calls the
  // runtime adapter's own `onInstalled(listener)` adds a second install listener unseen.
  it("reports a feature adding its own install listener through the runtime adapter", async () => {
    const code = [
      'import { onInstalled } from "../../adapters/runtime.js";',
      "export function register(): void {",
      "  onInstalled(() => undefined);",
      "}",
      "",
    ].join("\n");
    const rules = await lintRules(code, FEATURE_FILE);
    expect(rules.filter((r) => r.startsWith("no-restricted"))).not.toEqual([]);
  }, 120_000);
});

describe("the one-adapter-per-area meta-test", () => {
  const storageOutsideItsAdapter = (code: string, file: string): string[] =>
    offendingUses(areaUses(file, code)).filter((line) => line.includes("messenger.storage"));

  it("sees globalThis.messenger.storage in a feature", () => {
    expect(storageOutsideItsAdapter("await globalThis.messenger.storage.local.get();", "src/features/x.ts")).not.toEqual([]);
  });

  it("sees an alias: const m = messenger; m.storage… in another adapter", () => {
    expect(storageOutsideItsAdapter("const m = messenger;\nawait m.storage.local.get();", "src/adapters/tabs.ts")).not.toEqual([]);
  });

  it("sees a destructuring: const { storage } = messenger in another adapter", () => {
    expect(storageOutsideItsAdapter("const { storage } = messenger;\nawait storage.local.get();", "src/adapters/tabs.ts")).not.toEqual([]);
  });

  it("sees tb() kept in a variable: const api = tb(); api.storage…", () => {
    expect(storageOutsideItsAdapter("const api = tb();\nawait api.storage.local.get();", "src/features/x.ts")).not.toEqual([]);
  });
});
