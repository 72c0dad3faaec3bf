// Builds the add-on into dist/addon (readable, unminified), packs dist/<name>-<version>.xpi
// reproducibly (sorted entries, fixed dates), and bundles the command line into dist/cli.
//   node scripts/build.mjs            everything
//   node scripts/build.mjs --cli-only the command line only (run by `npm ci` through `prepare`)
//   … --cli-out PATH                    the command line's launcher written to PATH (its code, .cjs,
//                                        and code cache beside it) instead of dist/cli
import { build } from "esbuild";
import { zipSync } from "fflate";
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const addon = join(dist, "addon");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const manifest = JSON.parse(readFileSync(join(root, "manifest.json"), "utf8"));
const cliOnly = process.argv.includes("--cli-only");
/** `--cli-out PATH`: where to write the command line (tests build a private copy). */
const cliOutIndex = process.argv.indexOf("--cli-out");
const cliOut = cliOutIndex === -1 ? undefined : process.argv[cliOutIndex + 1];
// Local noon on 1 January 1980: a valid zip date in every time zone.
const FIXED_DATE = new Date(1980, 0, 1, 12, 0, 0);

/**
 * Pages of the add-on: folder under src/pages, each with <name>.html, <name>.css (optional),
 * <name>.ts (exports `main`, no side effect on import: unit-tested) and <name>.entry.ts (calls
 * `main`; bundled as <name>.js, the script the HTML loads).
 */
/** @type {ReadonlyArray<readonly [string, string]>} */
export const PAGES = [
  ["compose-popup", "popup"],
  ["send-check", "send-check"],
  ["options", "options"],
  ["notices-panel", "notices-panel"],
  ["close-confirm", "close-confirm"],
  ["exchanges", "exchanges"],
];

/**
 * Scripts Thunderbird injects into displayed messages (classic scripts, not modules):
 * bundled alone, as one IIFE each.
 * @type {ReadonlyArray<readonly [string, string]>}
 */
export const MESSAGE_SCRIPTS = [["message-banner", "banner"]];

/**
 * The classifier's phrase expressions, built once here rather than in every process that
 * classifies (see PRECOMPILED_PHRASES in src/core/notices/reasons/match.ts): the module
 * bundled in memory and run, its `phraseSources()` read.
 * @returns {Promise<unknown>}
 */
async function phraseSources() {
  const bundled = await build({
    stdin: { contents: 'export { phraseSources } from "./src/core/notices/reasons/match.ts";', resolveDir: root, loader: "ts" },
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    logLevel: "warning",
  });
  const code = bundled.outputFiles[0]?.text ?? "";
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
  return module.phraseSources();
}

/** @type {import("esbuild").BuildOptions} */
const common = {
  bundle: true,
  minify: false,
  legalComments: "inline",
  charset: "utf8",
  logLevel: "warning",
  absWorkingDir: root,
  metafile: true,
  define: { PRECOMPILED_PHRASES: JSON.stringify(await phraseSources()) },
};

/** The languages of the catalogs the command line speaks. */
const CLI_LANGS = ["fr", "en"];

/**
 * The command line reads its catalogs from files beside its code, when it first needs a text
 * (src/cli/catalog-files.ts stands in for src/core/i18n/catalog-source.ts): both catalogs in
 * the code would be loaded at every start, and a run in JSON or CSV needs neither.
 * @type {import("esbuild").Plugin}
 */
const catalogsFromFiles = {
  name: "catalogs-from-files",
  setup(b) {
    b.onResolve({ filter: /^\.\/catalog-source\.js$/ }, (args) =>
      args.importer.endsWith(join("core", "i18n", "catalogs.ts")) ? { path: join(root, "src", "cli", "catalog-files.ts") } : undefined,
    );
  },
};

/**
 * Writes the catalogs beside the command line's code, without spaces (`messages.<lang>.json`).
 * @param {string} dir
 */
function writeCliCatalogs(dir) {
  for (const lang of CLI_LANGS) {
    const catalog = JSON.parse(readFileSync(join(root, "src", "_locales", lang, "messages.json"), "utf8"));
    writeFileSync(join(dir, `messages.${lang}.json`), JSON.stringify(catalog));
  }
}

/**
 * The command line: its code (src/cli/main.ts, one CommonJS file), the launcher users run
 * (src/cli/launcher.ts, the package's bin) and the engine's code cache of the code, written
 * by the launcher itself after classifying the project's notice fixtures (src/cli/code-cache.ts).
 */
