/**
 * What a message turned out to be, once read as a possible delivery notice
 * (bounce, delay warning) or read receipt.
 */
export type NoticeKind = "bounce" | "delay" | "receipt" | "none";

/** For `kind: "none"`: what the message is instead, when it is recognisably something. */
export type NotANotice =
  | "ordinary" // plain mail, or nothing that looks like a notice
  | "complaint" // spam-complaint report (ARF, `report-type=feedback-report`, webmail complaint loops)
  | "auto-reply" // vacation / out-of-office / "thank you for your message"
  | "challenge" // "confirm you are human" / allow-list requests
  | "forwarded" // a notice forwarded by a person: not addressed by the mail system to us
  | "unreadable"; // the message could not be read at all

/** How the notice was recognised. */
export type NoticeFormat =
  | "dsn" // RFC 3464 or RFC 6533 delivery status, or its fields in a service's JSON (Amazon SES)
  | "mdn" // RFC 8098 message/disposition-notification (or its global form)
  | "text"; // a human-readable notice without a machine-readable part

/** RFC 3464 `Action:` values. */
export type DeliveryAction = "failed" | "delayed" | "delivered" | "relayed" | "expanded";

/** Why a message was not delivered (or is delayed), in the terms the user is given advice for. */
export type Reason =
  | "mailbox-closed"
  | "unknown-recipient"
  | "invalid-address"
  | "mailbox-full"
  | "message-too-large"
  | "content-rejected"
  | "sender-rejected"
  | "host-unknown"
  | "network-error"
  | "expired"
  | "temporary"
  | "other";

export const REASONS: readonly Reason[] = [
  "mailbox-closed",
  "unknown-recipient",
  "invalid-address",
  "mailbox-full",
  "message-too-large",
  "content-rejected",
  "sender-rejected",
  "host-unknown",
  "network-error",
  "expired",
  "temporary",
  "other",
];

/** RFC 8098 disposition types (plus the older RFC 2298 `denied` and `failed`). */
export type DispositionType = "displayed" | "deleted" | "dispatched" | "processed" | "denied" | "failed";

export interface Disposition {
  readonly type: DispositionType;
  /** `manual` when a person acted (opened, deleted), `automatic` when software did. */
  readonly mode: "manual" | "automatic" | null;
  /** The receiver reports an error (modifier `error`, an `Error:` field, or a legacy `failed`). */
  readonly error: boolean;
  /** The error text, bounded, when one is given. */
  readonly errorText: string | null;
}

export interface NoticeRecipient {
  /** The address as the notice gives it (the original recipient when both are given). */
  readonly address: string;
  readonly action: DeliveryAction | null;
  /** Enhanced status code `x.y.z` (RFC 3463), or null. */
  readonly status: string | null;
  /** What the remote system said, bounded, or null. */
  readonly diagnostic: string | null;
  /** Why it failed or is delayed; null for a delivery or a read receipt. */
  readonly reason: Reason | null;
  /** For a patient address (`…@patient.mssante.fr`): the 15 characters before the `@`. */
  readonly ins: string | null;
  /** For a patient address: whether that number passes the INS checks (key included). */
  readonly insValid: boolean | null;
  /** For a read receipt: what the reader's software did with the message. */
  readonly disposition: Disposition | null;
  /** When it happened, as the notice gives it (ISO 8601 when it could be read), or null. */
  readonly date: string | null;
}

export interface OriginalMessage {
  readonly messageId: string | null;
  readonly subject: string | null;
  readonly date: string | null;
}

export interface Notice {
  readonly kind: NoticeKind;
  /** For `kind: "none"`, what the message is instead; null otherwise. */
  readonly notNotice: NotANotice | null;
  /** How the notice was recognised; null for `none`. */
  readonly format: NoticeFormat | null;
  readonly recipients: readonly NoticeRecipient[];
  /** The message this notice is about, when the notice carries or names it. */
  readonly original: OriginalMessage | null;
  /** The notice's own subject and date (decoded, bounded). */
  readonly subject: string | null;
  readonly date: string | null;
  /** The system that produced the notice (`Reporting-MTA`, `Reporting-UA`, or the sender's domain). */
  readonly reporter: string | null;
}

/** A header as a name and its (unfolded) value. */
export interface HeaderField {
  readonly name: string;
  readonly value: string;
}
