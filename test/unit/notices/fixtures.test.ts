import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { classifyMessage, looksLikeNotice, REASONS, type Notice } from "../../../src/core/notices/index.js";

/**
 * Each `NAME.eml` in test/fixtures/notices comes with `NAME.expected.json`: the part of the
 * classification that must hold (objects are matched partially; `recipients` must have
 * exactly the listed entries, in order).
 */
const DIR = fileURLToPath(new URL("../../fixtures/notices/", import.meta.url));
const FIXTURES = readdirSync(DIR)
  .filter((f) => f.endsWith(".eml"))
  .sort();

function expectedOf(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${DIR}${name.replace(/\.eml$/, ".expected.json")}`, "utf8")) as Record<string, unknown>;
}

const results = new Map<string, Notice>();
async function classified(name: string): Promise<Notice> {
  const known = results.get(name);
  if (known !== undefined) return known;
  const notice = await classifyMessage(new Uint8Array(readFileSync(`${DIR}${name}`)));
  results.set(name, notice);
  return notice;
}

describe("fixtures", () => {
  it("every fixture has its expectation", () => {
    expect(FIXTURES.length).toBeGreaterThan(20);
    for (const name of FIXTURES) expect(() => expectedOf(name)).not.toThrow();
  });

  it.each(FIXTURES)("%s", async (name) => {
    const expected = expectedOf(name);
    const notice = await classified(name);
    expect(notice).toMatchObject(expected);
    if (Array.isArray(expected.recipients)) expect(notice.recipients).toHaveLength(expected.recipients.length);
  });

  it.each(FIXTURES)("%s: the header pre-filter agrees", async (name) => {
    const notice = await classified(name);
    const text = readFileSync(`${DIR}${name}`, "utf8");
    const verdict = looksLikeNotice(text);
    if (notice.kind !== "none") expect(verdict).toBe(true);
    if (notice.notNotice === "ordinary") expect(verdict).toBe(false);
  });
});

describe("coverage of the fixtures", () => {
  it("covers every kind, every cause, French and English, DSN, MDN and plain text", async () => {
    const kinds = new Set<string>();
    const reasons = new Set<string>();
    const formats = new Set<string>();
    const others = new Set<string>();
    for (const name of FIXTURES) {
      const n = await classified(name);
      kinds.add(n.kind);
      if (n.format !== null) formats.add(n.format);
      if (n.notNotice !== null) others.add(n.notNotice);
      for (const r of n.recipients) if (r.reason !== null) reasons.add(r.reason);
    }
    expect([...kinds].sort()).toEqual(["bounce", "delay", "none", "receipt"]);
    expect([...reasons].sort()).toEqual([...REASONS].sort());
    expect([...formats].sort()).toEqual(["dsn", "mdn", "text"]);
    expect([...others].sort()).toEqual(expect.arrayContaining(["auto-reply", "complaint", "forwarded", "ordinary"]));
    expect(FIXTURES.some((f) => f.includes("-fr"))).toBe(true);
    expect(FIXTURES.some((f) => f.includes("-en"))).toBe(true);
  });
});
