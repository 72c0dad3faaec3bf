/** The user's language and the add-on's own strings (`_locales`). */
import { pickLang, type Lang } from "../core/i18n/text.js";

export function uiLang(): Lang {
  return pickLang(messenger.i18n.getUILanguage());
}

export function message(key: string): string {
  const text = messenger.i18n.getMessage(key);
  return text === "" ? key : text;
}
