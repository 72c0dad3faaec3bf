/**
 * Where the catalogs come from: the JSON files themselves, imported (the tests, and any
 * in-process use). The command line's bundle reads them from files beside it instead, when
 * first needed (src/cli/catalog-files.ts): most runs print no text at all.
 */
import en from "../../_locales/en/messages.json" with { type: "json" };
import fr from "../../_locales/fr/messages.json" with { type: "json" };
import type { Catalog } from "./render.js";
import type { Lang } from "./text.js";

export function catalogOf(lang: Lang): Catalog {
  return lang === "fr" ? fr : en;
}
