/**
 * A Blob held in memory, for the Node builds (the command line, the benches, the evaluation).
 *
 * The MIME library joins every decoded part through `new Blob(chunks).arrayBuffer()`. In a
 * browser (and in Thunderbird) that is cheap; Node's own Blob hands each chunk to native code
 * and reads it back through a stream, which made that join cost more than the whole parse.
 * The Node bundles replace the global `Blob` of the bundled code by this class (esbuild
 * `inject`), so no global object is changed at run time and the add-on keeps the platform's.
 *
 * It copies its parts into one array when built; reading gives copies of it. Parts may be
 * strings (UTF-8), ArrayBuffers, typed arrays or DataViews, or another InMemoryBlob.
 */

const encoder = new TextEncoder();
const NEWLINE = new Uint8Array([0x0a]);

export type InMemoryBlobPart = string | ArrayBuffer | ArrayBufferView | InMemoryBlob;

export interface InMemoryBlobOptions {
  readonly type?: string;
}

/** The bytes of a part, without copying (the constructor copies them all at once). */
function viewOf(part: InMemoryBlobPart): Uint8Array {
  if (typeof part === "string") return part === "\n" ? NEWLINE : encoder.encode(part);
  if (part instanceof Uint8Array) return part;
  if (part instanceof InMemoryBlob) return part.view();
  if (part instanceof ArrayBuffer) return new Uint8Array(part);
  if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
  throw new TypeError("InMemoryBlob: unsupported part");
}

/** A type as the File API keeps it: lower case, or empty when it has characters outside U+0020–U+007E. */
function blobType(type: string | undefined): string {
  if (type === undefined || !/^[\x20-\x7e]*$/.test(type)) return "";
  return type.toLowerCase();
}

export class InMemoryBlob {
  /** A copy of the parts' bytes, made once: later changes to a part do not reach the blob. */
  readonly #bytes: Uint8Array;
  readonly type: string;

  constructor(parts: Iterable<InMemoryBlobPart> = [], options: InMemoryBlobOptions = {}) {
    const views = Array.from(parts, viewOf);
    let size = 0;
    for (const v of views) size += v.length;
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const v of views) {
      bytes.set(v, at);
      at += v.length;
    }
    this.#bytes = bytes;
    this.type = blobType(options.type);
  }

  get size(): number {
    return this.#bytes.length;
  }

  get [Symbol.toStringTag](): string {
    return "Blob";
  }

  /** The bytes, read-only by contract (for another InMemoryBlob built from this one). */
  view(): Uint8Array {
    return this.#bytes;
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#bytes.slice().buffer);
  }

  bytes(): Promise<Uint8Array> {
    return Promise.resolve(this.#bytes.slice());
  }

  text(): Promise<string> {
    return Promise.resolve(new TextDecoder().decode(this.#bytes));
  }

  slice(start = 0, end: number = this.size, type = ""): InMemoryBlob {
    const clamp = (n: number): number => (n < 0 ? Math.max(this.size + n, 0) : Math.min(n, this.size));
    const from = clamp(Math.trunc(start));
    const to = Math.max(clamp(Math.trunc(end)), from);
    return new InMemoryBlob([this.#bytes.subarray(from, to)], { type });
  }

  stream(): ReadableStream<Uint8Array> {
    const bytes = this.#bytes.slice();
    return new ReadableStream<Uint8Array>({
      start(controller) {
        if (bytes.length > 0) controller.enqueue(bytes);
        controller.close();
      },
    });
  }
}

export { InMemoryBlob as Blob };
