/**
 * Figures of the delivery-notice classifier (`src/core/notices`) in Node, side by side with
 * Sisimai 4.25 (Debian package `libsisimai-perl`) in the same run:
 *
 * (a) the public bounce corpus (`../shared/corpus/bounces/*.eml`): messages per second for
 *     `classifyMessage`, for postal-mime's own parse of the same files (the floor), and for
 *     Sisimai; each the median of several passes, files read from disk inside every pass;
 * (b) a generated mailbox export (a temporary folder, removed afterwards) where most mail is
 *     ordinary: our path reads only the header block of each file, asks `looksLikeNotice`,
 *     and reads and classifies in full only the candidates; Sisimai reads every file;
 * (c) accuracy on the project's own fixtures (`test/fixtures/notices`), ours and Sisimai's,
 *     against the expected kind and reason, for all of them, the French ones and the
 *     patient-mailbox ones.
 *
 * Sisimai runs in a Perl process (`sisimai-driver.pl`) that times its passes itself, so its
 * start-up is reported apart. Nothing listens on the network; every child is bounded in time.
 */
import { median } from "./statistics.js";
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import PostalMime from "postal-mime";
import { repoRoot } from "../scripts/repo-root.js";
import { oursForSisimai } from "../eval/sisimai-reasons.js";
import { classifyMessage, looksLikeNotice, type Notice, type NoticeKind, type Reason } from "../src/core/notices/index.js";
import { writeExport } from "./notices-export.js";
import { withScratchDir } from "./scratch-dir.js";

export const SISIMAI_INSTALL = "apt-get install -y libsisimai-perl (Debian package, Sisimai 4.25)";

export interface NoticeBenchOptions {
  /** The public corpus; defaults to ../shared/corpus beside the repository. */
  readonly corpusDir?: string;
  /** Timed passes of workload (a); the median is reported. */
  readonly repeatA?: number;
  /** Timed passes of workload (b). */
  readonly repeatB?: number;
  /** Ordinary messages in the generated export. */
  readonly ordinary?: number;
  /** One ordinary message in this many has an attachment of 2–6 MB. */
  readonly bigEvery?: number;
  /** Progress notes (to stderr in the standalone entry). */
  readonly progress?: (note: string) => void;
}

/** One timed pass: wall-clock seconds and CPU seconds (user + system) of the process. */
export interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

export interface Rate {
  readonly messages: number;
  readonly passes: readonly Timing[];
  /** Median wall-clock seconds of a pass, and messages per second from it. */
  readonly medianSeconds: number;
  readonly perSecond: number;
  /** The same from CPU time: steadier on a loaded machine. */
  readonly medianCpu: number;
  readonly cpuPerSecond: number;
}

export interface SisimaiRun {
  readonly rate: Rate;
  /** Seconds spent by the Perl process outside the timed passes (start-up, loading, warm-up excluded). */
  readonly startupSeconds: number;
  readonly records: number;
  /** Paths for which Sisimai returned at least one bounce record (not delivered/vacation/feedback). */
  readonly bounced: number;
  readonly results: ReadonlyMap<string, readonly SisimaiRecord[]>;
}

export interface SisimaiRecord {
  readonly recipient: string;
  readonly reason: string;
  readonly action: string;
  readonly deliverystatus: string;
}

export interface WorkloadA {
  readonly files: number;
  readonly bytes: number;
  readonly ours: Rate;
  /** postal-mime's parse with its default options: the floor. */
  readonly floor: Rate;
  /** postal-mime's parse with the options `classifyMessage` gives it. */
  readonly floorAsUsed: Rate;
  /** postal-mime's default parse as the package ships it, with Node's own Blob (reference). */
  readonly floorNodeBlob: Rate | null;
  readonly sisimai: SisimaiRun | string;
  /** Files we classify as a bounce, delay or receipt. */
  readonly oursNotices: number;
}

export interface WorkloadB {
  readonly files: number;
  readonly ordinary: number;
  readonly withBigAttachment: number;
  readonly noticesMixedIn: number;
  readonly bytes: number;
  readonly ours: Rate;
  readonly sisimai: SisimaiRun | string;
  readonly candidates: number;
  readonly fullReads: number;
  /** Candidates that turned out to be a bounce, delay or receipt. */
  readonly noticesFound: number;
  /** Ordinary (generated) messages let through by the pre-filter. */
  readonly ordinaryCandidates: number;
  /** Mixed-in files that are notices for `classifyMessage` but were turned down by the pre-filter. */
  readonly missedByPrefilter: readonly string[];
  readonly bytesRead: number;
}

