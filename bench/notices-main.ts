/**
 * Prints the delivery-notice figures: throughput beside Sisimai 4.25 on the public bounce
 * corpus and on a generated mailbox export, and accuracy on the project's fixtures.
 *
 *   node scripts/run-ts.mjs bench/notices-main.ts [--quick] [--details] [--corpus DIR] [--ordinary N]
 *
 * Sisimai: apt-get install -y libsisimai-perl (Debian). Without it, only our figures are printed.
 */
import { availableParallelism, loadavg } from "node:os";
import { measureNotices, noticeRows, SISIMAI_INSTALL, type NoticeBenchOptions, type Rate } from "./notices.js";

const args = process.argv.slice(2);
const value = (flag: string): string | undefined => {
  const i = args.indexOf(flag);
  return i === -1 ? undefined : args[i + 1];
};
const quick = args.includes("--quick");
const corpus = value("--corpus");
const ordinary = value("--ordinary");
const options: NoticeBenchOptions = {
  repeatA: quick ? 3 : 5,
  repeatB: quick ? 2 : 3,
  ordinary: ordinary !== undefined ? Number(ordinary) : quick ? 1500 : 3000,
  progress: (note) => process.stderr.write(`… ${note}\n`),
  ...(corpus !== undefined ? { corpusDir: corpus } : {}),
};

// The machine's load beside the figures: on a shared machine it moves every rate.
const loadBefore = loadavg();
const figures = await measureNotices(options);
const loadAfter = loadavg();

function line(label: string, text: string, aim = ""): void {
  console.log(`${label.padEnd(52)} ${text.padStart(16)}  ${aim}`);
}

console.log(`Delivery notices — ${new Date().toISOString()} — Node ${process.version}`);
const load = (l: readonly number[]): string => l.map((x) => x.toFixed(2)).join(" ");
console.log(`Load average (1, 5, 15 min) on ${availableParallelism()} CPUs: ${load(loadBefore)} before, ${load(loadAfter)} after`);
if (figures.sisimaiVersion === null) console.log(`Sisimai not found; to compare with it: ${SISIMAI_INSTALL}`);
for (const row of noticeRows(figures)) line(row.label, row.value, row.aim);

if (args.includes("--details")) {
  const passes = (r: Rate): string => r.passes.map((p) => `${(p.wall * 1000).toFixed(0)} ms (CPU ${(p.cpu * 1000).toFixed(0)})`).join(", ");
  console.log();
  if (figures.a !== null) {
    console.log(`(a) ${figures.a.files} files, ${(figures.a.bytes / 1024).toFixed(0)} KiB; ours classify ${figures.a.oursNotices} as notices`);
    console.log(`    ours:  ${passes(figures.a.ours)}`);
    console.log(`    floor: ${passes(figures.a.floor)}`);
    console.log(`    floor with the classifier's options: ${passes(figures.a.floorAsUsed)}`);
    if (typeof figures.a.sisimai !== "string") {
      console.log(`    Sisimai: ${passes(figures.a.sisimai.rate)}; ${figures.a.sisimai.bounced} files with a bounce record, ${figures.a.sisimai.records} records`);
    }
  }
  if (figures.b !== null) {
    console.log(`(b) ours: ${passes(figures.b.ours)}`);
    if (typeof figures.b.sisimai !== "string") {
      console.log(`    Sisimai: ${passes(figures.b.sisimai.rate)}; ${figures.b.sisimai.bounced} files with a bounce record`);
    }
    if (figures.b.missedByPrefilter.length > 0) console.log(`    turned down by the pre-filter: ${figures.b.missedByPrefilter.join(", ")}`);
  }
  console.log("Fixtures where an answer differs from the expected one:");
  for (const d of figures.accuracy.differences) console.log(`    ${d}`);
}
console.log(`(measured in ${figures.totalSeconds.toFixed(0)} s)`);
