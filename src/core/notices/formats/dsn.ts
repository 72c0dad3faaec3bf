/** Delivery status notifications (RFC 3464, RFC 6533): one entry per recipient from the report fields. */
import { cleanAddress } from "../addresses.js";
import { bounded, normalizeDate } from "../headers.js";
import type { Parsed } from "../parse.js";
import { MAX_RECIPIENTS, textRecipients } from "../plaintext.js";
import { classifyReason } from "../reasons/decide.js";
import { findStatus, withoutRelayLabel } from "../reasons/match.js";
import { parseReportFields, type FieldMap } from "../report.js";
import {
  diagnosticText,
  MAX_DIAGNOSTIC_CHARS,
  notice,
  recipient,
  recipientAddress,
  reporterFromSender,
  reporterName,
} from "../result.js";
import type { DeliveryAction, Notice, NoticeKind, NoticeRecipient } from "../types.js";
import { originalOf } from "./quoted-original.js";

function normalizeAction(value: string | undefined, status: string | null): DeliveryAction | null {
  const v = (value ?? "").trim().toLowerCase();
  if (["fail", "error", "undeliver", "bounce"].some((w) => v.startsWith(w))) return "failed";
  // A permanent Status (5.x.x) beside "delayed" contradicts it: a final refusal must never
  // read as "still being tried".
  if (v.startsWith("delay") || v.startsWith("defer")) return status?.startsWith("5.") === true ? "failed" : "delayed";
  if (v.startsWith("deliver")) return "delivered";
  if (v.startsWith("relay")) return "relayed";
  if (v.startsWith("expand")) return "expanded";
  if (status?.startsWith("5.") === true) return "failed";
  if (status?.startsWith("4.") === true) return "delayed";
  if (status?.startsWith("2.") === true) return "delivered";
  return null;
}

/**
 * The Status field's code, unless it says nothing beyond its class (`5.0.0`) and the remote
 * server's reply gives a code of the same class that does.
 */
function specificStatus(field: string | null, reply: string | null): string | null {
  if (field === null) return reply;
  if (reply === null || !/^[45]\.0\.0$/.test(field) || reply[0] !== field[0] || reply.endsWith(".0.0")) return field;
  return reply;
}

export function fromDsn(
  p: Parsed,
  dsnTexts: readonly string[],
  noticeText: string,
  rest: string,
): { notice: Notice | null; action: DeliveryAction | null } {
  const records: FieldMap[] = [];
  let reporter: string | null = null;
  for (const t of dsnTexts) {
    const fields = parseReportFields(t);
    reporter ??= fields.perMessage.get("reporting-mta") ?? null;
    records.push(...fields.recipients.slice(0, MAX_RECIPIENTS * 2 - records.length));
    if (records.length >= MAX_RECIPIENTS * 2) break;
  }
  const snippets = new Map<string, string>();
  for (const r of textRecipients(noticeText, { exclude: new Set(), fromDomain: null })) {
    snippets.set(r.address.toLowerCase(), r.snippet);
  }
  const byAddress = new Map<string, NoticeRecipient>();
  let firstAction: DeliveryAction | null = null;
  const withAddress = records.filter((r) => recipientAddress(r) !== null && !isReceiptBlock(r));
  for (const rec of records) {
    // A read receipt's block (a returned receipt's fields, pasted or attached): its
    // Final-Recipient is the receipt's author, not an address the message failed to reach.
    if (isReceiptBlock(rec)) continue;
    const statusField = rec.get("status") ?? "";
    // Exim writes the remote server's words, or its own, in X-Exim-Diagnostic when it has no Diagnostic-Code.
    const diagnostic = diagnosticText(rec.get("diagnostic-code") ?? rec.get("x-exim-diagnostic"));
    const remote = diagnostic === null ? null : withoutRelayLabel(diagnostic);
    const status = findStatus(statusField, true) ?? (remote === null ? null : findStatus(remote));
    // The cause is read with the most specific code; the Status field is still the one shown.
    const causeStatus = specificStatus(status, remote === null ? null : findStatus(remote));
    const action = normalizeAction(rec.get("action"), status);
    firstAction ??= action;
    const address = recipientAddress(rec);
    if (address === null) continue;
    const key = address.toLowerCase();
    const finalAddress = cleanAddress(rec.get("final-recipient") ?? "");
    const finalSnippet = finalAddress === null ? undefined : snippets.get(finalAddress.toLowerCase());
    const snippet = snippets.get(key) ?? finalSnippet ?? "";
    const failedOrDelayed = action === "failed" || action === "delayed" || action === null;
    const reason = failedOrDelayed
      ? classifyReason({
          text: [diagnostic ?? "", snippet].join("\n"),
          fallbackText: withAddress.length === 1 ? noticeText : "",
          status: causeStatus,
          action: action ?? "failed",
        })
      : null;
    const diag = diagnostic ?? (snippet.length > address.length + 8 ? bounded(snippet, MAX_DIAGNOSTIC_CHARS) : null);
    const entry = recipient(address, {
      action: action ?? (failedOrDelayed ? "failed" : null),
      status,
      diagnostic: diag,
      reason,
      date: normalizeDate(rec.get("last-attempt-date")),
    });
    const existing = byAddress.get(key);
    // The same address twice (one entry per attempt or per MTA): keep the most final outcome.
    if (existing === undefined || rank(entry.action) > rank(existing.action)) byAddress.set(key, entry);
    if (byAddress.size >= MAX_RECIPIENTS) break;
  }
  const recipients = [...byAddress.values()];
  if (recipients.length === 0) return { notice: null, action: firstAction };
  const kind: NoticeKind = recipients.some((r) => r.action === "failed")
    ? "bounce"
    : recipients.some((r) => r.action === "delayed")
      ? "delay"
      : "receipt";
  return {
    notice: notice(
      kind,
      "dsn",
      recipients,
      p,
      originalOf(p, rest, noticeText, null),
      reporterName(reporter) ?? reporterFromSender(p.from),
    ),
    action: firstAction,
  };
}

function rank(action: DeliveryAction | null): number {
  return action === "failed" ? 3 : action === "delayed" ? 2 : action === null ? 0 : 1;
}


/** RFC 8098 fields (a `Disposition`, no `Action` nor `Status`): a read receipt's, not a delivery report's. */
function isReceiptBlock(rec: FieldMap): boolean {
  return rec.has("disposition") && !rec.has("action") && !rec.has("status");
}
