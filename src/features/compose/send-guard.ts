/**
 * The send guard (`compose.onBeforeSend`). A listener cannot hold a dialog open and the
 * event page may sleep while the user thinks, so a send that must not go is cancelled at
 * once and explained in a window of its own (`send-check`), which re-reads the compose tab
 * itself: nothing is kept in memory, the user's message stays open and untouched, and the
 * user sends again once it is fixed — or accepts the warnings, remembered for that exact
 * message only.
 */
import type { BeforeSendResult, ComposePatch } from "../../adapters/compose.js";
import { getTabState, NO_SEND_NOTES, updateTabState, type SentNoClose } from "./session-state.js";
import { focusWindow, openPopupWindow } from "../../adapters/tabs.js";
import { readDirectory } from "../../adapters/address-books.js";
import { FIN_SUBJECT, hasNoReplyHeader, isUnplainEntry, matchesAnyList, verdictFingerprint, withNoReplyHeader } from "../../core/compose/index.js";
import { addAutomation, askToClose, automationPlan, closeDecision, detailsWithSubject } from "../automation/send.js";
import { evaluateTab, type Evaluation } from "./evaluate.js";
import { PATIENT_DOMAIN } from "../../core/ins/index.js";

export const SEND_CHECK_PAGE = "pages/send-check/send-check.html";

export async function guardSend(tabId: number, rawDetails: unknown): Promise<BeforeSendResult> {
  // Automation rules, in the order of core/automation/apply.ts: matched on the message as
  // written; a [FIN] subject of theirs is set before the checks; the rest after them.
  let evaluation = await evaluateTab(tabId, rawDetails);
  const plan = automationPlan(evaluation);
  const state = await getTabState(tabId);
  const closing = closeDecision(plan, evaluation.details.subject, state.closeAnswer);
  if (closing === "ask") {
    await askToClose(tabId, plan.matched);
    return { cancel: true };
  }
  if (closing === "close" && evaluation.details.subject !== FIN_SUBJECT) {
    evaluation = await evaluateTab(tabId, detailsWithSubject(rawDetails, FIN_SUBJECT));
  }
  const { verdict } = evaluation;
  const warningsAccepted = verdict.warnings.length === 0 || state.acceptedWarnings === evaluation.fingerprint;
  if (verdict.blockers.length > 0 || !warningsAccepted) {
    await showSendCheck(tabId);
    return { cancel: true };
  }
  const patch = await addAutomation(plan, evaluation, sendPatch(evaluation, state.optionsSettled), state.optionsSettled);
  if (closing === "close" && evaluation.details.subject === FIN_SUBJECT) patch.subject = FIN_SUBJECT;
  await noteCloseAfterSend(tabId, state.closeAfterSend === true, evaluation, patch.subject);
  if (Object.keys(patch).length === 0) return {};
  if (verdict.warnings.length > 0 && patch.customHeaders !== undefined) {
    // The accepted message is the one with the guard's own changes: a second check of the
    // same send (or Send pressed again after a failure) must not ask again.
    const sent = { ...evaluation.input, customHeaders: patch.customHeaders };
    await updateTabState(tabId, { acceptedWarnings: verdictFingerprint(sent) });
  }
  return { details: patch };
}

/**
 * "Close after sending" asked on a message let go: noted whenever the close was asked and the
 * send went ahead, so that the closing of its window never takes it for a window closed without
 * sending. To one patient: when, with what subject, to whom, how large (Thunderbird takes longer
 * to put a large message in the Outbox) — so that the message can be found in the mail if
 * Thunderbird sends it in the background (it then never says it went). A message that is itself
 * the [FIN] (its subject, as it leaves, exactly [FIN]), or to no patient, or to several: only
 * when and why no exchange is closed after it — no [FIN] ever follows a [FIN], and the user is
 * told a message to no patient or to several closes no exchange. Kept for the tab only, in
 * session memory.
 */
async function noteCloseAfterSend(tabId: number, asked: boolean, evaluation: Evaluation, subject: string | undefined): Promise<void> {
  if (!asked) return;
  const [patient, ...others] = evaluation.verdict.patientRecipients;
  const sentSubject = subject ?? evaluation.details.subject;
  const sentBytes = evaluation.verdict.estimatedBytes;
  if (sentSubject === FIN_SUBJECT || patient === undefined || others.length > 0) {
    const sentNoClose: SentNoClose = sentSubject === FIN_SUBJECT ? "fin" : patient === undefined ? "not-patient" : "several-patients";
    await updateTabState(tabId, { ...NO_SEND_NOTES, sentAt: Date.now(), sentBytes, sentNoClose });
    return;
  }
  await updateTabState(tabId, { ...NO_SEND_NOTES, sentAt: Date.now(), sentSubject, sentTo: patient.address, sentBytes });
}

