import type { Lang, Text } from "../core/i18n/text.js";

/** The options every command shares: `--help`, `--json`/`--csv`, `--lang fr|en`, `--`. */
export interface CommonOptions {
  readonly help: boolean;
  /** Asked for with `--json` or `--csv`; each command has its own default. */
  readonly format: "json" | "csv" | undefined;
  readonly lang: Lang;
  /** What is not an option, in order (anything after `--` included). */
  readonly operands: readonly string[];
}

export function parseCommonOptions(args: readonly string[]): CommonOptions | { error: Text } {
  let help = false;
  let format: "json" | "csv" | undefined;
  let lang: Lang = "fr";
  const operands: string[] = [];
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (optionsEnded || !arg.startsWith("-")) {
      operands.push(arg);
    } else if (arg === "--") {
      optionsEnded = true;
    } else if (arg === "-h" || arg === "--help") {
      help = true;
    } else if (arg === "--json" || arg === "--csv") {
      const wanted = arg === "--json" ? "json" : "csv";
      if (format !== undefined && format !== wanted) {
        return { error: { fr: "choisissez --json ou --csv, pas les deux.", en: "choose --json or --csv, not both." } };
      }
      format = wanted;
    } else if (arg === "--lang" || arg.startsWith("--lang=")) {
      const value = arg === "--lang" ? args[++i] : arg.slice("--lang=".length);
      if (value !== "fr" && value !== "en") {
        return {
          error: {
            fr: `--lang attend fr ou en${value === undefined ? "" : `, pas « ${value} »`}.`,
            en: `--lang expects fr or en${value === undefined ? "" : `, not "${value}"`}.`,
          },
        };
      }
      lang = value;
    } else {
      return {
        error: {
          fr: `option inconnue « ${arg} » (une valeur qui commence par - se place après --).`,
          en: `unknown option "${arg}" (put a value that starts with - after --).`,
        },
      };
    }
  }
  return { help, format, lang, operands };
}
