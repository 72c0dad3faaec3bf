import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  hasNoReplyHeader,
  isNoReplyHeaderCanonical,
  isNoReplyHeaderName,
  withNoReplyHeader,
  type CustomHeader,
} from "../../../src/core/compose/index.js";

const PRIORITY: CustomHeader = { name: "X-Priority", value: "2 (High)" };
const OTHER: CustomHeader = { name: "X-Custom", value: "abc" };
const MES = { name: "X-MSS-MES", value: "FIN" };

describe("isNoReplyHeaderName / hasNoReplyHeader", () => {
  it.each([["X-MSS-MES"], ["X-Mss-Mes"], ["x-mss-mes"], [" X-MSS-MES "]])("%j is the no-reply header", (name) => {
    expect(isNoReplyHeaderName(name)).toBe(true);
  });

  it.each([["X-MSS-MESS"], ["X-MSS-INS"], ["MSS-MES"], [""]])("%j is not", (name) => {
    expect(isNoReplyHeaderName(name)).toBe(false);
  });

  it.each([
    [[], false],
    [[PRIORITY], false],
    [[PRIORITY, { name: "X-Mss-Mes", value: "FIN" }], true],
    [[{ name: "x-mss-mes", value: "FIN" }], true],
    [[{ name: "X-MSS-MES", value: "fin" }], false],
    [[{ name: "X-MSS-MES", value: "OUI" }], false],
    [[{ name: "X-MSS-INS", value: "FIN" }], false],
  ])("%j → %s", (list, expected) => {
    expect(hasNoReplyHeader(list)).toBe(expected);
  });
});

describe("withNoReplyHeader", () => {
  it("adds the header at the end, keeping the others", () => {
    expect(withNoReplyHeader([PRIORITY, OTHER], true)).toEqual([PRIORITY, OTHER, MES]);
    expect(withNoReplyHeader([], true)).toEqual([MES]);
  });

  it("keeps a header Thunderbird returned Train-Cased as it is", () => {
    const list = [PRIORITY, { name: "X-Mss-Mes", value: "FIN" }];
    expect(withNoReplyHeader(list, true)).toEqual(list);
    expect(isNoReplyHeaderCanonical(list)).toBe(true);
  });

  it("repairs a wrong value in place and drops copies", () => {
    const list = [{ name: "x-mss-mes", value: "fin" }, PRIORITY, { name: "X-Mss-Mes", value: "FIN" }];
    expect(withNoReplyHeader(list, true)).toEqual([MES, PRIORITY]);
    expect(isNoReplyHeaderCanonical(list)).toBe(false);
  });

  it("removes every copy, whatever the case, and nothing else", () => {
    const list = [{ name: "X-Mss-Mes", value: "FIN" }, PRIORITY, { name: "x-mss-mes", value: "x" }, OTHER];
    expect(withNoReplyHeader(list, false)).toEqual([PRIORITY, OTHER]);
    expect(withNoReplyHeader([PRIORITY], false)).toEqual([PRIORITY]);
  });

  it("does not change the list it is given", () => {
    const list = [PRIORITY];
    withNoReplyHeader(list, true);
    expect(list).toEqual([PRIORITY]);
  });

  const arbHeader: fc.Arbitrary<CustomHeader> = fc.record({
    name: fc.oneof(fc.constantFrom("X-MSS-MES", "X-Mss-Mes", "x-mss-mes", "X-Priority", "X-Custom", "List-Id"), fc.string()),
    value: fc.oneof(fc.constantFrom("FIN", "fin", " FIN", "1"), fc.string()),
  });
  const arbList = fc.array(arbHeader, { maxLength: 8 });

  it("is idempotent", () => {
    fc.assert(
      fc.property(arbList, fc.boolean(), (list, on) => {
        const once = withNoReplyHeader(list, on);
        expect(withNoReplyHeader(once, on)).toEqual(once);
      }),
    );
  });

  it("never loses, reorders or changes another header, and never duplicates X-MSS-MES", () => {
    fc.assert(
      fc.property(arbList, fc.boolean(), (list, on) => {
        const out = withNoReplyHeader(list, on);
        const others = (l: readonly CustomHeader[]): CustomHeader[] => l.filter((h) => !isNoReplyHeaderName(h.name));
        expect(others(out)).toEqual(others(list));
        const mes = out.filter((h) => isNoReplyHeaderName(h.name));
        expect(mes).toHaveLength(on ? 1 : 0);
        expect(hasNoReplyHeader(out)).toBe(on);
        if (on) expect(isNoReplyHeaderCanonical(out)).toBe(true);
      }),
    );
  });
});
