/**
 * Prints the memory of a folder scan over notices that carry large originals (real headless
 * Thunderbird; the folder is written to a temporary profile and deleted afterwards).
 *
 *   node scripts/build.mjs && node scripts/run-ts.mjs bench/scan-memory-main.ts [--notices N] [--original-mib M] [--addon DIR]
 *
 * Default: 200 notices of 20 MiB each (a 4 GB mbox on disk while it runs).
 */
import { scanMemoryLines } from "./scan-memory-lines.js";
import { scanMemoryFigures } from "./scan-memory.js";

const args = process.argv.slice(2);
const value = (flag: string): number | undefined => {
  const i = args.indexOf(flag);
  return i === -1 || args[i + 1] === undefined ? undefined : Number(args[i + 1]);
};
const notices = value("--notices");
const originalMiB = value("--original-mib");
// Another build of the add-on (unpacked), to compare: default dist/addon.
const addonAt = args.indexOf("--addon");
const addonDir = addonAt === -1 ? undefined : args[addonAt + 1];

const figures = await scanMemoryFigures({
  progress: (note) => process.stderr.write(`… ${note}\n`),
  ...(notices !== undefined ? { notices } : {}),
  ...(originalMiB !== undefined ? { originalMiB } : {}),
  ...(addonDir !== undefined ? { addonDir } : {}),
});
for (const [label, text, aim] of scanMemoryLines(figures)) console.log(`${label.padEnd(52)} ${text.padStart(16)}  ${aim}`);
