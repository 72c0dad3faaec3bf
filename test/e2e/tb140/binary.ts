// Where the Thunderbird 140 ESR of the end-to-end test is: `THUNDERBIRD_140_BIN` when set,
// else the copy `node scripts/thunderbird-esr.mjs 140` unpacks into node_modules/.cache.
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isExecutableFile } from "../../../harness/files.js";

/** The binary `scripts/thunderbird-esr.mjs 140` prepares. */
export const PREPARED_BINARY = fileURLToPath(
  new URL("../../../node_modules/.cache/thunderbird-140/usr/lib/thunderbird/thunderbird", import.meta.url),
);

const HOW_TO = "run `node scripts/thunderbird-esr.mjs 140` (or set THUNDERBIRD_140_BIN to a Thunderbird 140 binary)";

/**
 * The Thunderbird 140 binary to run. Throws with what to do when there is none: the test
 * must fail, not pass silently, on a machine where 140 was never prepared.
 */
export function thunderbird140Binary(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env["THUNDERBIRD_140_BIN"];
  if (explicit !== undefined && explicit !== "") {
    if (!isExecutableFile(explicit)) throw new Error(`THUNDERBIRD_140_BIN=${explicit} is not an executable file`);
    return realpathSync(explicit);
  }
  if (isExecutableFile(PREPARED_BINARY)) return realpathSync(PREPARED_BINARY);
  throw new Error(`Thunderbird 140 ESR not found at ${PREPARED_BINARY}: ${HOW_TO}`);
}
