/**
 * How the automation rules join the send guard, in this order (the send guard follows it):
 *
 * 1. The rules are matched on the message as the user wrote it (`planFor`).
 * 2. A rule that closes without asking sets the subject to `[FIN]` first, so that the
 *    guard checks the message as it will leave.
 * 3. The guard's checks (blockers, warnings to confirm) run; a message they hold is not
 *    changed further.
 * 4. The guard's own changes: `X-MSS-MES` removed for non-patients; the defaults
 *    (receipt, no-reply) on a message whose options the user never chose; what the
 *    administrator locked.
 * 5. The rules' receipt and no-reply are added — unless the user chose the options in the
 *    compose popup: the popup wins, and the user is told which rule was not applied.
 *
 * Rules only add (a receipt, the header, the subject); none removes what the user or the
 * guard set.
 */
import { FIN_SUBJECT, isPatientAddress, parseRecipients, senderAddress } from "../compose/index.js";
import { shown } from "../compose/messages.js";
import { listText } from "../i18n/list.js";
import { msg, plural, type Message } from "../i18n/text.js";
import { withoutPatientIdsText } from "../privacy/patient-ids.js";
import type { AutomationPlan, RuleMessage } from "./rules.js";

/** The compose fields the rules look at. */
export interface ComposedMessage {
  readonly from: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly subject: string;
  readonly body: string;
  readonly plainTextBody: string;
  readonly isPlainText: boolean;
  readonly type?: string | undefined;
}

export function hasPatientRecipient(message: Pick<ComposedMessage, "to" | "cc" | "bcc">): boolean {
  return [...message.to, ...message.cc, ...message.bcc].flatMap((field) => parseRecipients(field)).some((m) => isPatientAddress(m.address));
}

export function ruleMessageOf(message: ComposedMessage): RuleMessage {
  return {
    from: senderAddress(message.from) ?? message.from,
    hasPatientRecipient: hasPatientRecipient(message),
    type: message.type,
    subject: message.subject,
    body: message.isPlainText ? message.plainTextBody : message.body,
  };
}

/** Step 2: the subject the guard should check, when a rule closes without asking. */
export function subjectAfterRules(plan: AutomationPlan, subject: string): string {
  return plan.finSubject ? FIN_SUBJECT : subject;
}

export type RuleAction = "readReceipt" | "noReply";

export interface AutomationDecision {
  readonly subject: typeof FIN_SUBJECT | null;
  readonly addReceipt: boolean;
  readonly addNoReply: boolean;
  /** What a rule asked for but the user's choice in the popup kept off. */
  readonly overridden: readonly RuleAction[];
}

/**
 * Step 5. `receipt` and `noReply`: the message as it stands after the guard's own changes.
 * `optionsSettled`: the user chose the options in the compose popup.
 */
export function decideAutomation(
  plan: AutomationPlan,
  current: { readonly subject: string; readonly receipt: boolean; readonly noReply: boolean; readonly hasPatient: boolean },
  optionsSettled: boolean,
): AutomationDecision {
  const wantsReceipt = plan.readReceipt && !current.receipt;
  const wantsNoReply = plan.noReply && current.hasPatient && !current.noReply;
  const overridden: RuleAction[] = [];
  if (optionsSettled && wantsReceipt) overridden.push("readReceipt");
  if (optionsSettled && wantsNoReply) overridden.push("noReply");
  return {
    subject: plan.finSubject && current.subject !== FIN_SUBJECT ? FIN_SUBJECT : null,
    addReceipt: wantsReceipt && !optionsSettled,
    addNoReply: wantsNoReply && !optionsSettled,
    overridden,
  };
}

/** What the user is told when the popup's choice wins over a rule. */
/** Shown as a desktop notification: rule names are the user's words, patient ids are kept out. */
export function overriddenText(ruleNames: readonly string[], actions: readonly RuleAction[]): Message {
  const names = listText(ruleNames.map((name) => msg("quoted", withoutPatientIdsText(shown(name, 60)))));
  const actionKey = (a: RuleAction) => (a === "readReceipt" ? "automationActionReceipt" : "automationActionNoReply");
  const what = listText(actions.map((a) => msg(actionKey(a))));
  return plural("automationOverridden", ruleNames.length, names, what);
}
