/**
 * `npm run bench`: prints the figures the project tracks. Nothing here is asserted:
 * these are measurements, to compare over time and against the aims.
 */
import { readFileSync } from "node:fs";
import { addressBookReadTimes } from "./address-book.js";
import { bannerShownTimes } from "./banners.js";
import { guardTimes, insChecksPerSecond } from "./core.js";
import { cliProcessFigures, cliProcessRows } from "./cli-process.js";
import { closeClickToSmtpTimes } from "./close-conversation.js";
import { exchangesFigures, exchangesLines } from "./exchanges.js";
import { noticeBenchRows } from "./notices.js";
import { popupOpenTimes } from "./popup.js";
import { scanFolderFigures } from "./scan-folder.js";
import { scanMemoryLines } from "./scan-memory-lines.js";
import { scanMemoryFigures } from "./scan-memory.js";

/** `--flag N`: a number given on the command line, or undefined. */
function option(flag: string): number | undefined {
  const i = process.argv.indexOf(flag);
  const value = i === -1 ? undefined : Number(process.argv[i + 1]);
  return value === undefined || Number.isNaN(value) ? undefined : value;
}

function line(label: string, value: string, aim = ""): void {
  console.log(`${label.padEnd(52)} ${value.padStart(16)}  ${aim}`);
}

const ins = insChecksPerSecond();
line("INS checks per second (Node, mixed inputs)", Math.round(ins.perSecond).toLocaleString("en"), "aim > 1,000,000");

const guard = guardTimes(20_000);
line("send guard, typical message: median", `${(guard.median * 1000).toFixed(1)} µs`, "aim < 5 ms");
line("send guard, typical message: 95th percentile", `${(guard.p95 * 1000).toFixed(1)} µs`);

const sizes = JSON.parse(readFileSync("dist/bundle-sizes.json", "utf8")) as Record<string, number>;
for (const [file, bytes] of Object.entries(sizes)) {
  line(`JavaScript loaded by ${file}`, `${(bytes / 1024).toFixed(1)} KiB`, "(unminified)");
}

// Bounce and receipt classifier, side by side with Sisimai when it is installed.
for (const row of await noticeBenchRows()) line(row.label, row.value, row.aim);

// The command line as a user runs it (whole process, wall clock), beside Sisimai as a whole process.
for (const row of cliProcessRows(await cliProcessFigures())) line(row.label, row.value, row.aim);

if (process.argv.includes("--no-thunderbird")) {
  console.log("(Thunderbird figures not measured: --no-thunderbird)");
} else {
  const popup = await popupOpenTimes(7);
  line("compose action click → interactive popup: median", `${popup.median.toFixed(0)} ms`, `(${popup.runs.map((t: number) => t.toFixed(0)).join(", ")} ms)`);
  const closing = await closeClickToSmtpTimes(7);
  line(
    "\"Clore l'échange\" click → [FIN] at SMTP: median",
    `${closing.median.toFixed(0)} ms`,
    `(${closing.runs.map((t: number) => t.toFixed(0)).join(", ")} ms)`,
  );
  const banners = await bannerShownTimes(9);
  const ms = (runs: readonly number[]): string => `(${runs.map((t) => t.toFixed(0)).join(", ")} ms)`;
  line("message selected → patient banner shown: median", `${banners.patient.median.toFixed(0)} ms`, ms(banners.patient.runs));
  line("message selected → bounce banner shown: median", `${banners.bounce.median.toFixed(0)} ms`, ms(banners.bounce.runs));
  line("bounce first displayed (classified, stored) → banner", `${banners.bounce.first.toFixed(0)} ms`);
  const scan = await scanFolderFigures();
  line(
    "quick scan of 10,000 messages / bare messages.list",
    `${scan.quick.ratio.toFixed(2)}×`,
    `aim < 1.5× (scan ${scan.quick.scan.median.toFixed(0)} ms, list ${scan.bareListBackground.median.toFixed(0)} ms)`,
  );
  line("thorough scan of 10,000 messages / bare messages.list", `${scan.thorough.ratio.toFixed(2)}×`, `(scan ${scan.thorough.scan.median.toFixed(0)} ms)`);
  for (const [name, mode] of [
    ["quick", scan.quick],
    ["thorough", scan.thorough],
  ] as const) {
    const reads = mode.runs.at(-1);
    line(
      `${name} scan: header reads, read in full / notices`,
      `${reads?.headerCalls ?? "?"}, ${reads?.distinctFullReads ?? "?"} / ${scan.notices}`,
      `found ${reads?.noticesFound ?? "?"}; full reads of ordinary mail ${reads?.fullReadsOfOrdinary ?? "?"} (aim 0)`,
    );
  }

  for (const [label, value, aim] of exchangesLines(await exchangesFigures())) line(label, value, aim);

  for (const row of await addressBookReadTimes()) {
    line(
      `send guard's address-book read, ${row.contacts.toLocaleString("en")} contacts: median`,
      `${row.guard.median.toFixed(0)} ms`,
      `(${row.guard.runs.map((t) => t.toFixed(0)).join(", ")} ms; every contact, list(true): ${row.full.median.toFixed(0)} ms)`,
    );
  }

  // Memory of a scan over notices carrying large originals: 200 × 20 MiB by default (a 4 GB
  // mbox in a temporary profile, deleted afterwards); fewer with --scan-memory-notices N,
  // smaller with --scan-memory-mib M.
  const notices = option("--scan-memory-notices");
  const originalMiB = option("--scan-memory-mib");
  const memory = await scanMemoryFigures({
    ...(notices !== undefined ? { notices } : {}),
    ...(originalMiB !== undefined ? { originalMiB } : {}),
  });
  for (const [label, value, aim] of scanMemoryLines(memory)) line(label, value, aim);
}
