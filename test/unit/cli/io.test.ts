import { msg } from "../../../src/core/i18n/text.js";
import { Writable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, csvRow } from "../../../src/cli/csv.js";
import { bilingual, lineBatches, Output, type InputLine } from "../../../src/cli/io.js";

async function linesOf(chunks: (string | Uint8Array)[], maxLength?: number): Promise<InputLine[]> {
  const out: InputLine[] = [];
  for await (const batch of lineBatches(chunks, maxLength)) out.push(...batch);
  return out;
}

describe("lineBatches", () => {
  it("splits on LF, CRLF and CR", async () => {
    expect(await linesOf(["a\nb\r\nc\rd"])).toEqual(["a", "b", "c", "d"]);
  });

  it("keeps blank lines (the command skips them), one per line end", async () => {
    expect(await linesOf(["a\n\nb\r\n\r\nc\r\rd\n"])).toEqual(["a", "", "b", "", "c", "", "d"]);
  });

  it("treats a CRLF split between two chunks as one line end", async () => {
    expect(await linesOf(["a\r", "\nb\r", "", "\nc"])).toEqual(["a", "b", "c"]);
    expect(await linesOf(["a\r", "\r\nb"])).toEqual(["a", "", "b"]);
  });

  it("joins a line split across chunks", async () => {
    expect(await linesOf(["25508", "14168", "02538\n29", "5\n"])).toEqual(["255081416802538", "295"]);
  });

  it("decodes UTF-8 split inside a character", async () => {
    const bytes = Buffer.from("né\n€😀\n", "utf8");
    expect(await linesOf([...bytes].map((b) => new Uint8Array([b])))).toEqual(["né", "€😀"]);
  });

  it("drops a leading byte-order mark only", async () => {
    expect(await linesOf(["", "\ufeffa\n\ufeffb"])).toEqual(["a", "\ufeffb"]);
    expect(await linesOf([Buffer.from([0xef]), Buffer.from([0xbb, 0xbf, 0x61])])).toEqual(["a"]);
  });

  it("gives nothing for an empty input, and the last line without its end", async () => {
    expect(await linesOf([])).toEqual([]);
    expect(await linesOf(["", ""])).toEqual([]);
    expect(await linesOf(["a\nlast"])).toEqual(["a", "last"]);
  });

  it("gives one batch per chunk that ends a line", async () => {
    const batches: InputLine[][] = [];
    for await (const batch of lineBatches(["a\nb\nc", "d", "\ne\n"])) batches.push(batch);
    expect(batches).toEqual([["a", "b"], ["cd", "e"]]);
  });
});

describe("lineBatches with a length limit", () => {
  it("gives a longer line by its length and start, and reads on", async () => {
    expect(await linesOf(["abc\n", "0123456789", "ABCDEF\r\nxyz\n"], 10)).toEqual([
      "abc",
      { overlong: true, length: 16, head: "0123456789ABCDEF" },
      "xyz",
    ]);
  });

  it("keeps a line exactly at the limit, at the end of the input too", async () => {
    expect(await linesOf(["0123456789\n0123456789"], 10)).toEqual(["0123456789", "0123456789"]);
    expect(await linesOf(["0123456789\n01234567890"], 10)).toEqual(["0123456789", { overlong: true, length: 11, head: "01234567890" }]);
  });

  it("measures a line of any length without keeping it", async () => {
    const chunk = "x".repeat(64 * 1024);
    function* input(): Generator<string> {
      for (let i = 0; i < 1600; i++) yield chunk; // 100 MiB in one line
      yield "\n255081416802538\n";
    }
    const batches: InputLine[][] = [];
    for await (const batch of lineBatches(input(), 1000)) batches.push(batch);
    expect(batches).toEqual([[{ overlong: true, length: 1600 * 64 * 1024, head: "x".repeat(20) }, "255081416802538"]]);
  });

  it("splits any input the same way as without a limit, up to the limit", () => {
    return fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: fc.constantFrom("a", "é", "\n", "\r", "😀") , maxLength: 30 }), { maxLength: 8 }), fc.integer({ min: 1, max: 12 }), async (chunks, max) => {
        const plain = await linesOf(chunks);
        const limited = await linesOf(chunks, max);
        expect(limited).toEqual(
          plain.map((line) =>
            typeof line === "string" && line.length > max ? { overlong: true, length: line.length, head: line.slice(0, 20) } : line,
          ),
        );
      }),
    );
  });
});

describe("csv", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ["a\nb", "a\\u000ab"],
    ["a\r\nb", "a\\u000d\\u000ab"],
    ["=1+1", "'=1+1"],
    ["+33", "'+33"],
    ["-1", "'-1"],
    ["@A1", "'@A1"],
    ["\tx", "'\\u0009x"],
    ["\rx", "'\\u000dx"],
    ["a\u202eb", "a\\u202eb"],
    ["=a,b", `"'=a,b"`],
    ["1=1", "1=1"],
    ["Caractère « é »", "Caractère « é »"],
  ])("csvField(%j) = %j", (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it("ends a record with CRLF", () => {
    expect(csvRow(["a", "b,c", ""])).toBe('a,"b,c",\r\n');
  });
});

describe("Output", () => {
  it("gathers text and writes it in one piece on flush", async () => {
    const chunks: string[] = [];
    const stream = new Writable({
      decodeStrings: false,
      write(chunk: string, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    const out = new Output(stream, 10);
    await out.write("abc");
    await out.write("def");
    expect(chunks).toEqual([]);
    await out.write("ghij");
    expect(chunks).toEqual(["abcdefghij"]);
    await out.write("k");
    await out.flush();
    await out.flush();
    expect(chunks).toEqual(["abcdefghij", "k"]);
  });
});

describe("bilingual", () => {
  it("puts French first", () => {
    expect(bilingual(msg("cliUnknownVersion"))).toBe("Version inconnue.\nUnknown version.\n");
  });
});
