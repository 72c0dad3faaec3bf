import type { Readable, Writable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { say } from "../core/i18n/catalogs.js";
import { msg, type Message } from "../core/i18n/text.js";

/** What a command may use of the outside world: passed in, so that tests need no process. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** True when a person types on standard input (not a file nor a pipe). */
  readonly isStdinTTY: boolean;
  /** The package version, when it could be read. */
  readonly version?: string | undefined;
  /** The year used to guess the century of a year of birth (default: the current year). */
  readonly referenceYear?: number | undefined;
}

/** Exit codes of every command. */
export const EXIT = {
  ok: 0,
  /** At least one value was checked and found invalid. */
  invalid: 1,
  usage: 2,
  /** Reading or writing failed. */
  failure: 3,
} as const;

/** A text in French, then in English, each ending its line: for help and errors. */
export function bilingual(text: Message): string {
  return `${say(text, "fr")}\n${say(text, "en")}\n`;
}

/** The line that says where help is, in both languages: `Aide / Help: COMMAND`. */
export function helpHint(command: string): string {
  return `${say(msg("cliHelpLabel"), "fr")} / ${say(msg("cliHelpLabel"), "en")}: ${command}\n`;
}

/**
 * Writes text to a stream, respecting its back-pressure: text is gathered, then written
 * in one piece by `flush()`, which waits for the stream to drain when its buffer is full.
 */
export class Output {
  private pending = "";

  constructor(
    private readonly stream: Writable,
    private readonly batchSize = 64 * 1024,
  ) {}

  async write(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending === "") return;
    const text = this.pending;
    this.pending = "";
    await writeText(this.stream, text);
  }
}

/**
 * Writes text; when the stream's buffer is full, waits until this text is written. Rejects
 * when the stream fails or was destroyed (a destroyed stream never drains).
 */
export function writeText(stream: Writable, text: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const ready = stream.write(text, (error) => {
      if (error) reject(error);
      else resolve();
    });
    if (ready) resolve();
  });
}

/** A line longer than the reader's limit: not kept, only measured. */
export interface OverlongLine {
  readonly overlong: true;
  /** Its length, in UTF-16 code units (characters for all but emoji and rare scripts). */
  readonly length: number;
  /** Its first characters, to help find it. */
  readonly head: string;
}

export type InputLine = string | OverlongLine;

const OVERLONG_HEAD = 20;

/**
 * Reads a stream of text as lines, a batch of lines per chunk, without ever holding more
 * than one chunk and the line being read — and no more than `maxLength` characters of that
 * line: a longer line is given as an `OverlongLine` (its length and first characters), and
 * reading goes on with the next one. Any of LF, CRLF and CR ends a line (a CR alone is what
 * old Mac spreadsheets write). A leading byte-order mark is dropped. The caller should
 * finish with a batch before asking for the next one: then nothing is read ahead.
 */
export async function* lineBatches(
  input: AsyncIterable<unknown> | Iterable<unknown>,
  maxLength = Number.POSITIVE_INFINITY,
): AsyncGenerator<InputLine[], void, undefined> {
  const decoder = new StringDecoder("utf8");
  let partial = "";
  // The length of the line being read once it is over `maxLength` (-1 before), and its start.
  let overlong = -1;
  let head = "";
  let first = true;
  // The previous chunk ended with a CR: an LF at the start of this one belongs to it.
  let afterCR = false;

  const add = (piece: string): void => {
    if (overlong >= 0) {
      overlong += piece.length;
      if (head.length < OVERLONG_HEAD) head += piece.slice(0, OVERLONG_HEAD - head.length);
    } else if (partial.length + piece.length > maxLength) {
      overlong = partial.length + piece.length;
      head = (partial + piece.slice(0, OVERLONG_HEAD)).slice(0, OVERLONG_HEAD);
      partial = "";
    } else {
      partial += piece;
    }
  };
  const end = (): InputLine => {
    const line: InputLine = overlong >= 0 ? { overlong: true, length: overlong, head } : partial;
    partial = "";
    overlong = -1;
    head = "";
    return line;
  };

  for await (const chunk of input) {
    let text = typeof chunk === "string" ? chunk : chunk instanceof Uint8Array ? decoder.write(chunk) : String(chunk);
    if (text === "") continue;
    if (first) {
      if (text.startsWith("\ufeff")) text = text.slice(1);
      first = false;
    }
    let start = afterCR && text.startsWith("\n") ? 1 : 0;
    afterCR = false;
    const batch: InputLine[] = [];
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 0x0a && c !== 0x0d) continue;
      add(text.slice(start, i));
      batch.push(end());
      if (c === 0x0d) {
        if (i + 1 === text.length) afterCR = true;
        else if (text.charCodeAt(i + 1) === 0x0a) i++;
      }
      start = i + 1;
    }
    add(text.slice(start));
    if (batch.length > 0) yield batch;
  }
  add(decoder.end());
  if (partial !== "" || overlong >= 0) yield [end()];
}

/**
 * Reports a usage error on standard error, in French then English, with where to find help.
 * Returns the exit code for usage errors.
 */
export function usageError(io: CliIo, text: Message, help: string): number {
  io.stderr.write(bilingual(msg("cliUsageLine", text)) + helpHint(help));
  return EXIT.usage;
}
