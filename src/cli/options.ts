import { msg, type Lang, type Message } from "../core/i18n/text.js";

/** The options every command shares: `--help`, `--json`/`--csv`, `--lang fr|en`, `--`. */
export interface CommonOptions {
  readonly help: boolean;
  /** Asked for with `--json` or `--csv`; each command has its own default. */
  readonly format: "json" | "csv" | undefined;
  readonly lang: Lang;
  /** What is not an option, in order (`-` and anything after `--` included). */
  readonly operands: readonly string[];
}

export function parseCommonOptions(args: readonly string[]): CommonOptions | { error: Message } {
  let help = false;
  let format: "json" | "csv" | undefined;
  let lang: Lang = "fr";
  const operands: string[] = [];
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (optionsEnded || !arg.startsWith("-") || arg === "-") {
      operands.push(arg);
    } else if (arg === "--") {
      optionsEnded = true;
    } else if (arg === "-h" || arg === "--help") {
      help = true;
    } else if (arg === "--json" || arg === "--csv") {
      const wanted = arg === "--json" ? "json" : "csv";
      if (format !== undefined && format !== wanted) {
        return { error: msg("cliJsonOrCsv") };
      }
      format = wanted;
    } else if (arg === "--lang" || arg.startsWith("--lang=")) {
      const value = arg === "--lang" ? args[++i] : arg.slice("--lang=".length);
      if (value !== "fr" && value !== "en") {
        return { error: value === undefined ? msg("cliLangExpected") : msg("cliLangNot", value) };
      }
      lang = value;
    } else {
      return { error: msg("cliUnknownOptionHint", arg) };
    }
  }
  return { help, format, lang, operands };
}
