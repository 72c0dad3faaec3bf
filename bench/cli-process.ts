/**
 * The command line timed as a user runs it: `node dist/cli/mssante-patient.mjs classify
 * --json …` as a whole process (start-up included), wall clock, files on disk, beside Perl
 * running Sisimai 4.25 over the same inputs as a whole process (`sisimai-driver.pl`, one
 * pass, `Sisimai->make` on each path), the runs interleaved so that both see the same load;
 * and the same command run inside this process (no start-up), for comparison.
 *
 * Workloads: (a) the public bounces, `../shared/corpus/bounces/*.eml`, given as files;
 * (b) a mailbox export as a folder of .eml files: ordinary messages (`notices-export.ts`,
 * some with a 1–6 MB base64 attachment) with the bounces mixed in; (c) the same export as
 * ONE mbox file. (b) and (c) are written once into a temporary folder named after this
 * process and removed afterwards, even when interrupted.
 */
import { spawnSync } from "node:child_process";
import { closeSync, createWriteStream, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Writable } from "node:stream";
import { repoRoot } from "../scripts/repo-root.js";
import { classifyCommand } from "../src/cli/classify-command.js";
import { writeExport } from "./notices-export.js";
import { median } from "./statistics.js";
import { withScratchDir } from "./scratch-dir.js";

export interface CliProcessOptions {
  readonly corpusDir?: string;
  /** A folder of bounces for (a) instead of the corpus's (its `.eml` files, and its subfolders' none). */
  readonly bouncesDir?: string;
  /** Workload (a) only: the export, (b) and (c), is not written or timed. */
  readonly folderOnly?: boolean;
  /** Timed runs of each program on each workload; the median is reported. */
  readonly runs?: number;
  /** Ordinary messages in the generated export. */
  readonly ordinary?: number;
  /** One ordinary message in this many carries a 1–6 MB attachment. */
  readonly bigEvery?: number;
  readonly progress?: (note: string) => void;
}

export interface Workload {
  readonly name: string;
  readonly messages: number;
  readonly bytes: number;
  /** Wall-clock seconds of each whole-process run. */
  readonly ours: readonly number[];
  readonly sisimai: readonly number[] | string;
  /** Wall-clock seconds of each in-process run of the same command. */
  readonly inProcess: readonly number[];
  /**
   * Wall-clock seconds of Node reading the same files and printing a line each, without
   * classifying (`read-files-only.mjs`): measured for file operands only, else empty.
   */
  readonly readOnly: readonly number[];
  /** Wall-clock seconds of Node started with nothing to run (`node -e 0`): workload (a) only. */
  readonly nodeStart: readonly number[];
  /**
   * Our whole-process runs with NODE_EXTRA_CA_CERTS taken out of the environment (Node reads
   * and parses that certificate file at every start, before any of our code runs): measured
   * only when it is set, for (a).
   */
  readonly withoutExtraCerts: readonly number[];
}

export interface CliProcessFigures {
  readonly workloads: readonly Workload[];
  readonly note: string | null;
}

const SISIMAI_INSTALL = "apt-get install -y libsisimai-perl (Debian package, Sisimai 4.25)";

/** Runs a program as a whole process, its output thrown away; returns its wall-clock seconds. */
function wallClock(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): { seconds: number; status: number | null; stderr: string } {
  const devNull = openSync("/dev/null", "w");
  try {
    const t0 = performance.now();
    const child = spawnSync(command, args, { stdio: ["ignore", devNull, "pipe"], encoding: "utf8", env, timeout: 15 * 60_000, killSignal: "SIGKILL" });
    const seconds = (performance.now() - t0) / 1000;
    if (child.error !== undefined) return { seconds, status: null, stderr: child.error.message };
    return { seconds, status: child.status, stderr: child.stderr };
  } finally {
    closeSync(devNull);
  }
}

/** A writable that drops what it is given (the in-process command's output). */
function nowhere(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
}

/** mboxrd: `From `, `>From `… at the start of a line get one more `>`. */
function mboxEntry(bytes: Buffer, n: number): Buffer {
  const text = bytes.toString("latin1").replace(/^(>*From )/gm, ">$1");
  const date = new Date(Date.UTC(2024, 2, 1) + n * 60_000).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, "$1 $3 $2 $5 $4");
  return Buffer.from(`From sender@example.org ${date}\n${text}${text.endsWith("\n") ? "" : "\n"}\n`, "latin1");
}

