// The `mssante-patient` command itself, bundled into dist/cli/mssante-patient.bundle.cjs and
// started by the launcher (launcher.ts, dist/cli/mssante-patient.mjs).
import { isatty } from "node:tty";
import { EXIT, run } from "./run.js";

/** Runs the command with the process's arguments and streams; resolves with the exit code. */
export async function main(argv: readonly string[], version: string | undefined): Promise<number> {
  // The reader of our output went away (`… | head`): stop quietly.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    process.exit(error.code === "EPIPE" ? EXIT.ok : EXIT.failure);
  });
  return run(argv, {
    // Node makes standard input a stream when it is first asked for, which takes time: only a
    // command that reads it (`-`, `ins` without values) asks.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    isStdinTTY: isatty(0),
    version,
  });
}
