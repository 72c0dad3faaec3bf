import { say } from "../core/i18n/catalogs.js";
import { msg, type Lang, type Message as Text, type MessageKey } from "../core/i18n/text.js";
import { classifyMessage, looksLikeNotice, ordinaryNotice, reasonLabel, type Notice } from "../core/notices/index.js";
import type { Readable } from "node:stream";
import type { CliCommand } from "./commands.js";
import { csvRow } from "./csv.js";
import { bilingual, EXIT, helpHint } from "./io.js";
import { DEFAULT_CONCURRENCY, messagesIn, type Message } from "./mail-input.js";
import { parseCommonOptions } from "./options.js";
import { visible } from "./visible.js";

export { mboxMessages, type Message } from "./mail-input.js";

type Format = "table" | "json" | "csv";

interface Streams {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Read for the path `-`. */
  readonly stdin?: Readable | undefined;
}

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
  summary: msg("cliClassifySummary"),
  run: (args, io) => classifyCommand([...args], io),
};

/**
 * What `classify` reads of a message: its header block first; the body only when the
 * header pre-filter (`looksLikeNotice`) does not rule out a notice. A message turned down is
 * ordinary mail (`none`), with its subject and date, and is not parsed at all.
 */
export async function classifyItem(message: Message): Promise<Notice> {
  return message.whole ? classifyMessage(message.bytes) : ordinaryNotice(message.bytes);
}

/**
 * `mssante-patient classify [--json|--csv] PATH…`: classifies every message found in the
 * paths and writes one result per message, in the order of the paths. Returns the exit code.
 */
export async function classifyCommand(args: string[], io: Streams, concurrency = DEFAULT_CONCURRENCY): Promise<number> {
  const options = parseOptions(args);
  if ("error" in options) {
    await write(io.stderr, bilingual(msg("cliCommandUsageLine", "classify", options.error)) + helpHint("mssante-patient classify --help"));
    return EXIT.usage;
  }
  if (options.help) {
    const help = msg("cliClassifyHelp");
    await write(io.stdout, `${say(help, "fr")}\n${say(help, "en")}`);
    return EXIT.ok;
  }
  const printer = new Printer(options.format, options.lang, io.stdout);
  await printer.start();
  let failed = false;
  const input = {
    // Asked for only when the path `-` is read (see main.ts).
    get stdin() {
      return io.stdin;
    },
    prefilter: looksLikeNotice,
    concurrency,
  };
  for await (const item of messagesIn(options.paths, input)) {
    if ("skipped" in item) {
      failed = true;
      await write(io.stderr, bilingual(msg("cliCannotRead", visible(item.file), item.skipped)));
      continue;
    }
    printer.print(item.file, item.index, await classifyItem(item));
    await printer.flushIfFull();
  }
  await printer.flush();
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
  if (!parsed.help && parsed.operands.length === 0) return { error: msg("cliClassifyNoPath") };
  return { help: parsed.help, format: parsed.format ?? "table", lang: parsed.lang, paths: parsed.operands };
}

// ---------------------------------------------------------------- output

/** Gathers results and writes them in batches, waiting when the reader is slower. */
class Printer {
  private pending = "";

  constructor(
    private readonly format: Format,
    private readonly lang: Lang,
    private readonly out: NodeJS.WritableStream,
  ) {}

  async start(): Promise<void> {
    if (this.format === "csv") await write(this.out, csvRow(CSV_HEADER));
  }

  print(file: string, index: number | null, notice: Notice): void {
    switch (this.format) {
      case "json":
        this.pending += `${JSON.stringify(jsonOf(file, index, notice))}\n`;
        return;
      case "csv":
        this.pending += csvOf(file, index, notice);
        return;
      case "table":
        this.pending += tableOf(file, index, notice, this.lang);
        return;
    }
  }

  async flushIfFull(): Promise<void> {
    if (this.pending.length >= 16 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending === "") return;
    const text = this.pending;
    this.pending = "";
    await write(this.out, text);
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

const KIND_LABEL: Record<Notice["kind"], MessageKey> = {
  bounce: "cliKindBounce",
  delay: "cliKindDelay",
  receipt: "cliKindReceipt",
  none: "cliKindNone",
};

const NOT_NOTICE_LABEL: Record<NonNullable<Notice["notNotice"]>, MessageKey> = {
  ordinary: "cliNotNoticeOrdinary",
  complaint: "cliNotNoticeComplaint",
  "auto-reply": "cliNotNoticeAutoReply",
  challenge: "cliNotNoticeChallenge",
  forwarded: "cliNotNoticeForwarded",
  unreadable: "cliNotNoticeUnreadable",
};

function tableOf(file: string, index: number | null, n: Notice, lang: Lang): string {
  const where = visible(index === null ? file : `${file}#${index}`);
  const kind = say(msg(KIND_LABEL[n.kind]), lang);
  if (n.kind === "none") return `${where}  ${kind} (${say(msg(NOT_NOTICE_LABEL[n.notNotice ?? "ordinary"]), lang)})\n`;
  if (n.recipients.length === 0) return `${where}  ${kind}  ${say(msg("cliRecipientNotGiven"), lang)}\n`;
  return n.recipients
    .map((r) => {
      const cause =
        r.reason !== null
          ? `${r.reason} — ${say(reasonLabel(r.reason), lang)}`
          : r.disposition !== null
            ? `${r.disposition.type}${r.disposition.error ? "/error" : ""}`
            : (r.action ?? "");
      const ins = r.ins === null ? "" : `  INS ${r.ins} ${say(msg(r.insValid === true ? "cliInsKeyValid" : "cliInsKeyInvalid"), lang)}`;
      return `${where}  ${kind}  ${visible(r.address)}  ${r.status ?? "-"}  ${cause}${ins}\n`;
    })
    .join("");
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    stream.write(text, (error?: Error | null) => {
      if (error) reject(error);
      else resolve();
    });
  });
}