async function writeMbox(path: string, files: readonly string[]): Promise<void> {
  const out = createWriteStream(path);
  for (const [n, file] of files.entries()) {
    if (!out.write(mboxEntry(readFileSync(file), n))) {
      await new Promise<void>((drained) => {
        out.once("drain", () => {
          drained();
        });
      });
    }
  }
  await new Promise<void>((done, fail) => {
    out.end((error?: Error | null) => {
      if (error) fail(error);
      else done();
    });
  });
}

async function measure(
  name: string,
  operands: readonly string[],
  sisimaiPaths: readonly string[],
  messages: number,
  bytes: number,
  runs: number,
  work: string,
  note: (s: string) => void,
): Promise<Workload> {
  const cli = join(repoRoot(), "dist", "cli", "mssante-patient.mjs");
  const driver = join(repoRoot(), "bench", "sisimai-driver.pl");
  const list = join(work, `${name}.list`);
  writeFileSync(list, `${sisimaiPaths.join("\n")}\n`);
  const ours: number[] = [];
  const inProcess: number[] = [];
  const sisimai: number[] = [];
  const readOnly: number[] = [];
  const reader = join(repoRoot(), "bench", "read-files-only.mjs");
  const filesOnly = operands.every((o) => statSync(o).isFile());
  const nodeStart: number[] = [];
  const withoutExtraCerts: number[] = [];
  const startUp = name === "a";
  const { NODE_EXTRA_CA_CERTS: extraCerts, ...envWithoutCerts } = process.env;
  let sisimaiProblem: string | null = null;
  // One run of each first, not counted: the files are then in the page cache for all.
  wallClock(process.execPath, [cli, "classify", "--json", ...operands]);
  await classifyCommand(["--json", ...operands], { stdout: nowhere(), stderr: nowhere() });
  const probe = wallClock("perl", [driver, "--repeat", "1", "--warmup", "0", list]);
  if (probe.status === 3 || probe.status === null) sisimaiProblem = `Sisimai not run (${probe.stderr.trim() || "perl not found"}): ${SISIMAI_INSTALL}`;
  else if (probe.status !== 0) sisimaiProblem = `Sisimai failed (exit ${String(probe.status)}): ${probe.stderr.slice(0, 200)}`;
  for (let i = 0; i < runs; i++) {
    note(`(${name}) run ${i + 1} of ${runs}`);
    const run = wallClock(process.execPath, [cli, "classify", "--json", ...operands]);
    if (run.status !== 0) throw new Error(`classify exited with ${String(run.status)}: ${run.stderr.slice(0, 300)}`);
    ours.push(run.seconds);
    if (sisimaiProblem === null) sisimai.push(wallClock("perl", [driver, "--repeat", "1", "--warmup", "0", list]).seconds);
    if (filesOnly) readOnly.push(wallClock(process.execPath, [reader, ...operands]).seconds);
    if (startUp) nodeStart.push(wallClock(process.execPath, ["-e", "0"]).seconds);
    if (startUp && extraCerts !== undefined) {
      withoutExtraCerts.push(wallClock(process.execPath, [cli, "classify", "--json", ...operands], envWithoutCerts).seconds);
    }
    const t0 = performance.now();
    await classifyCommand(["--json", ...operands], { stdout: nowhere(), stderr: nowhere() });
    inProcess.push((performance.now() - t0) / 1000);
  }
  return { name, messages, bytes, ours, sisimai: sisimaiProblem ?? sisimai, inProcess, readOnly, nodeStart, withoutExtraCerts };
}

