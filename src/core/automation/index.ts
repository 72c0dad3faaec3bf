export {
  ruleSchema,
  rulesSchema,
  ruleMatches,
  planFor,
  NO_PLAN,
  RULES_MAX,
  RULE_NAME_MAX_LENGTH,
  RULE_MARKER_MAX_LENGTH,
  RULE_IDENTITIES_MAX,
  type AutomationRule,
  type AutomationPlan,
  type RuleMessage,
} from "./rules.js";
export {
  decideAutomation,
  hasPatientRecipient,
  overriddenText,
  ruleMessageOf,
  subjectAfterRules,
  type AutomationDecision,
  type ComposedMessage,
  type RuleAction,
} from "./apply.js";
