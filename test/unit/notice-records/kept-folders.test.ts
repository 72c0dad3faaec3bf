/** Where a notice's record may be kept: judged by the nearest folder (itself, else above) that has a special use. */
import { describe, expect, it } from "vitest";
import { keepsNoticesIn } from "../../../src/core/notice-records/index.js";

describe("keepsNoticesIn", () => {
  it("keeps notices of ordinary folders, the Inbox, Sent and Archives", () => {
    expect(keepsNoticesIn([])).toBe(true);
    expect(keepsNoticesIn([[]])).toBe(true);
    expect(keepsNoticesIn([["inbox"]])).toBe(true);
    expect(keepsNoticesIn([[], ["archives"]])).toBe(true);
  });

  it("keeps nothing from the Trash, Junk, Drafts, Templates, the Outbox, nor from a folder below them", () => {
    for (const use of ["trash", "junk", "drafts", "templates", "outbox"]) {
      expect(keepsNoticesIn([[use]]), use).toBe(false);
      expect(keepsNoticesIn([[], [], [use]]), use).toBe(false);
    }
  });

  it("a folder of its own use is judged by it, not by a folder above", () => {
    expect(keepsNoticesIn([["inbox"], ["trash"]])).toBe(true);
  });
});
