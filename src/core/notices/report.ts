/**
 * Reading the machine-readable part of a report: RFC 3464 / RFC 6533 delivery status
 * (per-message fields, then one block per recipient) and RFC 8098 disposition notifications.
 */

/** Fields of one block, names in lower case, first value kept. */
export type FieldMap = ReadonlyMap<string, string>;

export interface ReportFields {
  readonly perMessage: FieldMap;
  readonly recipients: readonly FieldMap[];
}

const MAX_REPORT_CHARS = 256 * 1024;
const MAX_BLOCKS = 500;

const RECIPIENT_FIELDS = new Set(["final-recipient", "original-recipient"]);
const PER_RECIPIENT_HINTS = new Set([
  "action",
  "status",
  "diagnostic-code",
  "remote-mta",
  "last-attempt-date",
  "disposition",
]);

interface Line {
  readonly name: string | null; // null for a blank line (block separator)
  readonly value: string;
}

function readLines(text: string): Line[] {
  const out: { name: string | null; value: string }[] = [];
  const body = text.slice(0, MAX_REPORT_CHARS);
  let last: { name: string | null; value: string } | undefined;
  for (const rawLine of body.split("\n")) {
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === "") {
      out.push({ name: null, value: "" });
      last = undefined;
      continue;
    }
    const c = line.charCodeAt(0);
    if ((c === 0x20 || c === 0x09) && last !== undefined && last.name !== null) {
      if (last.value.length < 8192) last.value += " " + line.trim();
      continue;
    }
    const m = /^([A-Za-z][A-Za-z0-9-]{0,60})[ \t]*:(.*)$/.exec(line);
    if (m === null) {
      last = undefined;
      continue;
    }
    last = { name: (m[1] ?? "").toLowerCase(), value: (m[2] ?? "").trim() };
    out.push(last);
    if (out.length > 20000) break;
  }
  for (const l of out) if (l.value.includes(ESC)) l.value = decodeJis(l.value);
  return out;
}

const ESC = "\u001b";
let jis: TextDecoder | null | undefined;
/** An escape sequence of ISO-2022-JP (`ESC $ B`, `ESC ( B`…), built without a control character in a literal. */
const JIS_ESCAPE = new RegExp(`${ESC}[$(][@BJ]`);
const JIS_ESCAPES = new RegExp(JIS_ESCAPE.source, "g");
const NOT_ASCII = /[\u0080-\uffff]/;

/**
 * A field value written in ISO-2022-JP (Japanese between escape sequences, as Lotus Domino
 * writes its Diagnostic-Code): decoded. The report part names no charset, and a field's text
 * is 7-bit, so each character is one byte of the encoding. Any other value is kept.
 */
function decodeJis(value: string): string {
  if (!JIS_ESCAPE.test(value) || NOT_ASCII.test(value)) return value;
  // Made at first use, and never fatal: a runtime without this encoding keeps the value.
  if (jis === undefined) {
    try {
      jis = new TextDecoder("iso-2022-jp");
    } catch {
      jis = null;
    }
  }
  if (jis === null) return value;
  // Decoded up to its last return to ASCII (`ESC ( B`, `ESC ( J`): after an escape into
  // Japanese that is never closed (a cut or broken field), the rest is plain text read two
  // bytes a character, which would turn its words into noise: it is kept as it is, without
  // the stray escape.
  let closed = 0;
  for (const m of value.matchAll(JIS_ESCAPES)) if (m[0][1] === "(") closed = m.index + m[0].length;
  const decoder = jis;
  const decoded = closed === 0 ? "" : decoder.decode(Uint8Array.from(value.slice(0, closed), (c) => c.charCodeAt(0)));
  return decoded + value.slice(closed).replace(JIS_ESCAPES, "");
}

/**
 * Splits report fields into the per-message block and per-recipient blocks. Tolerates
 * producers that leave out the blank lines, or put per-recipient fields before
 * `Final-Recipient`: a new recipient starts whenever a recipient field repeats.
 */
