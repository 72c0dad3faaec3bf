/**
 * The sandbox profile of `npm start`: the demo MSSanté identity (plus a non-MSSanté one, to
 * see the send guard refuse it), an SMTP server on 127.0.0.1 and the demo folders' mbox
 * files. The add-on is not in it yet: `prepareSandbox` (ready.ts) installs it once
 * Thunderbird runs and has indexed the demo folders.
 */
import { createProfile, NON_MSSANTE_IDENTITY, type ThunderbirdProfile } from "../../harness/index.js";
import { DEMO_PROFESSIONAL, DEMO_SENT_FOLDER, demoMessages, demoSentMessages } from "./demo-mail.js";

export const ADDON_ID = "mssante-patient@mssante-patient.fr";
export const DEMO_FOLDER = "Mon espace santé (démo)";

export function createSandboxProfile(options: {
  smtpPort: number;
  parentDir: string;
  prefs?: Readonly<Record<string, string | number | boolean>>;
}): Promise<ThunderbirdProfile> {
  return createProfile({
    smtpPort: options.smtpPort,
    parentDir: options.parentDir,
    identities: [
      {
        key: "id1",
        ...DEMO_PROFESSIONAL,
        // Its sent mail goes to Local Folders/Sent, which Thunderbird then flags as a Sent folder.
        prefs: { fcc: true, fcc_folder_picker_mode: "1", fcc_folder: `mailbox://nobody@Local%20Folders/${DEMO_SENT_FOLDER}` },
      },
      NON_MSSANTE_IDENTITY,
    ],
    localFolders: { [DEMO_FOLDER]: demoMessages(), [DEMO_SENT_FOLDER]: demoSentMessages() },
    prefs: { "intl.locale.requested": "fr", "extensions.background.idle.timeout": 30_000, ...options.prefs },
  });
}
