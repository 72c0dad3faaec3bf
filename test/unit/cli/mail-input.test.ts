/**
 * What `classify` reads: the header block first, the body only for candidates; several
 * files at a time, results in the order given; `-` for standard input; endless inputs
 * bounded.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fc from "fast-check";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { classifyCommand } from "../../../src/cli/classify-command.js";
import { messagesIn, type Item } from "../../../src/cli/mail-input.js";
import { looksLikeNotice } from "../../../src/core/notices/index.js";
import { ROOT } from "../manifest/files.js";
import { sink, type CliResult } from "./fake-io.js";

const FIXTURES = join(ROOT, "test", "fixtures", "notices");
const BOUNCE = join(FIXTURES, "mes-closed-dsn-fr.eml");
const ORDINARY_HEADER = "From: Claire Petit <claire.petit@example.org>\r\nTo: dr.martin@medecin.mssante.fr\r\nSubject: Radio du thorax\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n";

let work = "";
const writers: ChildProcess[] = [];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mssante-input-"));
});
afterEach(() => {
  for (const writer of writers.splice(0)) if (writer.exitCode === null && writer.signalCode === null) writer.kill("SIGKILL");
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

async function collect(paths: string[], options: Parameters<typeof messagesIn>[1] = {}): Promise<Item[]> {
  const items: Item[] = [];
  for await (const item of messagesIn(paths, options)) items.push(item);
  return items;
}

async function classify(args: string[], stdin?: Readable, concurrency?: number): Promise<CliResult> {
  const out = sink();
  const err = sink();
  const code = await classifyCommand(args, { stdout: out.stream, stderr: err.stream, stdin }, concurrency);
  return { code, stdout: out.text(), stderr: err.text() };
}

const jsonLines = (stdout: string): { file: string; index?: number; kind: string }[] =>
  stdout
    .trim()
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as { file: string; index?: number; kind: string });

/** An ordinary message with a base64 attachment of `mb` megabytes. */
function ordinaryWithAttachment(mb: number): Buffer {
  const line = `${"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx".slice(0, 76)}\r\n`;
  const body = `--b\r\nContent-Type: text/plain\r\n\r\nBonjour.\r\n--b\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n${line.repeat(Math.round((mb * 1024 * 1024) / 78))}--b--\r\n`;
  return Buffer.from(ORDINARY_HEADER + body);
}

describe("header block first", () => {
  it("reads only the header block of ordinary mail, and the whole of a notice", async () => {
    const ordinary = join(work, "scan.eml");
    writeFileSync(ordinary, ordinaryWithAttachment(3));
    const items = await collect([ordinary, BOUNCE], { prefilter: looksLikeNotice });
    expect(items.map((i) => ("whole" in i ? i.whole : i))).toEqual([false, true]);
    expect(Buffer.from((items[0] as { bytes: Uint8Array }).bytes).toString()).toBe(ORDINARY_HEADER);
    expect((items[1] as { bytes: Uint8Array }).bytes.length).toBe(readFileSync(BOUNCE).length);
    const r = await classify(["--json", ordinary, BOUNCE]);
    expect(jsonLines(r.stdout).map((l) => l.kind)).toEqual(["none", "bounce"]);
  });

  it("reports ordinary mail from a FIFO that never closes, from its header alone", async () => {
    const fifo = join(work, "open-fifo");
    execFileSync("mkfifo", [fifo]);
    // The writer sends a header block, part of a body, then keeps the FIFO open.
    writers.push(spawn("sh", ["-c", `printf '${ORDINARY_HEADER.replace(/\r\n/g, "\\r\\n")}--b\\r\\n' > "$F"; sleep 3600 > "$F"`], { env: { ...process.env, F: fifo }, stdio: "ignore" }));
    const r = await classify(["--json", fifo, BOUNCE]);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).map((l) => l.kind)).toEqual(["none", "bounce"]);
  }, 20_000);

  it("gives every fixture the kind it expects (the pre-filter turns down no notice)", async () => {
    const emls = readdirSync(FIXTURES).filter((f) => f.endsWith(".eml")).sort();
    const r = await classify(["--json", FIXTURES]);
    const kinds = jsonLines(r.stdout).map((l) => l.kind);
    const expected = emls.map((f) => (JSON.parse(readFileSync(join(FIXTURES, f.replace(/\.eml$/, ".expected.json")), "utf8")) as { kind: string }).kind);
    expect(kinds).toEqual(expected);
  });
});

