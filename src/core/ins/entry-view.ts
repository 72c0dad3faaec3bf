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
