import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, csvRow } from "../../../src/cli/csv.js";

/** A plain RFC 4180 reader: what a spreadsheet or a CSV library does with a file. */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i] ?? "";
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** The text a cell must read back as: controls escaped, formulas defused. */
function expectedCell(value: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const escaped = value.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) =>
    `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return /^[=+\-@\t\r]/.test(value) ? `'${escaped}` : escaped;
}

// Strings rich in what matters here: controls, quotes, commas, formula starts, bidi controls.
const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom("\n", "\r", "\t", "\u0000", "\u001b", "\u007f", "\u0085", "\u202e", "\u2066", "\u2028", '"', ",", "=", "+", "-", "@", "'", "\\"),
    fc.string({ minLength: 1, maxLength: 1, unit: "grapheme" }),
  ),
  maxLength: 40,
});
const anyString = fc.oneof(nasty, fc.string({ unit: "binary", maxLength: 40 }));

describe("CSV cells", () => {
  it("never hold a raw control character, line break or bidi control", () => {
    fc.assert(
      fc.property(anyString, (value) => {
        // eslint-disable-next-line no-control-regex -- matching control characters is the point
        expect(csvField(value)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 2000 },
    );
  });

  it("never start with a formula character, even quoted", () => {
    fc.assert(
      fc.property(anyString, (value) => {
        const [[cell] = []] = readCsv(csvRow([value]));
        expect(cell ?? "").not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: 2000 },
    );
  });

  it("read back, row by row, as the escaped text", () => {
    fc.assert(
      fc.property(fc.array(anyString, { minLength: 1, maxLength: 6 }), (values) => {
        const rows = readCsv(csvRow(values) + csvRow(values));
        expect(rows).toEqual([values.map(expectedCell), values.map(expectedCell)]);
      }),
      { numRuns: 2000 },
    );
  });
});
