/**
 * The phrase tables' expressions are built when a text first needs each of them, once: not
 * when the module loads (most of the command's start-up; `ins` and a run over ordinary mail
 * never need them).
 */
import { describe, expect, it, vi } from "vitest";

const built = vi.hoisted(() => ({ count: 0 }));

vi.mock("../../../src/core/notices/reasons/compile.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../../src/core/notices/reasons/compile.js")>();
  return {
    ...original,
    compilePhrases: (phrases: readonly string[]): RegExp => {
      built.count++;
      return original.compilePhrases(phrases);
    },
  };
});

const { platformClosedIn, strongIn, weakIn } = await import("../../../src/core/notices/reasons/match.js");

describe("the phrase expressions", () => {
  it("are not built when the module loads, then each once, when first needed", () => {
    expect(built.count).toBe(0);
    expect(strongIn("550 5.1.1 user unknown")).toContain("unknown-recipient");
    expect(built.count).toBe(1);
    strongIn("mailbox full");
    strongIn("no such user here");
    expect(built.count).toBe(1);
    weakIn("the message could not be delivered");
    expect(built.count).toBe(2);
    platformClosedIn("hello");
    platformClosedIn("hello again");
    expect(built.count).toBe(3);
  });
});
