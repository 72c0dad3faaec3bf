/**
 * Renders a text from a catalog with the semantics of the WebExtension `i18n.getMessage`:
 * `$NAME$` is replaced by its placeholder's `content`, then `$1`…`$9` by the values given,
 * and `$$` by `$`. Pure: the catalogs are passed in (catalogs.ts for the command line and
 * the tests; the add-on asks Thunderbird, adapters/i18n.ts).
 */
import { pluralKey, type Lang, type Message } from "./text.js";

export interface CatalogEntry {
  readonly message: string;
  readonly description?: string;
  readonly placeholders?: Readonly<Record<string, { readonly content: string; readonly example?: string }>>;
}

export type Catalog = Readonly<Record<string, CatalogEntry>>;

/** Fills an entry's message the way `i18n.getMessage` does. */
export function fill(entry: CatalogEntry, values: readonly string[]): string {
  const placeholders = entry.placeholders ?? {};
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const found = Object.entries(placeholders).find(([k]) => k.toLowerCase() === name.toLowerCase());
    return found === undefined ? whole : found[1].content;
  });
  return named.replace(/\$(\$|[1-9])/g, (_whole, what: string) => (what === "$" ? "$" : (values[Number(what) - 1] ?? "")));
}

/**
 * A number as the language writes it (`25,4` / `25.4`), by \`Intl\`; digits are not grouped,
 * so that a year or a code passed as a number reads as it is.
 */
export function numberText(n: number, locale: string): string {
  let format = NUMBER_FORMATS.get(locale);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 3 });
    NUMBER_FORMATS.set(locale, format);
  }
  return format.format(n);
}

/** One number format per locale (making one is far slower than using it). */
const NUMBER_FORMATS = new Map<string, Intl.NumberFormat>();

export function renderWith(catalog: Catalog, text: Message, lang: Lang): string {
  return renderMessage(catalog, text, lang);
}

function renderMessage(catalog: Catalog, text: Message, lang: Lang): string {
  const key = pluralKey(text, lang);
  const entry = catalog[key];
  if (entry === undefined) return key;
  const values = text.subs.map((s) => (typeof s === "object" ? renderMessage(catalog, s, lang) : typeof s === "number" ? numberText(s, lang) : s));
  return fill(entry, values);
}
