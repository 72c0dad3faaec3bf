// Entry point of the `mssante-patient` command (dist/cli/mssante-patient.mjs). It loads the
// command's bundle, dist/cli/mssante-patient.bundle.cjs, with the engine's compiled code of
// the previous run when there is one (code-cache.ts): a run then skips most of the
// compilation a fresh process does. After a run without a usable cache, it keeps the
// compiled code for the next one. MSSANTE_PATIENT_CODE_CACHE=off runs without any cache.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";
import { cacheFolder, cacheName, currentOwner, readCache, writeCache, type CacheOwner } from "./code-cache.js";

type Main = (argv: readonly string[], version: string | undefined) => Promise<number>;
type Wrapper = (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;

/** The version in package.json, two folders above the bundled dist/cli/ file. */
function packageVersion(): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    return typeof parsed === "object" && parsed !== null && "version" in parsed && typeof parsed.version === "string"
      ? parsed.version
      : undefined;
  } catch {
    return undefined;
  }
}

/** The bundle beside this file: `NAME.mjs` starts `NAME.bundle.cjs`. */
const bundlePath = fileURLToPath(import.meta.url).replace(/\.mjs$/, "") + ".bundle.cjs";
const version = packageVersion();
const source = readFileSync(bundlePath, "utf8");

const owner: CacheOwner | undefined = process.env["MSSANTE_PATIENT_CODE_CACHE"] === "off" ? undefined : currentOwner();
const folder = owner === undefined ? undefined : cacheFolder(owner);
const name = cacheName(version ?? "unknown", source, process.versions.v8);
const cached = owner === undefined || folder === undefined ? undefined : readCache(folder, name, owner.uid);

// The same wrapper Node puts around a CommonJS module, on the first line so that line
// numbers in errors are the bundle's own.
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: bundlePath,
  ...(cached === undefined ? {} : { cachedData: cached }),
});
const keep = folder !== undefined && (cached === undefined || script.cachedDataRejected === true);
const module = { exports: {} };
(script.runInThisContext() as Wrapper)(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
const { main } = module.exports as { main?: Main };
if (typeof main !== "function") throw new Error(`${bundlePath}: no main function`);

const code = await main(process.argv.slice(2), version);
// Made after the run, the data holds the functions this run compiled, not only the top level.
if (keep) writeCache(folder, name, script.createCachedData());
process.exitCode = code;
