/**
 * Stored user settings carry `settingsVersion`. Reading them migrates forward, one version
 * at a time, from version 0 (stored before the field existed) to `SETTINGS_VERSION`.
 *
 * Version history:
 * - 0: `receiptDefault` (boolean) instead of `readReceiptDefault`; `allowedDomains`, a
 *   comma-separated string, instead of the `extraSenderDomains` list; other names as in 1.
 * - 1: the names and values of `schema.ts`.
 *
 * To change the stored format: raise `SETTINGS_VERSION`, append one step to `STEPS` that
 * turns the previous layout into the new one, and keep the older steps as they are.
 *
 * Names that are no setting are left out of the result and are not reported: the same
 * storage may hold other data. Settings stored by a NEWER version are read for what this
 * version understands, and are never marked for rewriting (a downgrade must not destroy
 * them).
 */
import { isPlainObject } from "./coerce.js";
import {
  userDroppedItem,
  userFutureVersion,
  userInvalidValue,
  userInvalidVersion,
  userNotAnObject,
  type SettingsProblem,
} from "./problems.js";
import {
  checkSettingValue,
  EXTRA_DOMAINS_MAX,
  isDomainName,
  isSettingKey,
  normalizeDomain,
  sameValue,
  SETTING_KEYS,
  type SettingKey,
  type Settings,
} from "./schema.js";

export const SETTINGS_VERSION = 1;
export const VERSION_KEY = "settingsVersion";

export type StoredSettings = Partial<Settings> & { readonly settingsVersion: number };

export interface UserSettingsMigration {
  /** The valid settings, at the current version (or at the newer version found). */
  readonly settings: StoredSettings;
  /** Whether `settings` should be written back. */
  readonly changed: boolean;
  /** Stored names that should be deleted when writing back (renamed or invalid). */
  readonly removedKeys: readonly string[];
  readonly problems: readonly SettingsProblem[];
}

type Data = Record<string, unknown>;
type Step = (data: Data, problems: SettingsProblem[]) => Data;

/** Names that earlier versions stored and that the migrations read. */
const LEGACY_NAMES: readonly string[] = ["receiptDefault", "allowedDomains"];

/**
 * Every `storage.local` name that belongs to the settings (current, version, legacy): the
 * add-on keeps other data there too, which settings code must neither read nor clear.
 */
export function storedSettingNames(): string[] {
  return [...SETTING_KEYS, VERSION_KEY, ...LEGACY_NAMES];
}

/** `STEPS[n]` turns version n into version n + 1. */
export const STEPS: readonly Step[] = [fromVersion0];

function fromVersion0(data: Data, problems: SettingsProblem[]): Data {
  const { receiptDefault, allowedDomains, ...rest } = data;
  const out: Data = rest;
  if (Object.hasOwn(data, "receiptDefault") && !Object.hasOwn(data, "readReceiptDefault")) {
    if (typeof receiptDefault === "boolean") out.readReceiptDefault = receiptDefault;
    else problems.push(userInvalidValue("readReceiptDefault", receiptDefault));
  }
  if (Object.hasOwn(data, "allowedDomains") && !Object.hasOwn(data, "extraSenderDomains")) {
    if (typeof allowedDomains === "string") {
      const kept: string[] = [];
      for (const part of allowedDomains.split(",")) {
        if (part.trim() === "") continue;
        const domain = normalizeDomain(part);
        if (isDomainName(domain) && kept.length < EXTRA_DOMAINS_MAX) {
          if (!kept.includes(domain)) kept.push(domain);
        } else {
          problems.push(userDroppedItem("extraSenderDomains", part.trim()));
        }
      }
      out.extraSenderDomains = kept;
    } else {
      problems.push(userInvalidValue("extraSenderDomains", allowedDomains));
    }
  }
  return out;
}

export function migrateUserSettings(raw: unknown): UserSettingsMigration {
  const problems: SettingsProblem[] = [];
  if (raw === undefined) return fresh(problems);
  if (!isPlainObject(raw)) {
    problems.push(userNotAnObject(raw));
    return fresh(problems);
  }

  const version = readVersion(raw, problems);
  if (version > SETTINGS_VERSION) {
    problems.push(userFutureVersion(version, SETTINGS_VERSION));
    return { settings: { ...validSettings(raw, undefined), settingsVersion: version }, changed: false, removedKeys: [], problems };
  }

  let data: Data = { ...raw };
  for (let v = version; v < SETTINGS_VERSION; v++) {
    const step = STEPS[v];
    if (step !== undefined) data = step(data, problems);
  }
  const settings: StoredSettings = { ...validSettings(data, problems), settingsVersion: SETTINGS_VERSION };
  const removedKeys = Object.keys(raw).filter(
    (name) => name !== VERSION_KEY && !Object.hasOwn(settings, name) && (!Object.hasOwn(data, name) || isSettingKey(name)),
  );
  const changed =
    removedKeys.length > 0 ||
    Object.entries(settings).some(([name, value]) => !Object.hasOwn(raw, name) || !sameValue(raw[name], value));
  return { settings, changed, removedKeys, problems };
}

function fresh(problems: readonly SettingsProblem[]): UserSettingsMigration {
  return { settings: { settingsVersion: SETTINGS_VERSION }, changed: true, removedKeys: [], problems };
}

function readVersion(raw: Data, problems: SettingsProblem[]): number {
  if (!Object.hasOwn(raw, VERSION_KEY)) return 0;
  const version = raw[VERSION_KEY];
  if (typeof version === "number" && Number.isSafeInteger(version) && version >= 0) return version;
  problems.push(userInvalidVersion(version));
  return 0;
}

/** The settings of `data` that pass the schema; the others are reported when `problems` is given. */
function validSettings(data: Data, problems: SettingsProblem[] | undefined): Partial<Settings> {
  const out: Partial<Record<SettingKey, unknown>> = {};
  for (const key of SETTING_KEYS) {
    if (!Object.hasOwn(data, key)) continue;
    const checked = checkSettingValue(key, data[key]);
    if (checked.ok) out[key] = checked.value;
    else problems?.push(userInvalidValue(key, data[key]));
  }
  return out as Partial<Settings>;
}
