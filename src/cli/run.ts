import { say } from "../core/i18n/catalogs.js";
import { msg, type Lang, type Message } from "../core/i18n/text.js";
import { COMMANDS } from "./commands.js";
import { bilingual, EXIT, usageError, writeText, type CliIo } from "./io.js";

export type { CliIo } from "./io.js";
export { EXIT } from "./io.js";

const MAIN_HELP_HINT = "mssante-patient --help";

/**
 * Runs `mssante-patient` with its arguments (without the program name) and returns the
 * exit code. Never throws: a failure to read or write is reported on standard error.
 */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(args, io);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr.write(bilingual(msg("cliError", reason)));
    return EXIT.failure;
  }
}

async function dispatch(args: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = args;
  if (first === undefined) {
    io.stderr.write(mainHelp());
    return EXIT.usage;
  }
  if (first === "-h" || first === "--help" || first === "help") {
    const topic = first === "help" ? rest[0] : undefined;
    if (topic === undefined) {
      await writeText(io.stdout, mainHelp());
      return EXIT.ok;
    }
    const command = COMMANDS.get(topic);
    if (command === undefined) return unknownCommand(io, topic);
    return command.run(["--help"], io);
  }
  if (first === "-V" || first === "--version") {
    if (io.version === undefined) {
      io.stderr.write(bilingual(msg("cliUnknownVersion")));
      return EXIT.failure;
    }
    await writeText(io.stdout, `${io.version}\n`);
    return EXIT.ok;
  }
  if (first.startsWith("-")) {
    return usageError(io, msg("cliUnknownOption", first), MAIN_HELP_HINT);
  }
  const command = COMMANDS.get(first);
  if (command === undefined) return unknownCommand(io, first);
  return command.run(rest, io);
}

function unknownCommand(io: CliIo, name: string): number {
  return usageError(io, msg("cliUnknownCommand", name), MAIN_HELP_HINT);
}

/** The general help: French, then English; the commands come from the registry. */
export function mainHelp(): string {
  const entries: [string, Message][] = [...COMMANDS].map(([name, command]) => [name, command.summary]);
  entries.push(["help", msg("cliHelpCommandSummary")]);
  const width = Math.max(...entries.map(([name]) => name.length)) + 2;
  const help = (lang: Lang): string => {
    const list = entries.map(([name, summary]) => `  ${name.padEnd(width)}${say(summary, lang)}`).join("\n");
    return say(msg("cliMainHelp", list), lang);
  };
  return `${help("fr")}\n${help("en")}`;
}
