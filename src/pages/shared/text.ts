/**
 * The pages' own strings and dates, in the interface language: a key of `_locales` with the
 * values of its placeholders (checked against the catalog's keys), and dates through `Intl`.
 */
import { render, uiLang, uiLocale } from "../../adapters/i18n.js";
import { msg, pickLang, type MessageKey, type Sub } from "../../core/i18n/text.js";

/** The text of a catalog key, its placeholders filled with `subs`. */
export function tr(key: MessageKey, ...subs: Sub[]): string {
  return render(msg(key, ...subs));
}

/** A date and time as the interface language writes it ("3 décembre 2026 à 14:05"); null for no or a broken date. */
export function formatDateTime(iso: string | null): string | null {
  if (iso === null) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(dateLocale(), { dateStyle: "long", timeStyle: "short" }).format(date);
}

/**
 * The locale dates are written in: the interface's own (`en-US`, `fr-CA`…) when the page is
 * shown in its language, else the language the page is shown in (a German interface sees
 * the French texts, with French dates).
 */
function dateLocale(): string {
  const locale = uiLocale();
  return pickLang(locale) === uiLang() && locale.toLowerCase().startsWith(uiLang()) ? locale : uiLang();
}
