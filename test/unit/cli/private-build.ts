/** The command line built privately for a test file, in a temporary folder of its own. */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../manifest/files.js";

/** Builds the command line into a new temporary folder; returns the folder and the launcher's path. */
export function buildPrivateCommandLine(prefix: string): { work: string; cli: string } {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const cli = join(work, "cli.mjs");
  execFileSync(process.execPath, [join(ROOT, "scripts", "build.mjs"), "--cli-only", "--cli-out", cli], { cwd: ROOT, stdio: "pipe" });
  return { work, cli };
}
