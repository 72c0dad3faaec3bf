/**
 * What can be wrong with the administrator's policy or with stored settings, and the words
 * that say it. A problem never stops anything: the faulty part is ignored and reported.
 */
import { sentences } from "../i18n/list.js";
import { msg, plural, type Message } from "../i18n/text.js";
import { SETTING_LABELS } from "./labels.js";
import { SETTING_KEYS, type SettingKey } from "./schema.js";

export type SettingsProblemCode =
  /** The managed data is not a JSON object. */
  | "policy-not-an-object"
  /** A policy value does not fit its setting. */
  | "policy-invalid-value"
  /** A `{"value": …, "locked": …}` entry has unexpected fields or a wrong `locked`. */
  | "policy-invalid-entry"
  /** A name that is no setting. */
  | "policy-unknown-key"
  /** Settings put under a wrapping key (`Extensions`, the add-on id, `policies`…). */
  | "policy-wrapped"
  /** The `locked` list is not a list of names. */
  | "policy-invalid-locked-list"
  /** The `locked` list names something that is no setting. */
  | "policy-locked-unknown-key"
  /** Stands for the problems not listed, beyond `PROBLEMS_SHOWN_MAX`. */
  | "more-problems"
  /** Stored settings are not an object. */
  | "user-not-an-object"
  /** A stored value does not fit its setting. */
  | "user-invalid-value"
  /** Stored settings come from a newer version of the add-on. */
  | "user-future-version"
  /** The stored `settingsVersion` is not a version number. */
  | "user-invalid-version";

export interface SettingsProblem {
  readonly code: SettingsProblemCode;
  readonly layer: "policy" | "user";
  /** The setting or the name concerned, when there is one. */
  readonly key?: string;
  readonly message: Message;
}

const SHOWN_VALUE_MAX = 80;
/** How deep a value is looked into to show it: `{"a": {"b": {…}}}`. */
const SHOWN_DEPTH_MAX = 3;
/** How long a name is kept in a problem (`key`); the message quotes it shorter. */
export const PROBLEM_KEY_MAX = 200;

/**
 * The value as JSON text, cut to a readable length. Reads only what it shows (a few
 * levels deep, the start of long strings, the first items of big lists or objects), so
 * that time and memory do not grow with the value. Never throws.
 */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    text = preview(value, SHOWN_DEPTH_MAX, SHOWN_VALUE_MAX + 1);
  } catch {
    text = Array.isArray(value) ? "[…]" : typeof value === "object" ? "{…}" : typeof value;
  }
  return cut(text, SHOWN_VALUE_MAX);
}

/** At most `max` code points of `text`, an ellipsis ending it when it was longer. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  // `max + 1` code points take at most this many code units.
  const points = Array.from(text.slice(0, 2 * max + 2));
  return points.length > max ? `${points.slice(0, max - 1).join("")}…` : text;
}

/**
 * JSON text of `value`, stopping once `budget` characters are written (the caller cuts
 * the result), `depth` levels deep: deeper objects and arrays show as `{…}` and `[…]`.
 */
function preview(value: unknown, depth: number, budget: number): string {
  if (typeof value === "string") return JSON.stringify(value.length <= budget ? value : codePoints(value, budget));
  if (typeof value === "number" || typeof value === "boolean" || value === null) return JSON.stringify(value);
  if (value === undefined) return "undefined";
  if (typeof value !== "object") return typeof value;
  const isArray = Array.isArray(value);
  if (depth <= 0) return isArray ? "[…]" : "{…}";
  let out = isArray ? "[" : "{";
  let count = 0;
  // `for…in` reads one name at a time: a huge object is not listed to show its start.
  for (const name in value) {
    if (!Object.hasOwn(value, name)) continue;
    if (out.length >= budget) return `${out}…`;
    const item = preview((value as Record<string, unknown>)[name], depth - 1, budget - out.length);
    out += `${count > 0 ? "," : ""}${isArray ? "" : `${JSON.stringify(codePoints(name, budget))}:`}${item}`;
    count++;
  }
  return `${out}${isArray ? "]" : "}"}`;
}

/** The first `count` code points of `text` (never half a surrogate pair). */
function codePoints(text: string, count: number): string {
  return Array.from(text.slice(0, 2 * count)).slice(0, count).join("");
}

/** A name as kept in a problem's `key`: its start only, for a name of any length. */
export function problemKey(name: string): string {
  return name.length > PROBLEM_KEY_MAX ? cut(name, PROBLEM_KEY_MAX) : name;
}

function quoteName(name: string): string {
  return describeValue(name);
}

const LONGEST_KEY = Math.max(...SETTING_KEYS.map((key) => key.length));

