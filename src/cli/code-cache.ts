/**
 * Loading the command's code with the engine's code cache. The launcher
 * (dist/cli/mssante-patient.mjs) compiles the command's code (dist/cli/mssante-patient.cjs)
 * itself, giving V8 the cache written beside it (mssante-patient.code-cache): the compiled
 * form of every function a run used, which V8 would otherwise compile anew in every run.
 * `npm run build` (and `npm ci`) writes the cache after classifying the project's own notice
 * fixtures. V8 checks that the cache fits the code, its own version and its flags, and
 * ignores one that does not (another Node): the command is then compiled as usual.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { Script } from "node:vm";

/** Set to 1 by the build: after running, write the code cache beside the command's code. */
export const WRITE_CODE_CACHE_ENV = "MSSANTE_PATIENT_WRITE_CODE_CACHE";

export interface LoadedCommand {
  readonly main: (args: readonly string[], version: string | undefined) => Promise<number>;
  /** Writes the cache of the code compiled so far (the build calls it after a run). */
  readonly writeCodeCache: () => void;
  /** Whether V8 took the cache: false when there was none, or it did not fit. */
  readonly cacheUsed: boolean;
}

/** The command's code and its cache, named after the launcher (`x.mjs` → `x.cjs`, `x.code-cache`). */
export function commandFiles(launcher: URL): { code: string; cache: string } {
  const path = fileURLToPath(launcher);
  const base = path.replace(/\.[cm]?js$/, "");
  return { code: `${base}.cjs`, cache: `${base}.code-cache` };
}

/** Node's own wrapper of a CommonJS module. */
function wrapped(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}

function readCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

type Factory = (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;

function isFactory(value: unknown): value is Factory {
  return typeof value === "function";
}

function isMain(value: unknown): value is LoadedCommand["main"] {
  return typeof value === "function";
}

/**
 * The engine's settings for the command, set before its code is compiled (V8 checks that a
 * cache was written under the same ones). Regular expressions are compiled to machine code
 * at their first use instead of being interpreted first: a run applies each of them to many
 * messages (the phrase tables run over every notice), and interpreting them first costs
 * more than compiling them.
 */
export function setEngineFlags(): void {
  setFlagsFromString("--no-regexp-tier-up");
}

/** Compiles and starts the command's code (see above); sets the engine's flags first. */
export function loadCommand(launcher: URL): LoadedCommand {
  setEngineFlags();
  const files = commandFiles(launcher);
  const cachedData = readCache(files.cache);
  const script = new Script(wrapped(readFileSync(files.code, "utf8")), {
    filename: files.code,
    ...(cachedData !== undefined ? { cachedData } : {}),
  });
  const module: { exports: Record<string, unknown> } = { exports: {} };
  const factory: unknown = script.runInThisContext();
  if (!isFactory(factory)) throw new Error(`${files.code}: not a CommonJS module`);
  factory(module.exports, createRequire(files.code), module, files.code, dirname(files.code));
  const main = module.exports.main;
  if (!isMain(main)) throw new Error(`${files.code}: no main function`);
  return {
    main,
    writeCodeCache: () => {
      writeFileSync(files.cache, script.createCachedData());
    },
    cacheUsed: cachedData !== undefined && !script.cachedDataRejected,
  };
}
