import type { Reason } from "../src/core/notices/index.js";

/**
 * Sisimai 4.25's reasons, read as the causes this product reports (a Sisimai reason may fit
 * several). `undecided`: Sisimai could not tell (onhold, undefined); `delivered`: not a
 * failure; `not-bounce`: an auto-reply or a complaint. The one map the evaluation and the
 * benchmark both read.
 */
export const SISIMAI_REASONS: Readonly<Record<string, readonly Reason[] | "undecided" | "delivered" | "not-bounce">> = {
  userunknown: ["unknown-recipient"],
  hasmoved: ["unknown-recipient", "mailbox-closed"],
  suspend: ["mailbox-closed"],
  mailboxfull: ["mailbox-full"],
  mesgtoobig: ["message-too-large"],
  exceedlimit: ["message-too-large"],
  spamdetected: ["content-rejected"],
  virusdetected: ["content-rejected"],
  contenterror: ["content-rejected"],
  policyviolation: ["content-rejected", "sender-rejected"],
  blocked: ["sender-rejected"],
  rejected: ["sender-rejected"],
  securityerror: ["sender-rejected", "content-rejected"],
  authfailure: ["sender-rejected"],
  badreputation: ["sender-rejected"],
  notaccept: ["host-unknown", "sender-rejected"],
  norelaying: ["host-unknown", "sender-rejected"],
  hostunknown: ["host-unknown"],
  networkerror: ["network-error", "host-unknown"],
  expired: ["expired"],
  filtered: ["unknown-recipient", "content-rejected", "sender-rejected", "mailbox-closed"],
  systemerror: ["other", "network-error", "temporary"],
  mailererror: ["other", "network-error"],
  systemfull: ["mailbox-full", "other", "temporary"],
  syntaxerror: ["invalid-address"],
  toomanyconn: ["temporary"],
  speeding: ["temporary"],
  onhold: "undecided",
  undefined: "undecided",
  delivered: "delivered",
  vacation: "not-bounce",
  feedback: "not-bounce",
};

/**
 * The causes of ours that agree with a Sisimai reason. Where Sisimai could not tell, only
 * "other" agrees; a delivery, an auto-reply or an unknown reason agrees with none.
 */
export function oursForSisimai(reason: string): readonly Reason[] {
  const accepted = SISIMAI_REASONS[reason];
  if (accepted === undefined || accepted === "delivered" || accepted === "not-bounce") return [];
  return accepted === "undecided" ? ["other"] : accepted;
}
