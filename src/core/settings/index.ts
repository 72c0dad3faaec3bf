export {
  settingsSchema,
  domainSchema,
  SETTING_KEYS,
  isSettingKey,
  defaultSettings,
  defaultValue,
  settingKind,
  checkSettingValue,
  sameValue,
  normalizeDomain,
  isDomainName,
  unknownPlaceholders,
  CLOSING_PLACEHOLDERS,
  CLOSING_TEMPLATE_MAX_LENGTH,
  FOLDER_NAME_MAX_LENGTH,
  EXTRA_DOMAINS_MAX,
  DEFAULT_CLOSING_TEMPLATE,
  DEFAULT_BOUNCE_FOLDER_NAME,
  type Settings,
  type SettingKey,
  type SettingKind,
  type ValueCheck,
} from "./schema.js";
export { SETTING_LABELS, GROUP_LABELS, SETTING_GROUPS, type SettingLabel, type SettingGroup } from "./labels.js";
export { coerceBoolean, coerceNumber, coerceText, coerceList, coercePolicyValue, isPlainObject } from "./coerce.js";
export {
  resolveAll,
  resolve,
  LOCKED_LIST_KEYS,
  type Resolution,
  type ResolveOptions,
  type SettingEntry,
  type SettingEntries,
  type SettingSource,
} from "./layers.js";
export { describeValue, suggestKey, type SettingsProblem, type SettingsProblemCode } from "./problems.js";
export {
  migrateUserSettings,
  storedSettingNames,
  SETTINGS_VERSION,
  VERSION_KEY,
  type StoredSettings,
  type UserSettingsMigration,
} from "./migrate.js";
export {
  policyFragment,
  policyFragmentText,
  policyData,
  type PolicyFragment,
  type PolicyData,
  type PolicyValue,
  type PolicyExportOptions,
} from "./export-policy.js";