export interface Score {
  readonly fixtures: number;
  readonly kindOurs: number;
  readonly kindSisimai: number;
  /** Expected recipients that carry a reason. */
  readonly reasons: number;
  readonly reasonOurs: number;
  readonly reasonSisimai: number;
}

export interface Accuracy {
  readonly all: Score;
  readonly french: Score;
  readonly patient: Score;
  /** Bounces and delays only (Sisimai does not read receipts). */
  readonly bouncesOnly: Score;
  readonly sisimaiAvailable: boolean;
  /** One line per fixture where ours or Sisimai's answer differs from the expected one. */
  readonly differences: readonly string[];
}

export interface NoticeFigures {
  readonly corpus: string | null;
  readonly sisimaiVersion: string | null;
  readonly a: WorkloadA | null;
  readonly b: WorkloadB | null;
  readonly accuracy: Accuracy;
  readonly totalSeconds: number;
}

// ---------------------------------------------------------------------------------------



function rate(messages: number, passes: readonly Timing[]): Rate {
  const wall = median(passes.map((p) => p.wall));
  const cpu = median(passes.map((p) => p.cpu));
  return { messages, passes, medianSeconds: wall, perSecond: messages / wall, medianCpu: cpu, cpuPerSecond: messages / cpu };
}

async function timed<T>(work: () => Promise<T>): Promise<{ timing: Timing; value: T }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { timing: { wall, cpu: (cpu.user + cpu.system) / 1e6 }, value };
}

const isNotice = (n: Notice): boolean => n.kind !== "none";

/** Reads the header block of a file: up to the first blank line, at most 256 KiB. */
export function readHeaderBlock(path: string): { text: string; bytes: number } {
  const limit = 256 * 1024;
  const chunk = 16 * 1024;
  const buffer = Buffer.allocUnsafe(limit);
  const fd = openSync(path, "r");
  let length = 0;
  try {
    while (length < limit) {
      const n = readSync(fd, buffer, length, Math.min(chunk, limit - length), length);
      if (n === 0) break;
      const from = Math.max(0, length - 3);
      length += n;
      const lf = buffer.subarray(0, length).indexOf("\n\n", from);
      const crlf = buffer.subarray(0, length).indexOf("\n\r\n", from);
      const end = lf === -1 ? crlf : crlf === -1 ? lf : Math.min(lf, crlf);
      if (end !== -1) return { text: buffer.toString("utf8", 0, end + 1), bytes: length };
    }
  } finally {
    closeSync(fd);
  }
  return { text: buffer.toString("utf8", 0, length), bytes: length };
}

// ---------------------------------------------------------------------------------------
// Sisimai

interface DriverLine {
  readonly load?: number;
  readonly version?: string;
  readonly pass?: number;
  readonly warmup?: number;
  readonly records?: number | SisimaiRecord[];
  readonly bounced?: number;
  readonly seconds?: number;
  readonly cpu?: number;
  readonly file?: string;
}

