/**
 * What a notice means for the user and what to do next, as catalog texts (`Message`): the
 * generic wording sits next to each cause in `reasons/<cause>.ts`; patient mailboxes of
 * Mon espace santé get their own wording here.
 */
import { msg, plural, type Message, type MessageKey } from "../i18n/text.js";
import { TABLES } from "./reasons/index.js";
import type { Disposition, Notice, NoticeRecipient, Reason } from "./types.js";

/** What happened and what to do, for one recipient of a notice. */
export interface Explanation {
  /** A short heading. */
  readonly title: Message;
  /** What the notice means. */
  readonly explanation: Message;
  /** What to do next, in order. */
  readonly steps: readonly Message[];
}

export interface ExplainOptions {
  /** The recipient is a patient mailbox of Mon espace santé (`…@patient.mssante.fr`). */
  readonly patient?: boolean;
  /** For a patient: whether the number before the `@` passes the INS checks. */
  readonly insValid?: boolean | null;
}

const NOTE_IN_FILE = msg("noticeStepNoteInFile");
const OTHER_CHANNEL = msg("noticeStepOtherChannel");
const CHECK_INS_OWN = msg("noticeStepCheckInsOwn");
const INS_KEY_INVALID = msg("noticeStepInsKeyInvalid");

function keys(reason: Reason): { label: MessageKey; explanation: MessageKey; steps: readonly MessageKey[] } {
  const table = TABLES.find((t) => t.reason === reason);
  return table ?? { label: "reasonOtherLabel", explanation: "reasonOtherExplanation", steps: ["reasonOtherStep1"] };
}

function generic(reason: Reason): Explanation {
  const k = keys(reason);
  return { title: msg(k.label), explanation: msg(k.explanation), steps: k.steps.map((s) => msg(s)) };
}

/** Patient mailboxes of Mon espace santé: what the causes mean there. */
function forPatient(reason: Reason, insValid: boolean | null): Explanation {
  const base = generic(reason);
  const insStep = insValid === false ? INS_KEY_INVALID : CHECK_INS_OWN;
  switch (reason) {
    case "mailbox-closed":
      return {
        title: msg("reasonPatientMailboxClosedLabel"),
        explanation: msg("reasonPatientMailboxClosedExplanation"),
        steps: [msg("reasonMailboxClosedStep1"), insStep, OTHER_CHANNEL, NOTE_IN_FILE],
      };
    case "unknown-recipient":
    case "invalid-address":
      return {
        title: msg("reasonPatientUnknownLabel"),
        explanation: msg("reasonPatientUnknownExplanation"),
        steps: [insStep, msg("reasonPatientUnknownStepResend"), NOTE_IN_FILE],
      };
    case "message-too-large":
      return {
        title: base.title,
        explanation: msg("reasonPatientMessageTooLargeExplanation"),
        steps: [msg("reasonPatientMessageTooLargeStep1")],
      };
    case "host-unknown":
      return { title: base.title, explanation: base.explanation, steps: [msg("reasonPatientHostUnknownStep1")] };
    case "mailbox-full":
    case "content-rejected":
    case "sender-rejected":
    case "network-error":
    case "expired":
    case "other":
      return { title: base.title, explanation: base.explanation, steps: [...base.steps, NOTE_IN_FILE] };
    case "temporary":
      return base;
  }
}

/** The explanation and next steps for a cause of failure. */
export function explainReason(reason: Reason, options: ExplainOptions = {}): Explanation {
  return options.patient === true ? forPatient(reason, options.insValid ?? null) : generic(reason);
}

function explainReceipt(disposition: Disposition): Explanation {
  const { type, error, errorText } = disposition;
  const title =
    type === "displayed"
      ? msg("noticeReceiptDisplayedTitle")
      : type === "deleted"
        ? msg("noticeReceiptDeletedTitle")
        : msg("noticeReceiptProcessedTitle");
  if (error) {
    return {
      title,
      explanation:
        errorText === null
          ? msg("noticeReceiptErrorNoTextExplanation")
          : msg("noticeReceiptErrorExplanation", errorText),
      steps: [msg("noticeReceiptErrorStep")],
    };
  }
  const explanation =
    type === "displayed" ? msg("noticeReceiptDisplayedExplanation") : msg("noticeReceiptReceivedExplanation");
  return { title, explanation, steps: [] };
}

/** The explanation for one recipient of a notice (bounce, delay or receipt). */
export function explainRecipient(r: NoticeRecipient): Explanation {
  const patient = r.ins !== null;
  const disposition = r.disposition;
  if (disposition !== null && r.action !== "failed") return explainReceipt(disposition);
  if (r.action === "delivered" || r.action === "relayed" || r.action === "expanded") {
    return { title: msg("noticeDeliveredTitle"), explanation: msg("noticeDeliveredExplanation"), steps: [] };
  }
  if (r.action === "delayed") {
    // Still being retried: nothing to do yet, whatever cause the warning names.
    return {
      title: msg("noticeDelayTitle"),
      explanation: msg("noticeDelayExplanation"),
      steps: [msg("noticeDelayStep")],
    };
  }
  const base = explainReason(r.reason ?? "other", { patient, insValid: r.insValid });
  const insAlreadySaid =
    r.reason === "unknown-recipient" || r.reason === "invalid-address" || r.reason === "mailbox-closed";
  if (patient && r.insValid === false && !insAlreadySaid) return { ...base, steps: [INS_KEY_INVALID, ...base.steps] };
  return base;
}

/** A one-line summary of a notice. */
export function summarizeNotice(n: Notice): Message {
  const count = n.recipients.length;
  switch (n.kind) {
    case "bounce": {
      const first = n.recipients[0];
      if (count === 1 && first !== undefined) return msg("noticeSummaryBounceTo", first.address);
      return count === 0 ? msg("noticeSummaryNotDelivered") : plural("noticeSummaryBounceRecipients", count);
    }
    case "delay":
      return msg("noticeSummaryDelay");
    case "receipt":
      if (n.recipients.some((r) => r.disposition?.type === "displayed")) return msg("noticeSummaryReceiptDisplayed");
      if (n.recipients.some((r) => r.disposition !== null)) return msg("noticeSummaryReceipt");
      return msg("noticeSummaryDeliveryConfirmation");
    case "none":
      return msg("noticeSummaryNone");
  }
}

/** The cause of a failure in a few words (for tables and lists). */
export function reasonLabel(reason: Reason): Message {
  return msg(keys(reason).label);
}
