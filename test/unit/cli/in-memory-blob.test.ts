/**
 * The in-memory Blob of the Node builds behaves as the platform's Blob does for every mix of
 * parts, and the command line built with it classifies exactly as the core does with the
 * platform's Blob.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InMemoryBlob } from "../../../src/cli/in-memory-blob.js";
import { classifyMessage } from "../../../src/core/notices/index.js";
import { ROOT } from "../manifest/files.js";
import { buildPrivateCommandLine } from "./private-build.js";

type Part = { kind: "text"; value: string } | { kind: "bytes"; value: Uint8Array } | { kind: "buffer"; value: Uint8Array } | { kind: "view"; value: Uint8Array };

const part: fc.Arbitrary<Part> = fc.oneof(
  fc.record({ kind: fc.constant("text" as const), value: fc.oneof(fc.string(), fc.constant("\n"), fc.string({ unit: "grapheme" })) }),
  fc.record({ kind: fc.constant("bytes" as const), value: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({ kind: fc.constant("buffer" as const), value: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({ kind: fc.constant("view" as const), value: fc.uint8Array({ minLength: 4, maxLength: 64 }) }),
);

/** The same part for both Blobs (a DataView over the middle of a larger buffer for "view"). */
function asPart(p: Part): string | ArrayBuffer | ArrayBufferView<ArrayBuffer> {
  switch (p.kind) {
    case "text":
      return p.value;
    case "bytes":
      return p.value.slice();
    case "buffer":
      return p.value.slice().buffer;
    case "view":
      return new DataView(p.value.slice().buffer, 1, p.value.length - 2);
  }
}

async function bytesOf(blob: { arrayBuffer(): Promise<ArrayBuffer> }): Promise<number[]> {
  return [...new Uint8Array(await blob.arrayBuffer())];
}

describe("InMemoryBlob", () => {
  it("gives the bytes, size, text and type the platform's Blob gives, for any parts", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(part, { maxLength: 12 }), fc.string({ maxLength: 20 }), async (parts, type) => {
        const ours = new InMemoryBlob(parts.map(asPart), { type });
        const platform = new Blob(parts.map(asPart), { type });
        expect(ours.size).toBe(platform.size);
        expect(ours.type).toBe(platform.type);
        expect(await bytesOf(ours)).toEqual(await bytesOf(platform));
        expect(await ours.text()).toBe(await platform.text());
      }),
      { numRuns: 300 },
    );
  });

  it("slices as the platform's Blob does, negative and out-of-range bounds included", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 40 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }), async (data, start, end) => {
        const ours = new InMemoryBlob([data]).slice(start, end, "text/plain");
        const platform = new Blob([data]).slice(start, end, "text/plain");
        expect(await bytesOf(ours)).toEqual(await bytesOf(platform));
        expect(ours.type).toBe(platform.type);
      }),
    );
  });

  it("keeps the bytes it was given, whatever happens to the parts afterwards", async () => {
    const chunk = new Uint8Array([1, 2, 3]);
    const blob = new InMemoryBlob([chunk, "\n", chunk]);
    chunk[0] = 99;
    expect(await bytesOf(blob)).toEqual([1, 2, 3, 10, 1, 2, 3]);
    const read = new Uint8Array(await blob.arrayBuffer());
    read[1] = 42;
    expect(await bytesOf(blob)).toEqual([1, 2, 3, 10, 1, 2, 3]);
  });

  it("streams its bytes, nests, and names itself a Blob", async () => {
    const inner = new InMemoryBlob(["ab"]);
    const blob = new InMemoryBlob([inner, "c"]);
    const chunks: number[] = [];
    for await (const chunk of blob.stream() as unknown as AsyncIterable<Uint8Array>) chunks.push(...chunk);
    expect(String.fromCharCode(...chunks)).toBe("abc");
    expect(Object.prototype.toString.call(blob)).toBe("[object Blob]");
    expect([...(await blob.bytes())]).toEqual([97, 98, 99]);
  });
});

describe("the command line built with it", () => {
  let work: string;
  let cli: string;
  beforeAll(() => {
    ({ work, cli } = buildPrivateCommandLine("mssante-blob-"));
  }, 60_000);
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it("joins decoded parts with the in-memory Blob, not the platform's", () => {
    const code = readFileSync(cli.replace(/\.mjs$/, ".cjs"), "utf8");
    expect(code).toMatch(/new InMemoryBlob\(this\.chunks/);
    expect(code).not.toMatch(/new Blob\(/);
  });

  it("classifies the project's notice fixtures exactly as the core does in this process", async () => {
    const dir = join(ROOT, "test", "fixtures", "notices");
    const files = readdirSync(dir).filter((f) => f.endsWith(".eml")).sort();
    expect(files.length).toBeGreaterThan(20);
    const out = execFileSync(process.execPath, [cli, "classify", "--json", ...files.map((f) => join(dir, f))], { cwd: ROOT, encoding: "utf8" });
    const lines = out.trim().split("\n").map((l) => JSON.parse(l) as { kind: string; recipients: unknown[] });
    expect(lines).toHaveLength(files.length);
    for (const [i, f] of files.entries()) {
      const expected = await classifyMessage(new Uint8Array(readFileSync(join(dir, f))));
      expect({ file: f, kind: lines[i]?.kind, recipients: lines[i]?.recipients.length }).toEqual({
        file: f,
        kind: expected.kind,
        recipients: expected.recipients.length,
      });
    }
  });
});
