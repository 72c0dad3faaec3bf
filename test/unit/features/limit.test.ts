/** The concurrency limiter: never more than `max` tasks under way, every task run once, in order of arrival. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { limitConcurrency } from "../../../src/features/notices/limit.js";

const turn = (): Promise<void> => Promise.resolve();

describe("limitConcurrency", () => {
  it("runs every task, at most `max` at once, starting them in order, failures included", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.array(fc.record({ turns: fc.integer({ min: 0, max: 5 }), fails: fc.boolean() }), { maxLength: 30 }), async (max, tasks) => {
        const limit = limitConcurrency(max);
        let running = 0;
        let most = 0;
        const started: number[] = [];
        const results = await Promise.allSettled(
          tasks.map((t, i) =>
            limit(async () => {
              started.push(i);
              running++;
              most = Math.max(most, running);
              for (let k = 0; k < t.turns; k++) await turn();
              running--;
              if (t.fails) throw new Error(`task ${i}`);
              return i;
            }),
          ),
        );
        expect(most).toBeLessThanOrEqual(max);
        expect(started).toEqual(tasks.map((_, i) => i));
        expect(results.map((r) => r.status)).toEqual(tasks.map((t) => (t.fails ? "rejected" : "fulfilled")));
        // Once all are done, the limiter is free again: `max` new tasks start at once.
        let again = 0;
        await Promise.all(Array.from({ length: max }, () => limit(async () => { again++; await turn(); })));
        expect(again).toBe(max);
      }),
    );
  });

  it("refuses a limit that is not a positive integer", () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => limitConcurrency(bad)).toThrow(RangeError);
  });
});
