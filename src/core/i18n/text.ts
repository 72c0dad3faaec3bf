/**
 * A text the user sees. The core never holds sentences: it names a key of
 * `src/_locales/<lang>/messages.json` and gives the values of its placeholders. The add-on
 * renders it through Thunderbird's own `i18n` (adapters/i18n.ts); the command line and the
 * tests render it from the same catalogs (render.ts). A new language is a new folder in
 * `_locales`, never a change of code.
 * No sentence is written in TypeScript: `test/unit/i18n/no-literals.test.ts` checks it.
 */
import type catalog from "../../_locales/fr/messages.json";

/** Every key of the French catalog (the reference one: English has the same keys, tested). */
export type MessageKey = keyof typeof catalog;

/** A placeholder's value: plain text (inserted as it is), a number, or another text (rendered in the same language). */
export type Sub = string | number | Message;

export interface Message {
  readonly key: MessageKey;
  readonly subs: readonly Sub[];
  /**
   * When set, the text is a count: `key` is `<base>_one`, and the key rendered is
   * `<base>_one` or `<base>_other`, chosen by `Intl.PluralRules` for the language.
   */
  readonly count?: number;
}

export type Lang = "fr" | "en";

/** Builds a text from a key and its placeholders' values. */
export function msg(key: MessageKey, ...subs: Sub[]): Message {
  return { key, subs };
}

/**
 * A count: `plural("noticesFound", 3)` renders `noticesFound_other` with `$1` = 3 (or the
 * subs given after the count, whose first is usually the count itself).
 */
export function plural(key: PluralKey, count: number, ...subs: Sub[]): Message {
  return { key: `${key}_one` as MessageKey, subs: subs.length > 0 ? subs : [count], count };
}

/** The keys that exist as a `_one`/`_other` pair. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}_one` ? B : never) : never;

/** The key a count renders with: `<base>_one` or `<base>_other`. */
export function pluralKey(text: Message, lang: Lang): string {
  if (text.count === undefined) return text.key;
  const base = text.key.replace(/_one$/, "");
  return new Intl.PluralRules(lang).select(text.count) === "one" ? `${base}_one` : `${base}_other`;
}

/** Picks French unless the language tag is clearly something else we have (English). */
export function pickLang(tag: string | undefined): Lang {
  return tag !== undefined && /^en\b/i.test(tag) ? "en" : "fr";
}
