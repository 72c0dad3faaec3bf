import { msg, type Message } from "../i18n/text.js";
import { checkIns } from "./check.js";
import { compareIdentity, mismatchText, type ExpectedIdentity } from "./expected.js";
import { describeIdentity, insProblemText } from "./messages.js";

/** What the INS field shows while the user types: a status line, and the card once valid. */
export interface InsEntryView {
  /** `text` is null while nothing is typed (an empty status line). */
  readonly status: { readonly tone: "neutral" | "ok" | "bad"; readonly text: Message | null };
  readonly card: {
    readonly ins: string;
    readonly address: string;
    readonly identity: Message;
    /** Set when the patient's file disagrees with the INS: a loud warning. */
    readonly mismatch: Message | null;
  } | null;
}

/** `locale`: the interface language's tag, for the month of birth. */
export function insEntryView(input: string, expected: ExpectedIdentity, referenceYear: number, locale: string): InsEntryView {
  const check = checkIns(input);
  if (!check.valid) {
    if (check.problem === "empty") return { status: { tone: "neutral", text: null }, card: null };
    return { status: { tone: "bad", text: insProblemText(check) }, card: null };
  }
  const mismatches = compareIdentity(check.identity, expected);
  return {
    status: { tone: "ok", text: msg("insValid") },
    card: {
      ins: check.ins,
      address: check.address,
      identity: describeIdentity(check.identity, referenceYear, locale),
      mismatch: mismatches.length > 0 ? mismatchText(mismatches) : null,
    },
  };
}

/**
 * What a screen reader should hear of the status line: a new kind of status, not every
 * keystroke. While the number is still being typed (too short, key not typed yet) nothing is
 * said; a problem is said once when it appears (not again while it stays the same problem,
 * whatever its figures), and a valid number once. `quiet` states say nothing and clear the
 * announcement, so that the same result is said again if it comes back later.
 */
export function insStatusKind(status: InsEntryView["status"]): string {
  if (status.text === null) return "quiet";
  if (status.tone === "ok") return "ok";
  const key = status.text.key.replace(/_(one|other)$/, "");
  return STILL_TYPING.has(key) ? "quiet" : `bad:${key}`;
}

/** Problems that only mean "not finished yet" while the user types. */
const STILL_TYPING: ReadonlySet<string> = new Set(["insProblemTooShort", "insProblemKeyMissing"]);

/**
 * The announcement for a new status, given the kind of the last one: the text to put in the
 * live region (`""` to clear it), or `undefined` to leave it as it is.
 */
export function insAnnouncement(previousKind: string, status: InsEntryView["status"]): { kind: string; say: Message | "" | undefined } {
  const kind = insStatusKind(status);
  if (kind === previousKind) return { kind, say: undefined };
  return { kind, say: kind === "quiet" || status.text === null ? "" : status.text };
}
