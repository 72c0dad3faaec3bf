/**
 * Thunderbird's extension storage: `storage.local` (kept on disk), `storage.session` (memory,
 * gone when Thunderbird quits), `storage.managed` (the administrator's policy, read-only) and
 * `storage.onChanged`. The only module that calls `messenger.storage`. It hands back the
 * stored values as `unknown`: each store of the features parses its own keys with its schema.
 */
import * as z from "zod/mini";

const itemsSchema = z.record(z.string(), z.unknown());

/** The stored values by key; a key that is not stored is absent. */
export type StoredItems = Readonly<Record<string, unknown>>;

export interface StorageArea {
  /** The values of these keys (every key when none is given: avoid it on large stores). */
  get(keys?: string | readonly string[]): Promise<StoredItems>;
  set(items: Readonly<Record<string, unknown>>): Promise<void>;
  remove(keys: string | readonly string[]): Promise<void>;
}

function area(name: "local" | "session"): StorageArea {
  return {
    async get(keys) {
      const api = messenger.storage[name];
      const raw: unknown = keys === undefined ? await api.get() : await api.get(typeof keys === "string" ? keys : [...keys]);
      return itemsSchema.parse(raw);
    },
    async set(items) {
      await messenger.storage[name].set({ ...items });
    },
    async remove(keys) {
      await messenger.storage[name].remove(typeof keys === "string" ? keys : [...keys]);
    },
  };
}

/** `storage.local`: settings, notice records, closes waiting for a message sent later. */
export const storageLocal: StorageArea = area("local");

/** `storage.session`: the channel between the pages and the background (see docs/ARCHITECTURE.md). */
export const storageSession: StorageArea = area("session");

/**
 * The administrator's policy (`storage.managed`), or undefined when there is none: without
 * any policy `storage.managed.get` throws "Managed storage manifest not found".
 */
export async function readManagedStorage(): Promise<unknown> {
  try {
    return await messenger.storage.managed.get();
  } catch {
    return undefined;
  }
}

/** A change of one key: its new value, absent when the key was removed. */
export interface StoredChange {
  readonly newValue?: unknown;
}

const changeSchema = z.object({ newValue: z.optional(z.unknown()) });

/** Every change of `storage.local`, key by key, in every page of the add-on. */
export function onLocalStorageChanged(listener: (changes: ReadonlyMap<string, StoredChange>) => void): void {
  onStorageChanged("local", listener);
}

/** Every change of `storage.session`, key by key, in every page of the add-on. */
export function onSessionStorageChanged(listener: (changes: ReadonlyMap<string, StoredChange>) => void): void {
  onStorageChanged("session", listener);
}

function onStorageChanged(name: "local" | "session", listener: (changes: ReadonlyMap<string, StoredChange>) => void): void {
  messenger.storage.onChanged.addListener((changes, areaName) => {
    if (areaName !== name) return;
    const out = new Map<string, StoredChange>();
    for (const [key, change] of Object.entries(changes)) {
      const parsed = changeSchema.safeParse(change);
      if (!parsed.success) continue;
      out.set(key, parsed.data.newValue === undefined ? {} : { newValue: parsed.data.newValue });
    }
    listener(out);
  });
}