/** The closest setting name, for a name that is not one (typo, wrong case). */
export function suggestKey(name: string): SettingKey | undefined {
  // Far longer than any setting name: no typo of one (and not worth reading whole).
  if (name.length > LONGEST_KEY + 16) return undefined;
  const lower = name.trim().toLowerCase();
  let best: SettingKey | undefined;
  let bestDistance = Infinity;
  for (const key of SETTING_KEYS) {
    const distance = editDistance(lower, key.toLowerCase(), 4);
    if (distance < bestDistance) {
      best = key;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.min(3, Math.floor(lower.length / 4)) ? best : undefined;
}

/** Levenshtein distance, giving up (returning `limit`) once it is sure to reach it. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? limit) + 1, (current[j - 1] ?? limit) + 1, (previous[j - 1] ?? limit) + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= limit) return limit;
    previous = current;
  }
  return Math.min(previous[b.length] ?? limit, limit);
}

function settingName(key: SettingKey): Message {
  return msg("settingNameWithKey", SETTING_LABELS[key].label, key);
}

export function policyNotAnObject(raw: unknown): SettingsProblem {
  return { code: "policy-not-an-object", layer: "policy", message: msg("policyNotAnObject", describeValue(raw)) };
}

export function policyInvalidValue(
  key: SettingKey,
  raw: unknown,
  item?: { readonly index: number; readonly value: unknown },
): SettingsProblem {
  const shown = describeValue(raw);
  const expected = SETTING_LABELS[key].expected;
  return {
    code: "policy-invalid-value",
    layer: "policy",
    key,
    message:
      item === undefined
        ? msg("policyInvalidValue", key, shown, expected)
        : msg("policyInvalidItem", key, shown, String(item.index + 1), describeValue(item.value), expected),
  };
}

/** How many unexpected fields a message names; the others are counted. */
const FIELDS_SHOWN_MAX = 5;

export function policyUnexpectedFields(key: SettingKey, fields: readonly string[]): SettingsProblem {
  const more = fields.length - FIELDS_SHOWN_MAX;
  // JSON names, listed as JSON lists them (not words of a sentence).
  const names = fields.slice(0, FIELDS_SHOWN_MAX).map(quoteName).join(", ");
  return {
    code: "policy-invalid-entry",
    layer: "policy",
    key,
    message: msg("policyUnexpectedFields", key, more > 0 ? msg("fieldsAndMore", names, more) : names),
  };
}

export function policyInvalidLockFlag(key: SettingKey, raw: unknown): SettingsProblem {
  return { code: "policy-invalid-entry", layer: "policy", key, message: msg("policyInvalidLockFlag", key, describeValue(raw)) };
}

function suggestion(name: string): Message {
  const near = suggestKey(name);
  return near !== undefined ? msg("didYouMean", near) : msg("existingSettings", SETTING_KEYS.join(", "));
}

export function policyUnknownKey(name: string): SettingsProblem {
  return {
    code: "policy-unknown-key",
    layer: "policy",
    key: problemKey(name),
    message: sentences(msg("policyUnknownKey", quoteName(name)), suggestion(name)),
  };
}

export type WrapperKind = "extensions" | "addon-id" | "policies" | "other";

const WRAPPED = {
  extensions: "policyWrappedExtensions",
  "addon-id": "policyWrappedAddonId",
  policies: "policyWrappedPolicies",
} as const;

/**
 * Settings put one level too deep. `path` leads from the wrapping key to the object that
 * holds settings, when one was found.
 */
export function policyWrapped(name: string, kind: WrapperKind, path: readonly string[] | undefined): SettingsProblem {
  const shown = quoteName(name);
  const where = path === undefined ? shown : path.map(quoteName).join(" › ");
  const why = kind === "other" ? msg("policyWrappedOther", shown, where) : msg(WRAPPED[kind], where);
  return {
    code: "policy-wrapped",
    layer: "policy",
    key: problemKey(name),
    message: sentences(why, msg("policyWrappedRightPlace")),
  };
}

export function policyInvalidLockedList(raw: unknown): SettingsProblem {
  return { code: "policy-invalid-locked-list", layer: "policy", key: "locked", message: msg("policyInvalidLockedList", describeValue(raw)) };
}

export function policyLockedUnknownKey(name: string): SettingsProblem {
  return {
    code: "policy-locked-unknown-key",
    layer: "policy",
    key: problemKey(name),
    message: sentences(msg("policyLockedUnknownKey", quoteName(name)), suggestion(name)),
  };
}

export function userNotAnObject(raw: unknown): SettingsProblem {
  return { code: "user-not-an-object", layer: "user", message: msg("userNotAnObject", describeValue(raw)) };
}

export function userInvalidValue(key: SettingKey, raw: unknown): SettingsProblem {
  return { code: "user-invalid-value", layer: "user", key, message: msg("userInvalidValue", settingName(key), describeValue(raw)) };
}

export function userDroppedItem(key: SettingKey, item: unknown): SettingsProblem {
  return { code: "user-invalid-value", layer: "user", key, message: msg("userDroppedItem", settingName(key), describeValue(item)) };
}

export function userFutureVersion(version: number, current: number): SettingsProblem {
  return { code: "user-future-version", layer: "user", key: "settingsVersion", message: msg("userFutureVersion", version, current) };
}

export function userInvalidVersion(raw: unknown): SettingsProblem {
  return { code: "user-invalid-version", layer: "user", key: "settingsVersion", message: msg("userInvalidVersion", describeValue(raw)) };
}

/** The line that stands for the problems not listed: "et K autres" / "and K more". */
export function moreProblems(count: number, layer: SettingsProblem["layer"]): SettingsProblem {
  return { code: "more-problems", layer, message: plural("moreProblems", count) };
}
