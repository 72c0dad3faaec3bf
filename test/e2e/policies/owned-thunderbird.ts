// A Thunderbird 153 the policy test owns: a copy (hard links, so instant and small) of the
// tree `node scripts/thunderbird-esr.mjs 153` unpacks into node_modules/.cache, in a temp
// folder of its own. Its `distribution/policies.json`, beside its own binary, is the only
// policy file the test writes: the system's Thunderbird and its policy folders are never
// touched, and two runs at the same time never see each other's policies.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isExecutableFile, linkTree } from "../../../harness/files.js";

/** The tree `scripts/thunderbird-esr.mjs 153` prepares (its `usr/` holds lib/ and share/). */
export const PREPARED_TREE = fileURLToPath(new URL("../../../node_modules/.cache/thunderbird-153", import.meta.url));
const RELATIVE_APP = join("usr", "lib", "thunderbird");

/**
 * Linux: Thunderbird reads `/etc/thunderbird/policies/policies.json` FIRST, and then ignores
 * the `distribution` folder. A test cannot run its own policies on a machine that has one.
 */
export const SYSTEM_POLICIES = "/etc/thunderbird/policies/policies.json";

/** The French language pack of the system's Thunderbird, same version, when installed. */
const SYSTEM_LANGPACK = "/usr/lib/thunderbird/extensions/langpack-fr@thunderbird.mozilla.org.xpi";

const HOW_TO = "run `node scripts/thunderbird-esr.mjs 153` (or set THUNDERBIRD_153_BIN to the binary of an unpacked Thunderbird 153 whose folder is writable)";

export interface OwnedThunderbird {
  /** The copy's binary, to pass to `startHarness({ binary })`. */
  readonly binary: string;
  /** `Version=` of the copy's application.ini. */
  readonly version: string;
  /** `<install folder>/distribution`, where `policies.json` goes. */
  readonly distributionDir: string;
  /** Writes `distribution/policies.json` (read by Thunderbird at its next start). */
  writePolicies(policies: unknown): string;
  /** Removes the copy. */
  remove(): void;
}

/** The `usr/` tree to copy, and where the binary is inside it. */
function sourceTree(env: NodeJS.ProcessEnv): { usr: string; appRelative: string } {
  const explicit = env["THUNDERBIRD_153_BIN"];
  if (explicit !== undefined && explicit !== "") {
    if (!isExecutableFile(explicit)) throw new Error(`THUNDERBIRD_153_BIN=${explicit} is not an executable file`);
    // <root>/usr/lib/thunderbird/thunderbird: copy <root>/usr so that the relative links to share/ hold.
    const app = dirname(realpathSync(explicit));
    return { usr: dirname(dirname(app)), appRelative: join(basename(dirname(app)), basename(app)) };
  }
  if (!isExecutableFile(join(PREPARED_TREE, RELATIVE_APP, "thunderbird"))) {
    throw new Error(`Thunderbird 153 not found in ${PREPARED_TREE}: ${HOW_TO}`);
  }
  return { usr: join(PREPARED_TREE, "usr"), appRelative: join("lib", "thunderbird") };
}

export function ownThunderbird153(env: NodeJS.ProcessEnv = process.env): OwnedThunderbird {
  if (existsSync(SYSTEM_POLICIES)) {
    throw new Error(
      `${SYSTEM_POLICIES} exists: Thunderbird on Linux reads it before the distribution folder, so this test cannot apply its own policies here`,
    );
  }
  const { usr, appRelative } = sourceTree(env);
  const root = mkdtempSync(join(tmpdir(), "mssante-tb153-"));
  try {
    linkTree(usr, join(root, "usr"));
    const app = join(root, "usr", appRelative);
    // A distribution folder or extension left in the source would change what is tested.
    rmSync(join(app, "distribution"), { recursive: true, force: true });
    if (existsSync(SYSTEM_LANGPACK)) {
      mkdirSync(join(app, "extensions"), { recursive: true });
      copyFileSync(SYSTEM_LANGPACK, join(app, "extensions", basename(SYSTEM_LANGPACK)));
    }
    const binary = join(app, "thunderbird");
    const version = /^Version=(.+)$/m.exec(readFileSync(join(app, "application.ini"), "utf8"))?.[1]?.trim() ?? "?";
    if (!version.startsWith("153.")) throw new Error(`${usr} holds Thunderbird ${version}, not 153`);
    const distributionDir = join(app, "distribution");
    return {
      binary,
      version,
      distributionDir,
      writePolicies(policies: unknown): string {
        mkdirSync(distributionDir, { recursive: true });
        const file = join(distributionDir, "policies.json");
        writeFileSync(file, `${JSON.stringify(policies, null, 2)}\n`);
        return file;
      },
      remove(): void {
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
