import { say } from "../core/i18n/catalogs.js";
import { msg, type Lang, type Message } from "../core/i18n/text.js";
import { checkIns, describeIdentity, insProblemText, type InsCheck } from "../core/ins/index.js";
import type { CliCommand } from "./commands.js";
import { csvRow } from "./csv.js";
import { bilingual, EXIT, lineBatches, Output, usageError, type CliIo, type OverlongLine } from "./io.js";
import { parseCommonOptions } from "./options.js";
import { visible } from "./visible.js";

type Format = "text" | "csv" | "json";

interface InsOptions {
  readonly help: boolean;
  /** Undefined: chosen from where the values come from. */
  readonly format: Format | undefined;
  readonly lang: Lang;
  readonly values: readonly string[];
}

export const CSV_HEADER = ["input", "valid", "address", "problem", "message"] as const;

/**
 * The longest line read from standard input, in characters. A matricule, even written with
 * spaces or as a whole address with a name, is far shorter; a longer line is reported and
 * skipped without being held in memory.
 */
export const MAX_LINE_LENGTH = 1000;

const HELP_HINT = "mssante-patient ins --help";

export const insCommand: CliCommand = {
  summary: msg("cliInsSummary"),
  run: runIns,
};

async function runIns(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseOptions(args);
  if ("error" in options) return usageError(io, options.error, HELP_HINT);

  const out = new Output(io.stdout);
  if (options.help) {
    const help = msg("cliInsHelp", MAX_LINE_LENGTH);
    await out.write(`${say(help, "fr")}\n${say(help, "en")}`);
    await out.flush();
    return EXIT.ok;
  }

  const fromStdin = options.values.length === 0;
  const format = options.format ?? (fromStdin && !io.isStdinTTY ? "csv" : "text");
  const referenceYear = io.referenceYear ?? new Date().getFullYear();
  let invalidCount = 0;
  const emit = async (input: string): Promise<void> => {
    const check = checkIns(input);
    if (!check.valid) invalidCount++;
    await out.write(render(format, input, check, options.lang, referenceYear));
  };

  if (format === "csv") await out.write(csvRow(CSV_HEADER));
  if (fromStdin) {
    if (io.isStdinTTY) io.stderr.write(bilingual(msg("cliInsTtyHint")));
    let lineNumber = 0;
    for await (const batch of lineBatches(io.stdin, MAX_LINE_LENGTH)) {
      for (const line of batch) {
        lineNumber++;
        if (typeof line !== "string") {
          invalidCount++;
          await out.write(renderOverlong(format, lineNumber, line, options.lang));
        } else if (line.trim() !== "") {
          await emit(line);
        }
      }
      // Before reading on: bounded memory, and answers appear as lines are typed.
      await out.flush();
    }
  } else {
    for (const value of options.values) await emit(value);
  }
  await out.flush();
  return invalidCount === 0 ? EXIT.ok : EXIT.invalid;
}

function parseOptions(args: readonly string[]): InsOptions | { error: Message } {
  const parsed = parseCommonOptions(args);
  if ("error" in parsed) return parsed;
  return { help: parsed.help, format: parsed.format, lang: parsed.lang, values: parsed.operands };
}

export function overlongText(lineNumber: number, length: number): Message {
  return msg("cliInsLineTooLong", lineNumber, length, MAX_LINE_LENGTH);
}

/** A line too long to be read: an invalid value, shown by its start. */
function renderOverlong(format: Format, lineNumber: number, line: OverlongLine, lang: Lang): string {
  const input = `${line.head}…`;
  const message = say(overlongText(lineNumber, line.length), lang);
  switch (format) {
    case "json":
      return `${JSON.stringify({ input, valid: false, ins: null, address: null, problem: "line-too-long", message, line: lineNumber })}\n`;
    case "csv":
      return csvRow([input, "false", "", "line-too-long", message]);
    case "text":
      return `${visible(`✗ ${input} — ${message}`)}\n`;
  }
}

function render(format: Format, input: string, check: InsCheck, lang: Lang, referenceYear: number): string {
  const message = check.valid ? null : say(insProblemText(check), lang);
  switch (format) {
    case "json":
      return `${JSON.stringify(
        check.valid
          ? {
              input,
              valid: true,
              ins: check.ins,
              address: check.address,
              problem: null,
              message: null,
              sex: check.identity.sex,
              birthYearDigits: check.identity.birthYearDigits,
              birthMonth: check.identity.birthMonth,
              birthPlace: check.identity.birthPlace,
            }
          : { input, valid: false, ins: null, address: null, problem: check.problem, message },
      )}\n`;
    case "csv":
      return check.valid
        ? csvRow([input, "true", check.address, "", ""])
        : csvRow([input, "false", "", check.problem, message ?? ""]);
    case "text":
      return `${visible(
        check.valid
          ? `✓ ${check.address} — ${say(describeIdentity(check.identity, referenceYear, lang), lang)}`
          : `✗ ${input.trim() === "" ? JSON.stringify(input) : input.trim()} — ${message ?? ""}`,
      )}\n`;
  }
}
