/**
 * The catalogs themselves, for the command line and the tests (the add-on asks Thunderbird,
 * which also picks the user's language and falls back to the default locale). Each is
 * loaded when first asked for (catalog-source.ts).
 */
import { catalogOf } from "./catalog-source.js";
import { renderWith, type Catalog } from "./render.js";
import type { Lang, Message } from "./text.js";

const loaded = new Map<Lang, Catalog>();

function catalog(lang: Lang): Catalog {
  let found = loaded.get(lang);
  if (found === undefined) {
    found = catalogOf(lang);
    loaded.set(lang, found);
  }
  return found;
}

export const CATALOGS: Readonly<Record<Lang, Catalog>> = {
  get fr() {
    return catalog("fr");
  },
  get en() {
    return catalog("en");
  },
};

/** The text in the given language. */
export function say(text: Message, lang: Lang): string {
  return renderWith(catalog(lang), text, lang);
}
