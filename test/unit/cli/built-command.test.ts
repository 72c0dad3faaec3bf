/**
 * The command line as built: its launcher, its code and the engine's code cache written by
 * the build. V8 takes the cache when the command is loaded as the launcher loads it, and the
 * command gives the same output with the cache, without it and with a cache that does not
 * fit (another Node would have one). The phrase expressions the build writes into the code
 * are those the tables give. The catalogs are files beside the code, read when a text is
 * printed, and give the same texts as the project's catalogs.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandFiles } from "../../../src/cli/code-cache.js";
import { CATALOGS, say } from "../../../src/core/i18n/catalogs.js";
import { msg } from "../../../src/core/i18n/text.js";
import { phraseSources } from "../../../src/core/notices/reasons/match.js";
import { ROOT } from "../manifest/files.js";
import { buildPrivateCommandLine } from "./private-build.js";
import { pathToFileURL } from "node:url";

const FIXTURES = join(ROOT, "test", "fixtures", "notices");
let work = "";
let cli = "";

beforeAll(() => {
  ({ work, cli } = buildPrivateCommandLine("mssante-code-cache-"));
}, 60_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function classify(launcher: string): string {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith(".eml")).sort().map((f) => join(FIXTURES, f));
  return execFileSync(process.execPath, [launcher, "classify", "--json", ...files], { encoding: "utf8" });
}

/** Whether V8 took the cache of the command beside this launcher, loaded as the launcher loads it. */
function cacheUsed(launcher: string): boolean {
  const probe = join(ROOT, "test", "unit", "cli", "probes", "code-cache-probe.ts");
  const out = execFileSync(process.execPath, [join(ROOT, "scripts", "run-ts.mjs"), probe, launcher], { encoding: "utf8" });
  const parsed: unknown = JSON.parse(out);
  if (typeof parsed !== "object" || parsed === null || !("cacheUsed" in parsed) || typeof parsed.cacheUsed !== "boolean") {
    throw new Error(`unexpected probe output: ${out}`);
  }
  return parsed.cacheUsed;
}

/** A copy of the built command, in a folder of its own, with or without the cache. */
function copyOfCommand(name: string, cache: "kept" | "none" | Uint8Array): string {
  const dir = mkdtempSync(join(work, `${name}-`));
  const launcher = join(dir, "cli.mjs");
  const from = commandFiles(pathToFileURL(cli));
  const to = commandFiles(pathToFileURL(launcher));
  copyFileSync(cli, launcher);
  copyFileSync(from.code, to.code);
  if (cache === "kept") copyFileSync(from.cache, to.cache);
  else if (cache !== "none") writeFileSync(to.cache, cache);
  return launcher;
}

describe("the command line's code cache", () => {
  it("is written by the build beside the command's code", () => {
    const files = commandFiles(pathToFileURL(cli));
    expect(files.code).toBe(join(work, "cli.cjs"));
    expect(files.cache).toBe(join(work, "cli.code-cache"));
    expect(existsSync(files.code)).toBe(true);
    expect(existsSync(files.cache)).toBe(true);
  });

  it("is taken by the engine when the command is loaded as its launcher loads it", () => {
    expect(cacheUsed(cli)).toBe(true);
  });

  it("is not taken when there is none, or when it does not fit", () => {
    expect(cacheUsed(copyOfCommand("none", "none"))).toBe(false);
    expect(cacheUsed(copyOfCommand("foreign", new Uint8Array(4096).fill(7)))).toBe(false);
  });

  it("changes nothing in what the command writes", () => {
    const withCache = classify(cli);
    expect(withCache.split("\n").filter((l) => l.startsWith("{")).length).toBeGreaterThan(50);
    expect(classify(copyOfCommand("none", "none"))).toBe(withCache);
    expect(classify(copyOfCommand("foreign", new Uint8Array(4096).fill(7)))).toBe(withCache);
    expect(classify(copyOfCommand("kept", "kept"))).toBe(withCache);
  });
});

describe("the phrase expressions built into the command", () => {
  it("are the ones the phrase tables give, each written once", () => {
    const code = readFileSync(commandFiles(pathToFileURL(cli)).code, "utf8");
    const sources = phraseSources();
    for (const source of [sources.strong, sources.weak, sources.platform]) {
      expect(source.length).toBeGreaterThan(4);
      expect(code.split(JSON.stringify(source)).length - 1).toBe(1);
    }
  });
});

describe("the command line's catalogs", () => {
  it("are files beside the code, not in it", () => {
    const code = readFileSync(commandFiles(pathToFileURL(cli)).code, "utf8");
    for (const lang of ["fr", "en"] as const) {
      expect(existsSync(join(work, `messages.${lang}.json`))).toBe(true);
      const help = CATALOGS[lang].cliClassifyHelp?.message ?? "";
      expect(help.length).toBeGreaterThan(200);
      expect(code.includes(help.slice(0, 120))).toBe(false);
    }
  });

  it("give the command's texts in French and in English, as the project's catalogs do", () => {
    const out = execFileSync(process.execPath, [cli, "classify", "--help"], { encoding: "utf8" });
    const help = msg("cliClassifyHelp");
    expect(out.trimEnd()).toBe(`${say(help, "fr")}\n${say(help, "en")}`.trimEnd());
    const fixture = join(FIXTURES, readdirSync(FIXTURES).filter((f) => f.endsWith(".eml")).sort()[0] ?? "");
    const fr = execFileSync(process.execPath, [cli, "classify", "--lang", "fr", fixture], { encoding: "utf8" });
    const en = execFileSync(process.execPath, [cli, "classify", "--lang", "en", fixture], { encoding: "utf8" });
    expect(fr).not.toBe(en);
  });
});
