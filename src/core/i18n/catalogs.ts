/**
 * The catalogs themselves, for the command line and the tests (the add-on asks Thunderbird,
 * which also picks the user's language and falls back to the default locale).
 */
import en from "../../_locales/en/messages.json" with { type: "json" };
import fr from "../../_locales/fr/messages.json" with { type: "json" };
import { renderWith, type Catalog } from "./render.js";
import type { Lang, Message } from "./text.js";

export const CATALOGS: Readonly<Record<Lang, Catalog>> = { fr, en };

/** The text in the given language. */
export function say(text: Message, lang: Lang): string {
  return renderWith(CATALOGS[lang], text, lang);
}
