/** Shared data for the feature tests, run against the fake Thunderbird. */
import { expect } from "vitest";
import type { BeforeSendResult, ComposePatch } from "../../../src/adapters/compose.js";
import { getTabState, updateTabState, type TabState } from "../../../src/features/compose/session-state.js";
import { evaluateTab } from "../../../src/features/compose/evaluate.js";
import { SEND_CHECK_PAGE } from "../../../src/features/compose/send-guard.js";
import { patient, VALID_INS } from "../compose/fixtures.js";
import type { FakeContext, FakeThunderbird } from "../fakes/messenger.js";

export { COLLEAGUE } from "../compose/fixtures.js";
export { DEFAULT_SENDER as DOCTOR } from "../fakes/messenger.js";

export const P1 = patient(VALID_INS[0]);
export const P2 = patient(VALID_INS[1]);

export const PRIORITY = { name: "X-Priority", value: "2 (High)" } as const;

/** The URL of the window that explains a blocked send of that tab. */
export const sendCheckUrl = (tabId: number): string => `${SEND_CHECK_PAGE}?tab=${tabId}`;

/** The details a guard result asks for; fails the test when it cancels. */
export function patchOf(result: BeforeSendResult): ComposePatch {
  expect(result).not.toHaveProperty("cancel");
  return "details" in result ? result.details : {};
}

export function tabState(host: FakeThunderbird, tabId: number): Promise<TabState> {
  return host.background.run(() => getTabState(tabId));
}

/** What the send-check window does on "send anyway": remember the fingerprint of the message as it stands. */
export async function acceptWarnings(sendCheck: FakeContext, tabId: number): Promise<void> {
  await sendCheck.run(async () => {
    const evaluation = await evaluateTab(tabId);
    expect(evaluation.verdict.warnings.length).toBeGreaterThan(0);
    await updateTabState(tabId, { acceptedWarnings: evaluation.fingerprint });
  });
}