function runSisimai(
  paths: readonly string[],
  options: { repeat: number; warmup: number; warmupLimit?: number; results: boolean; delivered: boolean; timeoutMs: number },
): SisimaiRun | string {
  const driver = join(repoRoot(), "bench", "sisimai-driver.pl");
  const dir = mkdtempSync(join(tmpdir(), "mssante-sisimai-"));
  try {
    const list = join(dir, "files.txt");
    writeFileSync(list, paths.join("\n") + "\n");
    const args = [driver, "--repeat", String(options.repeat), "--warmup", String(options.warmup)];
    if (options.warmupLimit !== undefined) args.push("--warmup-limit", String(options.warmupLimit));
    if (options.results) args.push("--results");
    if (options.delivered) args.push("--delivered");
    args.push(list);
    const started = performance.now();
    const child = spawnSync("perl", args, { encoding: "utf8", timeout: options.timeoutMs, maxBuffer: 64 * 1024 * 1024, killSignal: "SIGKILL" });
    const wall = (performance.now() - started) / 1000;
    if (child.error !== undefined) {
      const code = (child.error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return `Perl not found: ${SISIMAI_INSTALL}`;
      return `Sisimai did not finish (${child.error.message})`;
    }
    if (child.status === 3) return `Sisimai not installed: ${SISIMAI_INSTALL}`;
    if (child.status !== 0) return `Sisimai failed (exit ${String(child.status)}): ${child.stderr.slice(0, 300)}`;
    const passes: Timing[] = [];
    let all = 0;
    let records = 0;
    let bounced = 0;
    const results = new Map<string, SisimaiRecord[]>();
    for (const text of child.stdout.split("\n")) {
      if (text.trim() === "") continue;
      const line = JSON.parse(text) as DriverLine;
      if (line.file !== undefined && Array.isArray(line.records)) results.set(line.file, line.records);
      else if (line.pass !== undefined && typeof line.seconds === "number") {
        all += line.seconds;
        if (line.warmup === 0) {
          passes.push({ wall: line.seconds, cpu: line.cpu ?? NaN });
          records = typeof line.records === "number" ? line.records : 0;
          bounced = line.bounced ?? 0;
        }
      }
    }
    return { rate: rate(paths.length, passes), startupSeconds: wall - all, records, bounced, results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Several single-pass Sisimai runs (interleaved with ours) taken as one. */
function mergeRuns(runs: readonly (SisimaiRun | string)[]): SisimaiRun | string {
  const failed = runs.find((r): r is string => typeof r === "string");
  if (failed !== undefined) return failed;
  const ok = runs.filter((r): r is SisimaiRun => typeof r !== "string");
  const last = ok[ok.length - 1];
  if (last === undefined) return "Sisimai not run";
  return {
    rate: rate(last.rate.messages, ok.flatMap((r) => r.rate.passes)),
    startupSeconds: median(ok.map((r) => r.startupSeconds)),
    records: last.records,
    bounced: last.bounced,
    results: last.results,
  };
}

export function sisimaiVersion(): string | null {
  const child = spawnSync("perl", ["-MSisimai", "-e", "print Sisimai->version"], { encoding: "utf8", timeout: 30_000 });
  return child.status === 0 && child.stdout.trim() !== "" ? child.stdout.trim() : null;
}

// ---------------------------------------------------------------------------------------
// Workload (a): the corpus alone

async function oursPass(paths: readonly string[]): Promise<number> {
  let notices = 0;
  for (const path of paths) {
    const notice = await classifyMessage(new Uint8Array(readFileSync(path)));
    if (isNotice(notice)) notices++;
  }
  return notices;
}

/** What `classifyMessage` asks of postal-mime (src/core/notices/classify.ts). */
const CLASSIFIER_PARSE_OPTIONS = {
  forceRfc822Attachments: true,
  maxRfc822NestingDepth: 0,
  maxNestingDepth: 32,
  maxHeadersSize: 256 * 1024,
  attachmentEncoding: "arraybuffer",
} as const;

async function floorPass(paths: readonly string[], asUsed: boolean, parser: typeof PostalMime = PostalMime): Promise<number> {
  let parts = 0;
  for (const path of paths) {
    const bytes = new Uint8Array(readFileSync(path));
    const email = asUsed ? await parser.parse(bytes, CLASSIFIER_PARSE_OPTIONS) : await parser.parse(bytes);
    parts += email.attachments.length;
  }
  return parts;
}

/**
 * postal-mime as the package ships it, not bundled: it joins parts with Node's own Blob. The
 * bench is bundled like the command line (in-memory Blob); this copy shows what that changes.
 */
async function packagePostalMime(): Promise<typeof PostalMime | null> {
  const specifier = ["postal", "mime"].join("-"); // not a literal: left for Node to resolve
  try {
    const loaded = (await import(specifier)) as { default: typeof PostalMime };
    return loaded.default;
  } catch {
    return null;
  }
}

async function workloadA(corpusFiles: readonly string[], repeat: number, note: (s: string) => void): Promise<WorkloadA> {
  const bytes = corpusFiles.reduce((sum, f) => sum + statSync(f).size, 0);
  note(`(a) ${corpusFiles.length} corpus files: warming up`);
  const notices = await oursPass(corpusFiles);
  await floorPass(corpusFiles, false);
  await floorPass(corpusFiles, true);
  const nodeBlobParser = await packagePostalMime();
  if (nodeBlobParser !== null) await floorPass(corpusFiles, false, nodeBlobParser);
  const ours: Timing[] = [];
  const floor: Timing[] = [];
  const floorAsUsed: Timing[] = [];
  const floorNodeBlob: Timing[] = [];
  const sisimai: (SisimaiRun | string)[] = [];
  for (let i = 0; i < repeat; i++) {
    // Interleaved, so that all see the same machine load.
    note(`(a) pass ${i + 1} of ${repeat}: ours, postal-mime, Sisimai`);
    ours.push((await timed(() => oursPass(corpusFiles))).timing);
    floor.push((await timed(() => floorPass(corpusFiles, false))).timing);
    floorAsUsed.push((await timed(() => floorPass(corpusFiles, true))).timing);
    if (nodeBlobParser !== null) floorNodeBlob.push((await timed(() => floorPass(corpusFiles, false, nodeBlobParser))).timing);
    if (sisimai.some((r) => typeof r === "string")) continue; // missing or failed: ours still measured
    sisimai.push(runSisimai(corpusFiles, { repeat: 1, warmup: 1, results: false, delivered: false, timeoutMs: 5 * 60_000 }));
  }
  return {
    files: corpusFiles.length,
    bytes,
    ours: rate(corpusFiles.length, ours),
    floor: rate(corpusFiles.length, floor),
    floorAsUsed: rate(corpusFiles.length, floorAsUsed),
    floorNodeBlob: floorNodeBlob.length === 0 ? null : rate(corpusFiles.length, floorNodeBlob),
    sisimai: mergeRuns(sisimai),
    oursNotices: notices,
  };
}

// ---------------------------------------------------------------------------------------
// Workload (b): a mailbox export, mostly ordinary mail

interface ExportPass {
  candidates: number;
  fullReads: number;
  noticesFound: number;
  ordinaryCandidates: number;
  bytesRead: number;
  candidatePaths: Set<string>;
}

async function exportPass(files: readonly { path: string; source: string | null }[]): Promise<ExportPass> {
  const out: ExportPass = { candidates: 0, fullReads: 0, noticesFound: 0, ordinaryCandidates: 0, bytesRead: 0, candidatePaths: new Set() };
  for (const file of files) {
    const head = readHeaderBlock(file.path);
    out.bytesRead += head.bytes;
    if (!looksLikeNotice(head.text)) continue;
    out.candidates++;
    out.candidatePaths.add(file.path);
    if (file.source === null) out.ordinaryCandidates++;
    const bytes = readFileSync(file.path);
    out.fullReads++;
    out.bytesRead += bytes.length;
    const notice = await classifyMessage(new Uint8Array(bytes));
    if (isNotice(notice)) out.noticesFound++;
  }
  return out;
}

async function workloadB(
  noticeFiles: readonly string[],
  noticeKinds: ReadonlyMap<string, boolean>,
  options: { ordinary: number; bigEvery: number; repeat: number },
  note: (s: string) => void,
): Promise<WorkloadB> {
  return withScratchDir("mssante-export-", async (dir) => {
    note(`(b) writing ${options.ordinary} ordinary messages and ${noticeFiles.length} notices into ${dir}`);
    const exp = writeExport({ dir, ordinary: options.ordinary, bigEvery: options.bigEvery, notices: noticeFiles });
    note(`(b) ${exp.files.length} files, ${(exp.bytes / 1048576).toFixed(0)} MB; warming up`);
    const first = await exportPass(exp.files);
    const passes: Timing[] = [];
    const runs: (SisimaiRun | string)[] = [];
    const paths = exp.files.map((f) => f.path);
    for (let i = 0; i < options.repeat; i++) {
      note(`(b) pass ${i + 1} of ${options.repeat}: ours, Sisimai`);
      passes.push((await timed(() => exportPass(exp.files))).timing);
      // Sisimai warms up (loads its parser modules) on the first few hundred files.
      if (runs.some((r) => typeof r === "string")) continue; // missing or failed: ours still measured
      runs.push(runSisimai(paths, { repeat: 1, warmup: 1, warmupLimit: 400, results: false, delivered: false, timeoutMs: 10 * 60_000 }));
    }
    const sisimai = mergeRuns(runs);
    const missed = exp.files
      .filter((f) => f.source !== null && noticeKinds.get(f.source) === true && !first.candidatePaths.has(f.path))
      .map((f) => basename(f.source ?? ""));
    return {
      files: exp.files.length,
      ordinary: exp.ordinary,
      withBigAttachment: exp.withBigAttachment,
      noticesMixedIn: noticeFiles.length,
      bytes: exp.bytes,
      ours: rate(exp.files.length, passes),
      sisimai,
      candidates: first.candidates,
      fullReads: first.fullReads,
      noticesFound: first.noticesFound,
      ordinaryCandidates: first.ordinaryCandidates,
      missedByPrefilter: missed,
      bytesRead: first.bytesRead,
    };
  });
}

// ---------------------------------------------------------------------------------------
// Accuracy on the project's fixtures

interface ExpectedRecipient {
  address: string;
  action?: string | null;
  reason?: Reason | null;
  ins?: string | null;
}
interface Expected {
  kind: NoticeKind;
  recipients?: ExpectedRecipient[];
}

function sisimaiKind(records: readonly SisimaiRecord[]): NoticeKind {
  const real = records.filter((r) => r.reason !== "vacation" && r.reason !== "feedback");
  if (real.length === 0) return "none";
  if (real.every((r) => r.reason === "delivered")) return "receipt"; // a delivery report, the nearest we have
  if (real.some((r) => r.action === "delayed") && !real.some((r) => r.action === "failed")) return "delay";
  return "bounce";
}

function pick<T>(list: readonly T[], addressOf: (x: T) => string, address: string, expectedCount: number): T | undefined {
  const lower = address.toLowerCase();
  const found = list.find((x) => addressOf(x).toLowerCase() === lower);
  if (found !== undefined) return found;
  return list.length === 1 && expectedCount === 1 ? list[0] : undefined;
}

function emptyScore(): { -readonly [K in keyof Score]: Score[K] } {
  return { fixtures: 0, kindOurs: 0, kindSisimai: 0, reasons: 0, reasonOurs: 0, reasonSisimai: 0 };
}

async function accuracy(fixturesDir: string, sisimaiAvailable: boolean): Promise<Accuracy> {
  const files = existsSync(fixturesDir)
    ? readdirSync(fixturesDir)
        .filter((f) => f.endsWith(".eml") && existsSync(join(fixturesDir, f.replace(/\.eml$/, ".expected.json"))))
        .sort()
        .map((f) => join(fixturesDir, f))
    : [];
  const sis = sisimaiAvailable && files.length > 0 ? runSisimai(files, { repeat: 1, warmup: 0, results: true, delivered: true, timeoutMs: 5 * 60_000 }) : null;
  const sisResults = sis !== null && typeof sis !== "string" ? sis.results : null;
  const all = emptyScore();
  const french = emptyScore();
  const patient = emptyScore();
  const bouncesOnly = emptyScore();
  const differences: string[] = [];
  for (const file of files) {
    const expected = JSON.parse(readFileSync(file.replace(/\.eml$/, ".expected.json"), "utf8")) as Expected;
    const notice = await classifyMessage(new Uint8Array(readFileSync(file)));
    const records = sisResults?.get(file) ?? [];
    const sKind = sisimaiKind(records);
    const wanted = (expected.recipients ?? []).filter((r) => r.reason !== null && r.reason !== undefined);
    const scores = [all];
    if (/-fr\.eml$/.test(file)) scores.push(french);
    if ((expected.recipients ?? []).some((r) => r.ins !== null && r.ins !== undefined)) scores.push(patient);
    if (expected.kind === "bounce" || expected.kind === "delay") scores.push(bouncesOnly);
    const kindOk = notice.kind === expected.kind;
    const sKindOk = sisResults !== null && sKind === expected.kind;
    let reasonsOk = 0;
    let sReasonsOk = 0;
    const notes: string[] = [];
    for (const want of wanted) {
      const ours = pick(notice.recipients, (r) => r.address, want.address, wanted.length);
      if (ours?.reason === want.reason) reasonsOk++;
      else notes.push(`ours ${want.address}: ${ours?.reason ?? "(none)"}≠${want.reason ?? ""}`);
      const rec = pick(records, (r) => r.recipient, want.address, wanted.length);
      const accepted: readonly Reason[] = rec === undefined ? [] : oursForSisimai(rec.reason);
      if (want.reason !== undefined && want.reason !== null && accepted.includes(want.reason)) sReasonsOk++;
      else if (sisResults !== null) notes.push(`Sisimai ${want.address}: ${rec?.reason ?? "(none)"}≠${want.reason ?? ""}`);
    }
    for (const s of scores) {
      s.fixtures++;
      if (kindOk) s.kindOurs++;
      if (sKindOk) s.kindSisimai++;
      s.reasons += wanted.length;
      s.reasonOurs += reasonsOk;
      s.reasonSisimai += sReasonsOk;
    }
    if (!kindOk) notes.unshift(`ours kind ${notice.kind}≠${expected.kind}`);
    if (sisResults !== null && !sKindOk) notes.unshift(`Sisimai kind ${sKind}≠${expected.kind}`);
    if (notes.length > 0) differences.push(`${basename(file)}: ${notes.join("; ")}`);
  }
  return { all, french, patient, bouncesOnly, sisimaiAvailable: sisResults !== null, differences };
}

// ---------------------------------------------------------------------------------------

/** Runs every measurement. Takes one to three minutes with the defaults. */
export async function measureNotices(options: NoticeBenchOptions = {}): Promise<NoticeFigures> {
  const started = performance.now();
  const note = options.progress ?? ((): void => undefined);
  const root = repoRoot();
  const corpus = resolve(options.corpusDir ?? join(root, "..", "shared", "corpus"));
  const bouncesDir = join(corpus, "bounces");
  const version = sisimaiVersion();
  const haveCorpus = existsSync(bouncesDir);
  let a: WorkloadA | null = null;
  let b: WorkloadB | null = null;
  if (haveCorpus) {
    const corpusFiles = readdirSync(bouncesDir)
      .filter((f) => f.endsWith(".eml"))
      .sort()
      .map((f) => join(bouncesDir, f));
    a = await workloadA(corpusFiles, options.repeatA ?? 5, note);
    const receiptsDir = join(corpus, "receipts");
    const receipts = existsSync(receiptsDir)
      ? readdirSync(receiptsDir)
          .filter((f) => f.endsWith(".eml"))
          .sort()
          .map((f) => join(receiptsDir, f))
      : [];
    const mixed = [...corpusFiles, ...receipts];
    const kinds = new Map<string, boolean>();
    for (const f of mixed) kinds.set(f, isNotice(await classifyMessage(new Uint8Array(readFileSync(f)))));
    b = await workloadB(mixed, kinds, { ordinary: options.ordinary ?? 3000, bigEvery: options.bigEvery ?? 60, repeat: options.repeatB ?? 3 }, note);
  } else {
    note(`no corpus at ${corpus}: workloads (a) and (b) skipped`);
  }
  note("accuracy on test/fixtures/notices");
  const acc = await accuracy(join(root, "test", "fixtures", "notices"), version !== null);
  return { corpus: haveCorpus ? corpus : null, sisimaiVersion: version, a, b, accuracy: acc, totalSeconds: (performance.now() - started) / 1000 };
}

export interface Row {
  readonly label: string;
  readonly value: string;
  readonly aim: string;
}

function perSecond(r: Rate): string {
  return `${Math.round(r.perSecond).toLocaleString("en")} msg/s`;
}

function times(x: number): string {
  return `${x.toFixed(x < 10 ? 2 : 1)}×`;
}

function fraction(n: number, d: number): string {
  return `${n}/${d}`;
}

/** The figures as lines for the project's bench table (label, value, aim). */
export function noticeRows(f: NoticeFigures): Row[] {
  const rows: Row[] = [];
  const add = (label: string, value: string, aim = ""): void => {
    rows.push({ label, value, aim });
  };
  const cpuNote = (x: number): string => `(CPU time: ${times(x)})`;
  if (f.a === null || f.b === null) add("notices: throughput", "not measured", "no ../shared/corpus beside the repository");
  if (f.a !== null) {
    const a = f.a;
    add(`notices (a) ${a.files} bounces: classifyMessage`, perSecond(a.ours), `median of ${a.ours.passes.length} passes, files read from disk`);
    add("notices (a) postal-mime parse, default (floor)", perSecond(a.floor));
    add("notices (a) postal-mime parse, classifier's options", perSecond(a.floorAsUsed));
    if (a.floorNodeBlob !== null) {
      add("notices (a) postal-mime parse with Node's own Blob", perSecond(a.floorNodeBlob), "reference: the package unbundled; the CLI bundles an in-memory Blob");
    }
    add("notices (a) our time ÷ floor", times(a.ours.medianSeconds / a.floor.medianSeconds), `aim ≤ 1.3× ${cpuNote(a.ours.medianCpu / a.floor.medianCpu)}`);
    add(
      "notices (a) our time ÷ parse as the classifier does",
      times(a.ours.medianSeconds / a.floorAsUsed.medianSeconds),
      cpuNote(a.ours.medianCpu / a.floorAsUsed.medianCpu),
    );
    if (typeof a.sisimai === "string") add("notices (a) Sisimai", "not measured", a.sisimai);
    else {
      add(`notices (a) Sisimai ${f.sisimaiVersion ?? ""}`, perSecond(a.sisimai.rate), `+ ${a.sisimai.startupSeconds.toFixed(2)} s start-up per run, apart`);
      add("notices (a) ours ÷ Sisimai, messages per second", times(a.ours.perSecond / a.sisimai.rate.perSecond), `aim ≥ 2× ${cpuNote(a.ours.cpuPerSecond / a.sisimai.rate.cpuPerSecond)}`);
    }
  }
  if (f.b !== null) {
    const b = f.b;
    add(
      "notices (b) export: ordinary + notices",
      `${b.ordinary} + ${b.noticesMixedIn}`,
      `${(b.bytes / 1048576).toFixed(0)} MB; ${b.withBigAttachment} with a 2–6 MB attachment`,
    );
    add("notices (b) headers first, classify candidates", perSecond(b.ours), `median of ${b.ours.passes.length} passes`);
    if (typeof b.sisimai === "string") add("notices (b) Sisimai", "not measured", b.sisimai);
    else {
      add(`notices (b) Sisimai ${f.sisimaiVersion ?? ""}`, perSecond(b.sisimai.rate), `+ ${b.sisimai.startupSeconds.toFixed(2)} s start-up per run, apart`);
      add("notices (b) ours ÷ Sisimai, messages per second", times(b.ours.perSecond / b.sisimai.rate.perSecond), `aim ≥ 4× ${cpuNote(b.ours.cpuPerSecond / b.sisimai.rate.cpuPerSecond)}`);
    }
    add("notices (b) candidates / full reads / notices", `${b.candidates} / ${b.fullReads} / ${b.noticesFound}`, `${b.ordinaryCandidates} generated ordinary messages among the candidates`);
    add("notices (b) bytes read by our path", `${(b.bytesRead / 1048576).toFixed(1)} MB`, `of ${(b.bytes / 1048576).toFixed(0)} MB`);
    add("notices (b) notices turned down by the pre-filter", String(b.missedByPrefilter.length), "aim 0");
  }
  const acc = f.accuracy;
  const who = acc.sisimaiAvailable ? "ours/Sisimai" : "ours";
  const pair = (o: number, s: number, d: number): string => (acc.sisimaiAvailable ? `${fraction(o, d)} / ${fraction(s, d)}` : fraction(o, d));
  for (const [name, s] of [
    ["all", acc.all],
    ["French", acc.french],
    ["patient", acc.patient],
    ["bounce/delay", acc.bouncesOnly],
  ] as const) {
    add(`notices fixtures ${name}: kind, ${who}`, pair(s.kindOurs, s.kindSisimai, s.fixtures), `right, of ${s.fixtures} fixtures`);
    add(`notices fixtures ${name}: reason, ${who}`, pair(s.reasonOurs, s.reasonSisimai, s.reasons), "right, per expected recipient with a reason");
  }
  if (!acc.sisimaiAvailable) add("notices fixtures: Sisimai", "not measured", SISIMAI_INSTALL);
  return rows;
}

/** For `bench/main.ts`: measures and returns the lines to print. */
export async function noticeBenchRows(options: NoticeBenchOptions = {}): Promise<Row[]> {
  return noticeRows(await measureNotices(options));
}
