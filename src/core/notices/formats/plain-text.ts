/**
 * Human-readable notices (Exim, qmail, Exchange, Gmail, the patient platform…): the failed
 * recipients and their causes, from the text.
 */
import { PATIENT_DOMAIN } from "../../ins/normalize.js";
import { cleanAddress, isAddress, isSystemAddress } from "../addresses.js";
import { bounded, getHeaders, parseHeaderBlock } from "../headers.js";
import type { Parsed } from "../parse.js";
import {
  readVerdict,
  saysFinalFailure,
  stillTriedBeside,
  textsWithoutOthers,
  subjectLooksLikeNotice,
  textRecipients,
  MAX_RECIPIENTS,
  type TextRecipient,
} from "../plaintext.js";
import { classifyReason } from "../reasons/decide.js";
import { findStatus, platformClosedIn } from "../reasons/match.js";
import { MAX_DIAGNOSTIC_CHARS, none, notice, recipient, reporterFromSender } from "../result.js";
import type { DeliveryAction, Notice, NoticeKind, NoticeRecipient } from "../types.js";
import { namedRecipients } from "./named-recipients.js";
import { originalHeaderFields, originalOf } from "./quoted-original.js";

/**
 * A human-readable notice without a usable machine-readable part: whether it says a message
 * failed or is delayed (or is the patient platform's closed-mailbox notice), and for whom.
 */
export function fromPlainText(
  p: Parsed,
  ctx: { noticeText: string; rest: string; fromSystem: boolean; isReport: boolean; dsnAction: DeliveryAction | null },
): Notice {
  const { noticeText, rest, fromSystem, isReport, dsnAction } = ctx;
  const subjectNotice = subjectLooksLikeNotice(p.subject);
  const verdict = readVerdict(noticeText, p.subject);
  const failedHeader = getHeaders(p.fields, "x-failed-recipients").join(",");
  // The patient platform's closed-mailbox sentence makes a notice only in a message written
  // by a mail system, and outside quoted lines: a person quoting or forwarding it, or a
  // patient pasting it, has not had a message bounce.
  const platformClosed =
    writtenByMailSystem(p, fromSystem, isReport) && platformClosedIn(unquoted(noticeText));
  const looksNotice =
    platformClosed ||
    ((verdict.failure || verdict.delay) && (fromSystem || subjectNotice || failedHeader !== "" || isReport)) ||
    (subjectNotice && fromSystem) ||
    dsnAction !== null;
  if (!looksNotice) return none("ordinary", p);

  const delayed = dsnAction === "delayed" || (dsnAction === null && verdict.delay);
  const found = collectTextRecipients(p, noticeText, rest, failedHeader);
  // The platform's closed-mailbox sentence in one recipient's own lines is that one's; said
  // once above them all, it is about every platform recipient (see textRecipient).
  const sentenceOwned = found.length > 1 && found.some((r) => platformClosedIn(r.snippet));
  const statusOf = new Map(found.map((r) => [r, findStatus(r.snippet)]));
  const ownNotice = textsWithoutOthers(noticeText, found, (r, o) => statusOf.get(r) === statusOf.get(o));
  const recipients = found.map((r) => {
    // A delay notice may still report a final refusal for one of its recipients, and a final
    // one whose stop is said for others only (their lines, or « pour les destinataires en échec »)
    // a next attempt for this one.
    const finalForThis = dsnAction === null && saysFinalFailure(r.snippet);
    const triedForThis =
      !delayed && dsnAction === null &&
      stillTriedBeside(r.snippet, found.filter((o) => o !== r).map((o) => o.snippet), noticeText);
    const action: DeliveryAction = (delayed && !finalForThis) || triedForThis ? "delayed" : "failed";
    // Other recipients' lines are left out of the text read for a cause only where this one's own
    // lines give its own status: a cause said on another address's line may be the shared one
    // ("552 Quota violation for userx@…" under "unable to deliver your message to usery@…").
    const own = statusOf.get(r) !== null ? ownNotice(r) : noticeText;
    return textRecipient(r, action, { noticeText, own }, found.length, sentenceOwned);
  });
  // Every recipient still tried is a delay, also when the notice's stop is said for others only.
  const allDelayed = recipients.every((r) => r.action === "delayed");
  const kind: NoticeKind = (delayed || recipients.length > 0) && allDelayed ? "delay" : "bounce";
  return notice(kind, "text", recipients, p, originalOf(p, rest, noticeText, null), reporterFromSender(p.from));
}

