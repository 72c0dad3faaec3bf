/**
 * What can be wrong with the administrator's policy or with stored settings, and the words
 * that say it. A problem never stops anything: the faulty part is ignored and reported.
 */
import type { Text } from "../i18n/text.js";
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
  readonly message: Text;
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

const POLICY_FR = "Stratégie d'entreprise";
const POLICY_EN = "Enterprise policy";

function settingName(key: SettingKey): Text {
  const label = SETTING_LABELS[key].label;
  return { fr: `« ${label.fr} » (${key})`, en: `"${label.en}" (${key})` };
}

export function policyNotAnObject(raw: unknown): SettingsProblem {
  const shown = describeValue(raw);
  return {
    code: "policy-not-an-object",
    layer: "policy",
    message: {
      fr: `${POLICY_FR} : les données de l'extension ne sont pas un objet JSON mais ${shown} ; elles sont ignorées. Attendu : un objet comme {"readReceiptDefault": true}.`,
      en: `${POLICY_EN}: the add-on's data is not a JSON object but ${shown}; it is ignored. Expected: an object such as {"readReceiptDefault": true}.`,
    },
  };
}

export function policyInvalidValue(
  key: SettingKey,
  raw: unknown,
  item?: { readonly index: number; readonly value: unknown },
): SettingsProblem {
  const shown = describeValue(raw);
  const expected = SETTING_LABELS[key].expected;
  const itemFr = item === undefined ? "" : ` (élément n° ${item.index + 1} : ${describeValue(item.value)})`;
  const itemEn = item === undefined ? "" : ` (item ${item.index + 1}: ${describeValue(item.value)})`;
  return {
    code: "policy-invalid-value",
    layer: "policy",
    key,
    message: {
      fr: `${POLICY_FR}, réglage « ${key} » : la valeur ${shown} n'est pas valide${itemFr} ; elle est ignorée. Attendu : ${expected.fr}.`,
      en: `${POLICY_EN}, setting "${key}": the value ${shown} is not valid${itemEn}; it is ignored. Expected: ${expected.en}.`,
    },
  };
}

/** How many unexpected fields a message names; the others are counted. */
const FIELDS_SHOWN_MAX = 5;

export function policyUnexpectedFields(key: SettingKey, fields: readonly string[]): SettingsProblem {
  const more = fields.length - FIELDS_SHOWN_MAX;
  const names = fields.slice(0, FIELDS_SHOWN_MAX).map(quoteName).join(", ");
  const shown = more > 0 ? `${names} (+${more})` : names;
  return {
    code: "policy-invalid-entry",
    layer: "policy",
    key,
    message: {
      fr: `${POLICY_FR}, réglage « ${key} » : champ inattendu ${shown}. Écrivez soit la valeur seule, soit {"value": …, "locked": true}. Le réglage est ignoré.`,
      en: `${POLICY_EN}, setting "${key}": unexpected field ${shown}. Write either the value alone, or {"value": …, "locked": true}. The setting is ignored.`,
    },
  };
}

export function policyInvalidLockFlag(key: SettingKey, raw: unknown): SettingsProblem {
  const shown = describeValue(raw);
  return {
    code: "policy-invalid-entry",
    layer: "policy",
    key,
    message: {
      fr: `${POLICY_FR}, réglage « ${key} » : « locked » vaut ${shown}, attendu true ou false. Le réglage est ignoré.`,
      en: `${POLICY_EN}, setting "${key}": "locked" is ${shown}, expected true or false. The setting is ignored.`,
    },
  };
}

function suggestion(name: string): Text {
  const near = suggestKey(name);
  if (near !== undefined) {
    return { fr: ` Vouliez-vous dire « ${near} » ?`, en: ` Did you mean "${near}"?` };
  }
  const all = SETTING_KEYS.join(", ");
  return { fr: ` Réglages existants : ${all}.`, en: ` Existing settings: ${all}.` };
}

export function policyUnknownKey(name: string): SettingsProblem {
  const hint = suggestion(name);
  const shown = quoteName(name);
  return {
    code: "policy-unknown-key",
    layer: "policy",
    key: problemKey(name),
    message: {
      fr: `${POLICY_FR} : le réglage ${shown} n'existe pas ; il est ignoré.${hint.fr}`,
      en: `${POLICY_EN}: there is no setting ${shown}; it is ignored.${hint.en}`,
    },
  };
}

export type WrapperKind = "extensions" | "addon-id" | "policies" | "other";

/**
 * Settings put one level too deep. `path` leads from the wrapping key to the object that
 * holds settings, when one was found.
 */
