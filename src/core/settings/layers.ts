/**
 * Three layers: the administrator's POLICY over the USER's choices over the DEFAULT.
 *
 * Where the policy comes from: `policies.json` → `"3rdparty": {"Extensions": {"<add-on id>":
 * DATA}}` (or the same on Windows GPO / macOS profiles, or a native managed-storage
 * manifest). Thunderbird hands DATA to the add-on as `storage.managed`; that DATA is
 * `policyRaw` here. When there is no policy the adapter passes `undefined`.
 *
 * Writing DATA (one entry per setting, names as in `schema.ts`):
 *
 *     {
 *       "readReceiptDefault": true,                            ← recommended: the user may change it
 *       "noReplyDefault": { "value": true, "locked": true },   ← locked: the user cannot change it
 *       "extraSenderDomains": ["test.mssante.fr"],
 *       "locked": ["extraSenderDomains"]                       ← shorthand: locks listed settings
 *     }
 *
 * Locking convention:
 * - A plain value is a RECOMMENDED default: it replaces the add-on's default, and the user's
 *   own choice, when there is one, wins over it.
 * - `{"value": X, "locked": true}` LOCKS the setting at X: it wins over the user's choice and
 *   the options page shows it as fixed by the administrator. This is the same shape as
 *   Thunderbird's own `Preferences` policy; it can be written as a sub-key with two values
 *   in the Windows registry (`value`, `locked` as REG_DWORD 1), and as a dictionary in a
 *   macOS profile. `Value` and `Locked` (capitalised) are accepted too; `locked` may be
 *   1/0 or a string as described in `coerce.ts`. `{"value": X}` alone is a plain value.
 * - `"locked": [names…]` at the top level also locks the listed settings (an array, a JSON
 *   string or a `;`/`,`-separated string). It is handy where each setting is one registry
 *   value. A setting is locked if either form says so.
 * - Locking a setting without giving it a value (`{"locked": true}`, or a name in the list
 *   with no value) locks it at the add-on's default.
 * - Policy values are coerced (`coerce.ts`) then checked against the schema. A value that
 *   does not fit is IGNORED as a whole, lock included: the user's or the default value
 *   applies and a problem names the setting, the value and what was expected. Unknown
 *   names, and settings put one level too deep (under `Extensions`, under the add-on id,
 *   under `policies`/`3rdparty`), are reported too. Nothing here ever throws.
 *
 * User values (`storage.local`, written by the add-on) are checked strictly, without
 * coercion; names that are no setting are other stored data and are left alone.
 */
import { coerceBoolean, coerceList, coercePolicyValue, isPlainObject } from "./coerce.js";
import {
  policyInvalidLockedList,
  policyInvalidLockFlag,
  policyInvalidValue,
  policyLockedUnknownKey,
  policyNotAnObject,
  policyUnexpectedFields,
  policyUnknownKey,
  policyWrapped,
  userInvalidValue,
  userNotAnObject,
  type SettingsProblem,
  type WrapperKind,
} from "./problems.js";
import { ProblemList } from "./problem-list.js";
import {
  checkSettingValue,
  defaultSettings,
  isSettingKey,
  settingKind,
  SETTING_KEYS,
  type SettingKey,
  type Settings,
} from "./schema.js";

export type SettingSource = "policy" | "user" | "default";

export interface SettingEntry<K extends SettingKey = SettingKey> {
  readonly value: Settings[K];
  /** Where the value comes from. A locked setting always comes from the policy. */
  readonly source: SettingSource;
  /** Fixed by the administrator: the user cannot change it. */
  readonly locked: boolean;
  /** The valid value the policy gives (recommended or locked), when it gives one. */
  readonly policyValue?: Settings[K];
}

export type SettingEntries = { readonly [K in SettingKey]: SettingEntry<K> };

export interface Resolution {
  readonly values: Settings;
  readonly entries: SettingEntries;
  readonly problems: readonly SettingsProblem[];
}

export interface ResolveOptions {
  /** The add-on's id, to recognise settings wrongly put under it. */
  readonly addonId?: string;
}

/** The reserved top-level name of the lock list. */
export const LOCKED_LIST_KEYS: readonly string[] = ["locked", "Locked"];
const VALUE_FIELDS = ["value", "Value"];
const LOCK_FIELDS = ["locked", "Locked"];