function addressesOf(value: string | undefined): string[] {
  if (value === undefined) return [];
  const out: string[] = [];
  for (const part of value.slice(0, 4000).split(",")) {
    const a = cleanAddress(part);
    if (a !== null) out.push(a.toLowerCase());
  }
  return out;
}

function collectTextRecipients(p: Parsed, noticeText: string, rest: string, failedHeader: string): TextRecipient[] {
  const exclude = new Set<string>();
  // The notice goes back to the sender: its own addresses are not the failed recipients.
  for (const name of ["from", "to", "cc", "return-path", "sender", "reply-to"]) {
    for (const v of getHeaders(p.fields, name)) for (const a of addressesOf(v)) exclude.add(a);
  }
  const fromAddress = cleanAddress(p.from);
  const fromDomain = fromAddress === null ? null : fromAddress.slice(fromAddress.lastIndexOf("@") + 1);
  const found = textRecipients(noticeText, { exclude, fromDomain });
  const byKey = new Map<string, TextRecipient>();
  for (const a of addressesOf(failedHeader)) {
    const match = found.find((f) => f.address.toLowerCase() === a);
    byKey.set(a, match ?? { address: a, snippet: "" });
  }
  for (const f of found) if (!byKey.has(f.address.toLowerCase())) byKey.set(f.address.toLowerCase(), f);
  if (byKey.size === 0) {
    // "Undeliverable: user@example.com", "DELIVERY FAILURE: User x (user@example.com) …"
    const re = /[^\s<>()"',;:[\]]+@[^\s<>()"',;:[\]]+/g;
    for (const m of p.subject.matchAll(re)) {
      const a = cleanAddress(m[0]);
      if (a !== null && !exclude.has(a.toLowerCase()) && isAddress(a)) {
        byKey.set(a.toLowerCase(), { address: a, snippet: "" });
      }
    }
  }
  if (byKey.size === 0) {
    // Named by display name only (Exchange): the returned message's To and Cc give the address.
    const originals =
      p.originals.length > 0 ? p.originals.map((o) => parseHeaderBlock(o).fields) : [originalHeaderFields(p, rest)];
    for (const r of namedRecipients(originals, noticeText)) {
      if (!exclude.has(r.address.toLowerCase())) byKey.set(r.address.toLowerCase(), r);
    }
  }
  return [...byKey.values()].slice(0, MAX_RECIPIENTS);
}

function textRecipient(
  r: TextRecipient,
  action: DeliveryAction,
  texts: { readonly noticeText: string; readonly own: string },
  count: number,
  sentenceOwned: boolean,
): NoticeRecipient {
  const snippet = r.snippet;
  const onPlatform = r.address.toLowerCase().endsWith(`@${PATIENT_DOMAIN}`);
  const status = findStatus(snippet) ?? (count === 1 ? findStatus(texts.noticeText) : null);
  const diagnostic = snippet.length > r.address.length + 8 ? bounded(snippet, MAX_DIAGNOSTIC_CHARS) : null;
  return recipient(r.address, {
    action,
    status,
    diagnostic,
    // The patient platform's sentence, said once above all the recipients, is about its own
    // mailboxes; found in one recipient's own lines, it is that one's. Any other recipient
    // takes it only when its own text names no cause.
    reason: classifyReason({
      text: snippet,
      fallbackText: texts.own,
      status,
      action,
      sharedFallback: count > 1 && (sentenceOwned || !onPlatform),
    }),
  });
}


/** No-reply and notification mailboxes, in French and English. */
const NO_REPLY_LOCAL = /^(?:ne[-_.]?pas[-_.]?repondre|no[-_.]?reply|do[-_.]?not[-_.]?reply|notifications?|bounces?)$/i;

/** A mail system wrote it: a system sender, an automatic submission (RFC 3834) or a report. */
export function writtenByMailSystem(p: Parsed, fromSystem: boolean, isReport: boolean): boolean {
  if (fromSystem || isReport) return true;
  const from = cleanAddress(p.from);
  const local = from === null ? "" : from.slice(0, from.lastIndexOf("@"));
  if (from !== null && (isSystemAddress(from) || NO_REPLY_LOCAL.test(local))) return true;
  return /^\s*auto-(?!no\b)/i.test(getHeaders(p.fields, "auto-submitted")[0] ?? "");
}

/** The text without its quoted lines (`> …`). */
function unquoted(text: string): string {
  return text
    .split("\n")
    .filter((line) => !/^[ \t]*>/.test(line))
    .join("\n");
}
