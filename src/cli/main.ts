// The `mssante-patient` command, bundled into dist/cli/mssante-patient.cjs and started by
// the launcher (launcher.ts, dist/cli/mssante-patient.mjs).
import { isatty } from "node:tty";
import { EXIT, run } from "./run.js";

/**
 * Resolves once everything written to the stream before has been handed to the system:
 * writes are carried out in order, so the callback of an empty write comes after theirs.
 * (A pipe is written asynchronously on POSIX systems.)
 */
function written(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableEnded) resolve();
    else stream.write("", () => {
      resolve();
    });
  });
}

/**
 * Runs the command with its arguments (without the program name) on the process's own
 * streams; resolves with the exit code once all its output is written.
 */
export async function main(args: readonly string[], version: string | undefined): Promise<number> {
  // The reader of our output went away (`… | head`): stop quietly.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    process.exit(error.code === "EPIPE" ? EXIT.ok : EXIT.failure);
  });
  const code = await run(args, {
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
  await Promise.all([written(process.stdout), written(process.stderr)]);
  return code;
}