/** Measures the three workloads. Takes a few minutes with the defaults (most of it Sisimai on the export). */
export async function cliProcessFigures(options: CliProcessOptions = {}): Promise<CliProcessFigures> {
  const note = options.progress ?? ((): void => undefined);
  const runs = options.runs ?? 5;
  const bounces =
    options.bouncesDir !== undefined ? resolve(options.bouncesDir) : join(resolve(options.corpusDir ?? join(repoRoot(), "..", "shared", "corpus")), "bounces");
  if (!existsSync(join(repoRoot(), "dist", "cli", "mssante-patient.mjs"))) return { workloads: [], note: "dist/cli not built: npm run build" };
  if (!existsSync(bounces)) return { workloads: [], note: `no bounces at ${bounces}` };
  const corpus = readdirSync(bounces)
    .filter((f) => f.endsWith(".eml"))
    .sort()
    .map((f) => join(bounces, f));
  return withScratchDir("mssante-bench-cli-", async (work) => {
    const workloads: Workload[] = [];
    const corpusBytes = corpus.reduce((sum, f) => sum + readFileSync(f).length, 0);
    workloads.push(await measure("a", corpus, corpus, corpus.length, corpusBytes, runs, work, note));
    if (options.folderOnly === true) return { workloads, note: `(a): the ${corpus.length} .eml files of ${bounces}` };

    const folder = join(work, "export");
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    note(`writing ${options.ordinary ?? 2000} ordinary messages and ${corpus.length} bounces into ${folder}`);
    const exp = writeExport({ dir: folder, ordinary: options.ordinary ?? 2000, bigEvery: options.bigEvery ?? 15, bigMB: [1, 6], notices: corpus });
    const files = exp.files.map((f) => f.path);
    workloads.push(await measure("b", [folder], files, files.length, exp.bytes, runs, work, note));

    const mbox = join(work, "export.mbox");
    note(`writing the same messages into one mbox, ${mbox}`);
    await writeMbox(mbox, files);
    rmSync(folder, { recursive: true, force: true });
    workloads.push(await measure("c", [mbox], [mbox], files.length, statSync(mbox).size, runs, work, note));
    return { workloads, note: `export: ${exp.ordinary} ordinary messages (${exp.withBigAttachment} with a 1–6 MB attachment) + ${corpus.length} bounces` };
  });
}

export interface Row {
  readonly label: string;
  readonly value: string;
  readonly aim: string;
}

const AIMS: Record<string, number> = { a: 2, b: 4, c: 4 };
const TITLES: Record<string, string> = {
  a: "bounces, .eml files",
  b: "export, folder of .eml",
  c: "export, one mbox",
};

/** The figures as lines for the bench table. */
export function cliProcessRows(f: CliProcessFigures): Row[] {
  const rows: Row[] = [];
  const ms = (s: number): string => `${(s * 1000).toFixed(0)} ms`;
  const list = (xs: readonly number[]): string => xs.map((x) => (x * 1000).toFixed(0)).join(", ");
  if (f.workloads.length === 0) rows.push({ label: "classify, whole process", value: "not measured", aim: f.note ?? "" });
  for (const w of f.workloads) {
    const title = `classify (${w.name}) ${TITLES[w.name] ?? ""}`;
    rows.push({ label: `${title}: input`, value: `${w.messages} msg`, aim: `${(w.bytes / 1048576).toFixed(0)} MB` });
    rows.push({ label: `${title}: ours, whole process`, value: ms(median(w.ours)), aim: `median of ${w.ours.length} (${list(w.ours)} ms)` });
    rows.push({ label: `${title}: ours, in process`, value: ms(median(w.inProcess)), aim: `(${list(w.inProcess)} ms)` });
    if (typeof w.sisimai === "string") {
      rows.push({ label: `${title}: Sisimai`, value: "not measured", aim: w.sisimai });
    } else {
      rows.push({ label: `${title}: Sisimai, whole process`, value: ms(median(w.sisimai)), aim: `(${list(w.sisimai)} ms)` });
      const ratio = median(w.sisimai) / median(w.ours);
      rows.push({ label: `${title}: Sisimai ÷ ours, whole process`, value: `${ratio.toFixed(2)}×`, aim: `aim ≥ ${AIMS[w.name] ?? 1}×` });
    }
    if (w.readOnly.length > 0) {
      const ceiling = typeof w.sisimai === "string" ? "" : `; Sisimai ÷ this: ${(median(w.sisimai) / median(w.readOnly)).toFixed(2)}×, the most any Node command could reach`;
      rows.push({
        label: `${title}: Node only reading the files, no classifying`,
        value: ms(median(w.readOnly)),
        aim: `(${list(w.readOnly)} ms${ceiling})`,
      });
    }
    if (w.nodeStart.length > 0) {
      rows.push({ label: `${title}: Node started alone (node -e 0)`, value: ms(median(w.nodeStart)), aim: `(${list(w.nodeStart)} ms)` });
    }
    if (w.withoutExtraCerts.length > 0) {
      const ratio = typeof w.sisimai === "string" ? "" : `; Sisimai ÷ this: ${(median(w.sisimai) / median(w.withoutExtraCerts)).toFixed(2)}×`;
      rows.push({
        label: `${title}: ours, NODE_EXTRA_CA_CERTS unset`,
        value: ms(median(w.withoutExtraCerts)),
        aim: `(${list(w.withoutExtraCerts)} ms; Node reads that file at every start${ratio})`,
      });
    }
  }
  if (f.note !== null && f.workloads.length > 0) rows.push({ label: "classify: data", value: "", aim: f.note });
  return rows;
}
