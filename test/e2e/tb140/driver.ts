// A throwaway WebExtension that plays the professional on a Thunderbird where the user
// interface cannot be driven (140 ESR: no chrome scope in WebDriver BiDi). Its background
// runs once, at install, and uses the compose API only: a patient message closing the
// exchange, then two patients in To (which the MSSanté add-on must refuse), then a report
// of both outcomes mailed to REPORT_ADDRESS as a JSON body.
import { mkdtemp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

export const DRIVER_ID = "tb140-driver@mssante-patient.test";
export const REPORT_ADDRESS = "report@example.org";
export const PATIENT = "255081416802538@patient.mssante.fr";
export const OTHER_PATIENT = "253072A07300443@patient.mssante.fr";

/** What the driver mails back: "sent" or the error text of each step. */
export const reportSchema = z.object({
  a: z.string(),
  b: z.string(),
  version: z.string(),
  /** `windows.getAll()` types right after (b) was refused. */
  windowsAfterB: z.array(z.string()),
});
export type DriverReport = z.infer<typeof reportSchema>;

export interface DriverOptions {
  /** Time the driver lets the add-ons installed before it settle (ms). */
  readonly settleMs?: number;
}

function backgroundSource(settleMs: number): string {
  return `"use strict";
const PATIENT = ${JSON.stringify(PATIENT)};
const OTHER_PATIENT = ${JSON.stringify(OTHER_PATIENT)};
const REPORT_ADDRESS = ${JSON.stringify(REPORT_ADDRESS)};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const errorText = (error) => (error instanceof Error ? error.message : String(error));

/** Opens a compose window with \`details\` and sends it: "sent", or why not. */
async function composeAndSend(details) {
  let tab;
  try {
    tab = await messenger.compose.beginNew(details);
  } catch (error) {
    return "beginNew failed: " + errorText(error);
  }
  try {
    await messenger.compose.sendMessage(tab.id);
    return "sent";
  } catch (error) {
    return errorText(error);
  }
}

async function run() {
  await sleep(${settleMs});
  const version = (await messenger.runtime.getBrowserInfo()).version;
  const a = await composeAndSend({
    to: ["Marie Durand <" + PATIENT + ">"],
    subject: "[FIN]",
    plainTextBody: "Au revoir.",
    isPlainText: true,
  });
  const b = await composeAndSend({
    to: [PATIENT, OTHER_PATIENT],
    subject: "Information",
    plainTextBody: "Bonjour à vous deux.",
    isPlainText: true,
  });
  const windowsAfterB = (await messenger.windows.getAll()).map((w) => w.type);
  const report = { a, b, version, windowsAfterB };
  console.log("tb140 driver report " + JSON.stringify(report));
  const sent = await composeAndSend({
    to: [REPORT_ADDRESS],
    subject: "tb140 driver report",
    plainTextBody: JSON.stringify(report, null, 1),
    isPlainText: true,
  });
  console.log("tb140 driver report mail: " + sent);
}

run().catch((error) => console.error("tb140 driver failed: " + errorText(error)));
`;
}

/** Writes the driver into a new folder under `parentDir`; resolves with that folder. */
export async function writeDriver(parentDir: string, options: DriverOptions = {}): Promise<string> {
  const dir = await mkdtemp(join(parentDir, "tb140-driver-"));
  const manifest = {
    manifest_version: 3,
    name: "Thunderbird 140 compose driver",
    version: "1.0",
    browser_specific_settings: { gecko: { id: DRIVER_ID, strict_min_version: "140.0" } },
    background: { scripts: ["background.js"] },
    permissions: ["compose", "compose.send", "accountsRead"],
  };
  await writeFile(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
  await writeFile(join(dir, "background.js"), backgroundSource(options.settleMs ?? 1_000));
  return dir;
}
