/**
 * `npm run eval`: the notice classifier and Sisimai 4.25 on the same files, against curated
 * labels, for each half of the public corpus (../shared/corpus, never shipped) and for the
 * project's own fixtures. See eval/README.md.
 *
 *   npm run eval -- [--details] [--half tuning|checking] [--corpus DIR] [--labels DIR]
 *                   [--show-checking-failures]
 *                   [--allow-unlabelled]
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { repoRoot } from "../scripts/repo-root.js";
import { classifyMessage, looksLikeNotice, mayBeNoticeFromSummary } from "../src/core/notices/index.js";
import { labelOfExpectation, matchesExpectation } from "./fixtures.js";
import { parseLabels, type Label } from "./labels.js";
import { aims, disagreements, figuresOf, percent, prefilterMisses, reasonConfusion, verdictOfNotice, type Ratio, type Row, type Verdict } from "./metrics.js";
import { runSisimai } from "./sisimai.js";
import { sisimaiVerdict } from "./sisimai-reasons.js";
import { summaryOf } from "./summary.js";
import { HALVES, halfOfHash, sha256Hex, splitProblems, unlabelled, type Half } from "./split.js";

interface Options {
  readonly corpus: string;
  readonly labels: string;
  readonly halves: readonly Half[];
  readonly details: boolean;
  readonly showChecking: boolean;
  /** Labels still being written: evaluate the labelled files, say how many are not. */
  readonly allowUnlabelled: boolean;
}

const USAGE = "usage: npm run eval -- [--details] [--half tuning|checking] [--corpus DIR] [--labels DIR] [--show-checking-failures] [--allow-unlabelled]";

