// Thunderbird as most end-to-end files start it: in French, one MSSanté identity, an SMTP
// capture, and the add-on built in dist/addon installed as a temporary add-on.
import { resolve } from "node:path";
import { expect } from "vitest";
import { killStartedThunderbirds, MSSANTE_IDENTITY, startHarness, type Harness, type HarnessOptions } from "../../harness/index.js";

/** The built add-on (MSSANTE_ADDON_DIR names another build). */
export const ADDON_DIR = process.env["MSSANTE_ADDON_DIR"] ?? resolve("dist/addon");
export const ADDON_ID = "mssante-patient@mssante-patient.fr";

/**
 * Starts Thunderbird with the add-on; `options` adds to that (its `prefs` are written after the
 * French locale, its `identities` replace the MSSanté one). Fails, leaving nothing running,
 * unless the add-on was installed under its own id.
 */
export async function startWithAddon(options: Omit<HarnessOptions, "extensions"> = {}): Promise<Harness> {
  const harness = await startHarness({
    identities: [MSSANTE_IDENTITY],
    ...options,
    extensions: [ADDON_DIR],
    prefs: { "intl.locale.requested": "fr", ...options.prefs },
  });
  try {
    expect(harness.addonIds).toEqual([ADDON_ID]);
  } catch (error) {
    await harness.stop();
    throw error;
  }
  return harness;
}

/** Stops that Thunderbird and its SMTP capture, then any Thunderbird this run started and left. */
export async function stopAll(harness: Harness | undefined): Promise<void> {
  try {
    await harness?.stop();
  } finally {
    killStartedThunderbirds();
  }
}
