/**
 * The messages in a path given to `classify`: an .eml file, a folder of them, an mbox —
 * or anything that reads as a stream (a FIFO, `/dev/stdin`, a process substitution
 * `<(…)`). Everything is read as a stream, never by position (a pipe cannot seek), and
 * never more than the classifier reads of one message is held: a huge mailbox, an endless
 * pipe or `/dev/zero` cannot fill the memory.
 */
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Text } from "../core/i18n/text.js";
import { MAX_MESSAGE_BYTES } from "../core/notices/index.js";

export interface Message {
  readonly file: string;
  /** Position in an mbox file (1 for the first message); null for a single message. */
  readonly index: number | null;
  readonly bytes: Uint8Array;
}

/** A path, or a file in a folder, that is not read, and why. */
export interface Skipped {
  readonly file: string;
  readonly skipped: Text;
}

/** A path that cannot be read at all, and why (in both languages). */
export class InputError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

/** What is kept of one message: what the classifier reads, and a margin. */
export const KEPT_MESSAGE_BYTES = MAX_MESSAGE_BYTES + 64 * 1024;

/** How far a message is checked for NUL bytes: a mail is text, `/dev/zero` is not. */
const NUL_CHECK_BYTES = 4096;

const FROM_ = Buffer.from("From ");

function systemReason(error: unknown): Text {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  switch (code) {
    case "ENOENT":
      return { fr: "ce chemin n'existe pas", en: "no such file or folder" };
    case "ELOOP":
      return { fr: "boucle de liens symboliques", en: "symbolic link loop" };
    case "EACCES":
    case "EPERM":
      return { fr: "accès refusé", en: "permission denied" };
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return { fr: message, en: message };
    }
  }
}

/** `stat`, with a reason in both languages when it fails. */
async function statOf(path: string): Promise<Awaited<ReturnType<typeof stat>>> {
  try {
    return await stat(path);
  } catch (error) {
    throw new InputError(systemReason(error));
  }
}

/**
 * The messages of a path, in order. A folder gives its `.eml` regular files (other entries,
 * even named `.eml` — a folder, a FIFO, a device — are skipped and said, never opened:
 * opening a FIFO with no writer would wait for ever). Throws `InputError` when the path
 * cannot be read at all.
 */
export async function* messagesIn(path: string): AsyncGenerator<Message | Skipped> {
  const info = await statOf(path);
  if (info.isDirectory()) {
    const names = (await readdir(path)).filter((n) => n.toLowerCase().endsWith(".eml")).sort();
    for (const name of names) {
      const file = join(path, name);
      let entry: Awaited<ReturnType<typeof stat>>;
      try {
        entry = await stat(file);
      } catch (error) {
        yield { file, skipped: systemReason(error) };
        continue;
      }
      if (!entry.isFile()) {
        yield { file, skipped: { fr: "ce n'est pas un fichier ordinaire", en: "not a regular file" } };
        continue;
      }
      yield* messagesOfStream(file);
    }
    return;
  }
  if (info.isFile() || info.isFIFO() || info.isCharacterDevice() || info.isSocket()) {
    yield* messagesOfStream(path);
    return;
  }
  throw new InputError({ fr: "ni un fichier, ni un dossier, ni un flux", en: "neither a file, a folder nor a stream" });
}

/** The bytes of a readable path, chunk by chunk; the file is closed when the reader stops. */
async function* chunksOf(path: string): AsyncGenerator<Buffer> {
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    throw new InputError(systemReason(error));
  } finally {
    stream.destroy();
  }
}

/**
 * One message or an mbox, told apart by the first five bytes, read from the stream itself
 * (a pipe cannot be read twice).
 */
async function* messagesOfStream(path: string): AsyncGenerator<Message> {
  const source = chunksOf(path);
  try {
    const head: Buffer[] = [];
    let headSize = 0;
    while (headSize < FROM_.length) {
      const next = await source.next();
      if (next.done === true) break;
      head.push(next.value);
      headSize += next.value.length;
    }
    const start = Buffer.concat(head);
    async function* all(): AsyncGenerator<Buffer> {
      if (start.length > 0) yield start;
      for (;;) {
        const next = await source.next();
        if (next.done === true) return;
        yield next.value;
      }
    }
    if (start.subarray(0, FROM_.length).equals(FROM_)) {
      yield* mboxOf(path, all());
      return;
    }
    yield { file: path, index: null, bytes: await singleMessage(all()) };
  } finally {
    await source.return(undefined);
  }
}