/**
 * What is changed on the way out: X-MSS-MES never reaches a non-patient; on a patient
 * message whose options the user never opened, the default receipt and no-reply apply;
 * what the administrator locked on applies to every patient message, whatever the user did.
 */
export function sendPatch(evaluation: Evaluation, optionsSettled: boolean): ComposePatch {
  const { verdict, details, settings, enforced } = evaluation;
  const patch: ComposePatch = {};
  if (verdict.headersPatch !== null) patch.customHeaders = verdict.headersPatch.customHeaders;
  if (verdict.patientRecipients.length > 0) {
    const receipt = enforced.receipt || (!optionsSettled && settings.readReceiptDefault);
    const noReply = enforced.noReply || (!optionsSettled && settings.noReplyDefault);
    if (receipt && !details.returnReceipt) patch.returnReceipt = true;
    const headers = patch.customHeaders ?? details.customHeaders;
    if (noReply && !hasNoReplyHeader(headers)) patch.customHeaders = withNoReplyHeader(headers, true);
  }
  return patch;
}

/** Windows being opened, per tab: two checks of one send (a double click) open one window. */
const opening = new Map<number, Promise<void>>();

function showSendCheck(tabId: number): Promise<void> {
  const pending = opening.get(tabId);
  if (pending !== undefined) return pending;
  const started = openOrFocusSendCheck(tabId).finally(() => opening.delete(tabId));
  opening.set(tabId, started);
  return started;
}

async function openOrFocusSendCheck(tabId: number): Promise<void> {
  const state = await getTabState(tabId);
  if (state.checkWindowId !== undefined && (await focusWindow(state.checkWindowId))) return;
  const windowId = await openPopupWindow(`${SEND_CHECK_PAGE}?tab=${tabId}`, { width: 560, height: 520 });
  if (windowId !== null) await updateTabState(tabId, { checkWindowId: windowId });
}

/**
 * The guard itself must never be the reason health data leaves unchecked, nor the reason
 * ordinary mail cannot be sent: if it fails, a message that may go to a patient is held
 * (and the failure shown), any other message goes. A message may go to a patient when a
 * patient address appears anywhere in it, or when a recipient may be an address-book list
 * (a bare name, an entry, anything unreadable, or an address that a list answers to, as
 * `Name <description@…>`): Thunderbird would expand it after this check, so nobody can say
 * who it reaches. When the address book cannot be read either, any recipient may be a list.
 */
export async function guardSendSafely(tabId: number, rawDetails: unknown): Promise<BeforeSendResult> {
  try {
    return await guardSend(tabId, rawDetails);
  } catch (error) {
    console.error("MSSanté Patient: send check failed", error);
    if (mentionsPatient(rawDetails) || (await mayBeList(rawDetails))) {
      await showSendCheck(tabId).catch(() => undefined);
      return { cancel: true };
    }
    // It goes, to no patient: a close asked is noted as such (never taken for no send).
    await noteGoingToNoPatient(tabId).catch(() => undefined);
    return {};
  }
}

/** The guard failed on a message to no patient, which goes: "close after sending" closes nothing. */
async function noteGoingToNoPatient(tabId: number): Promise<void> {
  if ((await getTabState(tabId)).closeAfterSend !== true) return;
  await updateTabState(tabId, { ...NO_SEND_NOTES, sentAt: Date.now(), sentNoClose: "not-patient" });
}

function mentionsPatient(rawDetails: unknown): boolean {
  try {
    return JSON.stringify(rawDetails ?? null).toLowerCase().includes(`@${PATIENT_DOMAIN}`);
  } catch {
    return true;
  }
}

/** The To/Cc/Bcc entries, or null when they cannot be read. */
function recipientEntries(rawDetails: unknown): unknown[] | null {
  if (typeof rawDetails !== "object" || rawDetails === null) return null;
  const out: unknown[] = [];
  for (const field of ["to", "cc", "bcc"] as const) {
    let value: unknown;
    try {
      value = Reflect.get(rawDetails, field);
    } catch {
      return null;
    }
    if (value === undefined || value === null) continue;
    out.push(...(Array.isArray(value) ? (value as unknown[]) : [value]));
  }
  return out;
}

/**
 * True when some recipient may be an address-book list: anything but text, a part that is
 * no address, an address that a list answers to, or any recipient at all when the address
 * book cannot be read.
 */
async function mayBeList(rawDetails: unknown): Promise<boolean> {
  const entries = recipientEntries(rawDetails);
  if (entries === null) return true;
  const texts: string[] = [];
  for (const entry of entries) {
    if (typeof entry !== "string" || isUnplainEntry(entry)) return true;
    if (entry.trim() !== "") texts.push(entry);
  }
  if (texts.length === 0) return false;
  try {
    const read = await readDirectory();
    return !read.ok || texts.some((entry) => matchesAnyList(entry, read.directory));
  } catch {
    return true;
  }
}
