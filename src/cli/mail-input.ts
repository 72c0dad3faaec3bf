/**
 * The messages in the paths given to `classify`: .eml files, mbox files, folders (the mail
 * stores mail-folders.ts reads: Maildir, Thunderbird's folders, subfolders) —
 * or anything that reads as a stream (`-` for standard input, a FIFO, `/dev/stdin`, a process
 * substitution `<(…)`). Regular files are read ahead of their turn (at most `concurrency`
 * paths started; each read synchronously, which for a file costs less than a round trip
 * through the thread pool) and given back in the order the user listed them; streams are read when their
 * turn comes, never by position (a pipe cannot seek). Of each message only the header block
 * is read first; its body is read (up to a bound) only when the pre-filter asks for it. A
 * huge mailbox, an endless pipe or `/dev/zero` cannot fill the memory.
 */
import { closeSync, constants, createReadStream, openSync, read, readSync, statSync, type Stats } from "node:fs";
import type { Readable } from "node:stream";
import { msg, type Message as Text } from "../core/i18n/text.js";
import { MAX_MESSAGE_BYTES } from "../core/notices/index.js";
import { headerBlockEnd, headerText, MAX_HEADER_BYTES } from "./header-block.js";
import { beginsAsMessage, blankLead, folderEntries, type FolderEntry, type FsPath } from "./mail-folders.js";
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
  /** Paths started (looked at, regular files read) ahead of the one being handled. */
  readonly concurrency?: number;
}

/** What is kept of one message: what the classifier reads, and a margin. */
export const KEPT_MESSAGE_BYTES = MAX_MESSAGE_BYTES + 64 * 1024;

/** Paths started ahead by default: a few messages held in memory, few open files. */
export const DEFAULT_CONCURRENCY = 12;

/** How far an input is checked for NUL bytes: a mail is text, `/dev/zero` is not. */
const NUL_CHECK_BYTES = 4096;
/** More than one byte in 16 of that block being a control byte: binary data, not text. */
const CONTROL_SHARE_DENOMINATOR = 16;
const CHUNK_BYTES = 64 * 1024;
/** The first read of a file of unknown size: most messages' header block, most notices whole. */
const FIRST_READ_BYTES = 16 * 1024;
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
  /**
   * From now on, the input is read through to its end (an mbox): read ahead, in larger
   * chunks, into two buffers used in turn. A chunk is then valid only until the next call.
   */
  streamOn(): void;
}

/** The chunk size of an mbox read through. */
const STREAM_CHUNK_BYTES = 512 * 1024;

/**
 * A regular file (an open descriptor), read by the given size first (a file read in full ends
 * on a short read). Reads are synchronous: a regular file's bytes come from the page cache or
 * one disk read, and a round trip through the thread pool for each cost more than the read
 * itself. Only the read-ahead of an mbox read through (see streamOn) is asynchronous.
 */
