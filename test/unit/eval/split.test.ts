import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { halfOf, halfOfHash, sha256Hex, splitProblems, unlabelled } from "../../../eval/split.js";

const hex = (first: string): string => first + "0".repeat(63);

describe("split by SHA-256", () => {
  it("puts 0–7 in the tuning half and 8–f in the checking half", () => {
    for (const d of "01234567") expect(halfOfHash(hex(d))).toBe("tuning");
    for (const d of "89abcdef") expect(halfOfHash(hex(d))).toBe("checking");
  });

  it("depends on the first digit only", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{64}$/), fc.stringMatching(/^[0-9a-f]{63}$/), (a, rest) => {
        expect(halfOfHash(a.charAt(0) + rest)).toBe(halfOfHash(a));
      }),
    );
  });

  it("refuses anything that is not a lower-case SHA-256", () => {
    expect(() => halfOfHash("8")).toThrow();
    expect(() => halfOfHash(hex("A"))).toThrow();
    expect(() => halfOfHash(` ${hex("0").slice(1)}`)).toThrow();
  });

  it("hashes the bytes themselves", () => {
    // SHA-256 of no bytes: e3b0c442…; of "a": ca978112…
    expect(sha256Hex(new Uint8Array())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(halfOf(new Uint8Array())).toBe("checking");
    expect(halfOf(new TextEncoder().encode("x"))).toBe("tuning"); // 2d711642…
  });
});

describe("labels against the split", () => {
  const actual = new Map([
    ["bounces/a.eml", hex("1")],
    ["bounces/b.eml", hex("9")],
    ["bounces/c.eml", hex("2")],
  ]);

  it("finds nothing wrong with a correct labels file", () => {
    const labels = [
      { file: "bounces/a.eml", sha256: hex("1") },
      { file: "bounces/c.eml", sha256: hex("2") },
    ];
    expect(splitProblems("tuning", labels, actual)).toEqual([]);
    expect(unlabelled("tuning", labels, actual)).toEqual([]);
  });

  it("refuses a file of the other half, a wrong hash, a file labelled twice, a file not in the corpus", () => {
    const problems = splitProblems(
      "tuning",
      [
        { file: "bounces/a.eml", sha256: hex("3") },
        { file: "bounces/b.eml", sha256: hex("9") },
        { file: "bounces/c.eml", sha256: hex("2") },
        { file: "bounces/c.eml", sha256: hex("2") },
        { file: "bounces/gone.eml", sha256: hex("0") },
      ],
      actual,
    );
    expect(problems).toEqual([
      expect.stringMatching(/^bounces\/a\.eml: the label's sha256 is not the file's/),
      "bounces/b.eml: belongs to the checking half, found in the tuning labels",
      "bounces/c.eml: labelled twice",
      "bounces/gone.eml: labelled but not in the corpus",
    ]);
  });

  it("lists the files of a half that no label covers, and only those", () => {
    expect(unlabelled("tuning", [{ file: "bounces/a.eml", sha256: hex("1") }], actual)).toEqual(["bounces/c.eml"]);
    expect(unlabelled("checking", [], actual)).toEqual(["bounces/b.eml"]);
  });
});
