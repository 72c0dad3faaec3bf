/**
 * The catalogs of the bundled command line: `messages.<lang>.json`, written by the build
 * beside the bundle (dist/cli/), read when a text is first asked for. Kept out of the code:
 * the engine would otherwise load both catalogs at every start, while a run in JSON or CSV
 * prints no text at all. Stands in for src/core/i18n/catalog-source.ts in the bundle only.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Catalog } from "../core/i18n/render.js";
import type { Lang } from "../core/i18n/text.js";

/** The folder of the bundle (the launcher gives it to the bundled code, code-cache.ts). */
declare const __dirname: string;

export const CATALOG_FILE = (lang: Lang): string => `messages.${lang}.json`;

export function catalogOf(lang: Lang): Catalog {
  const parsed: unknown = JSON.parse(readFileSync(join(__dirname, CATALOG_FILE(lang)), "utf8"));
  if (typeof parsed !== "object" || parsed === null) throw new Error(`${CATALOG_FILE(lang)}: not a catalog`);
  return parsed as Catalog;
}
