/**
 * The messages in the paths given to `classify`: .eml files, folders of them, mbox files —
 * or anything that reads as a stream (`-` for standard input, a FIFO, `/dev/stdin`, a process
 * substitution `<(…)`). Regular files are read several at a time (at most `concurrency`
 * in flight) and given back in the order the user listed them; streams are read when their
 * turn comes, never by position (a pipe cannot seek). Of each message only the header block
 * is read first; its body is read (up to a bound) only when the pre-filter asks for it. A
 * huge mailbox, an endless pipe or `/dev/zero` cannot fill the memory.
 */
import { createReadStream } from "node:fs";
import { open, readdir, stat, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { msg, type Message as Text } from "../core/i18n/text.js";
import { MAX_MESSAGE_BYTES } from "../core/notices/index.js";
import { headerBlockEnd, headerText, MAX_HEADER_BYTES } from "./header-block.js";
import { MboxSplitter } from "./mbox-splitter.js";

export interface Message {
  readonly file: string;
  /** Position in an mbox file (1 for the first message); null for a single message. */
  readonly index: number | null;
  readonly bytes: Uint8Array;
  /** False when only the header block was read (the pre-filter turned the message down). */
  readonly whole: boolean;
}

/** A path, or a file in a folder, that is not read (or not to the end), and why. */
export interface Skipped {
  readonly file: string;
  readonly skipped: Text;
}

export type Item = Message | Skipped;

export interface InputOptions {
  /** Read for the path `-`. */
  readonly stdin?: Readable | undefined;
  /** Given a header block, whether the body is needed; null: every message is read whole. */
  readonly prefilter?: ((header: string) => boolean) | null;
  /** Regular files read at the same time. */
  readonly concurrency?: number;
}

/** What is kept of one message: what the classifier reads, and a margin. */
export const KEPT_MESSAGE_BYTES = MAX_MESSAGE_BYTES + 64 * 1024;

/** Files in flight by default: enough to keep the disk and the thread pool busy, few open files. */
export const DEFAULT_CONCURRENCY = 12;

/** How far an input is checked for NUL bytes: a mail is text, `/dev/zero` is not. */
const NUL_CHECK_BYTES = 4096;
const CHUNK_BYTES = 64 * 1024;
const FROM_ = Buffer.from("From ");

/** A path that cannot be read, and why. */
class InputError extends Error {
  constructor(readonly text: Text) {
    super(text.key);
  }
}

function systemReason(error: unknown): Text {
  if (error instanceof InputError) return error.text;
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  switch (code) {
    case "ENOENT":
      return msg("cliReadNoSuchPath");
    case "ELOOP":
      return msg("cliReadLinkLoop");
    case "EACCES":
    case "EPERM":
      return msg("cliReadPermissionDenied");
    case "EISDIR":
      return msg("cliReadNotRegularFile");
    default:
      return msg("cliReadSystemError", error instanceof Error ? error.message : String(error));
  }
}

// ------------------------------------------------------------------ sources of bytes

/** Chunks of one input, read on demand; `close` may be called at any time. */
interface ChunkSource {
  next(): Promise<Buffer | null>;
  close(): Promise<void>;
}

function fileSource(handle: FileHandle): ChunkSource {
  let ended = false;
  return {
    async next() {
      if (ended) return null;
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead < CHUNK_BYTES) ended = true;
      return bytesRead === 0 ? null : buffer.subarray(0, bytesRead);
    },
    close: () => handle.close(),
  };
}

function streamSource(stream: Readable, owned: boolean): ChunkSource {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  return {
    async next() {
      const next = await chunks.next();
      if (next.done === true) return null;
      return typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    },
    async close() {
      // Standard input belongs to the process: stop reading it, do not close it.
      if (owned) stream.destroy();
      else stream.pause();
      await Promise.resolve();
    },
  };
}

// ------------------------------------------------------------------ one input

function notText(): InputError {
  return new InputError(msg("cliReadNulBytes"));
}

/** Throws when the first bytes hold a NUL: not a mail message (`/dev/zero`, a binary file). */
function checkText(bytes: Buffer, checkedSoFar: number): number {
  if (checkedSoFar >= NUL_CHECK_BYTES) return checkedSoFar;
  const end = Math.min(bytes.length, NUL_CHECK_BYTES);
  if (bytes.subarray(checkedSoFar, end).includes(0)) throw notText();
  return end;
}

