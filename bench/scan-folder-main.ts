/**
 * Prints the folder-scan figures: a real headless Thunderbird with a Local Folders folder of
 * 10,000 messages (2% notices), the add-on's scan in both modes (quick, thorough) timed
 * against a bare `messages.list` pass, and the header and full reads counted.
 *
 *   node scripts/build.mjs && node scripts/run-ts.mjs bench/scan-folder-main.ts [--total N] [--runs N] [--patient-share F] [--only quick|thorough]
 *
 * `--patient-share F`: the share of ordinary mail written by patients (default 0.667).
 */
import { scanFolderFigures, type ModeFigures, type ScanFolderOptions, type ScanMode } from "./scan-folder.js";

const args = process.argv.slice(2);
const value = (flag: string): number | undefined => {
  const i = args.indexOf(flag);
  return i === -1 || args[i + 1] === undefined ? undefined : Number(args[i + 1]);
};
const total = value("--total");
const runs = value("--runs");
const patientShare = value("--patient-share");
const onlyAt = args.indexOf("--only");
const only = onlyAt === -1 ? undefined : args[onlyAt + 1];
const modes: readonly ScanMode[] | undefined = only === "quick" || only === "thorough" ? [only] : undefined;
const options: ScanFolderOptions = {
  progress: (note) => process.stderr.write(`… ${note}\n`),
  ...(total !== undefined ? { total } : {}),
  ...(runs !== undefined ? { runs } : {}),
  ...(patientShare !== undefined ? { patientShare } : {}),
  ...(modes !== undefined ? { modes } : {}),
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
line("ordinary messages written by patients", f.ordinaryFromPatients.toLocaleString("en"), `(${((100 * f.ordinaryFromPatients) / Math.max(1, f.messages - f.notices)).toFixed(0)} % of ordinary mail)`);
line("summary candidates (author/subject let through)", f.summaryCandidates.toLocaleString("en"), "(expected header reads of the quick scan)");
line("bare messages.list pass (background): median", `${f.bareListBackground.median.toFixed(0)} ms`, ms(f.bareListBackground.runs));
line("bare messages.list pass (notices panel): median", `${f.bareListPanel.median.toFixed(0)} ms`, ms(f.bareListPanel.runs));

function printMode(name: string, m: ModeFigures, aim: string): void {
  line(`${name} scan of the folder from the panel: median`, `${m.scan.median.toFixed(0)} ms`, ms(m.scan.runs));
  line(`${name} scan / bare list (background)`, `${m.ratio.toFixed(2)}×`, aim);
  line(`${name} scan / bare list (panel)`, `${m.ratioPanel.toFixed(2)}×`);
  for (const [i, r] of m.runs.entries()) {
    line(
      `  run ${i + 1}: header reads / full reads`,
      `${r.headerCalls} / ${r.distinctFullReads}`,
      `feature counts ${r.featureHeaderReads ?? "?"} / ${r.featureFullReads ?? "?"}; getRaw+getFull calls ${r.fullReadCalls}, of ordinary mail ${r.fullReadsOfOrdinary} (aim 0)`,
    );
    line(
      `  run ${i + 1}: notices found / in the folder`,
      `${r.noticesFound ?? "?"} / ${f.notices}`,
      `notices read in full ${r.noticesReadInFull}, examined ${r.examined ?? "?"} (aim: all of them)`,
    );
  }
  const last = m.runs.at(-1);
  if (last !== undefined) {
    console.log(`  where the last ${name} scan waited (summed time of each call; calls made together overlap):`);
    const rows = Object.entries(last.api).sort((a, b) => b[1].ms - a[1].ms);
    for (const [api, { calls, ms: spent }] of rows.slice(0, 6)) {
      line(`    ${api}`, `${spent.toFixed(0)} ms`, `${calls.toLocaleString("en")} calls, ${(spent / calls).toFixed(2)} ms each`);
    }
  }
}

if (f.quick.runs.length > 0) printMode("quick", f.quick, "aim < 1.5×");
if (f.thorough.runs.length > 0) printMode("thorough", f.thorough, "(headers of every message)");
