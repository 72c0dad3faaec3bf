/**
 * Settings as stored: the administrator's policy (`storage.managed`, filled by the
 * `3rdparty` policy) over the user's choices (`storage.local`) over the defaults.
 * The layering and checks are the pure core's (`core/settings`); this only reads and writes.
 */
import { addonId } from "../../adapters/runtime.js";
import { readManagedStorage, storageLocal } from "../../adapters/storage.js";
import { render } from "../../adapters/i18n.js";
import {
  migrateUserSettings,
  storedSettingNames,
  resolveAll,
  SETTINGS_VERSION,
  VERSION_KEY,
  type Resolution,
  type SettingKey,
  type Settings,
} from "../../core/settings/index.js";

async function readUser(): Promise<unknown> {
  // Only the settings' own names: storage.local also holds other data (e.g. notice records).
  const stored: unknown = await storageLocal.get(storedSettingNames());
  const migration = migrateUserSettings(stored);
  if (migration.changed) {
    if (migration.removedKeys.length > 0) await storageLocal.remove([...migration.removedKeys]);
    await storageLocal.set({ ...migration.settings });
  }
  return migration.settings;
}

export async function loadSettings(): Promise<Resolution> {
  const [policy, user] = await Promise.all([readManagedStorage(), readUser()]);
  return resolveAll(policy, user, { addonId: addonId() });
}

export async function saveUserSetting<K extends SettingKey>(key: K, value: Settings[K]): Promise<void> {
  await storageLocal.set({ [key]: value, [VERSION_KEY]: SETTINGS_VERSION });
}

/** Back to the defaults: forgets the user's settings, and nothing else. */
export async function clearUserSettings(): Promise<void> {
  await storageLocal.remove(storedSettingNames());
}

/**
 * Tells the administrator, in the error console, what is wrong with the policy (and the
 * user's stored settings): run when Thunderbird starts and when the add-on is installed.
 */
export async function reportSettingsProblems(): Promise<void> {
  const { problems } = await loadSettings();
  for (const problem of problems) console.warn(`MSSanté Patient — ${render(problem.message)}`);
}
