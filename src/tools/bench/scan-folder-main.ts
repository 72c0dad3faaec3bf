/**
 * Prints the folder-scan figures: a real headless Thunderbird with a Local Folders folder of
 * 10,000 messages (2% notices), the add-on's scan timed against a bare `messages.list` pass,
 * and the full reads counted.
 *
 *   node src/tools/build.mjs && node src/tools/run-ts.mjs src/tools/bench/scan-folder-main.ts [--total N] [--runs N]
 */
import { scanFolderFigures, type ScanFolderOptions } from "./scan-folder.js";

const args = process.argv.slice(2);
const value = (flag: string): number | undefined => {
  const i = args.indexOf(flag);
  return i === -1 || args[i + 1] === undefined ? undefined : Number(args[i + 1]);
};
const total = value("--total");
const runs = value("--runs");
const options: ScanFolderOptions = {
  progress: (note) => process.stderr.write(`… ${note}\n`),
  ...(total !== undefined ? { total } : {}),
  ...(runs !== undefined ? { runs } : {}),
};

const f = await scanFolderFigures(options);
const ms = (values: readonly number[]): string => `(${values.map((t) => t.toFixed(0)).join(", ")} ms)`;
function line(label: string, text: string, aim = ""): void {
  console.log(`${label.padEnd(52)} ${text.padStart(16)}  ${aim}`);
}

const kinds = Object.entries(f.noticeKinds)
  .map(([k, n]) => `${k} ${n}`)
  .join(", ");
line("folder scan: messages in the folder", f.messages.toLocaleString("en"), `(${f.notices} notices: ${kinds})`);
line("bare messages.list pass (background): median", `${f.bareListBackground.median.toFixed(0)} ms`, ms(f.bareListBackground.runs));
line("bare messages.list pass (notices panel): median", `${f.bareListPanel.median.toFixed(0)} ms`, ms(f.bareListPanel.runs));
line("scan of the folder from the panel: median", `${f.scan.median.toFixed(0)} ms`, ms(f.scan.runs));
line("scan / bare list (background)", `${f.ratio.toFixed(2)}×`, "aim < 1.5×");
line("scan / bare list (panel)", `${f.ratioPanel.toFixed(2)}×`);
for (const [i, r] of f.scanRuns.entries()) {
  line(
    `run ${i + 1}: candidates read in full / notices in folder`,
    `${r.distinctFullReads} / ${f.notices}`,
    `getRaw+getFull calls ${r.fullReadCalls}, of ordinary mail ${r.fullReadsOfOrdinary} (aim 0), feature count ${r.featureFullReads ?? "?"}, getHeaders calls ${r.headerCalls}, examined ${r.examined ?? "?"}, notices found ${r.noticesFound ?? "?"}`,
  );
}

const last = f.scanRuns.at(-1);
if (last !== undefined) {
  console.log("where the last scan waited (summed time of each call; calls made together overlap):");
  const rows = Object.entries(last.api).sort((a, b) => b[1].ms - a[1].ms);
  for (const [name, { calls, ms: spent }] of rows.slice(0, 10)) {
    line(`  ${name}`, `${spent.toFixed(0)} ms`, `${calls.toLocaleString("en")} calls, ${(spent / calls).toFixed(2)} ms each`);
  }
}
