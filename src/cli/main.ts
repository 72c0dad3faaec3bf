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

process.exitCode = await run(process.argv.slice(2), {
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
