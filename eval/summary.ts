/**
 * What the message list gives of a message, its author and subject, read from the raw
 * header block: the input of the quick scan's first step (`mayBeNoticeFromSummary`).
 */
import type { MessageSummary } from "../src/core/notices/index.js";

/** The first `From` and `Subject` fields of the header block, unfolded, still encoded (RFC 2047). */
export function summaryOf(text: string): MessageSummary {
  const lines = text.slice(0, 256 * 1024).split(/\r?\n/);
  if (lines[0]?.startsWith("From ") === true) lines.shift(); // an mbox envelope line
  const fields: { name: string; value: string }[] = [];
  for (const line of lines) {
    if (line === "") break;
    const last = fields.at(-1);
    if (/^[ \t]/.test(line)) {
      if (last !== undefined) last.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon > 0) fields.push({ name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
  }
  const first = (name: string): string | null => fields.find((f) => f.name === name)?.value ?? null;
  return { author: first("from"), subject: first("subject") };
}
