import { both } from "../i18n/say.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  base64EncodedBytes,
  estimateMessageBytes,
  HEADER_ALLOWANCE_BYTES,
  megabytesText,
  PART_ALLOWANCE_BYTES,
  PATIENT_MAX_MESSAGE_BYTES,
  utf8ByteLength,
} from "../../../src/core/compose/index.js";

/** What a MIME encoder writes: base64 in lines of 76 characters, each ended by CRLF. */
function realBase64(bytes: number): number {
  const b64 = Buffer.alloc(bytes, 0xa5).toString("base64");
  const lines = b64.match(/.{1,76}/g) ?? [];
  return lines.map((l) => `${l}\r\n`).join("").length;
}

describe("base64EncodedBytes", () => {
  it.each([
    [0, 0],
    [1, 6],
    [3, 6],
    [4, 10],
    [57, 78],
    [58, 84],
    [1_000_000, 1_368_424],
  ])("%i bytes → %i", (bytes, expected) => {
    expect(base64EncodedBytes(bytes)).toBe(expected);
  });

  it("matches a real encoder", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (n) => {
        expect(base64EncodedBytes(n)).toBe(realBase64(n));
      }),
    );
  });

  it.each([[-1], [Number.NaN]])("counts %s as nothing", (n) => {
    expect(base64EncodedBytes(n)).toBe(0);
  });
});

describe("utf8ByteLength", () => {
  it("agrees with TextEncoder", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length);
      }),
    );
  });

  it("counts a lone surrogate like U+FFFD", () => {
    expect(utf8ByteLength("\ud800")).toBe(3);
    expect(utf8ByteLength("é€😀")).toBe(2 + 3 + 4);
  });
});

describe("estimateMessageBytes", () => {
  it("uses the conservative 25 × 1 000 000 bytes", () => {
    expect(PATIENT_MAX_MESSAGE_BYTES).toBe(25_000_000);
  });

  it("counts headers, the encoded body and each encoded file with its part headers", () => {
    const estimate = estimateMessageBytes({
      bodyBytes: 3_000,
      attachments: [{ name: "cr.pdf", size: 1_000_000 }],
      headerBytes: 500,
    });
    expect(estimate).toBe(
      HEADER_ALLOWANCE_BYTES + 500 + PART_ALLOWANCE_BYTES + realBase64(3_000) + PART_ALLOWANCE_BYTES + 6 * 6 + realBase64(1_000_000),
    );
  });

  it("a file of 18.3 × 10⁶ bytes is already over the limit once sent", () => {
    expect(estimateMessageBytes({ bodyBytes: 0, attachments: [{ name: "scan.pdf", size: 18_300_000 }] })).toBeGreaterThan(
      PATIENT_MAX_MESSAGE_BYTES,
    );
    expect(estimateMessageBytes({ bodyBytes: 0, attachments: [{ name: "scan.pdf", size: 18_000_000 }] })).toBeLessThan(
      PATIENT_MAX_MESSAGE_BYTES,
    );
  });

  it("is never below the real encoded size of the files and grows with each of them", () => {
    const arbFiles = fc.array(fc.record({ name: fc.string(), size: fc.integer({ min: 0, max: 300_000 }) }), { maxLength: 5 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), arbFiles, (bodyBytes, attachments) => {
        const estimate = estimateMessageBytes({ bodyBytes, attachments });
        const files = attachments.reduce((sum, a) => sum + realBase64(a.size), 0);
        expect(estimate).toBeGreaterThanOrEqual(files + realBase64(bodyBytes));
        const more = estimateMessageBytes({ bodyBytes, attachments: [...attachments, { name: "x", size: 1 }] });
        expect(more).toBeGreaterThan(estimate);
      }),
      { numRuns: 30 },
    );
  });
});

describe("megabytesText", () => {
  it.each([
    [25_000_000, "25 Mo", "25 MB"],
    [25_000_001, "25,1 Mo", "25.1 MB"],
    [41_062_874, "41,1 Mo", "41.1 MB"],
    [999, "0,1 Mo", "0.1 MB"],
    [0, "0 Mo", "0 MB"],
  ])("%i bytes → %s", (bytes, fr, en) => {
    expect(both(megabytesText(bytes))).toEqual({ fr, en });
  });
});