/** An input's first bytes, enough to tell an mbox (`From `) from one message. */
async function start(source: ChunkSource): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  while (size < FROM_.length) {
    const chunk = await source.next();
    if (chunk === null) break;
    parts.push(chunk);
    size += chunk.length;
  }
  return parts.length === 1 ? (parts[0] ?? Buffer.alloc(0)) : Buffer.concat(parts, size);
}

function isMbox(first: Buffer): boolean {
  return first.length >= FROM_.length && first.compare(FROM_, 0, FROM_.length, 0, FROM_.length) === 0;
}

/**
 * One message: its header block, then — when the pre-filter wants it — up to
 * `KEPT_MESSAGE_BYTES` of it; the rest is not read.
 */
async function singleMessage(file: string, first: Buffer, source: ChunkSource, prefilter: InputOptions["prefilter"]): Promise<Message> {
  let bytes = first;
  let checked = checkText(bytes, 0);
  const more = async (): Promise<boolean> => {
    const chunk = await source.next();
    if (chunk === null) return false;
    const room = KEPT_MESSAGE_BYTES - bytes.length;
    bytes = Buffer.concat([bytes, chunk.length > room ? chunk.subarray(0, room) : chunk]);
    checked = checkText(bytes, checked);
    return true;
  };
  if (prefilter !== null && prefilter !== undefined) {
    let end = headerBlockEnd(bytes);
    while (end === -1 && bytes.length < MAX_HEADER_BYTES && (await more())) end = headerBlockEnd(bytes);
    if (end !== -1 && !prefilter(headerText(bytes, end))) {
      return { file, index: null, bytes: bytes.subarray(0, end), whole: false };
    }
  }
  while (bytes.length < KEPT_MESSAGE_BYTES) if (!(await more())) break;
  return { file, index: null, bytes, whole: true };
}

/** The messages of an mbox, read as a stream (see `MboxSplitter`). */
async function* mboxOf(file: string, first: Buffer, source: ChunkSource, prefilter: InputOptions["prefilter"]): AsyncGenerator<Message> {
  const splitter = new MboxSplitter(KEPT_MESSAGE_BYTES, prefilter ?? null);
  let checked = checkText(first, 0);
  let chunk: Buffer | null = first;
  while (chunk !== null) {
    for (const m of splitter.push(chunk)) yield { file, index: m.index, bytes: m.bytes, whole: m.whole };
    chunk = await source.next();
    if (chunk !== null && checked < NUL_CHECK_BYTES) checked = checkText(Buffer.concat([first, chunk]), checked);
  }
  for (const m of splitter.end()) yield { file, index: m.index, bytes: m.bytes, whole: m.whole };
}

/** Every message of one input; the source is closed at the end, or when the reader stops. */
async function* messagesOfSource(file: string, source: ChunkSource, prefilter: InputOptions["prefilter"]): AsyncGenerator<Message> {
  try {
    const first = await start(source);
    if (isMbox(first)) yield* mboxOf(file, first, source, prefilter);
    else yield await singleMessage(file, first, source, prefilter);
  } catch (error) {
    throw new InputError(systemReason(error));
  } finally {
    await source.close().catch(() => undefined);
  }
}

// ------------------------------------------------------------------ the paths

/** One thing to read, in the order the user gave them. */
type Unit =
  | { readonly kind: "file"; readonly file: string; /** A folder's entry: checked to be a regular file before it is opened. */ readonly entry: boolean }
  | { readonly kind: "stream"; readonly file: string }
  | { readonly kind: "skipped"; readonly item: Skipped };

/** What a unit gives once started: items ready, or an input to stream when its turn comes. */
type Started =
  | { readonly items: readonly Item[] }
  | {
      readonly stream: () => AsyncGenerator<Message>;
      /** Releases the input when it is never read (the reader stopped before its turn). */
      readonly release: () => Promise<void>;
    };

