/**
 * Curated labels: one JSON object a line, written by a reviewer who read the message
 * (see eval/labels/README.md). Parsed strictly: a malformed line stops the evaluation.
 */
import * as z from "zod";
import { REASONS, type NotANotice, type NoticeKind, type Reason } from "../src/core/notices/index.js";

const reason = z.enum(REASONS as [Reason, ...Reason[]]);

const labelRecipient = z.strictObject({
  address: z.string().check(z.regex(/^[^\s@]+@[^\s@]+$/, "an address local@domain")),
  reason: z.nullable(reason),
});

const labelLine = z.strictObject({
  file: z.string().check(z.regex(/^(bounces|receipts)\/[^/]+\.eml$/, "bounces/NAME.eml or receipts/NAME.eml")),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/, "64 lower-case hexadecimal digits")),
  kind: z.enum(["bounce", "delay", "receipt", "none"]),
  notNotice: z.nullable(z.enum(["ordinary", "complaint", "auto-reply", "challenge", "forwarded"])),
  recipients: z.array(labelRecipient),
  note: z.string(),
});

export interface LabelRecipient {
  readonly address: string;
  readonly reason: Reason | null;
}

/** What a message is, as a reviewer (or a fixture's expectation) says. */
export interface Label {
  readonly file: string;
  readonly kind: NoticeKind;
  readonly notNotice: Exclude<NotANotice, "unreadable"> | null;
  /** For a bounce or delay: the failed or delayed recipients; for a receipt: the reader. Null: not stated. */
  readonly recipients: readonly LabelRecipient[] | null;
}

export interface CuratedLabel extends Label {
  readonly sha256: string;
  readonly recipients: readonly LabelRecipient[];
  readonly note: string;
}

/** Rules that the shape alone does not say. */
function consistency(l: z.infer<typeof labelLine>): string | null {
  if (l.kind === "none" && l.notNotice === null) return "kind none needs notNotice";
  if (l.kind !== "none" && l.notNotice !== null) return `kind ${l.kind} takes notNotice null`;
  if (l.kind === "none" && l.recipients.length > 0) return "kind none takes no recipients";
  if ((l.kind === "bounce" || l.kind === "delay") && l.recipients.some((r) => r.reason === null)) return `every recipient of a ${l.kind} needs a reason`;
  if (l.kind === "receipt" && l.recipients.some((r) => r.reason !== null)) return "a receipt's reader takes reason null";
  return null;
}

/** Parses a labels file; throws naming the source and line of the first problem. */
export function parseLabels(text: string, source: string): CuratedLabel[] {
  const out: CuratedLabel[] = [];
  const lines = text.split("\n");
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const where = `${source}:${i + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      throw new Error(`${where}: not JSON (${e instanceof Error ? e.message : String(e)})`, { cause: e });
    }
    const parsed = labelLine.safeParse(json);
    if (!parsed.success) throw new Error(`${where}: ${z.prettifyError(parsed.error).replace(/\n/g, " ")}`);
    const problem = consistency(parsed.data);
    if (problem !== null) throw new Error(`${where}: ${problem}`);
    const l = parsed.data;
    out.push({
      file: l.file,
      sha256: l.sha256,
      kind: l.kind,
      notNotice: l.notNotice,
      recipients: l.recipients.map((r) => ({ address: r.address.toLowerCase(), reason: r.reason })),
      note: l.note,
    });
  }
  return out;
}
