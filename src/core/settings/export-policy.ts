/**
 * "Export my settings as a policy": the `policies.json` object an administrator can deploy
 * to give other machines the settings of this one.
 *
 * Settings whose value differs from the add-on's default are written (all of them with
 * `includeDefaults`). A setting is written locked (`{"value": …, "locked": true}`) when
 * `lockAll` is set or when it is locked here already; otherwise as a plain value, which the
 * users may change. Read back as policy (`resolveAll`), the fragment gives the same values.
 */
import type { SettingEntries } from "./layers.js";
import { defaultSettings, sameValue, SETTING_KEYS, type SettingKey, type Settings } from "./schema.js";

export type PolicyValue<K extends SettingKey> = Settings[K] | { readonly value: Settings[K]; readonly locked: true };

/** What `storage.managed` holds: the add-on's part of the policy. */
export type PolicyData = { -readonly [K in SettingKey]?: PolicyValue<K> };

export interface PolicyFragment {
  readonly policies: {
    readonly "3rdparty": {
      readonly Extensions: Readonly<Record<string, PolicyData>>;
    };
  };
}

export interface PolicyExportOptions {
  /** Lock every exported setting. */
  readonly lockAll?: boolean;
  /** Export settings that are at their default too (so that they can be locked). */
  readonly includeDefaults?: boolean;
}

export function policyData(entries: SettingEntries, options: PolicyExportOptions = {}): PolicyData {
  const defaults = defaultSettings();
  const data: PolicyData = {};
  for (const key of SETTING_KEYS) {
    const entry = entries[key];
    if (options.includeDefaults !== true && sameValue(entry.value, defaults[key])) continue;
    const value = copy(entry.value);
    const locked = options.lockAll === true || entry.locked;
    (data as Record<SettingKey, unknown>)[key] = locked ? { value, locked: true } : value;
  }
  return data;
}

export function policyFragment(addonId: string, entries: SettingEntries, options: PolicyExportOptions = {}): PolicyFragment {
  return { policies: { "3rdparty": { Extensions: { [addonId]: policyData(entries, options) } } } };
}

function copy<T>(value: T): T {
  return (Array.isArray(value) ? [...value] : value) as T;
}

/**
 * The fragment as the text an administrator pastes into `policies.json` (two-space
 * indentation, a final line break). Only JSON: nothing to run, nothing fetched.
 */
export function policyFragmentText(addonId: string, entries: SettingEntries, options: PolicyExportOptions = {}): string {
  return `${JSON.stringify(policyFragment(addonId, entries, options), null, 2)}\n`;
}
