/**
 * The returns panel opened on one notice: `notices-panel.html#notice=<id>` (the notice's
 * Message-ID without brackets, percent-encoded). The panel scrolls to that entry and gives
 * it the focus.
 */

export function noticeHash(noticeId: string): string {
  return `#notice=${encodeURIComponent(noticeId)}`;
}

/** The notice a panel address names; null when none (or a malformed one). */
export function noticeIdFromHash(hash: string): string | null {
  const m = /^#notice=([^&#]+)$/.exec(hash);
  if (m?.[1] === undefined) return null;
  try {
    const id = decodeURIComponent(m[1]);
    return id === "" || id.length > 998 ? null : id;
  } catch {
    return null;
  }
}
