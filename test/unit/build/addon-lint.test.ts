/**
 * `scripts/lint-addon.mjs` lets through only the listed Thunderbird-only false positives of the
 * store's linter: a real problem (here an `eval`, an unknown permission) fails it.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isThunderbirdFalsePositive, unexpectedFindings } from "../../../scripts/lint-addon.mjs";
import { ROOT } from "../manifest/files.js";

const work = mkdtempSync(join(tmpdir(), "mssante-addon-lint-"));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function addon(name: string, permissions: string[], script: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  const manifest = {
    manifest_version: 3,
    name: "Lint check",
    version: "1.0",
    browser_specific_settings: { gecko: { id: "lint-check@example.org", strict_min_version: "142.0", data_collection_permissions: { required: ["none"] } } },
    background: { scripts: ["main.js"] },
    action: { default_title: "x", default_area: "maintoolbar" },
    permissions,
  };
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
  writeFileSync(join(dir, "main.js"), script);
  return dir;
}

function lint(dir: string): { code: number; output: string } {
  try {
    const out = execFileSync(process.execPath, [join(ROOT, "scripts", "lint-addon.mjs"), dir], { encoding: "utf8", stdio: "pipe" });
    return { code: 0, output: out };
  } catch (error) {
    const e = error as { status: number; stderr: string };
    return { code: e.status, output: e.stderr };
  }
}

describe("web-ext lint on a built add-on", () => {
  it("passes Thunderbird permissions and toolbar areas", () => {
    const result = lint(addon("clean", ["messagesRead", "compose", "storage"], "console.log('ok');\n"));
    expect(result.output).toContain("all known Thunderbird-only false positives");
    expect(result.code).toBe(0);
  }, 60_000);

  it("fails on eval", () => {
    const result = lint(addon("eval", ["storage"], "eval(globalThis.name);\n"));
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/DANGEROUS_EVAL|eval/);
  }, 60_000);

  it("fails on a permission that no Thunderbird knows either", () => {
    const result = lint(addon("permission", ["messagesReadAll"], "console.log('ok');\n"));
    expect(result.code).toBe(1);
    expect(result.output).toContain("messagesReadAll");
  }, 60_000);
});

describe("the allowlist", () => {
  const manifest = { action: { default_area: "maintoolbar" } };
  it("knows each false positive by its exact content, not by its code alone", () => {
    expect(isThunderbirdFalsePositive({ code: "MANIFEST_PERMISSIONS", message: 'Invalid permissions "compose" at 0.' }, manifest)).toBe(true);
    expect(isThunderbirdFalsePositive({ code: "MANIFEST_PERMISSIONS", message: 'Invalid permissions "tabsHack" at 0.' }, manifest)).toBe(false);
    expect(isThunderbirdFalsePositive({ code: "JSON_INVALID", instancePath: "/action/default_area" }, manifest)).toBe(true);
    expect(isThunderbirdFalsePositive({ code: "JSON_INVALID", instancePath: "/action/default_area" }, { action: { default_area: "elsewhere" } })).toBe(false);
    expect(isThunderbirdFalsePositive({ code: "JSON_INVALID", instancePath: "/background" }, manifest)).toBe(false);
    expect(isThunderbirdFalsePositive({ code: "UNSAFE_VAR_ASSIGNMENT" }, manifest)).toBe(false);
  });

  it("counts errors, warnings and notices alike", () => {
    const finding = { code: "NOTICE_ANYTHING" };
    expect(unexpectedFindings({ errors: [], warnings: [], notices: [finding] }, manifest)).toEqual([finding]);
  });
});
