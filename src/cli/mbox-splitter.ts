/**
 * Splits an mbox as it is read, chunk by chunk, never holding the whole file nor any chunk
 * after `push` returns (what it keeps is copied): a message
 * starts at a `From ` line that is the first line or follows a blank line, or at a full
 * postmark line (`From sender <asctime date>`); `>From ` lines
 * (mboxrd) lose one `>`. Of each message it keeps its header block, then — only when the
 * pre-filter (if any) lets the message through — its body, up to a bound. Bodies that are
 * not kept are skipped by searching for the next separator, without looking at every line.
 */
import { headerBlockEnd, headerText, MAX_HEADER_BYTES } from "./header-block.js";

export interface MboxMessage {
  /** 1 for the first message of the file. */
  readonly index: number;
  readonly bytes: Uint8Array;
  /** False when only the header block was kept (the pre-filter turned the message down). */
  readonly whole: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const GT = 0x3e;
const FROM_ = Buffer.from("From ");
const NEWLINE_FROM_ = Buffer.from("\nFrom ");

/** What is done with the rest of the message being read. */
type Phase = "header" | "body" | "skip";

function startsWithFrom(data: Buffer, at: number): boolean {
  return data.length - at >= FROM_.length && data.compare(FROM_, 0, FROM_.length, at, at + FROM_.length) === 0;
}

/**
 * A full postmark line (`From sender Mon Dec  1 10:00:00 2025`, as mbox writers put it): a
 * separator even without a blank line before it, as mail readers accept it. Body text that
 * starts with "From " is not followed by an asctime date.
 */
const POSTMARK =
  /^From \S{1,300} {1,4}(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2} \d\d:\d\d(?::\d\d)? (?:\S{1,40} )?\d{4}\s*$/;

function isPostmark(line: Buffer): boolean {
  return line.length <= 400 && POSTMARK.test(line.toString("latin1"));
}

function isBlank(line: Buffer): boolean {
  return line.length === 0 || (line.length === 1 && line[0] === CR);
}

export class MboxSplitter {
  private index = 0;
  private started = false;
  /** The line before the one being read was blank (or there was none). */
  private previousBlank = true;
  /** The start of the current line, when the last chunk ended inside it. */
  private partial: Buffer = Buffer.alloc(0);
  /** The current line began in a chunk whose start was dropped: it cannot be blank nor a separator. */
  private midLine = false;
  private phase: Phase = "header";
  private parts: Buffer[] = [];
  private size = 0;
  private whole = true;

  /**
   * @param keep the most kept of a message (header and body)
   * @param prefilter given a message's header block, whether its body is needed; null: always
   */
  constructor(
    private readonly keep: number,
    private readonly prefilter: ((header: string) => boolean) | null = null,
  ) {}

  /** Feeds the next chunk; returns the messages it completed. */
  push(chunk: Buffer): MboxMessage[] {
    const out: MboxMessage[] = [];
    const data = chunk;
    let pos = 0;
    if (this.partial.length > 0) {
      // The line begun in the last chunk: finished here (only that line is copied).
      const end = data.indexOf(LF);
      const line = Buffer.concat([this.partial, end === -1 ? data : data.subarray(0, end + 1)]);
      this.partial = Buffer.alloc(0);
      if (end === -1) {
        this.holdPartial(line);
        return out;
      }
      this.line(line, out);
      pos = end + 1;
    }
    while (pos < data.length) {
      if (this.phase === "skip" && !this.midLine && !(this.previousBlank && startsWithFrom(data, pos))) {
        const next = this.nextSeparator(data, pos);
        if (next === -1) {
          // Nothing to keep before the end of the chunk: keep only the last line's start.
          const last = data.lastIndexOf(LF);
          if (last >= pos) {
            const before = data.lastIndexOf(LF, last - 1);
            this.previousBlank = isBlank(data.subarray(Math.max(before + 1, pos), last));
            pos = last + 1;
          }
          this.holdPartial(data.subarray(pos));
          return out;
        }
        pos = next;
        this.previousBlank = true;
      }
      const end = data.indexOf(LF, pos);
      if (end === -1) {
        this.holdPartial(data.subarray(pos));
        return out;
      }
      this.line(data.subarray(pos, end + 1), out);
      pos = end + 1;
    }
    return out;
  }

