/**
 * Every setting of the add-on, with its default, in ONE zod schema.
 *
 * To add a setting: add a field here (with `.default(…)`), then its label in `labels.ts`
 * (the compiler asks for it). Its kind (boolean, number, text, list) is read from the type
 * of its default, which decides how an administrator's policy value is coerced
 * (`coerce.ts`). Nothing else needs to change: layering, export and the options page work
 * on every key of this schema.
 *
 * The schema is strict about types: user storage is written by the add-on itself. It does
 * normalise what an administrator or a user may type loosely (domains, line ends), and its
 * output always parses again to itself.
 */
import * as z from "zod/mini";
import { rulesSchema } from "../automation/rules.js";
import { RETENTION_MONTHS_DEFAULT, RETENTION_MONTHS_MAX, RETENTION_MONTHS_MIN } from "../notice-records/retention.js";

/** The placeholders a closing template may contain. */
export const CLOSING_PLACEHOLDERS = ["{patient}"] as const;
export const CLOSING_TEMPLATE_MAX_LENGTH = 2000;
export const FOLDER_NAME_MAX_LENGTH = 100;
export const EXTRA_DOMAINS_MAX = 50;

export const DEFAULT_CLOSING_TEMPLATE =
  "Bonjour {patient},\n\n" +
  "Cet échange est maintenant clos. Pour toute nouvelle question, merci de contacter le secrétariat.\n\n" +
  "Cordialement,";

export const DEFAULT_BOUNCE_FOLDER_NAME = "Retours MSSanté";

const DOMAIN_LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
/** At least two labels; the last is letters (or an `xn--` name). ASCII only: IDN in punycode. */
const DOMAIN_PATTERN = new RegExp(`^(?:${DOMAIN_LABEL}\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$`);

/** Trimmed, lower-case, without a leading `@` or `.` nor a trailing `.`. */
export function normalizeDomain(input: string): string {
  return input
    .trim()
    .toLowerCase()
    .replace(/^[@.]+/, "")
    .replace(/\.$/, "");
}

export function isDomainName(domain: string): boolean {
  return domain.length <= 253 && DOMAIN_PATTERN.test(domain);
}

export const domainSchema = z.pipe(
  z.string(),
  z.pipe(z.transform(normalizeDomain), z.string().check(z.refine(isDomainName, { message: "not a domain name" }))),
);

/** Placeholders written in the template (`{…}`) that the product does not know. */
export function unknownPlaceholders(template: string): string[] {
  const known: readonly string[] = CLOSING_PLACEHOLDERS;
  return [...template.matchAll(/\{[^{}\n]*\}/g)].map((m) => m[0]).filter((p) => !known.includes(p));
}

const closingTemplateSchema = z.string().check(
  z.overwrite((s) => s.replace(/\r\n?/g, "\n")),
  z.refine((s) => s.length <= CLOSING_TEMPLATE_MAX_LENGTH, { message: "too long" }),
  z.refine((s) => unknownPlaceholders(s).length === 0, { message: "unknown placeholder" }),
);

// Control characters have no place in a folder name; `/` and `\` would make a path.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_FOLDER = /[/\\\u0000-\u001f\u007f]/;

const folderNameSchema = z.string().check(
  z.trim(),
  z.minLength(1),
  z.maxLength(FOLDER_NAME_MAX_LENGTH),
  z.refine((s) => !FORBIDDEN_IN_FOLDER.test(s), { message: "forbidden character" }),
);

export const settingsSchema = z.object({
  /** Ask for a read receipt on messages to patients (Mon espace santé sends it automatically). */
  readReceiptDefault: z._default(z.boolean(), true),
  /** Add `X-MSS-MES: FIN` by default: the patient cannot reply to that message. */
  noReplyDefault: z._default(z.boolean(), false),
  /** Sender domains treated like `*.mssante.fr` (test and training platforms). */
  extraSenderDomains: z._default(
    z.pipe(
      z.array(domainSchema).check(z.maxLength(EXTRA_DOMAINS_MAX)),
      z.transform((list: string[]) => [...new Set(list)]),
    ),
    () => [],
  ),
  /** Body proposed when closing an exchange (subject `[FIN]`). */
  closingTemplate: z._default(closingTemplateSchema, DEFAULT_CLOSING_TEMPLATE),
  /** Open the closing message for review instead of sending it at once. */
  reviewBeforeClosing: z._default(z.boolean(), false),
  /** Show the patient banner (name, INS, state of the exchange, close) at the top of a patient's message. */
  patientBanner: z._default(z.boolean(), true),
  /** Tag messages exchanged with patient mailboxes. */
  tagPatientMessages: z._default(z.boolean(), false),
  /** Automation rules (when a message matches, then receipt / no-reply / [FIN]); see core/automation. */
  automationRules: z._default(rulesSchema, () => []),
  /** Tag bounces from patient mailboxes. */
  bounceTag: z._default(z.boolean(), true),
  /** Move bounces from patient mailboxes to a folder. */
  bounceMove: z._default(z.boolean(), false),
  /** Name of that folder (created in the account's root if missing). */
  bounceFolderName: z._default(folderNameSchema, DEFAULT_BOUNCE_FOLDER_NAME),
  /** Show the explanation banner at the top of a bounce, delay warning or read receipt. */
  noticeBanner: z._default(z.boolean(), true),
  /** How long (in months) what is known of a bounce or receipt is kept; see core/notice-records/retention. */
  noticeRetentionMonths: z._default(
    z.int().check(z.gte(RETENTION_MONTHS_MIN), z.lte(RETENTION_MONTHS_MAX)),
    RETENTION_MONTHS_DEFAULT,
  ),
});

export type Settings = z.output<typeof settingsSchema>;
export type SettingKey = keyof Settings;

/** In the order of the schema, which is the order of the options page. */
export const SETTING_KEYS: readonly SettingKey[] = Object.freeze(Object.keys(settingsSchema.shape) as SettingKey[]);

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(settingsSchema.shape, key);
}

/** A fresh copy of every default (arrays are not shared). */
export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

export function defaultValue<K extends SettingKey>(key: K): Settings[K] {
  return defaultSettings()[key];
}

export type SettingKind = "boolean" | "number" | "text" | "list";

const DEFAULTS = defaultSettings();

/** Read from the type of the default. */
export function settingKind(key: SettingKey): SettingKind {
  const value: unknown = DEFAULTS[key];
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return "number";
  if (Array.isArray(value)) return "list";
  return "text";
}

export type ValueCheck<K extends SettingKey> =
  | { readonly ok: true; readonly value: Settings[K] }
  | {
      readonly ok: false;
      /** For a list: the first item that is wrong. */
      readonly item?: { readonly index: number; readonly value: unknown };
    };

/**
 * Checks one value against its field of the schema (no coercion, no default:
 * `undefined` is not a value). Returns the normalised value.
 */
export function checkSettingValue<K extends SettingKey>(key: K, raw: unknown): ValueCheck<K> {
  if (raw === undefined) return { ok: false };
  const result = settingsSchema.shape[key].safeParse(raw);
  if (result.success) return { ok: true, value: result.data as Settings[K] };
  const index = result.error.issues.map((issue) => issue.path[0]).find((p) => typeof p === "number");
  if (index !== undefined && Array.isArray(raw)) {
    return { ok: false, item: { index, value: raw[index] as unknown } };
  }
  return { ok: false };
}

/** Deep equality for setting values (JSON data). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  return a === b;
}