describe("order and concurrency", () => {
  it("gives results in the order the paths were listed, whatever the number of files in flight", async () => {
    const folder = join(work, "many");
    mkdirSync(folder);
    const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith(".eml")).sort();
    // Big ordinary files and small notices interleaved: later small files finish first.
    fixtures.forEach((f, i) => {
      writeFileSync(join(folder, `m${String(i).padStart(3, "0")}-a.eml`), readFileSync(join(FIXTURES, f)));
      if (i % 4 === 0) writeFileSync(join(folder, `m${String(i).padStart(3, "0")}-b.eml`), ordinaryWithAttachment(2));
    });
    const listed = [join(FIXTURES, fixtures[3] ?? ""), folder, BOUNCE, join(FIXTURES, fixtures[0] ?? ""), BOUNCE];
    const files = [listed[0], ...readdirSync(folder).sort().map((n) => join(folder, n)), ...listed.slice(2)];
    const one = await classify(["--json", ...listed], undefined, 1);
    const many = await classify(["--json", ...listed], undefined, 16);
    expect(jsonLines(one.stdout).map((l) => l.file)).toEqual(files);
    expect(many.stdout).toBe(one.stdout);
  });
});

describe("standard input and endless inputs", () => {
  it("reads - as standard input: one message or an mbox", async () => {
    const single = await classify(["--json", "-"], Readable.from([readFileSync(BOUNCE)]));
    expect(jsonLines(single.stdout).map((l) => [l.file, l.kind])).toEqual([["-", "bounce"]]);
    const mbox = `From a Tue Mar 12 10:02:10 2024\n${readFileSync(BOUNCE, "utf8")}\nFrom b Tue Mar 12 10:02:11 2024\n${ORDINARY_HEADER}body\n`;
    // Cut in small chunks, as a pipe delivers it.
    const chunks = Buffer.from(mbox).toString("latin1").match(/[\s\S]{1,100}/g) ?? [];
    const r = await classify(["--json", "-"], Readable.from(chunks.map((c) => Buffer.from(c, "latin1"))));
    expect(jsonLines(r.stdout).map((l) => [l.index, l.kind])).toEqual([
      [1, "bounce"],
      [2, "none"],
    ]);
  });

  it("refuses endless zeros on standard input after reading a bounded amount", async () => {
    let pulled = 0;
    const zeros = Readable.from(
      (function* () {
        for (;;) {
          pulled++;
          yield Buffer.alloc(65_536);
        }
      })(),
    );
    const r = await classify(["--json", "-", BOUNCE], zeros);
    expect(r.code).toBe(3);
    expect(jsonLines(r.stdout).map((l) => l.kind)).toEqual(["bounce"]);
    expect(r.stderr).toContain("impossible de lire - : octets nuls au début");
    expect(r.stderr).toContain("cannot read -: NUL bytes at the start");
    expect(pulled).toBeLessThan(64);
  });

  it("refuses /dev/urandom clearly", async () => {
    const r = await classify(["--json", "/dev/urandom"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("cannot read /dev/urandom: NUL bytes at the start");
  });

  it("reads the start of an endless text on standard input, then stops", async () => {
    let pulled = 0;
    const endless = Readable.from(
      (function* () {
        yield readFileSync(BOUNCE);
        for (;;) {
          pulled++;
          yield Buffer.from("more text\n".repeat(6000));
        }
      })(),
    );
    const r = await classify(["--json", "-"], endless);
    expect(jsonLines(r.stdout).map((l) => l.kind)).toEqual(["bounce"]);
    expect(pulled).toBeLessThan(64);
  });
});

describe("text or binary data", () => {
  /** The rule, byte by byte: more than one byte in 16 of the first 4096 is a control byte that no text holds. */
  function isBinary(bytes: Uint8Array): boolean {
    const head = bytes.subarray(0, 4096);
    const controls = head.filter((b) => (b < 0x20 ? ![0x09, 0x0a, 0x0d, 0x0c, 0x1b].includes(b) : b === 0x7f)).length;
    return controls * 16 > head.length;
  }

  it("is told apart by the share of control bytes at the start, whatever the bytes", async () => {
    const byte = fc.oneof(fc.integer({ min: 0, max: 0x20 }), fc.integer({ min: 0x20, max: 0xff }), fc.constantFrom(0x00, 0x7f, 0x0c, 0x1b, 0x80, 0xff));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 600 }), fc.array(byte, { maxLength: 80 }), async (text, extra) => {
        const printable = text.map((b) => 0x20 + (b % 0x5f));
        const bytes = new Uint8Array([...Buffer.from("Subject: x\n\n"), ...printable, ...extra]);
        const file = join(work, `binary-${n++}.eml`);
        writeFileSync(file, bytes);
        const [item] = await collect([file]);
        expect(item !== undefined && "skipped" in item && item.skipped.key === "cliReadNulBytes").toBe(isBinary(bytes));
      }),
      { numRuns: 200 },
    );
  });
});
