// The state of a patient exchange, shown on the message header and computed from the mail:
// a patient's message shows "Clore l'échange" with the INS and what it decodes to; after the
// real button sent the [FIN], the button reads "Échange clos le …" and is disabled — and so it
// is after Thunderbird restarts on the same profile, with the add-on installed afresh (no
// state kept by the add-on: only the [FIN] in the Sent folder says so).
import { rmSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { z } from "zod";
import { headerLine, killStartedThunderbirds, MSSANTE_IDENTITY, startThunderbird, ThunderbirdUi, type Harness, type ThunderbirdInstance } from "../../harness/index.js";
import { ADDON_DIR, ADDON_ID, startWithAddon } from "./addon-harness.js";
import { clickButton, waitForButton } from "./close-button.js";

const PATIENT = "255081416802538@patient.mssante.fr";
const OTHER_PATIENT = "253072A07300443@patient.mssante.fr";
const FOLDER = "Patients";

function patientMessage(from: string, name: string, messageId: string): string {
  return [
    `From: ${name} <${from}>`,
    `To: ${MSSANTE_IDENTITY.email}`,
    "Subject: Question",
    "Date: Mon, 03 Mar 2025 09:15:00 +0100",
    `Message-ID: <${messageId}>`,
    "Content-Type: text/plain; charset=UTF-8",
    "",
    "Bonjour docteur,",
    "",
  ].join("\r\n");
}

const MESSAGES = [
  patientMessage(PATIENT, "Marie Durand", "state-1@patient.mssante.fr"),
  patientMessage(OTHER_PATIENT, "Paul Girard", "state-2@patient.mssante.fr"),
];

let harness: Harness | undefined;
let second: ThunderbirdInstance | undefined;

afterAll(async () => {
  try {
    await second?.stop();
    await harness?.stop();
    killStartedThunderbirds();
  } finally {
    if (harness !== undefined) rmSync(harness.profile.rootDir, { recursive: true, force: true });
  }
});

async function display(ui: ThunderbirdUi, messageId: string): Promise<void> {
  await ui.displayLocalMessage(FOLDER, messageId);
}

/** Where Thunderbird filed the sent [FIN]: folder URI and subject of every message in a Sent folder. */
async function sentCopies(ui: ThunderbirdUi): Promise<string[]> {
  const list = await ui.chromeEval(
    String.raw`() => {
      const out = [];
      for (const folder of MailServices.accounts.allFolders) {
        if (!folder.isSpecialFolder(Ci.nsMsgFolderFlags.SentMail, false)) continue;
        for (const hdr of folder.messages) out.push(folder.URI + " " + hdr.mime2DecodedSubject);
      }
      return out;
    }`,
  );
  return z.array(z.string()).parse(list);
}

it("shows the exchange and its state, closed after the [FIN], and still closed after a restart", async () => {
  harness = await startWithAddon({ localFolders: { [FOLDER]: MESSAGES }, keepFiles: true });
  const ui = harness.ui;
  await ui.indexLocalFolder(FOLDER, MESSAGES.length);

  await display(ui, "state-1@patient.mssante.fr");
  const open = await waitForButton(ui, { disabled: false, label: "Clore l'échange" });
  expect(open.tooltip).toContain("Échange Mon espace santé avec Marie Durand — INS 2 55 08 14 168 025 38 (Femme, née en août 1955");
  expect(open.tooltip).toContain("État : ouvert.");

  await clickButton(ui);
  const [sent] = await harness.smtp.waitForMessages(1, 30_000);
  expect(sent === undefined ? "" : headerLine(sent.raw, "Subject")).toBe("Subject: [FIN]");
  const closed = await waitForButton(ui, { disabled: true, label: "Échange clos le " });
  expect(closed.label).toMatch(/^Échange clos le \d\d\/\d\d\/\d{4}$/);
  expect(closed.tooltip).toContain("INS 2 55 08 14 168 025 38");
  expect(closed.tooltip).toMatch(/État : clos le \d\d\/\d\d\/\d{4} à \d\d:\d\d \(\[FIN\] envoyé\)/);

  // The other patient's exchange is still open.
  await display(ui, "state-2@patient.mssante.fr");
  await waitForButton(ui, { disabled: false, label: "Clore l'échange" });

  // The [FIN] is in a Sent folder: the mail itself will say the exchange is closed.
  const deadline = Date.now() + 15_000;
  while (!(await sentCopies(ui)).some((line) => line.endsWith(" [FIN]"))) {
    if (Date.now() > deadline) throw new Error(`no [FIN] in a Sent folder: ${JSON.stringify(await sentCopies(ui))}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  // Restart on the same profile; the temporary add-on is installed again, with nothing kept.
  await harness.thunderbird.stop();
  second = await startThunderbird({ profile: harness.profile, keepFiles: true });
  const ui2 = new ThunderbirdUi(second.bidi);
  await ui2.mainWindow();
  expect(await second.bidi.installExtension(ADDON_DIR)).toBe(ADDON_ID);

  await display(ui2, "state-1@patient.mssante.fr");
  const after = await waitForButton(ui2, { disabled: true, label: "Échange clos le " });
  expect(after.label).toBe(closed.label);
  expect(after.tooltip).toContain("Échange Mon espace santé avec Marie Durand");
  expect(after.tooltip).toMatch(/État : clos le \d\d\/\d\d\/\d{4} à \d\d:\d\d/);

  // The keyboard shortcut on a closed exchange sends nothing.
  harness.smtp.clear();
  await ui2.fireShortcut("alt,shift", "F");
  await new Promise((r) => setTimeout(r, 2500));
  expect(harness.smtp.messages()).toEqual([]);
  expect(await ui2.composeWindows()).toEqual([]);

  await display(ui2, "state-2@patient.mssante.fr");
  await waitForButton(ui2, { disabled: false, label: "Clore l'échange" });
}, 180_000);
