/** Renders texts in tests: `sayOr` for an optional one ("" when absent), `both` for the two languages. */
import { say } from "../../../src/core/i18n/catalogs.js";
import type { Lang, Message } from "../../../src/core/i18n/text.js";

export function sayOr(text: Message | undefined | null, lang: Lang): string {
  return text === undefined || text === null ? "" : say(text, lang);
}

export function both(text: Message): { fr: string; en: string } {
  return { fr: say(text, "fr"), en: say(text, "en") };
}
