/**
 * The sandbox profile of `npm start`: the demo MSSanté identity (plus a non-MSSanté one, to
 * see the send guard refuse it), an SMTP server on 127.0.0.1, the demo folder, and the
 * add-on installed from its packed .xpi, as a professional would install it.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { createProfile, NON_MSSANTE_IDENTITY, type ThunderbirdProfile } from "../../harness/index.js";
import { DEMO_PROFESSIONAL, DEMO_SENT_FOLDER, demoMessages, demoSentMessages } from "./demo-mail.js";

export const ADDON_ID = "mssante-patient@mssante-patient.fr";
export const DEMO_FOLDER = "Mon espace santé (démo)";

export async function createSandboxProfile(options: {
  smtpPort: number;
  xpi: string;
  parentDir: string;
  prefs?: Readonly<Record<string, string | number | boolean>>;
}): Promise<ThunderbirdProfile> {
  const profile = await createProfile({
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
  const extensions = join(profile.profileDir, "extensions");
  mkdirSync(extensions, { recursive: true });
  copyFileSync(options.xpi, join(extensions, `${ADDON_ID}.xpi`));
  return profile;
}
