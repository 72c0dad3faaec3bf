import type { ReasonTable } from "./table.js";

/** A temporary problem: the mail system tries again by itself. */
export const temporary: ReasonTable = {
  reason: "temporary",
  strong: [
    "greylist",
    "greylisted",
    "greylisting",
    "grey-listed",
    "graylist",
    "graylisted",
    "try again later",
    "temporarily deferred",
    "temporarily rejected",
    "temporarily refused",
    "temporarily unavailable",
    "still being retried",
    "reessayez plus tard",
  ],
  weak: [
    "temporary",
    "temporarily",
    "please try again",
    "try again",
    "deferred",
    "service unavailable",
    "service temporarily unavailable",
    "service currently unavailable",
    "resources temporarily",
    "will retry",
    "veuillez reessayer",
    "momentanement",
  ],
  statuses: { strong: [], weak: [] },
  replyCodes: ["450", "451", "452", "453", "454", "455"],
  overriddenBy: [],
};
