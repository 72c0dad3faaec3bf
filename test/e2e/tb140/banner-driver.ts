// A throwaway WebExtension that displays a patient's message on Thunderbird 140 ESR (where
// the user interface cannot be driven from the tests) and reads what the MSSanté add-on's
// banner shows at the top of it: it imports the message into Local Folders, opens it in a
// tab, reads the banner's text from the displayed message (a script of its own, run in that
// tab), and mails the result back to REPORT_ADDRESS as a JSON body.
import { mkdtemp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { REPORT_ADDRESS } from "./driver.js";

export const BANNER_DRIVER_ID = "tb140-banner-driver@mssante-patient.test";
export const BANNER_REPORT_SUBJECT = "tb140 banner report";

export const bannerReportSchema = z.object({
  version: z.string(),
  /** What the banner's region says (its lines), or why it could not be read. */
  banner: z.string(),
  /** The banner's accessible name. */
  label: z.string(),
  error: z.string(),
});
export type BannerReport = z.infer<typeof bannerReportSchema>;

function backgroundSource(message: string, settleMs: number): string {
  return `"use strict";
const REPORT_ADDRESS = ${JSON.stringify(REPORT_ADDRESS)};
const MESSAGE = ${JSON.stringify(message)};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const errorText = (error) => (error instanceof Error ? error.message : String(error));

function readBanner() {
  const holder = document.getElementById("mssante-patient-banner");
  const region = holder && holder.shadowRoot ? holder.shadowRoot.querySelector("section") : null;
  return region ? { text: [...region.querySelectorAll("p")].map((p) => p.textContent).join("\\n"), label: region.getAttribute("aria-label") || "" } : null;
}

async function run() {
  const report = { version: (await messenger.runtime.getBrowserInfo()).version, banner: "", label: "", error: "" };
  try {
    await sleep(${settleMs});
    const accounts = await messenger.accounts.list(true);
    const local = accounts.find((a) => a.type === "none" || a.type === "local") || accounts[0];
    // Manifest V3: the account's folders hang from its root folder.
    const folders = local.rootFolder ? local.rootFolder.subFolders || [] : local.folders || [];
    const inbox = folders.find((f) => f.specialUse && f.specialUse.includes("inbox")) || folders[0];
    if (!inbox) throw new Error("no folder in " + JSON.stringify(accounts.map((a) => [a.type, a.name])));
    const file = new File([MESSAGE], "patient.eml", { type: "message/rfc822" });
    const imported = await messenger.messages.import(file, inbox.id);
    const tab = await messenger.messageDisplay.open({ messageId: imported.id, location: "tab" });
    for (let i = 0; i < 100 && report.banner === ""; i++) {
      await sleep(200);
      const [result] = await messenger.scripting.executeScript({ target: { tabId: tab.id }, func: readBanner });
      if (result && result.result) {
        report.banner = result.result.text;
        report.label = result.result.label;
      }
    }
  } catch (error) {
    report.error = errorText(error);
  }
  const compose = await messenger.compose.beginNew({
    to: [REPORT_ADDRESS],
    subject: ${JSON.stringify(BANNER_REPORT_SUBJECT)},
    plainTextBody: JSON.stringify(report, null, 1),
    isPlainText: true,
  });
  await messenger.compose.sendMessage(compose.id);
}

run().catch((error) => console.error("tb140 banner driver failed: " + errorText(error)));
`;
}

/** Writes the driver (displaying `message`, an RFC 5322 text) into a new folder under `parentDir`. */
export async function writeBannerDriver(parentDir: string, message: string, settleMs = 1_500): Promise<string> {
  const dir = await mkdtemp(join(parentDir, "tb140-banner-driver-"));
  const manifest = {
    manifest_version: 3,
    name: "Thunderbird 140 banner driver",
    version: "1.0",
    browser_specific_settings: { gecko: { id: BANNER_DRIVER_ID, strict_min_version: "140.0" } },
    background: { scripts: ["background.js"] },
    permissions: ["compose", "compose.send", "accountsRead", "messagesRead", "messagesImport", "scripting"],
  };
  await writeFile(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
  await writeFile(join(dir, "background.js"), backgroundSource(message, settleMs));
  return dir;
}
