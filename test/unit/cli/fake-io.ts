import { expect } from "vitest";
import { Readable, Writable } from "node:stream";
import { run, type CliIo } from "../../../src/cli/run.js";

/** A writable stream that keeps what it receives. */
export function sink(options: { highWaterMark?: number; onChunk?: (text: string) => Promise<void> } = {}): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    decodeStrings: false,
    ...(options.highWaterMark === undefined ? {} : { highWaterMark: options.highWaterMark }),
    write(chunk: string | Buffer, _encoding, callback) {
      const text = typeof chunk === "string" ? chunk : chunk.toString("utf8");
      chunks.push(text);
      if (options.onChunk === undefined) callback();
      else options.onChunk(text).then(() => { callback(); }, callback);
    },
  });
  return { stream, text: () => chunks.join("") };
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command line with fake streams; the reference year is 2025. */
export async function cli(
  args: readonly string[],
  options: { stdin?: Iterable<string | Buffer> | AsyncIterable<string | Buffer> | Readable; tty?: boolean; version?: string | undefined } = {},
): Promise<CliResult> {
  const out = sink();
  const err = sink();
  const stdin = options.stdin instanceof Readable ? options.stdin : Readable.from(options.stdin ?? []);
  const io: CliIo = {
    stdin,
    stdout: out.stream,
    stderr: err.stream,
    isStdinTTY: options.tty ?? false,
    version: "version" in options ? options.version : "1.2.3",
    referenceYear: 2025,
  };
  const code = await run(args, io);
  return { code, stdout: out.text(), stderr: err.text() };
}

/** The JSON Lines of an output, parsed. */
export function jsonLines(text: string): unknown[] {
  expect(text.endsWith("\n")).toBe(true);
  return text.slice(0, -1).split("\n").map((line) => JSON.parse(line) as unknown);
}
