/**
 * Settings as stored: the administrator's policy (`storage.managed`, filled by the
 * `3rdparty` policy) over the user's choices (`storage.local`) over the defaults.
 * The layering and checks are the pure core's (`core/settings`); this only reads and writes.
 */
import { render } from "./i18n.js";
import {
  migrateUserSettings,
  storedSettingNames,
  resolveAll,
  SETTINGS_VERSION,
  VERSION_KEY,
  type Resolution,
  type SettingKey,
  type Settings,
} from "../core/settings/index.js";

/** No policy at all makes `storage.managed.get` throw ("Managed storage manifest not found"). */
async function readPolicy(): Promise<unknown> {
  try {
    return await messenger.storage.managed.get();
  } catch {
    return undefined;
  }
}

async function readUser(): Promise<unknown> {
  // Only the settings' own names: storage.local also holds other data (e.g. notice records).
  const stored: unknown = await messenger.storage.local.get(storedSettingNames());
  const migration = migrateUserSettings(stored);
  if (migration.changed) {
    if (migration.removedKeys.length > 0) await messenger.storage.local.remove([...migration.removedKeys]);
    await messenger.storage.local.set({ ...migration.settings });
  }
  return migration.settings;
}

export async function loadSettings(): Promise<Resolution> {
  const [policy, user] = await Promise.all([readPolicy(), readUser()]);
  return resolveAll(policy, user, { addonId: messenger.runtime.id });
}

export async function saveUserSetting<K extends SettingKey>(key: K, value: Settings[K]): Promise<void> {
  await messenger.storage.local.set({ [key]: value, [VERSION_KEY]: SETTINGS_VERSION });
}

/** Back to the defaults: forgets the user's settings, and nothing else. */
export async function clearUserSettings(): Promise<void> {
  await messenger.storage.local.remove(storedSettingNames());
}

/**
 * Tells the administrator, in the error console, what is wrong with the policy (and the
 * user's stored settings): run when Thunderbird starts and when the add-on is installed.
 */
export async function reportSettingsProblems(): Promise<void> {
  const { problems } = await loadSettings();
  for (const problem of problems) console.warn(`MSSanté Patient — ${render(problem.message)}`);
}