function options(args: readonly string[]): Options {
  const root = repoRoot();
  let corpus = join(root, "..", "shared", "corpus");
  let labels = join(root, "eval", "labels");
  const halves: Half[] = [];
  let details = false;
  let showChecking = false;
  let allowUnlabelled = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a ?? ""} needs a value\n${USAGE}`);
      return v;
    };
    if (a === "--details") details = true;
    else if (a === "--show-checking-failures") showChecking = true;
    else if (a === "--allow-unlabelled") allowUnlabelled = true;
    else if (a === "--corpus") corpus = resolve(value());
    else if (a === "--labels") labels = resolve(value());
    else if (a === "--half") {
      const h = value();
      if (h !== "tuning" && h !== "checking") throw new Error(`--half tuning or --half checking\n${USAGE}`);
      halves.push(h);
    } else throw new Error(`unknown argument ${a ?? ""}\n${USAGE}`);
  }
  return { corpus, labels, halves: halves.length === 0 ? HALVES : halves, details, showChecking, allowUnlabelled };
}

interface Sample {
  readonly file: string;
  readonly path: string;
  readonly sha256: string;
  readonly bytes: Uint8Array;
}

function samples(dir: string, prefix: string): Sample[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".eml"))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const bytes = new Uint8Array(readFileSync(path));
      return { file: `${prefix}${f}`, path, sha256: sha256Hex(bytes), bytes };
    });
}

function fmt(r: Ratio): string {
  return `${String(r.n).padStart(4)}/${String(r.of).padEnd(4)} ${percent(r).padStart(7)}`;
}

function describeLabel(l: Label): string {
  const who = (l.recipients ?? []).map((r) => `${r.address}${r.reason === null ? "" : ` ${r.reason}`}`).join(", ");
  return `${l.kind}${l.notNotice === null ? "" : `/${l.notNotice}`}${who === "" ? "" : ` [${who}]`}`;
}

function describeVerdict(v: Verdict): string {
  const who = v.recipients.slice(0, 4).map((r) => `${r.address} ${r.reason ?? "-"}`).join(", ");
  const more = v.recipients.length > 4 ? ` +${v.recipients.length - 4}` : "";
  return `${v.kind}${who === "" ? "" : ` [${who}${more}]`}`;
}

function table(rows: readonly Row[], sisimaiName: string, say: (line?: string) => void, withAims = false): void {
  const ours = figuresOf(rows, (r) => r.ours);
  const sis = figuresOf(rows, (r) => r.sisimai);
  const pre = prefilterMisses(rows);
  const summary = prefilterMisses(rows, "summary");
  const line = (name: string, a: string, b: string): void => {
    say(`   ${name.padEnd(52)} ${a.padEnd(20)} ${b}`);
  };
  line("", "ours", sisimaiName);
  line("recognised: kind exact (bounce/delay/receipt/none)", fmt(ours.kindExact), "n/a (reads no receipts)");
  line("recognised: failure (bounce, delay) or not", fmt(ours.failureOrNot), fmt(sis.failureOrNot));
  line("reasons: of labelled failed recipients", fmt(ours.reasons), fmt(sis.reasons));
  line("reasons: of those recipients found", fmt(ours.reasonsOfFound), fmt(sis.reasonsOfFound));
  line("recipients: files with exactly the labelled set", fmt(ours.recipientsExact), fmt(sis.recipientsExact));
  line("recipients: labelled addresses found", fmt(ours.addressesFound), fmt(sis.addressesFound));
  line("recipients: addresses reported, not labelled", String(ours.addressesExtra), String(sis.addressesExtra));
  line("false alarms: none/receipt reported as bounce/delay", fmt(ours.falseAlarms), fmt(sis.falseAlarms));
  line("pre-filter (headers): labelled notices turned down", fmt({ n: pre.missed.length, of: pre.of }), "-");
  line("quick scan (author, subject): notices turned down", fmt({ n: summary.missed.length, of: summary.of }), "-");
  if (withAims) say(`   aims of issue 11: ${aims(ours, sis).map((a) => `${a.name} ${a.met ? "met" : "NOT MET"}`).join("; ")}`);
}

function details(rows: readonly Row[], say: (line?: string) => void): void {
  for (const [name, pick] of [
    ["ours", (r: Row): Verdict | null => r.ours],
    ["Sisimai", (r: Row): Verdict | null => r.sisimai],
  ] as const) {
    const confusion = [...reasonConfusion(rows, pick).entries()].sort((a, b) => b[1] - a[1]);
    say(`   reasons that differ, ${name} (label → said): ${confusion.length === 0 ? "none" : ""}`);
    for (const [k, v] of confusion) say(`     ${String(v).padStart(3)} × ${k}`);
  }
  say("   files:");
  for (const row of rows) {
    const ours = disagreements(row.label, row.ours);
    const sis = row.sisimai === null ? ["not run"] : disagreements(row.label, row.sisimai);
    const pre = row.label.kind !== "none" && !row.prefilter;
    const quick = row.label.kind !== "none" && !row.summary;
    if (ours.length === 0 && !pre && !quick) continue;
    say(`   ${row.file}`);
    say(`       label:   ${describeLabel(row.label)}`);
    say(`       ours:    ${describeVerdict(row.ours)}${ours.length === 0 ? "" : `  ✗ ${ours.join("; ")}`}${pre ? "  ✗ pre-filter turns it down" : ""}${quick ? "  ✗ quick scan turns it down" : ""}`);
    if (row.sisimai !== null) say(`       Sisimai: ${describeVerdict(row.sisimai)}${sis.length === 0 ? "  (agrees)" : `  ✗ ${sis.join("; ")}`}`);
  }
}

function labelCounts(rows: readonly Row[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.label.kind, (counts.get(r.label.kind) ?? 0) + 1);
  return ["bounce", "delay", "receipt", "none"].map((k) => `${k} ${String(counts.get(k) ?? 0)}`).join(", ");
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const checkingDetails = opts.details && opts.halves.includes("checking") && (opts.showChecking || opts.halves.length === 1);
  if (checkingDetails && !opts.showChecking) {
    throw new Error(
      "Per-file results of the checking half are not shown: whoever reads them can no longer tune on what they saw, " +
        "and the checking figures stop meaning anything. Add --show-checking-failures only if you accept that.",
    );
  }
  if (checkingDetails) {
    process.stderr.write(
      "WARNING: showing the checking half's per-file failures. Whoever reads them can no longer tune the classifier: " +
        "from now on the checking figures measure data that has been seen.\n",
    );
  }
  const bounces = samples(join(opts.corpus, "bounces"), "bounces/");
  if (bounces.length === 0) throw new Error(`No corpus at ${opts.corpus} (expected bounces/*.eml).`);
  const corpus = [...bounces, ...samples(join(opts.corpus, "receipts"), "receipts/")];
  const fixtures = samples(join(repoRoot(), "test", "fixtures", "notices"), "");
  const hashes = new Map(corpus.map((s) => [s.file, s.sha256]));

  const labels = new Map<string, Label>();
  const problems: string[] = [];
  const notes: string[] = [];
  for (const half of HALVES) {
    const path = join(opts.labels, `${half}.jsonl`);
    if (!existsSync(path)) {
      problems.push(`${path}: no labels file`);
      continue;
    }
    const parsed = parseLabels(readFileSync(path, "utf8"), path);
    problems.push(...splitProblems(half, parsed, hashes));
    const missing = unlabelled(half, parsed, hashes);
    if (opts.allowUnlabelled && missing.length > 0) notes.push(`${half} half: ${String(missing.length)} files not labelled yet: figures on the labelled ones only`);
    else problems.push(...missing.map((f) => `${f}: in the ${half} half, not labelled in ${path}`));
    for (const l of parsed) labels.set(l.file, l);
  }
  if (problems.length > 0) throw new Error(`The labels do not match the corpus:\n  ${problems.join("\n  ")}`);

  const started = performance.now();
  const classified = new Map<string, { verdict: Verdict; prefilter: boolean; summary: boolean; raw: unknown }>();
  for (const s of [...corpus, ...fixtures]) {
    const notice = await classifyMessage(s.bytes);
    const head = Buffer.from(s.bytes.subarray(0, 256 * 1024)).toString("utf8");
    const summary = mayBeNoticeFromSummary(summaryOf(head));
    classified.set(s.path, { verdict: verdictOfNotice(notice), prefilter: looksLikeNotice(head), summary, raw: notice });
  }
  const elapsed = performance.now() - started;
  const sisimai = runSisimai(new Map([...corpus, ...fixtures].map((s) => [s.path, s.sha256])), join(repoRoot(), "bench", "sisimai-driver.pl"));

  const rowOf = (s: Sample, label: Label): Row => {
    const c = classified.get(s.path);
    if (c === undefined) throw new Error(`not classified: ${s.path}`);
    const records = sisimai.bySha256.get(s.sha256);
    return { file: s.file, label, ours: c.verdict, sisimai: records === undefined ? null : sisimaiVerdict(records), prefilter: c.prefilter, summary: c.summary };
  };
  const out: string[] = [];
  const say = (line = ""): void => {
    out.push(line);
  };
  const sisimaiName = `Sisimai ${sisimai.version}`;
  say(`Corpus ${opts.corpus}: ${String(corpus.length)} files; labels ${opts.labels}; fixtures: ${String(fixtures.length)}`);
  say(`Classified in ${elapsed.toFixed(0)} ms; ${sisimaiName}: ${String(sisimai.fromCache)} of ${String(corpus.length + fixtures.length)} files from its cache`);
  for (const note of notes) say(`PARTIAL: ${note}`);
  for (const [path, error] of sisimai.errors) say(`   Sisimai failed on ${path}: ${error.trim()}`);
  say("Sisimai's reasons are read through eval/sisimai-reasons.ts (one of ours each; delayed → temporary; delivered, vacation, feedback → not a failure).");

  for (const half of opts.halves) {
    const rows: Row[] = [];
    for (const s of corpus) {
      const label = labels.get(s.file);
      if (label !== undefined && halfOfHash(s.sha256) === half) rows.push(rowOf(s, label));
    }
    say();
    say(`== ${half === "tuning" ? "Tuning half (SHA-256 0–7)" : "Checking half (SHA-256 8–f)"}: ${String(rows.length)} files (${labelCounts(rows)})`);
    table(rows, sisimaiName, say, half === "checking");
    const missing = rows.filter((r) => r.sisimai === null).map((r) => r.file);
    if (missing.length > 0) say(`   Sisimai gave no answer for: ${missing.join(", ")}`);
    if (opts.details && (half === "tuning" || opts.showChecking)) details(rows, say);
  }

  const fixtureRows: Row[] = [];
  const unmet: string[] = [];
  for (const s of fixtures) {
    const expected: unknown = JSON.parse(readFileSync(s.path.replace(/\.eml$/, ".expected.json"), "utf8"));
    fixtureRows.push(rowOf(s, labelOfExpectation(s.file, expected)));
    if (!matchesExpectation(classified.get(s.path)?.raw, expected)) unmet.push(s.file);
  }
  say();
  say(`== Project fixtures (test/fixtures/notices): ${String(fixtureRows.length)} files (${labelCounts(fixtureRows)})`);
  say(`   expectations met in full: ${fmt({ n: fixtureRows.length - unmet.length, of: fixtureRows.length })}${unmet.length === 0 ? "" : `; not met: ${unmet.join(", ")}`}`);
  table(fixtureRows, sisimaiName, say);
  if (opts.details) details(fixtureRows, say);
  process.stdout.write(out.join("\n") + "\n");
}

// Output piped into `head` and the like: stop quietly when the reader has gone.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

try {
  await main();
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
