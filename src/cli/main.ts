// Entry point of the `mssante-patient` command, bundled into dist/cli/mssante-patient.mjs.
import { readFileSync } from "node:fs";
import { isatty } from "node:tty";
import { EXIT, run } from "./run.js";

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

// The reader of our output went away (`… | head`): stop quietly.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  process.exit(error.code === "EPIPE" ? EXIT.ok : EXIT.failure);
});

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

const code = await run(process.argv.slice(2), {
  // Node makes standard input a stream when it is first asked for, which takes time: only a
  // command that reads it (`-`, `ins` without values) asks.
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  isStdinTTY: isatty(0),
  version: packageVersion(),
});
// Once the output is written, leave at once: left to end by itself, Node would first wait
// for background work of its own (compilation, collection) that nothing needs any more,
// which adds tens of milliseconds to every run.
await Promise.all([written(process.stdout), written(process.stderr)]);
process.exit(code);
