/**
 * The automation rules in the send guard (`onBeforeSend`), in the order documented in
 * `core/automation/apply.ts`: matched on the message as written, the `[FIN]` subject of an
 * applicative mailbox set before the guard checks, the receipt and no-reply added after the
 * guard's own changes — unless the user chose the options in the compose popup, which wins
 * (and the user is told).
 */
import type { ComposePatch } from "../../adapters/compose.js";
import { notify } from "../../adapters/notifications.js";
import {
  decideAutomation,
  overriddenText,
  planFor,
  ruleMessageOf,
  type AutomationPlan,
} from "../../core/automation/index.js";
import { openPopupWindow } from "../../adapters/tabs.js";
import { FIN_SUBJECT, hasNoReplyHeader, withNoReplyHeader } from "../../core/compose/index.js";
import type { Message } from "../../core/i18n/text.js";
import type { Evaluation } from "../compose/evaluate.js";

/**
 * Step 1: the rules that match the message as the user wrote it. Whether it goes to a
 * patient is the guard's answer (address-book lists expanded), not a look at the text.
 */
export function automationPlan(evaluation: Evaluation): AutomationPlan {
  const message = { ...ruleMessageOf(evaluation.details), hasPatientRecipient: evaluation.verdict.patientRecipients.length > 0 };
  return planFor(evaluation.settings.automationRules, message);
}

/** Step 2: the details the guard should check (the subject `[FIN]` when a rule closes without asking). */
export function detailsWithSubject(rawDetails: unknown, subject: string): unknown {
  return typeof rawDetails === "object" && rawDetails !== null ? { ...rawDetails, subject } : rawDetails;
}

/**
 * Step 5: adds the rules' changes to the guard's patch (in place) and says so when the
 * popup's choice wins. Returns the patch.
 */
export async function addAutomation(
  plan: AutomationPlan,
  evaluation: Evaluation,
  patch: ComposePatch,
  optionsSettled: boolean,
  tell: (text: Message) => Promise<void> = (text) => notify("automation-overridden", text),
): Promise<ComposePatch> {
  if (plan.matched.length === 0) return patch;
  const { details } = evaluation;
  const headers = patch.customHeaders ?? details.customHeaders;
  const decision = decideAutomation(
    plan,
    {
      subject: patch.subject ?? details.subject,
      receipt: patch.returnReceipt ?? details.returnReceipt,
      noReply: hasNoReplyHeader(headers),
      hasPatient: evaluation.verdict.patientRecipients.length > 0,
    },
    optionsSettled,
  );
  if (decision.subject !== null) patch.subject = decision.subject;
  if (decision.addReceipt) patch.returnReceipt = true;
  if (decision.addNoReply) patch.customHeaders = withNoReplyHeader(headers, true);
  if (decision.overridden.length > 0) await tell(overriddenText(plan.matched, decision.overridden)).catch(() => undefined);
  return patch;
}

/**
 * Step 2 with a rule that proposes closing: `close` (subject `[FIN]`), `ask` (the send is
 * held and the user asked, once per message), or `keep` (nothing to do, or the user said no).
 */
export function closeDecision(plan: AutomationPlan, subject: string, answer: "yes" | "no" | undefined): "close" | "ask" | "keep" {
  if (plan.finSubject) return "close";
  if (!plan.confirmClose || subject === FIN_SUBJECT) return "keep";
  if (answer === undefined) return "ask";
  return answer === "yes" ? "close" : "keep";
}

export const CLOSE_CONFIRM_PAGE = "pages/close-confirm/close-confirm.html";

/** Windows being opened, per compose tab: two checks of one send open one window. */
const asking = new Map<number, Promise<void>>();

/** Opens the question "close the exchange with this message?" for the compose tab. */
export function askToClose(tabId: number, ruleNames: readonly string[]): Promise<void> {
  const pending = asking.get(tabId);
  if (pending !== undefined) return pending;
  const query = new URLSearchParams({ tab: String(tabId), rules: ruleNames.join("\n") });
  const started = openPopupWindow(`${CLOSE_CONFIRM_PAGE}?${query.toString()}`, { width: 520, height: 320 })
    .then(() => undefined)
    .finally(() => asking.delete(tabId));
  asking.set(tabId, started);
  return started;
}