export function policyWrapped(name: string, kind: WrapperKind, path: readonly string[] | undefined): SettingsProblem {
  const shown = quoteName(name);
  const where = path === undefined ? shown : path.map(quoteName).join(" › ");
  const rightPlace = {
    fr: ` Dans policies.json, les réglages se placent directement sous "3rdparty" › "Extensions" › "<identifiant de l'extension>". Ces réglages sont ignorés tant qu'ils sont mal placés.`,
    en: ` In policies.json, settings go directly under "3rdparty" › "Extensions" › "<add-on id>". These settings are ignored while misplaced.`,
  };
  const why: { readonly [W in WrapperKind]: Text } = {
    extensions: {
      fr: `les données de l'extension contiennent ${where} : « Extensions » y est en trop, Thunderbird a déjà retiré ce niveau.`,
      en: `the add-on's data holds ${where}: "Extensions" is one level too many, Thunderbird already removed that level.`,
    },
    "addon-id": {
      fr: `les données de l'extension contiennent ${where} : l'identifiant de l'extension y est en trop, ces données sont déjà celles de l'extension.`,
      en: `the add-on's data holds ${where}: the add-on id is one level too many, this data already belongs to the add-on.`,
    },
    policies: {
      fr: `les données de l'extension contiennent ${where} : c'est l'enveloppe de policies.json, qui n'a pas sa place ici.`,
      en: `the add-on's data holds ${where}: that is the wrapping of policies.json, which does not belong here.`,
    },
    other: {
      fr: `le nom ${shown} n'est pas un réglage mais contient des réglages (${where}) : ils doivent être au premier niveau.`,
      en: `the name ${shown} is not a setting but holds settings (${where}): they must be at the top level.`,
    },
  };
  return {
    code: "policy-wrapped",
    layer: "policy",
    key: problemKey(name),
    message: {
      fr: `${POLICY_FR} : ${why[kind].fr}${rightPlace.fr}`,
      en: `${POLICY_EN}: ${why[kind].en}${rightPlace.en}`,
    },
  };
}

export function policyInvalidLockedList(raw: unknown): SettingsProblem {
  const shown = describeValue(raw);
  return {
    code: "policy-invalid-locked-list",
    layer: "policy",
    key: "locked",
    message: {
      fr: `${POLICY_FR} : « locked » vaut ${shown} ; il est ignoré. Attendu : la liste des réglages verrouillés, par exemple ["readReceiptDefault", "noReplyDefault"].`,
      en: `${POLICY_EN}: "locked" is ${shown}; it is ignored. Expected: the list of locked settings, e.g. ["readReceiptDefault", "noReplyDefault"].`,
    },
  };
}

export function policyLockedUnknownKey(name: string): SettingsProblem {
  const hint = suggestion(name);
  const shown = quoteName(name);
  return {
    code: "policy-locked-unknown-key",
    layer: "policy",
    key: problemKey(name),
    message: {
      fr: `${POLICY_FR} : « locked » cite ${shown}, qui n'est pas un réglage ; ce nom est ignoré.${hint.fr}`,
      en: `${POLICY_EN}: "locked" names ${shown}, which is no setting; that name is ignored.${hint.en}`,
    },
  };
}

export function userNotAnObject(raw: unknown): SettingsProblem {
  const shown = describeValue(raw);
  return {
    code: "user-not-an-object",
    layer: "user",
    message: {
      fr: `Les réglages enregistrés sont illisibles (${shown}) : ceux de l'administrateur ou les valeurs par défaut s'appliquent.`,
      en: `The stored settings cannot be read (${shown}): the administrator's or the default values apply.`,
    },
  };
}

export function userInvalidValue(key: SettingKey, raw: unknown): SettingsProblem {
  const name = settingName(key);
  const shown = describeValue(raw);
  return {
    code: "user-invalid-value",
    layer: "user",
    key,
    message: {
      fr: `Réglage enregistré ${name.fr} : la valeur ${shown} n'est pas valide ; celle de l'administrateur ou la valeur par défaut s'applique.`,
      en: `Stored setting ${name.en}: the value ${shown} is not valid; the administrator's or the default value applies.`,
    },
  };
}

export function userDroppedItem(key: SettingKey, item: unknown): SettingsProblem {
  const name = settingName(key);
  const shown = describeValue(item);
  return {
    code: "user-invalid-value",
    layer: "user",
    key,
    message: {
      fr: `Réglage enregistré ${name.fr} : l'élément ${shown} n'est pas valide et n'est pas repris.`,
      en: `Stored setting ${name.en}: the item ${shown} is not valid and is not kept.`,
    },
  };
}

export function userFutureVersion(version: number, current: number): SettingsProblem {
  return {
    code: "user-future-version",
    layer: "user",
    key: "settingsVersion",
    message: {
      fr: `Les réglages ont été enregistrés par une version plus récente de l'extension (format ${version} ; cette version lit le format ${current}). Les réglages reconnus sont utilisés et rien n'est réécrit. Mettez l'extension à jour.`,
      en: `The settings were stored by a newer version of the add-on (format ${version}; this version reads format ${current}). The settings it knows are used and nothing is rewritten. Update the add-on.`,
    },
  };
}

export function userInvalidVersion(raw: unknown): SettingsProblem {
  const shown = describeValue(raw);
  return {
    code: "user-invalid-version",
    layer: "user",
    key: "settingsVersion",
    message: {
      fr: `Le numéro de format des réglages enregistrés est illisible (${shown}) : ils sont relus comme des réglages d'une ancienne version.`,
      en: `The format number of the stored settings cannot be read (${shown}): they are read as settings of an old version.`,
    },
  };
}

/** The line that stands for the problems not listed: "et K autres" / "and K more". */
export function moreProblems(count: number, layer: SettingsProblem["layer"]): SettingsProblem {
  return {
    code: "more-problems",
    layer,
    message: {
      fr: `… et ${count} autre${count > 1 ? "s" : ""} problème${count > 1 ? "s" : ""}, non détaillé${count > 1 ? "s" : ""} ici.`,
      en: `… and ${count} more problem${count > 1 ? "s" : ""}, not listed here.`,
    },
  };
}
