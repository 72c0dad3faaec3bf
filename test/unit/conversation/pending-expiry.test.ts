import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PENDING_CLOSE_MAX_DAYS, pendingCloseDated, pendingCloseExpired } from "../../../src/core/conversation/index.js";

const DAY = 24 * 3_600_000;
const LIMIT = PENDING_CLOSE_MAX_DAYS * DAY;
const NOW = new Date("2026-06-01T12:00:00Z");

describe("how long a close may wait for its message to leave the Outbox", () => {
  it("is 30 days", () => {
    expect(PENDING_CLOSE_MAX_DAYS).toBe(30);
  });

  it("a close is given up exactly when it has waited more than 30 days", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * DAY }), (waited) => {
        const since = new Date(NOW.getTime() - waited).toISOString();
        expect(pendingCloseDated(since, NOW)).toBe(true);
        expect(pendingCloseExpired(since, NOW)).toBe(waited > LIMIT);
      }),
    );
  });

  it("a missing, unreadable or future date is not judged but dated anew", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 * DAY }), (ahead) => {
        const since = new Date(NOW.getTime() + ahead).toISOString();
        expect(pendingCloseDated(since, NOW)).toBe(false);
        expect(pendingCloseExpired(since, NOW)).toBe(false);
      }),
    );
    expect(pendingCloseDated(null, NOW)).toBe(false);
    expect(pendingCloseDated("not a date", NOW)).toBe(false);
    expect(pendingCloseExpired("not a date", NOW)).toBe(false);
  });
});
