/**
 * `node scripts/run-ts.mjs bench/cli-process-main.ts [--runs N] [--ordinary N] [--bounces DIR]
 * [--folder-only]`: the command line timed as a whole process beside Sisimai 4.25 (see
 * cli-process.ts). `--bounces DIR`: the `.eml` files of DIR for (a) instead of the corpus's;
 * `--folder-only`: (a) only. Build first (`npm run build`); Sisimai: apt-get install -y
 * libsisimai-perl.
 */
import { availableParallelism, loadavg } from "node:os";
import { cliProcessFigures, cliProcessRows } from "./cli-process.js";

const args = process.argv.slice(2);
const value = (flag: string): number | undefined => {
  const i = args.indexOf(flag);
  const n = i === -1 ? Number.NaN : Number(args[i + 1]);
  return Number.isNaN(n) ? undefined : n;
};
const runs = value("--runs");
const ordinary = value("--ordinary");
const bouncesAt = args.indexOf("--bounces");
const bouncesDir = bouncesAt === -1 ? undefined : args[bouncesAt + 1];
if (bouncesAt !== -1 && bouncesDir === undefined) throw new Error("--bounces: give a folder");
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(" ");
console.log(`classify as a whole process — ${new Date().toISOString()} — Node ${process.version}`);
console.log(`Load average (1, 5, 15 min) on ${availableParallelism()} CPUs before: ${load()}`);
const figures = await cliProcessFigures({
  ...(runs !== undefined ? { runs } : {}),
  ...(ordinary !== undefined ? { ordinary } : {}),
  ...(bouncesDir !== undefined ? { bouncesDir } : {}),
  folderOnly: args.includes("--folder-only"),
  progress: (note) => process.stderr.write(`… ${note}\n`),
});
for (const row of cliProcessRows(figures)) console.log(`${row.label.padEnd(60)} ${row.value.padStart(12)}  ${row.aim}`);
console.log(`Load average after: ${load()}`);
