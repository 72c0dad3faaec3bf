// Entry point of the `mssante-patient` command (dist/cli/mssante-patient.mjs): starts the
// command's code (dist/cli/mssante-patient.cjs, from main.ts) with the engine's code cache
// written beside it when the command was built (see code-cache.ts).
import { readFileSync } from "node:fs";
import { loadCommand, WRITE_CODE_CACHE_ENV } from "./code-cache.js";

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

const command = loadCommand(new URL(import.meta.url));
const code = await command.main(process.argv.slice(2), packageVersion());
if (process.env[WRITE_CODE_CACHE_ENV] === "1") command.writeCodeCache();
// Leave at once: left to end by itself, Node would first wait for background work of its
// own (compilation, collection) that nothing needs any more, which adds tens of
// milliseconds to every run. The output is all written (main waits for it).
process.exit(code);
