// A [FIN] that arrived — someone else wrote it with the user's own address in From, To the
// patient, Cc the user, relayed by SMTP (Received line) — lands in the Inbox, then is moved
// to the Archives folder (the "A" key, or a filter). In a real Thunderbird 153 the exchange
// stays open and the close button enabled, in the Inbox and once archived: the Archives hold
// received mail too, so they are never evidence of a closing.
import { rmSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { MSSANTE_IDENTITY, type Harness } from "../../harness/index.js";
import { ADDON_ID, BUTTON, buttonSchema, waitForButton } from "./close-button.js";
import { startWithAddon, stopAll } from "./addon-harness.js";
import { MOVE_MESSAGE } from "./local-moves.js";

const PATIENT = "255081416802538@patient.mssante.fr";
const FOLDER = "Patients";

const QUESTION = [
  `From: Marie Durand <${PATIENT}>`,
  `To: ${MSSANTE_IDENTITY.email}`,
  "Subject: Question",
  "Date: Mon, 03 Mar 2025 09:15:00 +0100",
  "Message-ID: <forged-q@patient.mssante.fr>",
  "Content-Type: text/plain; charset=UTF-8",
  "",
  "Bonjour docteur,",
  "",
].join("\r\n");

const FORGED_FIN = [
  "Received: from mx.attacker.example (mx.attacker.example [203.0.113.9]) by mx.medecin.mssante.fr; Mon, 03 Mar 2025 11:00:00 +0100",
  `From: ${MSSANTE_IDENTITY.fullName} <${MSSANTE_IDENTITY.email}>`,
  `To: ${PATIENT}`,
  `Cc: ${MSSANTE_IDENTITY.email}`,
  "Subject: [FIN]",
  "Date: Mon, 03 Mar 2025 10:59:00 +0100",
  "Message-ID: <forged-fin@attacker.example>",
  "Content-Type: text/plain; charset=UTF-8",
  "",
  "Fin.",
  "",
].join("\r\n");

const OTHER = QUESTION.replace("forged-q@patient.mssante.fr", "forged-q2@patient.mssante.fr").replace("Subject: Question", "Subject: Autre");

let harness: Harness | undefined;

afterAll(async () => {
  try {
    await stopAll(harness);
  } finally {
    if (harness !== undefined) rmSync(harness.profile.rootDir, { recursive: true, force: true });
  }
});

/** Moves the message from the Local Folders Inbox to a Local Folders "Archives" folder flagged Archive. */
const TO_ARCHIVES = String.raw`async (messageId) => {
  ${MOVE_MESSAGE}
  const root = MailServices.accounts.localFoldersServer.rootFolder;
  const inbox = root.getChildNamed("Inbox");
  const hdr = inbox.msgDatabase.getMsgHdrForMessageID(messageId);
  if (!hdr) return "missing";
  if (!root.containsChildNamed("Archives")) root.createSubfolder("Archives", null);
  const archives = root.getChildNamed("Archives");
  archives.setFlag(Ci.nsMsgFolderFlags.Archive);
  await moveMessage(inbox, hdr, archives);
  return "archived";
}`;

it("a forged [FIN] from the user's address: open while in the Inbox, still open and closable once archived", async () => {
  harness = await startWithAddon({ localFolders: { [FOLDER]: [QUESTION, OTHER] } });
  const { ui, smtp } = harness;
  await ui.indexLocalFolder(FOLDER, 2);
  await ui.deliverNewMail([FORGED_FIN]);

  await ui.displayLocalMessage(FOLDER, "forged-q@patient.mssante.fr");
  const open = await waitForButton(ui, { disabled: false, label: "Clore l'échange" });
  expect(open.tooltip).toContain("État : ouvert.");

  expect(await ui.chromeEval(TO_ARCHIVES, ["forged-fin@attacker.example"])).toBe("archived");
  const uses = await ui.backgroundEval(ADDON_ID, `() => messenger.messages.query({ headerMessageId: "forged-fin@attacker.example" }).then((p) => p.messages.map((m) => m.folder.specialUse))`);
  // It is now in a folder Thunderbird flags as Archives, and only there.
  expect(uses).toEqual([["archives"]]);
  // Show another message, then the question again: the button is drawn anew.
  await ui.displayLocalMessage(FOLDER, "forged-q2@patient.mssante.fr");
  await new Promise((r) => setTimeout(r, 1_500));
  await ui.displayLocalMessage(FOLDER, "forged-q@patient.mssante.fr");
  await new Promise((r) => setTimeout(r, 3_000));
  const after = await ui.bidi.chromeEval(await ui.mainWindow(), BUTTON, [ADDON_ID, false], buttonSchema);
  expect({ disabled: after.disabled, open: after.tooltip.includes("État : ouvert.") }).toEqual({ disabled: false, open: true });
  expect(smtp.messages()).toEqual([]);
}, 180_000);