function fileSource(fd: number, firstRead: number): ChunkSource {
  let ended = false;
  let closed = false;
  let released = false;
  let size = Math.max(1, firstRead);
  // Read-ahead (see streamOn): two buffers; one is read into while the other is handed out.
  let buffers: [Buffer, Buffer] | null = null;
  let turn = 0;
  let ahead: Promise<Buffer | null> | null = null;
  const got = (buffer: Buffer, bytesRead: number): Buffer | null => {
    if (bytesRead < buffer.length) ended = true;
    return bytesRead === 0 ? null : buffer.subarray(0, bytesRead);
  };
  const readNow = (buffer: Buffer): Buffer | null => (ended || closed ? null : got(buffer, readSync(fd, buffer, 0, buffer.length, null)));
  const readLater = (buffer: Buffer): Promise<Buffer | null> =>
    new Promise((resolve, reject) => {
      if (ended || closed) {
        resolve(null);
        return;
      }
      read(fd, buffer, 0, buffer.length, null, (error, bytesRead) => {
        if (error) reject(error);
        else resolve(got(buffer, bytesRead));
      });
    });
  const readAhead = (): void => {
    if (buffers === null || ended) return;
    turn = 1 - turn;
    ahead = readLater(buffers[turn] ?? Buffer.alloc(0));
  };
  return {
    async next() {
      if (ahead !== null) {
        const chunk = await ahead;
        ahead = null;
        readAhead();
        return chunk;
      }
      // A file read to its end (most are, in one read) needs no buffer for the next.
      if (ended || closed) return null;
      const chunk = readNow(Buffer.allocUnsafe(size));
      size = CHUNK_BYTES;
      return chunk;
    },
    streamOn() {
      // Already read to its end (a small mbox): nothing to read ahead.
      if (buffers !== null || ended) return;
      buffers = [Buffer.allocUnsafe(STREAM_CHUNK_BYTES), Buffer.allocUnsafe(STREAM_CHUNK_BYTES)];
      readAhead();
    },
    async close() {
      closed = true;
      // A read still under way uses the descriptor: let it finish first.
      if (ahead !== null) await ahead.catch(() => null);
      if (released) return;
      released = true;
      closeSync(fd);
    },
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
    streamOn() {
      // A stream reads ahead by itself.
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

/** A control byte that no text holds (NUL and the like; not tab, line ends, form feed, escape). */
// eslint-disable-next-line no-control-regex -- matching control bytes is the point
const CONTROL_BYTE = /[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]/;

/** Whether a byte is one of CONTROL_BYTE. */
function isControl(b: number): boolean {
  return b < 0x20 ? b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b : b === 0x7f;
}

/**
 * Throws when many of the first bytes are NULs or other control bytes: not a mail message
 * (`/dev/zero`, `/dev/urandom`, a binary file). A stray NUL in a real message (one at the end of a bounce, one in an mbox's
 * message) is not enough: the other messages would be lost.
 */
function checkText(bytes: Buffer, checkedSoFar: number): number {
  if (checkedSoFar >= NUL_CHECK_BYTES) return checkedSoFar;
  const end = Math.min(bytes.length, NUL_CHECK_BYTES);
  // Most inputs hold no control byte at all: one search by the engine says so.
  if (!CONTROL_BYTE.test(bytes.toString("latin1", 0, end))) return end;
  let nuls = 0;
  for (let i = 0; i < end; i++) if (isControl(bytes[i] ?? 0)) nuls++;
  if (nuls * CONTROL_SHARE_DENOMINATOR > end) throw notText();
  return end;
}

/** Throws for an input without a single byte: nothing to classify, not ordinary mail. */
function checkNotEmpty(first: Buffer): void {
  if (first.length === 0) throw new InputError(msg("cliReadEmpty"));
}

/**
 * An input's first bytes, enough to tell an mbox (`From `) from one message: past blank lines
 * before them, however the input comes in chunks, up to `KEPT_MESSAGE_BYTES` of blank lines
 * (more is not mail).
 */
async function start(source: ChunkSource): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  // Bytes of blank lines at the start, while nothing else has come (a line split between two
  // chunks may be counted short: then reading stops early, never late).
  let lead = 0;
  while (size - lead < FROM_.length && size < KEPT_MESSAGE_BYTES) {
    const chunk = await source.next();
    if (chunk === null) break;
    if (lead === size) lead += blankLead(chunk);
    parts.push(chunk);
    size += chunk.length;
  }
  return parts.length === 1 ? (parts[0] ?? Buffer.alloc(0)) : Buffer.concat(parts, size);
}

function isMbox(first: Buffer): boolean {
  return first.length >= FROM_.length && first.compare(FROM_, 0, FROM_.length, 0, FROM_.length) === 0;
}

/**
 * An mbox's bytes from its first `From ` line, past blank lines before it (a mailbox written
 * with a line end first); null when the input does not begin as an mbox. `sniffed`: a file of
 * no mail name, taken for an mbox only if a message's header follows its first line (a letter
 * that begins "From the desk of…" is not one).
 */
function mboxStart(first: Buffer, sniffed: boolean): Buffer | null {
  const from = first.subarray(blankLead(first));
  if (!isMbox(from)) return null;
  if (!sniffed) return from;
  const lineEnd = from.indexOf(0x0a);
  return lineEnd !== -1 && beginsAsMessage(from.subarray(lineEnd + 1)) ? from : null;
}

/**
 * One message: its header block, then — when the pre-filter wants it — up to
 * `KEPT_MESSAGE_BYTES` of it; the rest is not read.
 */
async function singleMessage(file: string, first: Buffer, source: ChunkSource, prefilter: InputOptions["prefilter"]): Promise<Message> {
  checkNotEmpty(first);
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
  source.streamOn();
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
    const mbox = mboxStart(first, false);
    if (mbox !== null) yield* mboxOf(file, mbox, source, prefilter);
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
  /** A path given by the user: what it is is found out when it is started. */
  | { readonly kind: "path"; readonly file: string }
  /** What a folder holds (see mail-folders.ts). */
  | FolderEntry
  /** Where the entries of a folder the user gave end: said when it held no message. */
  | { readonly kind: "end"; readonly file: string };

/** What a unit gives once started: items ready, a folder's entries, or an input to stream when its turn comes. */
type Started =
  | { readonly items: readonly Item[] }
  /** `top`: the folder is a path the user gave. */
  | { readonly units: readonly Unit[]; readonly top: boolean }
  | {
      readonly stream: () => AsyncGenerator<Message>;
      /** Releases the input when it is never read (the reader stopped before its turn). */
      readonly release: () => Promise<void>;
    };

/**
 * A folder's entries (see mail-folders.ts). Only an entry listed as a regular file is opened
 * without a check: a symbolic link, a FIFO or a device where a message should be is looked at
 * first, and only a regular file is opened (a FIFO would wait for a writer).
 */
async function folderUnits(file: string, path: FsPath, depth: number, maildirBox: boolean): Promise<Started> {
  return { units: await folderEntries(file, path, depth, maildirBox), top: depth === 0 };
}

/**
 * A regular file: read now (ahead of its turn). One message is read here; an mbox is only
 * opened here and streamed when its turn comes. `file`: the path as shown; `path`: what it is
 * opened by; `size`: the file's size when known. `sniffed`: a folder's file of no mail name,
 * read only if it begins as mail (an empty one, or one that does not, gives nothing and is not
 * said).
 */
async function startFile(
  file: string,
  path: FsPath,
  size: number | null,
  prefilter: InputOptions["prefilter"],
  sniffed = false,
): Promise<Started> {
  let fd: number;
  try {
    // Not blocking: a FIFO put in the place of a regular file is not waited for.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { items: [{ file, skipped: systemReason(error) }] };
  }
  // A small file is read in one call (one more byte: its end is seen without a second read).
  const source = fileSource(fd, size === null ? FIRST_READ_BYTES : Math.min(size + 1, CHUNK_BYTES));
  let first: Buffer | null = null;
  try {
    const begun = await start(source);
    first = mboxStart(begun, sniffed);
    if (first === null) {
      if (sniffed && !beginsAsMessage(begun)) return { items: [] };
      return { items: [await singleMessage(file, begun, source, prefilter)] };
    }
  } catch (error) {
    return { items: [{ file, skipped: systemReason(error) }] };
  } finally {
    if (first === null) await source.close().catch(() => undefined);
  }
  const mbox = first;
  return {
    release: () => source.close().catch(() => undefined),
    stream: async function* () {
      try {
        yield* mboxOf(file, mbox, source, prefilter);
      } catch (error) {
        throw new InputError(systemReason(error));
      } finally {
        await source.close().catch(() => undefined);
      }
    },
  };
}

function streamOf(file: string, options: InputOptions): Started {
  const prefilter = options.prefilter ?? null;
  const stdin = options.stdin;
  return {
    release: () => Promise.resolve(),
    stream: () => {
      if (file === "-") {
        if (stdin === undefined) throw new InputError(msg("cliReadNoStdin"));
        return messagesOfSource(file, streamSource(stdin, false), prefilter);
      }
      return messagesOfSource(file, streamSource(createReadStream(file, { highWaterMark: CHUNK_BYTES }), true), prefilter);
    },
  };
}

async function startUnit(unit: Unit, options: InputOptions): Promise<Started> {
  const prefilter = options.prefilter ?? null;
  const file = unit.file;
  switch (unit.kind) {
    case "end":
      return { items: [] };
    case "skipped":
      return { items: [{ file, skipped: unit.skipped }] };
    case "maybe":
      return startFile(file, unit.path, null, prefilter, true);
    case "folder":
      try {
        return await folderUnits(file, unit.path, unit.depth, unit.maildirBox);
      } catch (error) {
        return { items: [{ file, skipped: systemReason(error) }] };
      }
    case "entry":
      if (unit.checked) return startFile(file, unit.path, null, prefilter);
      break;
    case "path":
      if (file === "-") return streamOf(file, options);
      break;
  }
  const path = unit.kind === "entry" ? unit.path : file;
  let info: Stats;
  try {
    info = statSync(path);
    if (unit.kind === "entry") {
      if (!info.isFile()) return { items: [{ file, skipped: msg("cliReadNotRegularFile") }] };
      return await startFile(file, path, info.size, prefilter);
    }
    if (info.isDirectory()) return await folderUnits(file, path, 0, false);
  } catch (error) {
    return { items: [{ file, skipped: systemReason(error) }] };
  }
  if (info.isFile()) return startFile(file, path, info.size, prefilter);
  if (info.isFIFO() || info.isCharacterDevice() || info.isSocket()) return streamOf(file, options);
  return { items: [{ file, skipped: msg("cliReadNotFileFolderStream") }] };
}

interface Entry {
  readonly unit: Unit;
  started?: Promise<Started>;
}

/**
 * The messages of the paths, in the order given (a folder's entries in the order of their
 * names, each subfolder where it falls: see mail-folders.ts; an entry where a message should
 * be that is not a regular file is said, never opened; a folder given that holds no message is
 * said). Up to `concurrency` paths are looked at and regular files read ahead while earlier
 * ones are handled; streams (pipes, devices, standard input) are read only when their turn comes.
 */
export async function* messagesIn(paths: readonly string[], options: InputOptions = {}): AsyncGenerator<Item> {
  const limit = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  // What is still to read, the next one LAST: a folder's entries (a Maildir may hold hundreds of
  // thousands) are pushed in reverse, one at a time, and taken from the end, each in constant time.
  const stack: Entry[] = [];
  let next = 0;
  // Messages found since the folder the user gave (being read) was started.
  let inFolder = 0;
  const fill = (): void => {
    // A path given later goes below everything still to read (few entries then: cheap).
    while (stack.length < limit && next < paths.length) stack.unshift({ unit: { kind: "path", file: paths[next++] ?? "" } });
    for (let k = stack.length - 1; k >= Math.max(0, stack.length - limit); k--) {
      const entry = stack[k];
      if (entry !== undefined) entry.started ??= startUnit(entry.unit, options);
    }
  };
  try {
    for (;;) {
      fill();
      const head = stack.pop();
      if (head === undefined) return;
      if (head.unit.kind === "end") {
        // A folder without a single message is said: an empty result must not read as "no bounce".
        if (inFolder === 0) yield { file: head.unit.file, skipped: msg("cliReadNoMessageInFolder") };
        continue;
      }
      const started = await (head.started ?? startUnit(head.unit, options));
      if ("units" in started) {
        if (started.top) {
          inFolder = 0;
          stack.push({ unit: { kind: "end", file: head.unit.file } });
        }
        for (let k = started.units.length - 1; k >= 0; k--) {
          const unit = started.units[k];
          if (unit !== undefined) stack.push({ unit });
        }
      } else if ("items" in started) {
        for (const item of started.items) {
          if (!("skipped" in item)) inFolder++;
          yield item;
        }
      } else {
        try {
          for await (const item of started.stream()) {
            inFolder++;
            yield item;
          }
        } catch (error) {
          yield { file: head.unit.file, skipped: systemReason(error) };
        }
      }
    }
  } finally {
    // The reader stopped early: close what was opened ahead of it.
    for (const pending of stack.splice(0)) {
      const started = await pending.started;
      if (started !== undefined && "release" in started) await started.release();
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