/** What the policy says about one setting, once checked. */
type PolicyItem<K extends SettingKey> =
  | { readonly state: "valid"; readonly locked: boolean; readonly value?: Settings[K] }
  | { readonly state: "invalid" };

type PolicyItems = { [K in SettingKey]?: PolicyItem<K> };

export function resolveAll(policyRaw: unknown, userRaw: unknown, options: ResolveOptions = {}): Resolution {
  const problems = new ProblemList();
  const policy = readPolicy(policyRaw, options, problems);
  const user = readUser(userRaw, problems);
  const values = defaultSettings();
  const entries = {} as Record<SettingKey, SettingEntry>;
  for (const key of SETTING_KEYS) {
    const entry = combine(key, policy[key], user[key], values[key]);
    entries[key] = entry;
    (values as Record<SettingKey, unknown>)[key] = entry.value;
  }
  return { values, entries: entries as unknown as SettingEntries, problems: problems.toArray() };
}

/** One setting, resolved. (Resolving everything once with `resolveAll` is cheaper.) */
export function resolve<K extends SettingKey>(
  key: K,
  policyRaw: unknown,
  userRaw: unknown,
  options: ResolveOptions = {},
): SettingEntry<K> {
  return resolveAll(policyRaw, userRaw, options).entries[key];
}

function combine<K extends SettingKey>(
  key: K,
  policy: PolicyItem<K> | undefined,
  user: Settings[K] | undefined,
  fallback: Settings[K],
): SettingEntry<K> {
  const valid = policy?.state === "valid" ? policy : undefined;
  const policyValue = valid?.value;
  const withPolicyValue = policyValue === undefined ? {} : { policyValue };
  if (valid?.locked === true) {
    return { value: policyValue ?? fallback, source: "policy", locked: true, ...withPolicyValue };
  }
  if (user !== undefined) return { value: user, source: "user", locked: false, ...withPolicyValue };
  if (policyValue !== undefined) return { value: policyValue, source: "policy", locked: false, policyValue };
  return { value: fallback, source: "default", locked: false };
}

function readUser(userRaw: unknown, problems: ProblemList): Partial<Settings> {
  const user: Partial<Settings> = {};
  if (userRaw === undefined || userRaw === null) return user;
  if (!isPlainObject(userRaw)) {
    problems.add("user", () => userNotAnObject(userRaw));
    return user;
  }
  for (const key of SETTING_KEYS) {
    if (!Object.hasOwn(userRaw, key)) continue;
    const raw = userRaw[key];
    const checked = checkSettingValue(key, raw);
    if (checked.ok) put(user, key, checked.value);
    else problems.add("user", () => userInvalidValue(key, raw));
  }
  return user;
}

function put<K extends SettingKey>(target: Partial<Settings>, key: K, value: Settings[K]): void {
  target[key] = value;
}

/**
 * The policy's settings. Problems with real settings are reported before names that are
 * no setting, so that a policy full of wrong names cannot hide them past the list's end.
 */
function readPolicy(policyRaw: unknown, options: ResolveOptions, problems: ProblemList): PolicyItems {
  const items: PolicyItems = {};
  if (policyRaw === undefined || policyRaw === null) return items;
  if (!isPlainObject(policyRaw)) {
    problems.add("policy", () => policyNotAnObject(policyRaw));
    return items;
  }
  const lockedByList = new Set<SettingKey>();
  for (const name in policyRaw) {
    if (!Object.hasOwn(policyRaw, name)) continue;
    if (LOCKED_LIST_KEYS.includes(name)) readLockedList(policyRaw[name], lockedByList, problems);
    else if (isSettingKey(name)) setItem(items, name, readPolicyItem(name, policyRaw[name], problems));
  }
  for (const name in policyRaw) {
    if (!Object.hasOwn(policyRaw, name) || LOCKED_LIST_KEYS.includes(name) || isSettingKey(name)) continue;
    const raw = policyRaw[name];
    problems.add("policy", () => unknownName(name, raw, options));
  }
  for (const key of lockedByList) {
    const item = items[key];
    if (item === undefined) setItem(items, key, { state: "valid", locked: true });
    else if (item.state === "valid") setItem(items, key, { ...item, locked: true });
  }
  return items;
}

