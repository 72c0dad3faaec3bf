/** The user's language and the add-on's own strings (`_locales`), through Thunderbird's `i18n`. */
import { numberText } from "../core/i18n/render.js";
import { pickLang, pluralKey, type Lang, type Message } from "../core/i18n/text.js";

export function uiLang(): Lang {
  return pickLang(messenger.i18n.getUILanguage());
}

/** The interface language's tag as Thunderbird gives it (`fr`, `en-US`, …), for `Intl`. */
export function uiLocale(): string {
  return messenger.i18n.getUILanguage();
}

export function message(key: string, subs: readonly string[] = []): string {
  const text = messenger.i18n.getMessage(key, [...subs]);
  return text === "" ? key : text;
}

/** A text of the core, in the interface language. */
export function render(text: Message): string {
  return renderMessage(text);
}

function renderMessage(text: Message): string {
  const subs = text.subs.map((s) => (typeof s === "object" ? renderMessage(s) : typeof s === "number" ? numberText(s, uiLocale()) : s));
  return message(pluralKey(text, uiLang()), subs);
}
