// One call to get a running Thunderbird wired to an SMTP capture, and one to stop it all.
import type { BidiClient } from "./bidi.js";
import { createProfile } from "./profile.js";
import type { ProfileOptions, ThunderbirdProfile } from "./profile.js";
import { startSmtpCapture } from "./smtp-capture.js";
import type { SmtpCapture } from "./smtp-capture.js";
import { startThunderbird } from "./thunderbird.js";
import type { ThunderbirdInstance } from "./thunderbird.js";
import { ThunderbirdUi } from "./ui.js";

export * from "./addon-install.js";
export * from "./bidi.js";
export * from "./extension-page.js";
export * from "./local-folders.js";
export * from "./profile.js";
export * from "./recent-dates.js";
export * from "./smtp-capture.js";
export * from "./thunderbird.js";
export * from "./ui.js";

export interface HarnessOptions extends Omit<ProfileOptions, "smtpPort"> {
  /** Unpacked add-on folders to install as temporary add-ons, in order. */
  readonly extensions?: readonly string[];
  /** Thunderbird binary (default: `findThunderbirdBinary()`). */
  readonly binary?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly keepFiles?: boolean;
}

export interface Harness {
  readonly smtp: SmtpCapture;
  readonly profile: ThunderbirdProfile;
  readonly thunderbird: ThunderbirdInstance;
  readonly bidi: BidiClient;
  readonly ui: ThunderbirdUi;
  /** Ids of the add-ons installed from `extensions`, same order. */
  readonly addonIds: readonly string[];
  /** Stops Thunderbird (process group included), removes its folders, closes the SMTP capture. */
  stop(): Promise<void>;
}

/** SMTP capture + fresh profile + Thunderbird + BiDi session (+ add-ons installed). */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const smtp = await startSmtpCapture();
  let thunderbird: ThunderbirdInstance | undefined;
  try {
    const profile = await createProfile({ ...options, smtpPort: smtp.port });
    thunderbird = await startThunderbird({
      profile,
      ...(options.binary === undefined ? {} : { binary: options.binary }),
      ...(options.env === undefined ? {} : { env: options.env }),
      ...(options.keepFiles === undefined ? {} : { keepFiles: options.keepFiles }),
    });
    const bidi = thunderbird.bidi;
    const ui = new ThunderbirdUi(bidi);
    await ui.mainWindow();
    const addonIds: string[] = [];
    for (const path of options.extensions ?? []) addonIds.push(await bidi.installExtension(path));
    const instance = thunderbird;
    return {
      smtp,
      profile,
      thunderbird: instance,
      bidi,
      ui,
      addonIds,
      async stop() {
        try {
          await instance.stop();
        } finally {
          await smtp.close();
        }
      },
    };
  } catch (error) {
    await thunderbird?.stop();
    await smtp.close();
    throw error;
  }
}
