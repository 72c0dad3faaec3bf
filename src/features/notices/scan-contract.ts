/**
 * What the notices panel asks the background page about the folder scan, and what it answers
 * (`runtime` messages, parsed with zod/mini on both sides): start a scan (where, thorough or
 * not), look at recent mail unless that was done already, cancel the scan running. The scan
 * itself runs in the background (`scan-service.ts`) and survives the panel's tab.
 */
import * as z from "zod/mini";
import { sendToAddon } from "../../adapters/runtime.js";
import { scanTargetSchema } from "./scan-status.js";
import type { ScanTarget } from "./scan.js";

/** How far back (days) the scan made without being asked looks: every account's recent mail. */
export const RECENT_DAYS = 30;

export const scanRequestSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("notices.scan.start"), target: scanTargetSchema, thorough: z.boolean() }),
  /** The panel opened: recent mail is looked at unless that was done already. */
  z.object({ type: z.literal("notices.scan.recent") }),
  z.object({ type: z.literal("notices.scan.cancel") }),
]);

export type ScanRequest = z.output<typeof scanRequestSchema>;

export const scanAnswerSchema = z.object({
  /**
   * `started`: a scan began; `joined`: one was already running (the panel follows it, and says
   * so); `cancelling`: the scan running is being stopped; `idle`: nothing to do.
   */
  outcome: z.enum(["started", "joined", "cancelling", "idle"]),
});

export type ScanAnswer = z.output<typeof scanAnswerSchema>;

async function ask(request: ScanRequest): Promise<ScanAnswer> {
  return scanAnswerSchema.parse(await sendToAddon(request));
}

/** Asks the background to scan `target`; a scan already running is joined instead. */
export function requestScan(target: ScanTarget, thorough: boolean): Promise<ScanAnswer> {
  return ask({ type: "notices.scan.start", target, thorough });
}

/** Asks the background to look at recent mail, unless that was done already. */
export function requestRecentScan(): Promise<ScanAnswer> {
  return ask({ type: "notices.scan.recent" });
}

export function requestScanCancel(): Promise<ScanAnswer> {
  return ask({ type: "notices.scan.cancel" });
}
