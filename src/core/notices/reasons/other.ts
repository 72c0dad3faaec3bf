import type { ReasonTable } from "./table.js";

/**
 * Not delivered, for a reason the notice does not make clear: a local program failed, or no
 * phrase, no code of its own.
 */
export const other: ReasonTable = {
  reason: "other",
  label: "reasonOtherLabel",
  explanation: "reasonOtherExplanation",
  steps: ["reasonOtherStep1"],
  strong: [
    "command died",
    "command output",
    "mailer error",
    "insufficient system storage",
    "internal error",
    "internal server error",
    "local error in processing",
    "configuration error",
  ],
  weak: [],
  statuses: { strong: [], weak: [] },
  replyCodes: [],
  overriddenBy: [],
};
