import type { ReasonTable } from "./table.js";

/** Not delivered, for a reason the notice does not make clear: no phrase, no code of its own. */
export const other: ReasonTable = {
  reason: "other",
  strong: [],
  weak: [],
  statuses: { strong: [], weak: [] },
  replyCodes: [],
  overriddenBy: [],
};
