import { say } from "../core/i18n/catalogs.js";
import type { Lang, Text } from "../core/i18n/text.js";
import { parseCommonOptions } from "./options.js";
import { visible } from "./visible.js";
import { classifyMessage, reasonLabel, type Notice } from "../core/notices/index.js";
import { InputError, messagesIn } from "./mail-input.js";

export { mboxMessages, type Message } from "./mail-input.js";
import type { CliCommand } from "./commands.js";
import { csvRow } from "./csv.js";
import { EXIT } from "./io.js";

type Format = "table" | "json" | "csv";

interface Streams {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

const HELP: Text = {
  fr: `Utilisation : mssante-patient classify [--json | --csv] [--lang fr|en] CHEMIN…

Lit des messages et dit pour chacun s'il s'agit d'un avis de non-remise (bounce), d'un
avis de retard (delay), d'un accusé de lecture ou de remise (receipt), ou d'autre chose
(none : courrier ordinaire, réponse automatique, plainte pour spam, avis transféré).
Pour chaque destinataire : adresse, code d'état, cause ; pour une adresse patient
(…@patient.mssante.fr) : le matricule INS et sa validité.

CHEMIN : un fichier .eml, un dossier (ses fichiers .eml, dans l'ordre alphabétique) ou un
fichier mbox (découpé sur les lignes « From », avec les « >From » rétablis) ; aussi un flux
(/dev/stdin, un tube nommé, <(commande)) qui contient un message ou un mbox. D'un message,
seul le début (ce que lit l'analyse) est lu.

Sortie :
  (par défaut)  un tableau lisible, une ligne par destinataire
  --json        JSON Lines : un objet par message, dans l'ordre (file, index dans un mbox,
                kind, recipients…)
  --csv         CSV, une ligne par destinataire
  --lang en     libellés en anglais (par défaut : français)
  -h, --help    cette aide

Codes de sortie : 0 tout a été lu, 2 erreur d'utilisation, 3 un chemin n'a pas pu être lu.
`,
  en: `Usage: mssante-patient classify [--json | --csv] [--lang fr|en] PATH…

Reads messages and tells for each whether it is a non-delivery notice (bounce), a delay
warning (delay), a read or delivery receipt (receipt), or something else (none: ordinary
mail, auto-reply, spam complaint, forwarded notice).
For each recipient: address, status code, cause; for a patient address
(…@patient.mssante.fr): the INS number and whether it is valid.

PATH: an .eml file, a folder (its .eml files, in alphabetical order) or an mbox file
(split on "From " lines, with ">From" lines restored); also a stream (/dev/stdin, a named
pipe, <(command)) holding one message or an mbox. Of a message, only the start (what the
analysis reads) is read.

Output:
  (default)     a readable table, one line per recipient
  --json        JSON Lines: one object per message, in order (file, index in an mbox,
                kind, recipients…)
  --csv         CSV, one line per recipient
  --lang en     labels in English (default: French)
  -h, --help    this help

Exit codes: 0 everything was read, 2 usage error, 3 a path could not be read.
`,
};

export const CSV_HEADER = [
  "file",
  "index",
  "kind",
  "address",
  "action",
  "status",
  "reason",
  "ins",
  "ins_valid",
  "disposition",
  "diagnostic",
] as const;

/** The `classify` subcommand, for the command registry. */
export const classifyCliCommand: CliCommand = {
  summary: {
    fr: "Reconnaît les avis de non-remise, de retard et les accusés de lecture (fichiers .eml, dossiers, mbox)",
    en: "Recognises non-delivery notices, delay warnings and read receipts (.eml files, folders, mbox)",
  },
  run: (args, io) => classifyCommand([...args], io),
};

/**
 * `mssante-patient classify [--json|--csv] PATH…`: classifies every message found in the
 * paths and writes one result per message, in order. Returns the exit code.
 */
export async function classifyCommand(args: string[], io: Streams): Promise<number> {
  const options = parseOptions(args);
  if ("error" in options) {
    await write(io.stderr, `mssante-patient classify : ${options.error.fr}\nmssante-patient classify: ${options.error.en}\nAide / Help: mssante-patient classify --help\n`);
    return EXIT.usage;
  }
  if (options.help) {
    await write(io.stdout, `${HELP.fr}\n${HELP.en}`);
    return EXIT.ok;
  }
  const printer = new Printer(options.format, options.lang, io.stdout);
  await printer.start();
  let failed = false;
  for (const path of options.paths) {
    try {
      for await (const message of messagesIn(path)) {
        if ("skipped" in message) {
          failed = true;
          await cannotRead(io.stderr, message.file, message.skipped);
          continue;
        }
        const notice = await classifyMessage(message.bytes);
        await printer.print(message.file, message.index, notice);
      }
    } catch (error) {
      failed = true;
      const message = error instanceof Error ? error.message : String(error);
      await cannotRead(io.stderr, path, error instanceof InputError ? error.text : { fr: message, en: message });
    }
  }
  return failed ? EXIT.failure : EXIT.ok;
}

interface Options {
  readonly help: boolean;
  readonly format: Format;
  readonly lang: Lang;
  readonly paths: readonly string[];
}

function parseOptions(args: readonly string[]): Options | { error: Text } {
  const parsed = parseCommonOptions(args);
  if ("error" in parsed) return parsed;
  if (!parsed.help && parsed.operands.length === 0) {
    return { error: { fr: "indiquez au moins un fichier, dossier ou mbox.", en: "give at least one file, folder or mbox." } };
  }
  return { help: parsed.help, format: parsed.format ?? "table", lang: parsed.lang, paths: parsed.operands };
}

// ---------------------------------------------------------------- output

class Printer {
  constructor(
    private readonly format: Format,
    private readonly lang: Lang,
    private readonly out: NodeJS.WritableStream,
  ) {}