/**
 * One message: its first `KEPT_MESSAGE_BYTES` (what the classifier reads); the rest is not
 * read. Throws on NUL bytes at its start: not a mail message (`/dev/zero`, a binary file).
 */
async function singleMessage(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  let checked = false;
  for await (const chunk of chunks) {
    const piece = chunk.length > KEPT_MESSAGE_BYTES - size ? chunk.subarray(0, KEPT_MESSAGE_BYTES - size) : chunk;
    parts.push(piece);
    size += piece.length;
    if (!checked && size >= NUL_CHECK_BYTES) {
      checked = true;
      if (Buffer.concat(parts).subarray(0, NUL_CHECK_BYTES).includes(0)) throw notText();
    }
    if (size >= KEPT_MESSAGE_BYTES) break;
  }
  const bytes = Buffer.concat(parts, size);
  if (!checked && bytes.includes(0)) throw notText();
  return bytes;
}

function notText(): InputError {
  return new InputError({
    fr: "octets nuls au début : ce n'est pas un message (fichier .eml) ni un fichier mbox",
    en: "NUL bytes at the start: not a mail message (.eml file) nor an mbox file",
  });
}

/** The messages of an mbox file, read as a stream (see `mboxOf`). */
export async function* mboxMessages(path: string): AsyncGenerator<Message> {
  yield* mboxOf(path, chunksOf(path));
}

/**
 * Splits an mbox on its `From ` separator lines (the first line, or one that follows a
 * blank line) and restores `>From ` lines (mboxrd). Keeps only what the classifier reads
 * of each message, so that huge or endless mailboxes fit in memory.
 */
async function* mboxOf(path: string, chunks: AsyncIterable<Buffer>): AsyncGenerator<Message> {
  const keep = KEPT_MESSAGE_BYTES;
  let parts: Buffer[] = [];
  let size = 0;
  // In an object: updated from the helpers below.
  const state = { index: 0, started: false, previousBlank: true };
  let partial: Buffer = Buffer.alloc(0);

  const take = (line: Buffer): void => {
    if (size >= keep) return;
    const piece = size + line.length > keep ? line.subarray(0, keep - size) : line;
    parts.push(piece);
    size += piece.length;
  };
  const finish = (): Message | null => {
    if (!state.started) return null;
    const message: Message = { file: path, index: state.index, bytes: Buffer.concat(parts) };
    parts = [];
    size = 0;
    return message;
  };
  const handleLine = (line: Buffer): Message | null => {
    // `line` ends with its LF (except the very last line of the file).
    let out: Message | null = null;
    if (line.subarray(0, 5).equals(FROM_) && (state.previousBlank || !state.started)) {
      out = finish();
      state.started = true;
      state.index++;
    } else {
      let content = line;
      // mboxrd: ">From ", ">>From "… lost one ">" when written.
      let k = 0;
      while (k < content.length && content[k] === 0x3e) k++;
      if (k > 0 && content.subarray(k, k + 5).equals(FROM_)) content = content.subarray(1);
      if (state.started) take(content);
    }
    state.previousBlank = line.toString("latin1").trim() === "";
    return out;
  };

  for await (const chunk of chunks) {
    const data = partial.length > 0 ? Buffer.concat([partial, chunk]) : chunk;
    let start = 0;
    for (let i = 0; i < data.length; i++) {
      if (data[i] !== 0x0a) continue;
      const message = handleLine(data.subarray(start, i + 1));
      if (message !== null) yield message;
      start = i + 1;
    }
    partial = Buffer.from(data.subarray(start));
    // A line longer than what is kept of a message need not be held whole.
    if (partial.length > keep) {
      if (state.started) take(partial);
      partial = Buffer.alloc(0);
      state.previousBlank = false;
    }
  }
  if (partial.length > 0) {
    const message = handleLine(partial);
    if (message !== null) yield message;
  }
  const last = finish();
  if (last !== null) yield last;
}
