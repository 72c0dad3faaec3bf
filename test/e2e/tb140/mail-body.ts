// The text of a single-part text/plain message as captured over SMTP: transfer encoding
// (7bit, 8bit, quoted-printable, base64) and format=flowed (RFC 3676) undone.
import { bodyBytes, headerLines } from "../../../harness/index.js";

function headerValue(raw: Buffer, name: string): string {
  const [line] = headerLines(raw, name);
  return line === undefined ? "" : line.slice(line.indexOf(":") + 1).trim();
}

function decodeQuotedPrintable(text: string): Buffer {
  const softBreaksRemoved = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < softBreaksRemoved.length; i++) {
    const char = softBreaksRemoved[i] ?? "";
    const hex = softBreaksRemoved.slice(i + 1, i + 3);
    if (char === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(char, "utf8"));
    }
  }
  return Buffer.from(bytes);
}

/** Joins format=flowed soft breaks (a line ending with a space) and removes space-stuffing. */
function unflow(text: string, delSp: boolean): string {
  const out: string[] = [];
  let current = "";
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.startsWith(" ") ? rawLine.slice(1) : rawLine;
    if (line.endsWith(" ") && line !== "-- ") {
      current += delSp ? line.slice(0, -1) : line;
    } else {
      out.push(current + line);
      current = "";
    }
  }
  if (current !== "") out.push(current);
  return out.join("\n");
}

/** The decoded text of a text/plain message (not multipart). */
export function plainTextBody(raw: Buffer): string {
  const contentType = headerValue(raw, "Content-Type").toLowerCase();
  if (contentType !== "" && !contentType.startsWith("text/plain")) {
    throw new Error(`plainTextBody: not a text/plain message (${contentType})`);
  }
  const encoding = headerValue(raw, "Content-Transfer-Encoding").toLowerCase();
  const body = bodyBytes(raw);
  let bytes: Buffer;
  if (encoding === "base64") bytes = Buffer.from(body.toString("latin1").replace(/\s+/g, ""), "base64");
  else if (encoding === "quoted-printable") bytes = decodeQuotedPrintable(body.toString("latin1"));
  else bytes = body;
  const text = bytes.toString("utf8");
  if (!/format\s*=\s*"?flowed/.test(contentType)) return text;
  return unflow(text, /delsp\s*=\s*"?yes/.test(contentType));
}