  /** Ends the input; returns the last message. */
  end(): MboxMessage[] {
    const out: MboxMessage[] = [];
    if (this.partial.length > 0) this.line(this.partial, out);
    this.partial = Buffer.alloc(0);
    const last = this.finish();
    if (last !== null) out.push(last);
    return out;
  }

  /** The offset of the next separator line at or after `pos` (a line start), or -1. */
  private nextSeparator(data: Buffer, pos: number): number {
    for (let j = data.indexOf(NEWLINE_FROM_, pos); j !== -1; j = data.indexOf(NEWLINE_FROM_, j + 1)) {
      const before = data.lastIndexOf(LF, j - 1);
      const lineStart = before + 1 < pos ? pos : before + 1;
      if (isBlank(data.subarray(lineStart, j))) return j + 1;
      const end = data.indexOf(LF, j + 1);
      if (end !== -1 && isPostmark(data.subarray(j + 1, end))) return j + 1;
    }
    return -1;
  }

  /** Keeps an unfinished line for the next chunk, bounded: a longer one is taken or dropped. */
  private holdPartial(rest: Buffer): void {
    if (rest.length <= this.keep) {
      this.partial = Buffer.from(rest);
      return;
    }
    if (this.started && this.phase !== "skip") this.take(rest);
    this.midLine = true;
    this.previousBlank = false;
  }

  /** One line, with its LF (the last line of the input may have none). */
  private line(line: Buffer, out: MboxMessage[]): void {
    const midLine = this.midLine;
    this.midLine = false;
    if (!midLine && startsWithFrom(line, 0) && (this.previousBlank || !this.started || isPostmark(line))) {
      const message = this.finish();
      if (message !== null) out.push(message);
      this.started = true;
      this.index++;
      this.phase = "header";
      this.previousBlank = false;
      return;
    }
    const blank = !midLine && isBlank(line.subarray(0, line.length - (line[line.length - 1] === LF ? 1 : 0)));
    this.previousBlank = blank;
    if (!this.started || this.phase === "skip") return;
    let k = 0;
    while (k < line.length && line[k] === GT) k++;
    this.take(k > 0 && startsWithFrom(line, k) ? line.subarray(1) : line);
    if (this.phase !== "header") return;
    if (blank && this.size > line.length) this.endOfHeader(true);
    else if (this.size >= MAX_HEADER_BYTES) this.endOfHeader(false);
  }

  /** `complete`: the blank line was seen; a header block cut by the bound is never turned down. */
  private endOfHeader(complete: boolean): void {
    this.phase = "body";
    if (this.prefilter === null || !complete) return;
    const bytes = Buffer.concat(this.parts, this.size);
    const end = headerBlockEnd(bytes);
    if (this.prefilter(headerText(bytes, end === -1 ? bytes.length : end))) return;
    this.parts = [bytes];
    this.phase = "skip";
    this.whole = false;
  }

  private take(piece: Buffer): void {
    if (this.size >= this.keep) {
      this.phase = "skip";
      return;
    }
    const part = this.size + piece.length > this.keep ? piece.subarray(0, this.keep - this.size) : piece;
    this.parts.push(Buffer.from(part));
    this.size += part.length;
  }

  private finish(): MboxMessage | null {
    if (!this.started) return null;
    const message: MboxMessage = { index: this.index, bytes: Buffer.concat(this.parts, this.size), whole: this.whole };
    this.parts = [];
    this.size = 0;
    this.whole = true;
    return message;
  }
}