async function buildCli() {
  const launcher = cliOut ?? join(dist, "cli", "mssante-patient.mjs");
  const base = launcher.replace(/\.[cm]?js$/, "");
  const code = `${base}.cjs`;
  const cache = `${base}.code-cache`;
  rmSync(cache, { force: true });
  /** @type {import("esbuild").BuildOptions} */
  const forNode = { ...common, platform: "node", target: "node20" };
  await build({
    ...forNode,
    entryPoints: [join(root, "src/cli/main.ts")],
    outfile: code,
    format: "cjs",
    // Node's own Blob is slow to join the decoded parts of a message (see the file).
    inject: [join(root, "src/cli/in-memory-blob.ts")],
    plugins: [catalogsFromFiles],
  });
  writeCliCatalogs(dirname(code));
  await build({
    ...forNode,
    entryPoints: [join(root, "src/cli/launcher.ts")],
    outfile: launcher,
    format: "esm",
    banner: { js: "#!/usr/bin/env node" },
  });
  chmodSync(launcher, 0o755);
  const fixtures = join(root, "test", "fixtures", "notices");
  const warmUp = exists(fixtures)
    ? ["classify", "--json", ...readdirSync(fixtures).filter((f) => f.endsWith(".eml")).sort().map((f) => join(fixtures, f))]
    : ["--version"];
  const run = spawnSync(process.execPath, [launcher, ...warmUp], {
    env: { ...process.env, MSSANTE_PATIENT_WRITE_CODE_CACHE: "1" },
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  });
  if (run.status !== 0 || !exists(cache)) {
    throw new Error(`writing the command line's code cache failed (exit ${String(run.status)}): ${run.stderr}`);
  }
}

async function buildAddon() {
  if (manifest.version !== pkg.version) {
    throw new Error(`manifest.json version ${manifest.version} differs from package.json ${pkg.version}`);
  }
  rmSync(addon, { recursive: true, force: true });
  /** @type {Record<string, string>} */
  const entryPoints = { "background/main": "src/background/main.ts" };
  for (const [folder, name] of PAGES) entryPoints[`pages/${folder}/${name}`] = `src/pages/${folder}/${name}.entry.ts`;
  const result = await build({
    ...common,
    entryPoints,
    outdir: addon,
    platform: "browser",
    format: "esm",
    target: ["firefox140"],
    splitting: false,
  });
  /** @type {Record<string, string>} */
  const scriptEntries = {};
  for (const [folder, name] of MESSAGE_SCRIPTS) scriptEntries[`pages/${folder}/${name}`] = `src/pages/${folder}/${name}.entry.ts`;
  const scripts = await build({
    ...common,
    entryPoints: scriptEntries,
    outdir: addon,
    platform: "browser",
    format: "iife",
    target: ["firefox140"],
  });
  Object.assign(result.metafile?.outputs ?? {}, scripts.metafile?.outputs ?? {});
  for (const [folder, name] of PAGES) {
    for (const ext of [".html", ".css"]) {
      const src = join(root, "src/pages", folder, name + ext);
      if (exists(src)) cpSync(src, join(addon, "pages", folder, name + ext));
    }
  }
  cpSync(join(root, "src/pages/shared/base.css"), join(addon, "pages/shared/base.css"));
  cpSync(join(root, "manifest.json"), join(addon, "manifest.json"));
  cpSync(join(root, "icons"), join(addon, "icons"), { recursive: true });
  cpSync(join(root, "src/_locales"), join(addon, "_locales"), { recursive: true });

  // What each page loads, for the benchmark.
  /** @type {Record<string, number>} */
  const sizes = {};
  for (const [file, info] of Object.entries(result.metafile?.outputs ?? {})) {
    if (file.endsWith(".js")) sizes[relative(addon, join(root, file)).split(sep).join("/")] = info.bytes;
  }
  writeFileSync(join(dist, "bundle-sizes.json"), JSON.stringify(sizes, null, 2) + "\n");

  const xpi = join(dist, `${pkg.name}-${pkg.version}.xpi`);
  writeFileSync(xpi, packXpi(addon));
  return xpi;
}

/**
 * Zip with sorted entries and a fixed date: the same sources give the same bytes.
 * @param {string} folder
 */
function packXpi(folder) {
  /** @type {import("fflate").Zippable} */
  const files = {};
  for (const file of listFiles(folder).sort()) {
    const name = relative(folder, file).split(sep).join("/");
    files[name] = [new Uint8Array(readFileSync(file)), { level: 9, mtime: FIXED_DATE }];
  }
  return zipSync(files);
}

/**
 * @param {string} folder
 * @returns {string[]}
 */
function listFiles(folder) {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** @param {string} path */
function exists(path) {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

mkdirSync(dist, { recursive: true });
await buildCli();
if (!cliOnly) {
  const xpi = await buildAddon();
  console.log(`built ${relative(root, addon)}/ and ${relative(root, xpi)}`);
}
