/**
 * Where a notice's record may be kept. A notice whose message is in the Trash is erased at
 * once (`docs/admin.md`); one in Junk, Drafts, Templates or the Outbox was never received as
 * mail: displaying such a message (or finding it there) stores nothing. Below a folder of
 * its own use, a folder is judged by the nearest folder above that has one (a subfolder of
 * the Trash is in the Trash).
 */
const NOT_KEPT = new Set(["trash", "junk", "drafts", "templates", "outbox"]);

/** `uses`: the special uses of the message's folder, then of each folder above it, nearest first. */
export function keepsNoticesIn(uses: readonly (readonly string[])[]): boolean {
  const nearest = uses.find((u) => u.length > 0);
  return nearest === undefined || !nearest.some((use) => NOT_KEPT.has(use));
}
