/**
 * The add-on's own life in Thunderbird (`messenger.runtime`): installed or updated, started,
 * and its id. The only module that calls `messenger.runtime`.
 */

/** Once per install or update. Must be called synchronously at the top of the background. */
export function onInstalled(listener: () => void): void {
  messenger.runtime.onInstalled.addListener(() => {
    listener();
  });
}

/** At each start of Thunderbird with the add-on enabled. Same rule as `onInstalled`. */
export function onStartup(listener: () => void): void {
  messenger.runtime.onStartup.addListener(() => {
    listener();
  });
}

/** The add-on's id (the key administrators use in their policies). */
export function addonId(): string {
  return messenger.runtime.id;
}
