/**
 * What the options page shows for each setting, and what an administrator is told when a
 * policy value is wrong. The type requires an entry for every key of the schema.
 */
import { RULES_MAX } from "../automation/rules.js";
import { msg, type Message } from "../i18n/text.js";
import { RECORDS_MAX, RETENTION_MONTHS_MAX, RETENTION_MONTHS_MIN } from "../notice-records/retention.js";
import {
  CLOSING_TEMPLATE_MAX_LENGTH,
  EXTRA_DOMAINS_MAX,
  FOLDER_NAME_MAX_LENGTH,
  type SettingKey,
} from "./schema.js";

export type SettingGroup = "sending" | "closing" | "sorting" | "advanced";

export interface SettingLabel {
  readonly group: SettingGroup;
  readonly label: Message;
  readonly description: Message;
  /** What a valid value looks like, for the messages about a wrong policy value. */
  readonly expected: Message;
}

export const GROUP_LABELS: { readonly [G in SettingGroup]: Message } = {
  sending: msg("settingGroupSending"),
  closing: msg("settingGroupClosing"),
  sorting: msg("settingGroupSorting"),
  advanced: msg("settingGroupAdvanced"),
};

/** The groups in the order of the options page. */
export const SETTING_GROUPS: readonly SettingGroup[] = ["sending", "closing", "sorting", "advanced"];

const BOOLEAN: Message = msg("settingExpectedBoolean");

export const SETTING_LABELS: { readonly [K in SettingKey]: SettingLabel } = {
  readReceiptDefault: {
    group: "sending",
    label: msg("settingReadReceiptDefaultLabel"),
    description: msg("settingReadReceiptDefaultDescription"),
    expected: BOOLEAN,
  },
  noReplyDefault: {
    group: "sending",
    label: msg("settingNoReplyDefaultLabel"),
    description: msg("settingNoReplyDefaultDescription"),
    expected: BOOLEAN,
  },
  closingTemplate: {
    group: "closing",
    label: msg("settingClosingTemplateLabel"),
    description: msg("settingClosingTemplateDescription"),
    expected: msg("settingClosingTemplateExpected", CLOSING_TEMPLATE_MAX_LENGTH),
  },
  reviewBeforeClosing: {
    group: "closing",
    label: msg("settingReviewBeforeClosingLabel"),
    description: msg("settingReviewBeforeClosingDescription"),
    expected: BOOLEAN,
  },
  patientBanner: {
    group: "closing",
    label: msg("settingPatientBannerLabel"),
    description: msg("settingPatientBannerDescription"),
    expected: BOOLEAN,
  },
  automationRules: {
    group: "closing",
    label: msg("settingAutomationRulesLabel"),
    description: msg("settingAutomationRulesDescription"),
    expected: msg("settingAutomationRulesExpected", RULES_MAX),
  },
  tagPatientMessages: {
    group: "sorting",
    label: msg("settingTagPatientMessagesLabel"),
    description: msg("settingTagPatientMessagesDescription"),
    expected: BOOLEAN,
  },
  bounceTag: {
    group: "sorting",
    label: msg("settingBounceTagLabel"),
    description: msg("settingBounceTagDescription"),
    expected: BOOLEAN,
  },
  bounceMove: {
    group: "sorting",
    label: msg("settingBounceMoveLabel"),
    description: msg("settingBounceMoveDescription"),
    expected: BOOLEAN,
  },
  bounceFolderName: {
    group: "sorting",
    label: msg("settingBounceFolderNameLabel"),
    description: msg("settingBounceFolderNameDescription"),
    expected: msg("settingBounceFolderNameExpected", FOLDER_NAME_MAX_LENGTH),
  },
  noticeBanner: {
    group: "sorting",
    label: msg("settingNoticeBannerLabel"),
    description: msg("settingNoticeBannerDescription"),
    expected: BOOLEAN,
  },
  noticeRetentionMonths: {
    group: "sorting",
    label: msg("settingNoticeRetentionMonthsLabel"),
    description: msg("settingNoticeRetentionMonthsDescription", RECORDS_MAX),
    expected: msg("settingNoticeRetentionMonthsExpected", RETENTION_MONTHS_MIN, RETENTION_MONTHS_MAX),
  },
  extraSenderDomains: {
    group: "advanced",
    label: msg("settingExtraSenderDomainsLabel"),
    description: msg("settingExtraSenderDomainsDescription"),
    expected: msg("settingExtraSenderDomainsExpected", EXTRA_DOMAINS_MAX),
  },
};
