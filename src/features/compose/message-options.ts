/** What the compose popup does to the message: add the patient, set receipt, [FIN], no-reply. */
import { getComposeDetails, setComposeDetails, type ComposeSnapshot } from "../../adapters/compose.js";
import { getTabState, updateTabState } from "./session-state.js";
import {
  FIN_SUBJECT,
  applyFix,
  formatRecipient,
  hasNoReplyHeader,
  parseRecipients,
  withNoReplyHeader,
  type FixId,
} from "../../core/compose/index.js";
import { automationPlan } from "../automation/send.js";
import { evaluateTab } from "./evaluate.js";
import { NOTHING_ENFORCED, type EnforcedOptions } from "./locked-options.js";

export interface MessageOptions {
  readonly receipt: boolean;
  readonly closing: boolean;
  readonly noReply: boolean;
}

export function optionsOf(details: ComposeSnapshot): MessageOptions {
  return {
    receipt: details.returnReceipt,
    closing: details.subject === FIN_SUBJECT,
    noReply: hasNoReplyHeader(details.customHeaders),
  };
}

/**
 * On a message to a patient, the defaults of the settings apply once (read receipt,
 * no-reply); after that the user's own choices are never overridden — except by what the
 * administrator locked on, which applies every time (see `locked-options.ts`).
 */
export async function settleDefaults(tabId: number): Promise<void> {
  const state = await getTabState(tabId);
  const evaluation = await evaluateTab(tabId);
  if (evaluation.verdict.patientRecipients.length === 0) return;
  const { details, settings, enforced } = evaluation;
  // The automation rules that match are defaults too: the popup shows them ticked, and
  // what the user then unticks stays unticked (the send guard does not add them back).
  const plan = automationPlan(evaluation);
  const receipt = enforced.receipt || (!state.optionsSettled && (settings.readReceiptDefault || plan.readReceipt));
  const noReply = enforced.noReply || (!state.optionsSettled && (settings.noReplyDefault || plan.noReply));
  const patch: { returnReceipt?: boolean; customHeaders?: { name: string; value: string }[] } = {};
  if (receipt && !details.returnReceipt) patch.returnReceipt = true;
  if (noReply && !hasNoReplyHeader(details.customHeaders)) {
    patch.customHeaders = withNoReplyHeader(details.customHeaders, true);
  }
  if (Object.keys(patch).length > 0) await setComposeDetails(tabId, patch);
  if (!state.optionsSettled) await updateTabState(tabId, { optionsSettled: true });
}

/** Which options the administrator's locks hold on for this message (none unless it goes to a patient). */
export async function lockedOptions(tabId: number): Promise<EnforcedOptions> {
  const evaluation = await evaluateTab(tabId);
  return evaluation.verdict.patientRecipients.length > 0 ? evaluation.enforced : NOTHING_ENFORCED;
}

export type AddResult = "added" | "already-there";

/** Adds the confirmed patient to To (with the typed name as display name, if any). */
export async function addPatientRecipient(tabId: number, address: string, name: string): Promise<AddResult> {
  const details = await getComposeDetails(tabId);
  const present = [...details.to, ...details.cc, ...details.bcc].flatMap((r) => parseRecipients(r).map((p) => p.address.toLowerCase()));
  if (present.includes(address.toLowerCase())) return "already-there";
  await setComposeDetails(tabId, { to: [...details.to, formatRecipient(name, address)] });
  await settleDefaults(tabId);
  return "added";
}

/** Sets the read receipt; an option the administrator locked on stays on. Resolves with the option as it now is. */
export async function setReceipt(tabId: number, on: boolean): Promise<boolean> {
  const value = on || (await lockedOptions(tabId)).receipt;
  await setComposeDetails(tabId, { returnReceipt: value });
  await updateTabState(tabId, { optionsSettled: true });
  return value;
}

/** Sets the no-reply header; an option the administrator locked on stays on. Resolves with the option as it now is. */
export async function setNoReply(tabId: number, on: boolean): Promise<boolean> {
  const value = on || (await lockedOptions(tabId)).noReply;
  const details = await getComposeDetails(tabId);
  await setComposeDetails(tabId, { customHeaders: withNoReplyHeader(details.customHeaders, value) });
  await updateTabState(tabId, { optionsSettled: true });
  return value;
}

/** [FIN] replaces the subject; unticking gives the previous subject back. */
export async function setClosing(tabId: number, on: boolean): Promise<void> {
  const details = await getComposeDetails(tabId);
  if (on) {
    if (details.subject !== FIN_SUBJECT) await updateTabState(tabId, { subjectBeforeFin: details.subject });
    await setComposeDetails(tabId, { subject: FIN_SUBJECT });
  } else if (details.subject === FIN_SUBJECT) {
    const state = await getTabState(tabId);
    await setComposeDetails(tabId, { subject: state.subjectBeforeFin ?? "" });
  }
}

export async function applyFixToTab(tabId: number, fixId: FixId): Promise<void> {
  const evaluation = await evaluateTab(tabId);
  await setComposeDetails(tabId, applyFix(evaluation.input, fixId));
}
