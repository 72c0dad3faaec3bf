// Runs a TypeScript entry point with Node: bundles it with esbuild into a temporary
// module (dependencies stay external, resolved from the project's node_modules, except the
// MIME library, bundled as the command line bundles it: with the in-memory Blob of
// src/cli/in-memory-blob.ts), imports it, then removes the bundle.
import { build } from "esbuild";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [entry, ...args] = process.argv.slice(2);
if (entry === undefined) {
  console.error("usage: node scripts/run-ts.mjs ENTRY.ts [ARGS…]");
  process.exit(2);
}
/** Every bare import stays external but postal-mime's, as `packages: "external"` would do. */
/** @type {import("esbuild").Plugin} */
const bundleMimeLibrary = {
  name: "bundle-mime-library",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path === "postal-mime" || args.path.startsWith("postal-mime/")) return undefined;
      return { path: args.path, external: true };
    });
  },
};
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
  plugins: [bundleMimeLibrary],
  inject: [resolve("src/cli/in-memory-blob.ts")],
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
