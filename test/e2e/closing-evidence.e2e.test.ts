// "Already closed" only from a real closing, in a real Thunderbird: a [FIN] to the patient
// saved as a draft (as a review window's autosave does) and an incoming [FIN] addressed to
// the patient with a date in the future are both in the mail store, yet the patient's
// exchange shows open, and the one-click close sends exactly one [FIN].
import { rmSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { z } from "zod";
import { headerLine, MSSANTE_IDENTITY, type Harness, type ThunderbirdUi } from "../../harness/index.js";
import { ADDON_ID, BUTTON, buttonSchema, waitForButton } from "./close-button.js";
import { startWithAddon, stopAll } from "./addon-harness.js";

const PATIENT = "255081416802538@patient.mssante.fr";
const FOLDER = "Patients";

const QUESTION = [
  `From: Marie Durand <${PATIENT}>`,
  `To: ${MSSANTE_IDENTITY.email}`,
  "Subject: Question",
  "Date: Mon, 03 Mar 2025 09:15:00 +0100",
  "Message-ID: <evidence-1@patient.mssante.fr>",
  "Content-Type: text/plain; charset=UTF-8",
  "",
  "Bonjour docteur,",
  "",
].join("\r\n");

/** Someone else's message to the patient, subject [FIN], dated years ahead, arriving as new mail. */
const INCOMING_FUTURE_FIN = [
  "From: Secrétariat <secretariat@autre-cabinet.mssante.fr>",
  `To: ${PATIENT}, ${MSSANTE_IDENTITY.email}`,
  "Subject: [FIN]",
  "Date: Thu, 01 Jan 2099 10:00:00 +0100",
  "Message-ID: <future-fin@autre-cabinet.mssante.fr>",
  "Content-Type: text/plain; charset=UTF-8",
  "",
  "Fin.",
  "",
].join("\r\n");

let harness: Harness | undefined;

afterAll(async () => {
  try {
    await stopAll(harness);
  } finally {
    if (harness !== undefined) rmSync(harness.profile.rootDir, { recursive: true, force: true });
  }
});

const storedSchema = z.array(z.object({ author: z.string(), uses: z.array(z.string()), date: z.string() }));

/** The [FIN] to the patient the add-on's own search finds, with the special use of their folders. */
async function storedFins(ui: ThunderbirdUi): Promise<z.infer<typeof storedSchema>> {
  const found = await ui.backgroundEval(
    ADDON_ID,
    `(patient) => messenger.messages.query({ subject: "[FIN]", recipients: patient }).then((page) =>
      page.messages.map((m) => ({ author: m.author, uses: m.folder?.specialUse ?? [], date: new Date(m.date).toISOString() })))`,
    [PATIENT],
  );
  return storedSchema.parse(found);
}

it("a [FIN] draft and an incoming future-dated [FIN] leave the exchange open; the close sends exactly one [FIN]", async () => {
  harness = await startWithAddon({ localFolders: { [FOLDER]: [QUESTION] } });
  const { ui, smtp } = harness;
  await ui.indexLocalFolder(FOLDER, 1);

  // A [FIN] to the patient, saved as a draft from a compose window, as autosave does.
  const compose = await ui.openComposeWindow({ to: PATIENT, subject: "[FIN]", body: "Bonjour,\n\nNous clôturons cet échange.\n" });
  await ui.bidi.chromeEval(compose, String.raw`() => { goDoCommand("cmd_saveAsDraft"); return true; }`);
  const deadline = Date.now() + 20_000;
  while (!(await storedFins(ui)).some((m) => m.uses.includes("drafts"))) {
    if (Date.now() > deadline) throw new Error(`no [FIN] draft: ${JSON.stringify(await storedFins(ui))}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  await ui.closeWindow(compose);
  await ui.waitForWindowClosed(compose);

  // An incoming [FIN] addressed to the patient, dated in 2099.
  await ui.deliverNewMail([INCOMING_FUTURE_FIN]);
  const stored = await storedFins(ui);
  const summary = stored.map((m) => `${m.uses.join("+")} ${m.author.includes(MSSANTE_IDENTITY.email) ? "own" : m.author} ${m.date.slice(0, 4)}`).sort();
  expect(summary).toEqual(["drafts own " + String(new Date().getFullYear()), "inbox Secrétariat <secretariat@autre-cabinet.mssante.fr> 2099"]);
  expect(smtp.messages()).toEqual([]);

  // The patient's exchange is open.
  await ui.displayLocalMessage(FOLDER, "evidence-1@patient.mssante.fr");
  const open = await waitForButton(ui, { disabled: false, label: "Clore l'échange" });
  expect(open.tooltip).toContain("État : ouvert.");

  // One click closes it: one [FIN], to the patient, and the button then says closed.
  await ui.bidi.chromeEval(await ui.mainWindow(), BUTTON, [ADDON_ID, true], buttonSchema);
  const [sent] = await smtp.waitForMessages(1, 30_000);
  if (sent === undefined) throw new Error("no [FIN] sent");
  expect(headerLine(sent.raw, "Subject")).toBe("Subject: [FIN]");
  expect(sent.envelope.rcptTo.map((r) => r.address)).toEqual([PATIENT]);
  expect(headerLine(sent.raw, "In-Reply-To")).toBe("In-Reply-To: <evidence-1@patient.mssante.fr>");
  await waitForButton(ui, { disabled: true, label: "Échange clos le " });
  expect(smtp.messages()).toHaveLength(1);
  expect(await ui.composeWindows()).toEqual([]);
}, 180_000);
