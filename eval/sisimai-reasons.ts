import type { Reason } from "../src/core/notices/index.js";

/**
 * How Sisimai 4.25's reasons are read in this product's terms: the one map the evaluation
 * and the benchmark both use. Each Sisimai reason gives exactly one reading, so that Sisimai
 * is judged by the same rule as the classifier (one reason a recipient, compared with the
 * curated label); no reading accepts several of our reasons.
 *
 * The choice for each follows Sisimai's own description of the reason
 * (`perldoc Sisimai::Reason::<Name>`) and the labelling rules of `eval/labels/README.md`.
 * A record whose `action` is `delayed` is a delay warning whatever its reason: it is read as
 * `temporary`, as the labels read every delay (see `sisimaiRecordReason`).
 */
export type SisimaiReading =
  | { readonly reason: Reason; readonly why: string }
  | { readonly notFailure: "delivered" | "auto-reply" | "complaint"; readonly why: string };

export const SISIMAI_REASONS: Readonly<Record<string, SisimaiReading>> = {
  userunknown: { reason: "unknown-recipient", why: "local part does not exist (5.1.1, refused at RCPT)" },
  filtered: {
    reason: "unknown-recipient",
    why: "refused on the recipient's side after DATA (5.2.0, 5.2.1): Filtered.pm takes UserUnknown's phrases and 'user not found'",
  },
  hasmoved: { reason: "unknown-recipient", why: "mailbox moved, not forwarded (5.1.6): the address no longer exists" },
  suspend: { reason: "mailbox-closed", why: "account suspended" },
  mailboxfull: { reason: "mailbox-full", why: "mailbox full (4.2.2, 5.2.2)" },
  mesgtoobig: { reason: "message-too-large", why: "message too big for the server (5.3.4)" },
  exceedlimit: { reason: "message-too-large", why: "message exceeds the mailbox's limit (5.2.3)" },
  spamdetected: { reason: "content-rejected", why: "refused by a spam filter" },
  virusdetected: { reason: "content-rejected", why: "a virus was found in the message" },
  contenterror: { reason: "content-rejected", why: "header or format of the message refused (5.6.x)" },
  policyviolation: { reason: "content-rejected", why: "header content or format of the message breaks a policy" },
  blocked: { reason: "sender-rejected", why: "connection refused for the client's IP address or host name" },
  rejected: { reason: "sender-rejected", why: "envelope sender refused (5.1.8, MAIL FROM)" },
  securityerror: { reason: "sender-rejected", why: "security policy refused the sender (5.7.x, forged or unauthenticated)" },
  norelaying: { reason: "sender-rejected", why: "relaying denied: aimed at the sending server" },
  toomanyconn: { reason: "sender-rejected", why: "too many connections: a rate limit on the sender" },
  hostunknown: { reason: "host-unknown", why: "domain part does not exist (5.1.2)" },
  notaccept: { reason: "host-unknown", why: "destination accepts no mail (null MX, 556, 5.3.2)" },
  networkerror: { reason: "network-error", why: "DNS look-up failure or other network problem" },
  expired: { reason: "expired", why: "gave up after the message stayed in the queue too long" },
  syntaxerror: { reason: "other", why: "SMTP command not understood (502, 503): not the address's syntax" },
  systemerror: { reason: "other", why: "internal error on the remote host" },
  systemfull: { reason: "other", why: "the server's disk or spool is full, not the mailbox" },
  mailererror: { reason: "other", why: "the delivery program failed on the remote host" },
  onhold: { reason: "other", why: "Sisimai could not tell the reason: no cause given" },
  undefined: { reason: "other", why: "Sisimai found no reason" },
  delivered: { notFailure: "delivered", why: "status 2.x.x: delivered" },
  vacation: { notFailure: "auto-reply", why: "an auto-reply, not a failure" },
  feedback: { notFailure: "complaint", why: "a spam-complaint report (ARF), not a failure" },
};

/** Our reason for one Sisimai record; null when Sisimai's reason is not a failure or unknown. */
export function sisimaiRecordReason(record: { readonly reason: string; readonly action: string }): Reason | null {
  const reading = SISIMAI_REASONS[record.reason];
  if (reading === undefined || !("reason" in reading)) return null;
  return record.action.toLowerCase() === "delayed" ? "temporary" : reading.reason;
}

/** Whether a Sisimai reason reports a failure (or a delay), as opposed to a delivery, an auto-reply or a complaint. */
export function sisimaiIsFailure(reason: string): boolean {
  const reading = SISIMAI_REASONS[reason];
  return reading === undefined || "reason" in reading;
}

/** The causes of ours that agree with a Sisimai reason: its one reading, or none. */
export function oursForSisimai(reason: string): readonly Reason[] {
  const reading = SISIMAI_REASONS[reason];
  return reading !== undefined && "reason" in reading ? [reading.reason] : [];
}

/** One record of Sisimai's output for a file. */
export interface SisimaiRecord {
  readonly recipient: string;
  readonly reason: string;
  readonly action: string;
  readonly deliverystatus: string;
}

/**
 * What Sisimai says of a file, in the evaluation's terms. Sisimai answers "failure or not":
 * no failure record (nothing, or only delivered, vacation or feedback records) is `none`;
 * failure records all with `action: delayed` are a `delay`; otherwise a `bounce`. Sisimai
 * does not read receipts: it never says `receipt`.
 */
export function sisimaiVerdict(records: readonly SisimaiRecord[]): {
  readonly kind: "bounce" | "delay" | "none";
  readonly recipients: readonly { readonly address: string; readonly reason: Reason | null }[];
} {
  const failures = records.filter((r) => sisimaiIsFailure(r.reason));
  if (failures.length === 0) return { kind: "none", recipients: [] };
  const kind = failures.every((r) => r.action.toLowerCase() === "delayed") ? "delay" : "bounce";
  const seen = new Set<string>();
  const recipients: { address: string; reason: Reason | null }[] = [];
  for (const r of failures) {
    const address = r.recipient.toLowerCase();
    if (seen.has(address)) continue;
    seen.add(address);
    recipients.push({ address, reason: sisimaiRecordReason(r) });
  }
  return { kind, recipients };
}
