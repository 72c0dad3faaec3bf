import type { MessageKey } from "../../i18n/text.js";
import type { Reason } from "../types.js";

/**
 * What the notices say for one cause of failure, in one place: the phrases (folded: lower
 * case, no accents, single spaces), the enhanced status codes (RFC 3463) and the basic SMTP
 * reply codes that mean it.
 */
export interface ReasonTable {
  readonly reason: Reason;
  /** The cause in a few words (catalog key). */
  readonly label: MessageKey;
  /** What a failure for this cause means, and what to do next, in order (catalog keys). */
  readonly explanation: MessageKey;
  readonly steps: readonly MessageKey[];
  /** Phrases that name this cause beyond doubt; one wins over a vague status code. */
  readonly strong: readonly string[];
  /** Phrases that only hint at it; used when nothing clearer is said. */
  readonly weak: readonly string[];
  /**
   * Enhanced status codes, written `X.subject.detail` (`X` for class 4 or 5; `*` as detail
   * for a whole subject). A strong code decides unless the text names something more
   * specific (see `overriddenBy`); a weak one is a hint.
   */
  readonly statuses: { readonly strong: readonly string[]; readonly weak: readonly string[] };
  /** Basic SMTP reply codes (RFC 5321) that hint at this cause when nothing else is said. */
  readonly replyCodes: readonly string[];
  /**
   * Causes whose strong phrases win over this cause's strong status code (a `5.1.1` whose
   * text says the mailbox is disabled is a closed mailbox).
   */
  readonly overriddenBy: readonly Reason[];
}