function setItem<K extends SettingKey>(items: PolicyItems, key: K, item: PolicyItem<K>): void {
  (items as Record<K, PolicyItem<K>>)[key] = item;
}

function readPolicyItem<K extends SettingKey>(key: K, raw: unknown, problems: ProblemList): PolicyItem<K> {
  let locked = false;
  let valueRaw: unknown = raw;
  if (isPlainObject(raw) && [...VALUE_FIELDS, ...LOCK_FIELDS].some((f) => Object.hasOwn(raw, f))) {
    const unexpected = Object.keys(raw).filter((f) => !VALUE_FIELDS.includes(f) && !LOCK_FIELDS.includes(f));
    if (unexpected.length > 0) {
      problems.add("policy", () => policyUnexpectedFields(key, unexpected));
      return { state: "invalid" };
    }
    const lockField = LOCK_FIELDS.find((f) => Object.hasOwn(raw, f));
    if (lockField !== undefined) {
      const flag = coerceBoolean(raw[lockField]);
      if (flag === undefined) {
        const flagRaw = raw[lockField];
        problems.add("policy", () => policyInvalidLockFlag(key, flagRaw));
        return { state: "invalid" };
      }
      locked = flag;
    }
    const valueField = VALUE_FIELDS.find((f) => Object.hasOwn(raw, f));
    if (valueField === undefined) return { state: "valid", locked };
    valueRaw = raw[valueField];
  }
  const checked = checkSettingValue(key, coercePolicyValue(settingKind(key), valueRaw));
  if (!checked.ok) {
    const item = checked.item;
    problems.add("policy", () => policyInvalidValue(key, valueRaw, item));
    return { state: "invalid" };
  }
  return { state: "valid", locked, value: checked.value };
}

function readLockedList(raw: unknown, locked: Set<SettingKey>, problems: ProblemList): void {
  const list = coerceList(raw);
  if (list?.every((name) => typeof name === "string") !== true) {
    problems.add("policy", () => policyInvalidLockedList(raw));
    return;
  }
  for (const name of list) {
    const trimmed = name.trim();
    if (isSettingKey(trimmed)) locked.add(trimmed);
    else problems.add("policy", () => policyLockedUnknownKey(name));
  }
}

const UUID_ID = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i;
const EMAIL_LIKE_ID = /^[^\s@]*@[^\s@]+$/;

function unknownName(name: string, raw: unknown, options: ResolveOptions): SettingsProblem {
  if (!isPlainObject(raw)) return policyUnknownKey(name);
  const lower = name.trim().toLowerCase();
  let kind: WrapperKind | undefined;
  if (lower === "extensions") kind = "extensions";
  else if (name === options.addonId || UUID_ID.test(name) || EMAIL_LIKE_ID.test(name)) kind = "addon-id";
  else if (lower === "policies" || lower === "3rdparty") kind = "policies";
  const inner = findSettings(raw, [name], 4);
  if (kind === undefined && inner === undefined) return policyUnknownKey(name);
  return policyWrapped(name, kind ?? "other", inner);
}

/** How many names `findSettings` reads at most, however big the object. */
const FIND_SETTINGS_NAMES_MAX = 10_000;

/**
 * The path to the first object below that holds a setting name, if any (breadth-first,
 * `maxDepth` levels, at most `FIND_SETTINGS_NAMES_MAX` names read in all).
 */
function findSettings(root: Record<string, unknown>, rootPath: string[], maxDepth: number): string[] | undefined {
  let level: { readonly node: Record<string, unknown>; readonly path: string[] }[] = [{ node: root, path: rootPath }];
  let budget = FIND_SETTINGS_NAMES_MAX;
  for (let depth = 0; depth < maxDepth && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const { node, path } of level) {
      for (const name in node) {
        if (budget-- <= 0) return undefined;
        if (!Object.hasOwn(node, name)) continue;
        if (isSettingKey(name)) return path;
        const child = node[name];
        if (isPlainObject(child) && depth + 1 < maxDepth) next.push({ node: child, path: [...path, name] });
      }
    }
    level = next;
  }
  return undefined;
}
