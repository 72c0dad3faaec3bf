/** The printed lines of the scan-memory figures: label, value, remark. */
import type { ScanMemoryFigures } from "./scan-memory.js";

const MIB = 1024 * 1024;
const mib = (bytes: number): string => `${(bytes / MIB).toFixed(0)} MiB`;

export function scanMemoryLines(f: ScanMemoryFigures): [string, string, string][] {
  const growth = f.peakRss - f.before.rss;
  return [
    [
      "scan memory: notices × original carried",
      `${f.notices} × ${mib(f.originalBytes)}`,
      `(mbox ${mib(f.mboxBytes)}; scan ${(f.scanMs / 1000).toFixed(1)} s, ${f.fullReadCalls} getRaw/getFull calls)`,
    ],
    ["scan memory: Thunderbird RSS before the scan", mib(f.before.rss), `(${f.before.processes} processes, summed)`],
    ["scan memory: Thunderbird peak RSS during the scan", mib(f.peakRss), `(summed over the process group, ${f.samples} samples every 100 ms)`],
    ["scan memory: peak growth during the scan", mib(growth), `(${(growth / Math.max(1, f.notices) / 1024).toFixed(0)} KiB per notice)`],
    ["scan memory: sum of per-process VmHWM after the scan", mib(f.after.hwm), "(each process's own peak since start)"],
    ["scan memory: panel's status", "", f.status],
  ];
}
