/**
 * Automation rules: *when* a message matches (the sending identity, a patient among the
 * recipients, a new message or a reply, a marker in the subject or body), *then* ask for a
 * read receipt, add `X-MSS-MES: FIN` (the patient cannot reply to that message), and, for the
 * applicative mailboxes the rule names, set the subject to `[FIN]` without asking.
 *
 * Pure: the send guard maps the compose window into `RuleMessage` and applies the plan.
 */
import * as z from "zod/mini";

export const RULES_MAX = 50;
export const RULE_NAME_MAX_LENGTH = 100;
export const RULE_MARKER_MAX_LENGTH = 200;
export const RULE_IDENTITIES_MAX = 20;

/** An e-mail address as a rule names it: trimmed, lower case, one `@`, no spaces. */
const addressSchema = z.pipe(
  z.string(),
  z.pipe(
    z.transform((s: string) => s.trim().toLowerCase()),
    z.string().check(z.refine((s) => /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(s), { message: "not an address" })),
  ),
);

export const ruleSchema = z
  .object({
    /** What the user calls the rule (shown when it applies or is overridden). */
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(RULE_NAME_MAX_LENGTH)),
    enabled: z._default(z.boolean(), true),
    /** Sending identities (addresses) the rule applies to; empty: any identity. */
    identities: z._default(z.array(addressSchema).check(z.maxLength(RULE_IDENTITIES_MAX)), () => []),
    /** Only messages with a patient among the recipients. */
    patientOnly: z._default(z.boolean(), true),
    /** `new`: a new message (not a reply nor a forward); `reply`: a reply; `any`. */
    kind: z._default(z.enum(["any", "new", "reply"]), "any"),
    /** Text the subject or the body must contain (case-insensitive); empty: no condition. */
    marker: z._default(z.string().check(z.trim(), z.maxLength(RULE_MARKER_MAX_LENGTH)), ""),
    /** Then: request a read receipt. */
    readReceipt: z._default(z.boolean(), false),
    /** Then: add `X-MSS-MES: FIN`. */
    noReply: z._default(z.boolean(), false),
    /**
     * Then: set the subject to `[FIN]` (closes the exchange) without asking. Only for a
     * rule limited to named identities: those are the no-reply applicative mailboxes.
     */
    closeWithoutAsking: z._default(z.boolean(), false),
    /** Then: propose to set the subject to `[FIN]`; the user confirms (or not) when sending. */
    closeAfterConfirm: z._default(z.boolean(), false),
  })
  .check(
    z.refine((rule) => !rule.closeWithoutAsking || rule.identities.length > 0, {
      message: "closing without asking needs the applicative identities",
    }),
  );

export type AutomationRule = z.output<typeof ruleSchema>;

export const rulesSchema = z.array(ruleSchema).check(z.maxLength(RULES_MAX));

/** What a rule is matched against. */
export interface RuleMessage {
  /** The sending address. */
  readonly from: string;
  readonly hasPatientRecipient: boolean;
  /** Thunderbird's compose type (`new`, `reply`, `forward`, `draft`, `redirect`…), if known. */
  readonly type: string | undefined;
  readonly subject: string;
  /** The body as text (or HTML: the marker is searched in it as it is). */
  readonly body: string;
}

function kindOf(type: string | undefined): "new" | "reply" | "other" {
  if (type === "new" || type === undefined) return "new";
  if (type === "reply") return "reply";
  return "other";
}

export function ruleMatches(rule: AutomationRule, message: RuleMessage): boolean {
  if (!rule.enabled) return false;
  const from = message.from.trim().toLowerCase();
  if (rule.identities.length > 0 && !rule.identities.includes(from)) return false;
  if (rule.patientOnly && !message.hasPatientRecipient) return false;
  if (rule.kind !== "any" && kindOf(message.type) !== rule.kind) return false;
  if (rule.marker !== "") {
    const marker = rule.marker.toLowerCase();
    if (!message.subject.toLowerCase().includes(marker) && !message.body.toLowerCase().includes(marker)) return false;
  }
  return true;
}

export interface AutomationPlan {
  readonly readReceipt: boolean;
  readonly noReply: boolean;
  /** Set the subject to `[FIN]`: only when a patient is a recipient. */
  readonly finSubject: boolean;
  /** Ask the user whether to set the subject to `[FIN]` (when not set without asking). */
  readonly confirmClose: boolean;
  /** The names of the rules that matched, in the order of the list. */
  readonly matched: readonly string[];
}

export const NO_PLAN: AutomationPlan = { readReceipt: false, noReply: false, finSubject: false, confirmClose: false, matched: [] };

/** Every matching rule adds its actions (none takes one away). */
export function planFor(rules: readonly AutomationRule[], message: RuleMessage): AutomationPlan {
  const matching = rules.filter((rule) => ruleMatches(rule, message));
  if (matching.length === 0) return NO_PLAN;
  const finSubject = message.hasPatientRecipient && matching.some((rule) => rule.closeWithoutAsking);
  return {
    readReceipt: matching.some((rule) => rule.readReceipt),
    noReply: matching.some((rule) => rule.noReply),
    finSubject,
    confirmClose: !finSubject && message.hasPatientRecipient && matching.some((rule) => rule.closeAfterConfirm),
    matched: matching.map((rule) => rule.name),
  };
}