async function* unitsOf(paths: readonly string[]): AsyncGenerator<Unit> {
  for (const path of paths) {
    if (path === "-") {
      yield { kind: "stream", file: path };
      continue;
    }
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      yield { kind: "skipped", item: { file: path, skipped: systemReason(error) } };
      continue;
    }
    if (info.isDirectory()) {
      let names: string[];
      try {
        names = (await readdir(path)).filter((n) => n.toLowerCase().endsWith(".eml")).sort();
      } catch (error) {
        yield { kind: "skipped", item: { file: path, skipped: systemReason(error) } };
        continue;
      }
      for (const name of names) yield { kind: "file", file: join(path, name), entry: true };
    } else if (info.isFile()) {
      yield { kind: "file", file: path, entry: false };
    } else if (info.isFIFO() || info.isCharacterDevice() || info.isSocket()) {
      yield { kind: "stream", file: path };
    } else {
      yield { kind: "skipped", item: { file: path, skipped: msg("cliReadNotFileFolderStream") } };
    }
  }
}

/**
 * A regular file: read now (several at a time). One message is read here; an mbox is only
 * opened here and streamed when its turn comes.
 */
async function startFile(file: string, entry: boolean, prefilter: InputOptions["prefilter"]): Promise<Started> {
  let handle: FileHandle;
  try {
    if (entry && !(await stat(file)).isFile()) {
      // A FIFO, a folder, a device named .eml: never opened (a FIFO would wait for a writer).
      return { items: [{ file, skipped: msg("cliReadNotRegularFile") }] };
    }
    handle = await open(file, "r");
  } catch (error) {
    return { items: [{ file, skipped: systemReason(error) }] };
  }
  const source = fileSource(handle);
  let first: Buffer;
  let mbox = false;
  try {
    first = await start(source);
    mbox = isMbox(first);
    if (!mbox) return { items: [await singleMessage(file, first, source, prefilter)] };
  } catch (error) {
    return { items: [{ file, skipped: systemReason(error) }] };
  } finally {
    if (!mbox) await source.close().catch(() => undefined);
  }
  return {
    release: () => source.close().catch(() => undefined),
    stream: async function* () {
      try {
        yield* mboxOf(file, first, source, prefilter);
      } catch (error) {
        throw new InputError(systemReason(error));
      } finally {
        await source.close().catch(() => undefined);
      }
    },
  };
}

function startUnit(unit: Unit, options: InputOptions): Promise<Started> {
  const prefilter = options.prefilter ?? null;
  switch (unit.kind) {
    case "skipped":
      return Promise.resolve({ items: [unit.item] });
    case "file":
      return startFile(unit.file, unit.entry, prefilter);
    case "stream": {
      const stdin = options.stdin;
      return Promise.resolve({
        release: () => Promise.resolve(),
        stream: () => {
          if (unit.file === "-") {
            if (stdin === undefined) throw new InputError(msg("cliReadNoStdin"));
            return messagesOfSource(unit.file, streamSource(stdin, false), prefilter);
          }
          return messagesOfSource(unit.file, streamSource(createReadStream(unit.file, { highWaterMark: CHUNK_BYTES }), true), prefilter);
        },
      });
    }
  }
}

/**
 * The messages of the paths, in the order given (a folder's `.eml` files in alphabetical
 * order; other entries of a folder, even named `.eml`, are skipped and said, never opened).
 * Up to `concurrency` regular files are read ahead while earlier ones are handled.
 */
export async function* messagesIn(paths: readonly string[], options: InputOptions = {}): AsyncGenerator<Item> {
  const limit = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const units = unitsOf(paths);
  const queue: { readonly file: string; readonly started: Promise<Started> }[] = [];
  let listed = false;
  try {
    yield* drain();
  } finally {
    // The reader stopped early: close what was opened ahead of it.
    for (const pending of queue.splice(0)) {
      const started = await pending.started;
      if ("release" in started) await started.release();
    }
  }

  async function* drain(): AsyncGenerator<Item> {
  for (;;) {
    while (!listed && queue.length < limit) {
      const next = await units.next();
      if (next.done === true) listed = true;
      else queue.push({ file: next.value.kind === "skipped" ? next.value.item.file : next.value.file, started: startUnit(next.value, options) });
    }
    const head = queue.shift();
    if (head === undefined) return;
    const started = await head.started;
    if ("items" in started) {
      yield* started.items;
      continue;
    }
    try {
      yield* started.stream();
    } catch (error) {
      yield { file: head.file, skipped: systemReason(error) };
    }
  }
  }
}

/** The messages of one mbox file, each whole up to the bound (no pre-filter). */
export async function* mboxMessages(path: string): AsyncGenerator<Message> {
  for await (const item of messagesIn([path])) {
    if ("skipped" in item) throw new InputError(item.skipped);
    yield item;
  }
}