  async start(): Promise<void> {
    if (this.format === "csv") await write(this.out, csvRow(CSV_HEADER));
  }

  async print(file: string, index: number | null, notice: Notice): Promise<void> {
    switch (this.format) {
      case "json":
        await write(this.out, `${JSON.stringify(jsonOf(file, index, notice))}\n`);
        return;
      case "csv":
        await write(this.out, csvOf(file, index, notice));
        return;
      case "table":
        await write(this.out, tableOf(file, index, notice, this.lang));
        return;
    }
  }
}

function jsonOf(file: string, index: number | null, n: Notice): Record<string, unknown> {
  return {
    file,
    ...(index === null ? {} : { index }),
    kind: n.kind,
    ...(n.notNotice === null ? {} : { notNotice: n.notNotice }),
    ...(n.format === null ? {} : { format: n.format }),
    recipients: n.recipients.map((r) => ({
      address: r.address,
      action: r.action,
      status: r.status,
      reason: r.reason,
      ...(r.ins === null ? {} : { ins: r.ins, insValid: r.insValid }),
      ...(r.disposition === null ? {} : { disposition: r.disposition }),
      diagnostic: r.diagnostic,
      ...(r.date === null ? {} : { date: r.date }),
    })),
    ...(n.original === null ? {} : { original: n.original }),
    subject: n.subject,
    date: n.date,
  };
}

function csvOf(file: string, index: number | null, n: Notice): string {
  const base = [file, index === null ? "" : String(index), n.kind === "none" ? `none/${n.notNotice ?? ""}` : n.kind];
  if (n.recipients.length === 0) return csvRow([...base, "", "", "", "", "", "", "", ""]);
  return n.recipients
    .map((r) =>
      csvRow([
        ...base,
        r.address,
        r.action ?? "",
        r.status ?? "",
        r.reason ?? "",
        r.ins ?? "",
        r.insValid === null ? "" : String(r.insValid),
        r.disposition === null ? "" : `${r.disposition.type}${r.disposition.error ? "/error" : ""}`,
        r.diagnostic ?? "",
      ]),
    )
    .join("");
}

const KIND_LABEL: Record<Notice["kind"], Text> = {
  bounce: { fr: "non remis", en: "bounce" },
  delay: { fr: "retardé", en: "delayed" },
  receipt: { fr: "accusé", en: "receipt" },
  none: { fr: "autre", en: "none" },
};

const NOT_NOTICE_LABEL: Record<NonNullable<Notice["notNotice"]>, Text> = {
  ordinary: { fr: "courrier ordinaire", en: "ordinary mail" },
  complaint: { fr: "plainte pour spam", en: "spam complaint" },
  "auto-reply": { fr: "réponse automatique", en: "auto-reply" },
  challenge: { fr: "demande de confirmation d'expéditeur", en: "sender confirmation request" },
  forwarded: { fr: "avis transféré par une personne", en: "notice forwarded by a person" },
  unreadable: { fr: "illisible", en: "unreadable" },
};

function tableOf(file: string, index: number | null, n: Notice, lang: Lang): string {
  const where = visible(index === null ? file : `${file}#${index}`);
  const kind = KIND_LABEL[n.kind][lang];
  if (n.kind === "none") return `${where}  ${kind} (${NOT_NOTICE_LABEL[n.notNotice ?? "ordinary"][lang]})\n`;
  if (n.recipients.length === 0) {
    return `${where}  ${kind}  ${lang === "fr" ? "(destinataire non indiqué)" : "(recipient not given)"}\n`;
  }
  return n.recipients
    .map((r) => {
      const cause =
        r.reason !== null
          ? `${r.reason} — ${say(reasonLabel(r.reason), lang)}`
          : r.disposition !== null
            ? `${r.disposition.type}${r.disposition.error ? "/error" : ""}`
            : (r.action ?? "");
      const ins =
        r.ins === null ? "" : `  INS ${r.ins} ${r.insValid === true ? (lang === "fr" ? "(clé valide)" : "(valid key)") : lang === "fr" ? "(NON VALIDE)" : "(NOT VALID)"}`;
      return `${where}  ${kind}  ${visible(r.address)}  ${r.status ?? "-"}  ${cause}${ins}\n`;
    })
    .join("");
}

function cannotRead(stderr: NodeJS.WritableStream, path: string, reason: Text): Promise<void> {
  const where = visible(path);
  return write(stderr, `mssante-patient classify : impossible de lire ${where} : ${reason.fr}\nmssante-patient classify: cannot read ${where}: ${reason.en}\n`);
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    stream.write(text, (error?: Error | null) => {
      if (error) reject(error);
      else resolve();
    });
  });
}
