import type { Text } from "../core/i18n/text.js";
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
    io.stderr.write(
      bilingual({ fr: `mssante-patient : erreur : ${reason}`, en: `mssante-patient: error: ${reason}` }),
    );
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
      io.stderr.write(bilingual({ fr: "Version inconnue.", en: "Unknown version." }));
      return EXIT.failure;
    }
    await writeText(io.stdout, `${io.version}\n`);
    return EXIT.ok;
  }
  if (first.startsWith("-")) {
    return usageError(io, { fr: `option inconnue « ${first} ».`, en: `unknown option "${first}".` }, MAIN_HELP_HINT);
  }
  const command = COMMANDS.get(first);
  if (command === undefined) return unknownCommand(io, first);
  return command.run(rest, io);
}

function unknownCommand(io: CliIo, name: string): number {
  return usageError(io, { fr: `commande inconnue « ${name} ».`, en: `unknown command "${name}".` }, MAIN_HELP_HINT);
}

/** The general help: French, then English; the commands come from the registry. */
export function mainHelp(): string {
  const entries: [string, Text][] = [...COMMANDS].map(([name, command]) => [name, command.summary]);
  entries.push(["help", { fr: "Affiche l'aide d'une commande : mssante-patient help ins", en: "Shows a command's help: mssante-patient help ins" }]);
  const width = Math.max(...entries.map(([name]) => name.length)) + 2;
  const list = (lang: "fr" | "en") => entries.map(([name, summary]) => `  ${name.padEnd(width)}${summary[lang]}`).join("\n");
  return `mssante-patient — écrire aux patients de Mon espace santé (MSSanté)

Utilisation : mssante-patient <commande> [options]

Commandes :
${list("fr")}

Options :
  -h, --help     affiche cette aide
  -V, --version  affiche la version

mssante-patient — writing to patients of Mon espace santé (MSSanté)

Usage: mssante-patient <command> [options]

Commands:
${list("en")}

Options:
  -h, --help     shows this help
  -V, --version  shows the version
`;
}
