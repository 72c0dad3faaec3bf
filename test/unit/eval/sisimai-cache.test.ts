import { describe, expect, it } from "vitest";
import { notCached, parseCache } from "../../../eval/sisimai.js";

const SHA_A = "a".repeat(64);
const SHA_B = "b".repeat(64);
const rec = { recipient: "a@x.example", reason: "userunknown", action: "failed", deliverystatus: "5.1.1" };

describe("Sisimai's cache", () => {
  it("reads the records of its own version", () => {
    const text = JSON.stringify({ version: "4.25.15", entries: { [SHA_A]: [rec] } });
    expect(parseCache(text, "4.25.15")).toEqual(new Map([[SHA_A, [rec]]]));
  });

  it("is empty for another version, or for a file that is not a cache", () => {
    expect(parseCache(JSON.stringify({ version: "4.25.14", entries: { [SHA_A]: [rec] } }), "4.25.15").size).toBe(0);
    expect(parseCache("{not json", "4.25.15").size).toBe(0);
    expect(parseCache(JSON.stringify({ version: "4.25.15", entries: { [SHA_A]: [{ recipient: 1 }] } }), "4.25.15").size).toBe(0);
  });

  it("runs Sisimai again on a file whose bytes changed: the cache is keyed by their hash", () => {
    const cache = new Map([[SHA_A, [rec]]]);
    expect(notCached(new Map([["bounces/x.eml", SHA_A]]), cache)).toEqual([]);
    expect(notCached(new Map([["bounces/x.eml", SHA_B]]), cache)).toEqual([["bounces/x.eml", SHA_B]]);
  });
});
