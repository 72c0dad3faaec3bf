/**
 * Time from a click on "Clore l'échange" (the real button of the message header) to the
 * [FIN] message received by the SMTP capture, in a real headless Thunderbird. Each run
 * closes the exchange of another patient message (a message already closed sends nothing).
 * Measured from Node, so each figure includes BiDi and SMTP round trips on loopback.
 */
import { median } from "./statistics.js";
import { resolve } from "node:path";
import { MSSANTE_IDENTITY, startHarness } from "../harness/index.js";

const ADDON_ID = "mssante-patient@mssante-patient.fr";
/**
 * A different patient for each run: a [FIN] to a patient closes every earlier message of that
 * patient, so one patient's messages could be closed only once.
 */
function patientAddress(index: number): string {
  const body = `2550814168${String(100 + index).padStart(3, "0")}`;
  const key = 97n - (BigInt(body) % 97n);
  return `${body}${key.toString().padStart(2, "0")}@patient.mssante.fr`;
}
const FOLDER = "Patients";

function message(index: number): string {
  return [
    `From: Marie Durand <${patientAddress(index)}>`,
    `To: ${MSSANTE_IDENTITY.email}`,
    `Subject: Question ${index}`,
    "Date: Mon, 03 Mar 2025 09:15:00 +0100",
    `Message-ID: <bench-${index}@patient.mssante.fr>`,
    "Content-Type: text/plain; charset=UTF-8",
    "",
    "Bonjour docteur,",
    "",
  ].join("\r\n");
}

const DISPLAY = String.raw`async (folderName, messageId, addonId) => {
  const folder = MailServices.accounts.localFoldersServer.rootFolder.getChildNamed(folderName);
  MsgDisplayMessageInFolderTab(folder.msgDatabase.getMsgHdrForMessageID(messageId));
  const { ExtensionCommon } = ChromeUtils.importESModule("resource://gre/modules/ExtensionCommon.sys.mjs");
  const id = ExtensionCommon.makeWidgetId(addonId) + "-messageDisplayAction-toolbarbutton";
  const deadline = Date.now() + 10000;
  for (;;) {
    const about = document.getElementById("tabmail").currentAboutMessage;
    const button = about?.document.getElementById(id);
    if (about?.gMessage?.messageId === messageId && button && !button.disabled) return true;
    if (Date.now() > deadline) throw new Error("message " + messageId + " not displayed with an enabled button");
    await new Promise((r) => setTimeout(r, 20));
  }
}`;

const CLICK = String.raw`(addonId) => {
  const { ExtensionCommon } = ChromeUtils.importESModule("resource://gre/modules/ExtensionCommon.sys.mjs");
  const id = ExtensionCommon.makeWidgetId(addonId) + "-messageDisplayAction-toolbarbutton";
  document.getElementById("tabmail").currentAboutMessage.document.getElementById(id).click();
  return true;
}`;

/** Median (and every run) of click → [FIN] handed to SMTP, in ms; the first run is reported apart. */
export async function closeClickToSmtpTimes(runs: number, addonDir = resolve("dist/addon")): Promise<{ median: number; runs: number[] }> {
  const messages = Array.from({ length: runs + 1 }, (_, i) => message(i));
  const harness = await startHarness({ extensions: [addonDir], identities: [MSSANTE_IDENTITY], localFolders: { [FOLDER]: messages } });
  try {
    const { ui, smtp } = harness;
    await ui.indexLocalFolder(FOLDER, messages.length);
    const times: number[] = [];
    for (let i = 0; i <= runs; i++) {
      await ui.chromeEval(DISPLAY, [FOLDER, `bench-${i}@patient.mssante.fr`, ADDON_ID]);
      const start = performance.now();
      await ui.chromeEval(CLICK, [ADDON_ID]);
      await smtp.waitForMessages(i + 1, 30_000);
      const elapsed = performance.now() - start;
      if (i > 0) times.push(elapsed);
      else console.log(`"Clore l'échange" click → [FIN] at SMTP, first run: ${elapsed.toFixed(0)} ms`);
    }
    return { median: median(times), runs: times };
  } finally {
    await harness.stop();
  }
}
