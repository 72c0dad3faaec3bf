/**
 * Policy values as the three platforms deliver them. Used for the policy layer only: user
 * storage is written by the add-on and checked strictly.
 *
 * - `policies.json` (any platform): JSON values, as written.
 * - macOS configuration profiles: booleans often arrive as integers 0/1.
 * - Windows GPO / registry (read by Thunderbird's GPO parser): REG_DWORD → number (0/1 for
 *   booleans), REG_SZ → string (so `"true"`, `"1"`…), numbered values `1`, `2`, … under a key
 *   → array, REG_MULTI_SZ → parsed as JSON (dropped by Thunderbird when it is not JSON).
 *
 * Accepted, after trimming, case-insensitive:
 * - boolean: `true`/`false`; the numbers 1/0; the strings `"true"`/`"false"`, `"1"`/`"0"`,
 *   `"yes"`/`"no"`, `"oui"`/`"non"`. Nothing else (`2`, `"vrai"`, `""` are errors, never
 *   guessed).
 * - number: a finite number, or a string holding a decimal number (`"12"`, `"-3.5"`).
 * - text: a string; a finite number is turned into its decimal text. A string holding no
 *   line break but the two characters `\n` gets them turned into line breaks (a REG_SZ
 *   value cannot hold a line break).
 * - list: an array; a string starting with `[` holding a JSON array; any other string split
 *   at commas, semicolons and line breaks (empty parts dropped; `""` is the empty list);
 *   an object whose keys are all `1`, `2`, … (numbered registry values out of order).
 *
 * What cannot be converted is returned unchanged: the schema then rejects it and the caller
 * reports it.
 */
import type { SettingKind } from "./schema.js";

const TRUE_WORDS = new Set(["true", "1", "yes", "oui"]);
const FALSE_WORDS = new Set(["false", "0", "no", "non"]);

/** `undefined` when the value is not one of the accepted forms. */
export function coerceBoolean(raw: unknown): boolean | undefined {
  if (typeof raw === "boolean") return raw;
  if (raw === 1) return true;
  if (raw === 0) return false;
  if (typeof raw === "string") {
    const word = raw.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  return undefined;
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/;

export function coerceNumber(raw: unknown): number | undefined {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === "string") {
    const text = raw.trim();
    if (DECIMAL.test(text)) return Number(text);
  }
  return undefined;
}

export function coerceText(raw: unknown): string | undefined {
  if (typeof raw === "string") {
    return /[\r\n]/.test(raw) ? raw : raw.replace(/\\r\\n|\\n/g, "\n");
  }
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  return undefined;
}

/** The items are not checked here (the schema does). */
export function coerceList(raw: unknown): unknown[] | undefined {
  if (Array.isArray(raw)) return raw as unknown[];
  if (typeof raw === "string") {
    const text = raw.trim();
    if (text.startsWith("[")) {
      try {
        const parsed: unknown = JSON.parse(text);
        return Array.isArray(parsed) ? (parsed as unknown[]) : undefined;
      } catch {
        return undefined;
      }
    }
    return text
      .split(/[,;\r\n]+/)
      .map((part) => part.trim())
      .filter((part) => part !== "");
  }
  if (isPlainObject(raw)) {
    const keys = Object.keys(raw);
    if (keys.length > 0 && keys.every((k) => /^[1-9]\d*$/.test(k))) {
      return keys.sort((a, b) => Number(a) - Number(b)).map((k) => raw[k]);
    }
  }
  return undefined;
}

/** The value converted to the kind, or `raw` itself when no accepted form applies. */
export function coercePolicyValue(kind: SettingKind, raw: unknown): unknown {
  const converted = CONVERTERS[kind](raw);
  return converted === undefined ? raw : converted;
}

const CONVERTERS: { readonly [K in SettingKind]: (raw: unknown) => unknown } = {
  boolean: coerceBoolean,
  number: coerceNumber,
  text: coerceText,
  list: coerceList,
};

/**
 * A JSON object (not an array, not null). The prototype is not checked: storage may hand
 * over objects made in another realm.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
