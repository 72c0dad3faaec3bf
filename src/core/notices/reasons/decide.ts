import type { DeliveryAction, Reason } from "../types.js";
import { overrides, platformClosedIn, replyCodeReason, statusReason, strongIn, weakIn } from "./match.js";

/** Causes that put the recipient's address or mailbox in question. */
const RECIPIENT_SIDE: ReadonlySet<Reason> = new Set<Reason>([
  "unknown-recipient",
  "invalid-address",
  "mailbox-full",
  "mailbox-closed",
]);

export interface ReasonInput {
  /** What the remote server said, or the notice's text about this recipient. */
  readonly text: string;
  /** More text to look at when `text` names no cause (the whole human-readable notice). */
  readonly fallbackText?: string;
  readonly status: string | null;
  readonly action: DeliveryAction | null;
  /**
   * The fallback text reports other recipients too: the patient platform's closed-mailbox
   * sentence there is this recipient's cause only when its own text names none.
   */
  readonly sharedFallback?: boolean;
}

/**
 * The cause of a failure or delay. In order: the patient platform's closed-mailbox sentence;
 * a specific status code, unless a phrase names something more specific; a clear phrase;
 * weaker hints (phrases, codes, then the basic reply code). A delay is always "temporary"
 * (still being tried); a failure with a 4.x.x code gave up after retrying.
 */
export function classifyReason(input: ReasonInput): Reason {
  if (input.action === "delayed") return "temporary";
  const reason = pickReason(input);
  const tempFailure = input.action === "failed" && input.status?.startsWith("4.") === true;
  if (tempFailure && (reason === "temporary" || reason === "other" || reason === "network-error")) return "expired";
  // A permanent failure is not "temporary", whatever words the server used: its status code
  // says what it can ("service unavailable" with 5.7.x is a refusal of the sender).
  if (input.action === "failed" && input.status?.startsWith("5.") === true && reason === "temporary") {
    return statusReason(input.status)?.reason ?? "other";
  }
  return reason;
}

function pickReason(input: ReasonInput): Reason {
  const texts = [input.text];
  if (input.fallbackText !== undefined && input.fallbackText !== "") texts.push(input.fallbackText);
  if (platformClosedIn(input.text)) return "mailbox-closed";
  const ownCause =
    input.sharedFallback === true && (strongIn(input.text).length > 0 || statusReason(input.status)?.strong === true);
  // The own text was read just above: only the fallback is left to read.
  const fallback = texts[1];
  if (!ownCause && fallback !== undefined && platformClosedIn(fallback)) return "mailbox-closed";
  // The remote server's own words about the sending side (IP, reputation, authentication,
  // rate, relay, block lists) win over a recipient-looking code: telling the professional
  // the patient's address is wrong when their own server was refused is the worst error.
  // Another cause named beside it (a message too large, its content) still comes first.
  const notAboutRecipient = strongIn(input.text).filter((r) => !RECIPIENT_SIDE.has(r));
  if (notAboutRecipient[0] === "sender-rejected") return "sender-rejected";

  const st = statusReason(input.status);
  let weakSeen: readonly Reason[] = [];
  let weakInOwnText = false;
  // The fallback text is scanned only when the first one decides nothing.
  for (const [i, text] of texts.entries()) {
    const strong = strongIn(text);
    const first = strong[0];
    if (st?.strong === true) {
      if (strong.includes(st.reason)) return st.reason;
      if (first !== undefined && overrides(first, st.reason, text)) return first;
      return st.reason;
    }
    // A refused or dropped connection with a security or policy code (X.7.x) is the sending
    // server refused, not a network failure: a network failure leaves no X.7 code.
    if (first === "network-error" && st?.reason === "sender-rejected") return "sender-rejected";
    if (first !== undefined) return first;
    if (weakSeen.length === 0) {
      weakSeen = weakIn(text);
      weakInOwnText = i === 0 && weakSeen.length > 0;
    }
  }
  const firstWeak = weakSeen[0];
  if (firstWeak !== undefined) {
    if (st !== null && weakSeen.includes(st.reason)) return st.reason;
    // A hint in the rest of the notice says less than this recipient's own status code.
    if (st !== null && !weakInOwnText) return st.reason;
    return notAboutAddress(input.status) && RECIPIENT_SIDE.has(firstWeak) ? (st?.reason ?? "other") : firstWeak;
  }
  if (st !== null) return st.reason;
  const code = replyCodeReason(input.text);
  if (code !== null) return notAboutAddress(input.status) && RECIPIENT_SIDE.has(code) ? "other" : code;
  if (input.status?.startsWith("4.") === true) return input.action === "failed" ? "expired" : "temporary";
  return "other";
}

/**
 * A status code whose subject is the mail system (X.3), the protocol (X.5), the content (X.6)
 * or security and policy (X.7): the refusal is not about the recipient's address or mailbox,
 * so a vague hint ("recipient address rejected", a bare 550) does not make it one.
 */
function notAboutAddress(status: string | null): boolean {
  return /^[45]\.[3567]\./.test(status ?? "");
}
