// Runs a TypeScript entry point with Node: bundles it with esbuild into a temporary
// module (dependencies stay external, resolved from the project's node_modules), imports
// it, then removes the bundle.
import { build } from "esbuild";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [entry, ...args] = process.argv.slice(2);
if (entry === undefined) {
  console.error("usage: node src/tools/run-ts.mjs ENTRY.ts [ARGS…]");
  process.exit(2);
}
const cache = resolve("node_modules", ".cache");
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, "mssante-run-"));
const out = join(dir, "entry.mjs");
await build({
  entryPoints: [resolve(entry)],
  outfile: out,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "inline",
  logLevel: "warning",
  absWorkingDir: process.cwd(),
  nodePaths: [resolve("node_modules")],
});
process.argv = [process.argv[0] ?? "node", resolve(entry), ...args];
try {
  await import(pathToFileURL(out).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
