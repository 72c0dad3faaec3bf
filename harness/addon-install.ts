// Installing a packed add-on (.xpi) the way Thunderbird's "Install Add-on From File…" does:
// a permanent install into the profile, through the add-on manager, without the prompt.
import { z } from "zod";
import type { BidiClient } from "./bidi.js";

export interface InstalledAddon {
  readonly id: string;
  readonly version: string;
}

const installedAddonSchema = z.object({ id: z.string(), version: z.string() });

const INSTALL_FROM_FILE = String.raw`async (path) => {
  const { AddonManager } = ChromeUtils.importESModule("resource://gre/modules/AddonManager.sys.mjs");
  const file = Cc["@mozilla.org/file/local;1"].createInstance(Ci.nsIFile);
  file.initWithPath(path);
  const install = await AddonManager.getInstallForFile(file);
  if (!install) throw new Error("not an add-on file: " + path);
  if (install.error) throw new Error("cannot install " + path + " (add-on manager error " + install.error + ")");
  const addon = await install.install();
  if (!addon || !addon.isActive) throw new Error("the add-on of " + path + " did not start");
  return { id: addon.id, version: addon.version };
}`;

/**
 * Installs the packed add-on at `xpiPath` (absolute) into the running Thunderbird as a
 * professional does from a file (not a temporary add-on) and resolves once it is active.
 */
export async function installAddonFromFile(bidi: BidiClient, chromeContext: string, xpiPath: string): Promise<InstalledAddon> {
  return bidi.chromeEval(chromeContext, INSTALL_FROM_FILE, [xpiPath], installedAddonSchema, { timeoutMs: 30_000 });
}
