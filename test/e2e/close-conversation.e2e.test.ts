// "Clore l'échange" in a real Thunderbird: a patient's message in Local Folders is
// displayed, the real button of the message header is clicked, and the SMTP capture must
// hold exactly one message — subject exactly [FIN], from the identity the patient wrote
// to, to the patient only, threaded on the patient's message — even on a double click.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { headerLine, headerLines, MSSANTE_IDENTITY, type CapturedMessage, type Harness } from "../../harness/index.js";
import { ADDON_ID, startWithAddon, stopAll } from "./addon-harness.js";
import { readButton, type Button } from "./close-button.js";

const PATIENT = "255081416802538@patient.mssante.fr";
const OTHER_PATIENT = "253072A07300443@patient.mssante.fr";
const THIRD_PATIENT = "295109912611193@patient.mssante.fr";
const FOURTH_PATIENT = "186022A21532523@patient.mssante.fr";
/** The identity the patients wrote to: not the default one, so that the choice shows. */
const SECRETARIAT = { key: "id2", email: "secretariat@cabinet-martin.mssante.fr", fullName: "Secrétariat du Dr Martin" };
const FOLDER = "Patients";

function patientMessage(options: { from: string; name: string; messageId: string; subject: string; to?: string }): string {
  return [
    `From: ${options.name} <${options.from}>`,
    `To: ${options.to ?? SECRETARIAT.email}`,
    `Subject: ${options.subject}`,
    "Date: Mon, 03 Mar 2025 09:15:00 +0100",
    `Message-ID: <${options.messageId}>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    "Bonjour docteur,",
    "",
    "J'ai une question sur mon traitement.",
    "",
  ].join("\r\n");
}

const MESSAGES = [
  patientMessage({ from: PATIENT, name: "Marie Durand", messageId: "question-1@patient.mssante.fr", subject: "Question sur mon traitement" }),
  patientMessage({ from: OTHER_PATIENT, name: "Paul Girard", messageId: "question-2@patient.mssante.fr", subject: "Rendez-vous" }),
  patientMessage({ from: THIRD_PATIENT, name: "Lucie Bernard", messageId: "question-3@patient.mssante.fr", subject: "Ordonnance" }),
  patientMessage({ from: FOURTH_PATIENT, name: "Jean Petit", messageId: "question-4@patient.mssante.fr", subject: "Analyses" }),
  [
    "From: Service de cardiologie <cardio@ch-exemple.mssante.fr>",
    `To: ${MSSANTE_IDENTITY.email}`,
    "Subject: Compte rendu",
    "Date: Mon, 03 Mar 2025 10:00:00 +0100",
    "Message-ID: <cr-1@ch-exemple.mssante.fr>",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    "Compte rendu en pièce jointe.",
    "",
  ].join("\r\n"),
];

let harness: Harness;

beforeAll(async () => {
  harness = await startWithAddon({
    identities: [MSSANTE_IDENTITY, SECRETARIAT],
    localFolders: { [FOLDER]: MESSAGES },
  });
  await harness.ui.indexLocalFolder(FOLDER, MESSAGES.length);
});

afterAll(() => stopAll(harness));

beforeEach(() => {
  harness.smtp.clear();
});

/** Shows the message of Local Folders/Patients with that Message-ID in the main window's 3-pane tab. */
async function display(messageId: string): Promise<void> {
  await harness.ui.displayLocalMessage(FOLDER, messageId);
}

/** The "Clore l'échange" button of the message header, once it shows `disabled` as expected. */
async function waitForButton(disabled: boolean, tooltipHas = "", timeoutMs = 10_000): Promise<Button> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await readButton(harness.ui);
    if (state.exists && state.disabled === disabled && state.tooltip.includes(tooltipHas)) return state;
    if (Date.now() > deadline) throw new Error(`close button never became ${disabled ? "disabled" : "enabled"}: ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Clicks the real button `times` times, `gapMs` apart. */
async function clickButton(times = 1, gapMs = 120): Promise<void> {
  await harness.ui.chromeEval(
    String.raw`async (addonId, times, gapMs) => {
      const { ExtensionCommon } = ChromeUtils.importESModule("resource://gre/modules/ExtensionCommon.sys.mjs");
      const id = ExtensionCommon.makeWidgetId(addonId) + "-messageDisplayAction-toolbarbutton";
      const button = document.getElementById("tabmail").currentAboutMessage.document.getElementById(id);
      for (let i = 0; i < times; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, gapMs));
        button.click();
      }
      return true;
    }`,
    [ADDON_ID, times, gapMs],
  );
}

function expectClosing(message: CapturedMessage | undefined, patient: string, name: string, inReplyTo: string): void {
  if (message === undefined) throw new Error("nothing sent");
  const raw = message.raw;
  expect(headerLine(raw, "Subject")).toBe("Subject: [FIN]");
  expect(headerLine(raw, "From")).toBe(`From: =?UTF-8?Q?Secr=C3=A9tariat_du_Dr_Martin?= <${SECRETARIAT.email}>`);
  expect(headerLine(raw, "To")).toBe(`To: ${name} <${patient}>`);
  expect(headerLines(raw, "Cc")).toEqual([]);
  expect(headerLines(raw, "Bcc")).toEqual([]);
  expect(headerLine(raw, "In-Reply-To")).toBe(`In-Reply-To: <${inReplyTo}>`);
  expect(headerLine(raw, "References")).toContain(`<${inReplyTo}>`);
  // The user's default (readReceiptDefault, on): a read receipt to the sending address.
  expect(headerLine(raw, "Disposition-Notification-To")).toContain(SECRETARIAT.email);
  expect(message.envelope.mailFrom?.address).toBe(SECRETARIAT.email);
  expect(message.envelope.rcptTo.map((r) => r.address)).toEqual([patient]);
  expect(raw.toString("utf8")).toContain(`Bonjour ${name},`);
  expect(raw.toString("utf8")).not.toContain("J'ai une question");
}

describe("Clore l'échange", () => {
  it("is disabled, with the reason as tooltip, on a message that is not a patient's", async () => {
    await display("cr-1@ch-exemple.mssante.fr");
    const state = await waitForButton(true);
    expect(state.label).toBe("Clore l'échange");
    expect(state.tooltip).toContain("ni d'un patient ni adressé à un patient");
  });

  it("one click sends one [FIN] to the patient, from the identity the patient wrote to, threaded", async () => {
    await display("question-1@patient.mssante.fr");
    const state = await waitForButton(false, "Marie Durand");
    expect(state.tooltip).toMatch(/^Échange Mon espace santé avec Marie Durand — INS 2 55 08 14 168 025 38 .*Clore l'échange : envoyer \[FIN\] au patient$/);
    await clickButton();
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    expectClosing(sent, PATIENT, "Marie Durand", "question-1@patient.mssante.fr");
    await new Promise((r) => setTimeout(r, 1500));
    expect(harness.smtp.messages()).toHaveLength(1);
    expect(await harness.ui.composeWindows()).toEqual([]);
  });

  it("a double click (120 ms apart) still sends one", async () => {
    await display("question-2@patient.mssante.fr");
    await waitForButton(false, "Paul Girard");
    await clickButton(2, 120);
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    expectClosing(sent, OTHER_PATIENT, "Paul Girard", "question-2@patient.mssante.fr");
    await new Promise((r) => setTimeout(r, 3000));
    expect(harness.smtp.messages()).toHaveLength(1);
    expect(await harness.ui.composeWindows()).toEqual([]);
  });

  it("a later click on an exchange already closed sends nothing more: the button is disabled, and says since when", async () => {
    await display("question-1@patient.mssante.fr");
    const state = await waitForButton(true, "Marie Durand");
    expect(state.label).toMatch(/^Échange clos le \d\d\/\d\d\/\d{4}$/);
    expect(state.tooltip).toContain("Échange déjà clos");
    await clickButton();
    await new Promise((r) => setTimeout(r, 2500));
    expect(harness.smtp.messages()).toEqual([]);
    expect(await harness.ui.composeWindows()).toEqual([]);
  });

  it("with the keyboard shortcut Alt+Shift+F", async () => {
    await display("question-3@patient.mssante.fr");
    await waitForButton(false, "Lucie Bernard");
    const found = await harness.ui.fireShortcut("alt,shift", "F");
    expect(found).toBe(true);
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    expectClosing(sent, THIRD_PATIENT, "Lucie Bernard", "question-3@patient.mssante.fr");
  });

  it("from the message list's context menu", async () => {
    await display("question-4@patient.mssante.fr");
    const label = await harness.ui.chromeEval(
      String.raw`async () => {
        const about3Pane = document.getElementById("tabmail").currentAbout3Pane;
        const menu = about3Pane.document.getElementById("mailContext");
        const row = about3Pane.threadTree.getRowAtIndex(about3Pane.threadTree.selectedIndex);
        const shown = new Promise((resolve) => menu.addEventListener("popupshown", resolve, { once: true }));
        row.dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true, button: 2 }));
        await shown;
        // The entry is enabled once the add-on has looked at the selection (menus.onShown).
        const deadline = Date.now() + 5000;
        let item;
        for (;;) {
          item = [...menu.querySelectorAll("menuitem")].find((m) => m.id.includes("close-conversation"));
          if (item && !item.disabled) break;
          if (Date.now() > deadline) throw new Error("no enabled close entry: " + (item ? "disabled" : "missing"));
          await new Promise((r) => setTimeout(r, 50));
        }
        const text = item.getAttribute("label");
        item.doCommand();
        menu.hidePopup();
        return text;
      }`,
    );
    expect(label).toBe("Clore l'échange (envoyer [FIN] au patient)");
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    expectClosing(sent, FOURTH_PATIENT, "Jean Petit", "question-4@patient.mssante.fr");
  });
});

describe("the optional Patient tag", () => {
  async function keywords(messageId: string): Promise<string> {
    const value = await harness.ui.chromeEval(
      `(folderName, messageId) => MailServices.accounts.localFoldersServer.rootFolder.getChildNamed(folderName).msgDatabase.getMsgHdrForMessageID(messageId).getStringProperty("keywords")`,
      [FOLDER, messageId],
    );
    return typeof value === "string" ? value : "";
  }

  async function waitForKeyword(messageId: string, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await keywords(messageId);
      if (found.split(" ").includes("mssante-patient") || Date.now() > deadline) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it("is off by default, and once on, tags a patient's message when displayed (not other mail)", async () => {
    await display("question-2@patient.mssante.fr");
    await waitForButton(true, "Paul Girard");
    await new Promise((r) => setTimeout(r, 500));
    expect(await keywords("question-2@patient.mssante.fr")).not.toContain("mssante-patient");

    await harness.ui.backgroundEval(ADDON_ID, "() => messenger.storage.local.set({ tagPatientMessages: true, settingsVersion: 1 }).then(() => true)");
    await display("cr-1@ch-exemple.mssante.fr");
    await waitForButton(true, "ni d'un patient");
    await display("question-2@patient.mssante.fr");
    expect((await waitForKeyword("question-2@patient.mssante.fr")).split(" ")).toContain("mssante-patient");
    await new Promise((r) => setTimeout(r, 500));
    expect(await keywords("cr-1@ch-exemple.mssante.fr")).not.toContain("mssante-patient");
    const label = await harness.ui.chromeEval(`() => MailServices.tags.getTagForKey("mssante-patient")`);
    expect(label).toBe("Patient");
  });
});
