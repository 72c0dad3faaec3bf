import type { Lang, Text } from "../core/i18n/text.js";
import { say } from "../core/i18n/catalogs.js";
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

const HELP: Text = {
  fr: `Utilisation : mssante-patient ins [--json | --csv] [--lang fr|en] [MATRICULE…]

Vérifie chaque matricule INS (15 caractères : 13, puis la clé de 2 chiffres) et donne
l'adresse du patient dans Mon espace santé : <matricule>@patient.mssante.fr.
Espaces, points, 2a/2b en minuscules et adresse complète sont acceptés. Une valeur par
argument : mettez entre guillemets un numéro écrit avec des espaces.
Sans MATRICULE, lit un matricule par ligne sur l'entrée standard (lignes vides ignorées ;
une ligne de plus de ${MAX_LINE_LENGTH} caractères est signalée comme non valide, puis ignorée).

Sortie :
  (par défaut)  une ligne par valeur : « ✓ adresse — identité » ou « ✗ valeur — problème » ;
                du CSV quand l'entrée standard est un fichier ou un tube
  --csv         CSV pour un tableur (colonnes input,valid,address,problem,message)
  --json        JSON Lines : un objet par valeur, un par ligne
  --lang en     messages en anglais (par défaut : français)
  -h, --help    cette aide

Comparez toujours le sexe et la date de naissance décodés avec le dossier du patient :
une clé juste ne prouve pas que le numéro est celui du patient.

Codes de sortie : 0 tout est valide, 1 au moins une valeur non valide,
2 erreur d'utilisation, 3 erreur de lecture ou d'écriture.

Exemples :
  mssante-patient ins "2 55 08 14 168 025 38"
  mssante-patient ins < matricules.txt > resultats.csv
  mssante-patient ins --json < matricules.txt > resultats.jsonl
`,
  en: `Usage: mssante-patient ins [--json | --csv] [--lang fr|en] [INS…]

Checks each INS number (15 characters: 13, then the 2-digit key) and gives the patient's
Mon espace santé address: <INS>@patient.mssante.fr.
Spaces, dots, lower-case 2a/2b and a whole address are accepted. One value per
argument: quote a number written with spaces.
Without INS, reads one number per line from standard input (blank lines skipped; a line
over ${MAX_LINE_LENGTH} characters is reported as invalid, then skipped).

Output:
  (default)     one line per value: "✓ address — identity" or "✗ value — problem";
                CSV when standard input is a file or a pipe
  --csv         CSV for a spreadsheet (columns input,valid,address,problem,message)
  --json        JSON Lines: one object per value, one per line
  --lang en     messages in English (default: French)
  -h, --help    this help

Always compare the decoded sex and date of birth with the patient's file: a correct key
does not prove that the number is the patient's.

Exit codes: 0 all valid, 1 at least one invalid value, 2 usage error,
3 read or write error.

Examples:
  mssante-patient ins "2 55 08 14 168 025 38"
  mssante-patient ins < ins-numbers.txt > results.csv
  mssante-patient ins --json < ins-numbers.txt > results.jsonl
`,
};

const TTY_HINT: Text = {
  fr: "Saisissez un matricule INS par ligne, puis Ctrl-D pour terminer.",
  en: "Type one INS number per line, then Ctrl-D to finish.",
};

const HELP_HINT = "mssante-patient ins --help";

export const insCommand: CliCommand = {
  summary: {
    fr: "Vérifie des matricules INS et donne l'adresse Mon espace santé du patient",
    en: "Checks INS numbers and gives the patient's Mon espace santé address",
  },
  run: runIns,
};

async function runIns(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseOptions(args);
  if ("error" in options) return usageError(io, options.error, HELP_HINT);

  const out = new Output(io.stdout);
  if (options.help) {
    await out.write(`${HELP.fr}\n${HELP.en}`);
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
    if (io.isStdinTTY) io.stderr.write(bilingual(TTY_HINT));
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

function parseOptions(args: readonly string[]): InsOptions | { error: Text } {
  const parsed = parseCommonOptions(args);
  if ("error" in parsed) return parsed;
  return { help: parsed.help, format: parsed.format, lang: parsed.lang, values: parsed.operands };
}

export function overlongText(lineNumber: number, length: number): Text {
  return {
    fr: `Ligne ${lineNumber} trop longue (${length} caractères, au plus ${MAX_LINE_LENGTH}) : ce n'est pas un matricule INS ; elle est ignorée.`,
    en: `Line ${lineNumber} too long (${length} characters, at most ${MAX_LINE_LENGTH}): not an INS number; it is skipped.`,
  };
}

/** A line too long to be read: an invalid value, shown by its start. */
function renderOverlong(format: Format, lineNumber: number, line: OverlongLine, lang: Lang): string {
  const input = `${line.head}…`;
  const message = overlongText(lineNumber, line.length)[lang];
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
