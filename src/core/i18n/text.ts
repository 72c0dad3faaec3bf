/**
 * A text the user sees, in French (first) and English.
 * The core builds these; pages and the command line pick the language.
 */
export interface Text {
  readonly fr: string;
  readonly en: string;
}

export type Lang = "fr" | "en";

/** Picks French unless the language tag is clearly something else we have (English). */
export function pickLang(tag: string | undefined): Lang {
  return tag !== undefined && /^en\b/i.test(tag) ? "en" : "fr";
}

export function say(text: Text, lang: Lang): string {
  return text[lang];
}
