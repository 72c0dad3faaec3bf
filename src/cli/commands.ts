import type { Message } from "../core/i18n/text.js";
import { classifyCliCommand } from "./classify-command.js";
import { insCommand } from "./ins-command.js";
import type { CliIo } from "./io.js";

/** A subcommand of `mssante-patient`. */
export interface CliCommand {
  /** One line for the list of commands in the general help. */
  readonly summary: Message;
  /**
   * Runs the command with the arguments that follow its name and returns the exit code.
   * Every command answers `--help` itself (that is what `mssante-patient help NAME` runs).
   */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Every subcommand, by name, in the order the help lists them. Add new commands here. */
export const COMMANDS: ReadonlyMap<string, CliCommand> = new Map<string, CliCommand>([
  ["ins", insCommand],
  ["classify", classifyCliCommand],
]);