export function parseReportFields(text: string): ReportFields {
  const lines = readLines(text);
  const groups: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    if (line.name === null) {
      if (current.length > 0) groups.push(current);
      current = [];
      if (groups.length > MAX_BLOCKS) break;
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) groups.push(current);

  const perMessage = new Map<string, string>();
  const recipients: Map<string, string>[] = [];
  for (const group of groups) {
    const hasRecipient = group.some((l) => l.name !== null && RECIPIENT_FIELDS.has(l.name));
    if (!hasRecipient) {
      const looksPerRecipient = group.some((l) => l.name !== null && PER_RECIPIENT_HINTS.has(l.name));
      if (looksPerRecipient && recipients.length > 0) {
        // A block of per-recipient fields without a recipient: complete the last one.
        const lastRec = recipients[recipients.length - 1];
        if (lastRec !== undefined) {
          for (const l of group) if (l.name !== null && !lastRec.has(l.name)) lastRec.set(l.name, l.value);
        }
      } else {
        for (const l of group) if (l.name !== null && !perMessage.has(l.name)) perMessage.set(l.name, l.value);
      }
      continue;
    }
    let rec = new Map<string, string>();
    let recHasRecipient = false;
    for (const l of group) {
      if (l.name === null) continue;
      if (RECIPIENT_FIELDS.has(l.name)) {
        // Producers write Original- and Final-Recipient in either order; a repeat starts a new recipient.
        const startsNew = recHasRecipient && rec.has(l.name);
        if (startsNew) {
          recipients.push(rec);
          rec = new Map<string, string>();
          if (recipients.length > MAX_BLOCKS) return { perMessage, recipients };
        }
        recHasRecipient = true;
      }
      if (!rec.has(l.name)) rec.set(l.name, l.value);
    }
    if (recHasRecipient) recipients.push(rec);
    if (recipients.length > MAX_BLOCKS) break;
  }
  return { perMessage, recipients };
}

/** Finds the machine-readable fields of a report inside raw text (for malformed reports). */
export function findReportText(text: string, mdn: boolean): string | null {
  const start = mdn
    ? /^(?:Reporting-UA|Original-Recipient|Final-Recipient|Original-Message-ID|Disposition)[ \t]*:/im
    : /^(?:Reporting-MTA|Original-Recipient|Final-Recipient)[ \t]*:/im;
  const m = start.exec(text.slice(0, MAX_REPORT_CHARS));
  if (m === null) return null;
  const rest = text.slice(m.index, m.index + 64 * 1024);
  // The report ends at the next MIME boundary line.
  const end = /^--\S/m.exec(rest);
  return end === null ? rest : rest.slice(0, end.index);
}

/** RFC 8098 `Disposition:` — `action-mode/sending-mode; type[/modifier,…]`. */
export interface ParsedDisposition {
  readonly type: string;
  readonly mode: "manual" | "automatic" | null;
  readonly modifiers: string;
}

const MODE_WITHOUT_SEMICOLON = /^((?:manual|automatic)-action\s*\/\s*mdn-sent-(?:manually|automatically))\s+(\S.*)$/is;

export function parseDispositionField(value: string): ParsedDisposition | null {
  const v = value.slice(0, 2000).trim();
  if (v === "") return null;
  const semi = v.indexOf(";");
  // Some clients leave out the semicolon after the mode: `manual-action/MDN-sent-manually displayed`.
  const bare = semi < 0 ? MODE_WITHOUT_SEMICOLON.exec(v) : null;
  const modePart = semi >= 0 ? v.slice(0, semi).trim().toLowerCase() : (bare?.[1] ?? "").toLowerCase();
  const rest = (semi >= 0 ? v.slice(semi + 1) : bare !== null ? (bare[2] ?? "") : v).trim();
  const m = /^([A-Za-z-]+)\s*(?:\/\s*(.*))?$/s.exec(rest);
  if (m === null) return null;
  const mode = modePart.startsWith("manual") ? "manual" : modePart.startsWith("automatic") ? "automatic" : null;
  return { type: (m[1] ?? "").toLowerCase(), mode, modifiers: (m[2] ?? "").trim() };
}
