/**
 * What the sandbox needs once its Thunderbird runs, before anyone uses it: `npm start` and
 * the sandbox end-to-end test both call `prepareSandbox`, so the test sees what a user sees.
 *
 * Thunderbird does not index an mbox written behind its back until the folder is opened:
 * until then the messages API lists none of its messages. So the demo folders are indexed
 * first, the demo Sent folder is flagged as Sent (a read receipt is checked against it), and
 * only then is the add-on installed: its scan of recent mail at install, and the panel's
 * first open, find the demo bounce and receipt.
 */
import {
  indexLocalFolder,
  installAddonFromFile,
  markLocalFolderAsSent,
  ThunderbirdUi,
  type IndexedFolder,
  type InstalledAddon,
  type ThunderbirdInstance,
} from "../../harness/index.js";
import { demoMessages, demoSentMessages, DEMO_SENT_FOLDER } from "./demo-mail.js";
import { ADDON_ID, DEMO_FOLDER } from "./profile.js";

export interface SandboxReady {
  readonly addon: InstalledAddon;
  readonly demoFolder: IndexedFolder;
  readonly sentFolder: IndexedFolder;
}

/** Indexes the demo folders, flags the demo Sent folder, then installs the add-on from `xpi`. */
export async function prepareSandbox(thunderbird: ThunderbirdInstance, xpi: string): Promise<SandboxReady> {
  const { bidi } = thunderbird;
  const main = await new ThunderbirdUi(bidi).mainWindow(60_000);
  const sentFolder = await indexLocalFolder(bidi, main, DEMO_SENT_FOLDER, demoSentMessages().length);
  await markLocalFolderAsSent(bidi, main, DEMO_SENT_FOLDER);
  const demoFolder = await indexLocalFolder(bidi, main, DEMO_FOLDER, demoMessages().length);
  const addon = await installAddonFromFile(bidi, main, xpi);
  if (addon.id !== ADDON_ID) throw new Error(`${xpi} holds the add-on ${addon.id}, not ${ADDON_ID}`);
  return { addon, demoFolder, sentFolder };
}
