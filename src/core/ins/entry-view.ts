import type { Text } from "../i18n/text.js";
import { checkIns } from "./check.js";
import { compareIdentity, mismatchText, type ExpectedIdentity } from "./expected.js";
import { describeIdentity, insProblemText } from "./messages.js";

/** What the INS field shows while the user types: a status line, and the card once valid. */
export interface InsEntryView {
  readonly status: { readonly tone: "neutral" | "ok" | "bad"; readonly text: Text };
  readonly card: {
    readonly ins: string;
    readonly address: string;
    readonly identity: Text;
    /** Set when the patient's file disagrees with the INS: a loud warning. */
    readonly mismatch: Text | null;
  } | null;
}

const EMPTY: Text = { fr: "", en: "" };

export function insEntryView(input: string, expected: ExpectedIdentity, referenceYear: number): InsEntryView {
  const check = checkIns(input);
  if (!check.valid) {
    if (check.problem === "empty") return { status: { tone: "neutral", text: EMPTY }, card: null };
    return { status: { tone: "bad", text: insProblemText(check) }, card: null };
  }
  const mismatches = compareIdentity(check.identity, expected);
  return {
    status: {
      tone: "ok",
      text: { fr: "Matricule INS valide (clé correcte).", en: "Valid INS number (key checked)." },
    },
    card: {
      ins: check.ins,
      address: check.address,
      identity: describeIdentity(check.identity, referenceYear),
      mismatch: mismatches.length > 0 ? mismatchText(mismatches) : null,
    },
  };
}
