// Proves the end-to-end harness on a real Thunderbird with a tiny throwaway add-on: compose
// action popup typed into and clicked, compose subject changed by the add-on, real Send,
// message captured over SMTP, everything stopped.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appendToLocalFolder,
  headerLine,
  headerLines,
  isProcessGroupAlive,
  killStartedThunderbirds,
  startHarness,
} from "../../harness/index.js";
import type { Harness } from "../../harness/index.js";

const ADDON_ID = "harness-smoke@mssante-patient.test";

const PROBE_FILES: Readonly<Record<string, string>> = {
  "manifest.json": JSON.stringify({
    manifest_version: 3,
    name: "Harness smoke probe",
    version: "1.0",
    browser_specific_settings: { gecko: { id: ADDON_ID, strict_min_version: "140.0" } },
    background: { scripts: ["background.js"] },
    permissions: ["compose", "accountsRead", "messagesRead"],
    compose_action: { default_title: "Probe", default_label: "Probe", default_popup: "popup.html" },
  }),
  "background.js": "globalThis.probeStartedAt = Date.now();\n",
  "popup.html": `<!doctype html>
<html><head><meta charset="utf-8"><title>Probe</title><script src="popup.js" defer></script></head>
<body><input id="x"><button id="b" type="button">Apply</button><p id="status">ready</p></body></html>
`,
  "window.html": `<!doctype html>
<html><head><meta charset="utf-8"><title>Probe window</title><script src="window.js" defer></script></head>
<body><p id="message">Envoi bloqué</p><label><input id="ack" type="checkbox"> Compris</label>
<button id="close" type="button">Fermer</button></body></html>
`,
  "window.js": `document.getElementById("close").addEventListener("click", () => {
  document.getElementById("message").textContent = document.getElementById("ack").checked ? "acknowledged" : "not acknowledged";
});
`,
  "popup.js": `document.getElementById("b").addEventListener("click", async () => {
  const [tab] = await messenger.tabs.query({ active: true, currentWindow: true });
  await messenger.compose.setComposeDetails(tab.id, { subject: document.getElementById("x").value });
  document.getElementById("status").textContent = "applied";
});
`,
};

const patientMessage = (n: number): string =>
  [
    `From: Patient ${n} <patient${n}@patient.mssante.fr>`,
    "To: dr.martin@medecin.mssante.fr",
    `Subject: Question ${n}`,
    `Message-ID: <question-${n}@patient.mssante.fr>`,
    "Date: Mon, 1 Jan 2024 10:00:00 +0100",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    `Bonjour docteur, question ${n}.`,
    "From the patient.",
    "",
  ].join("\r\n");

describe("end-to-end harness", () => {
  let harness: Harness | undefined;
  let addonDir = "";
  let startedAt = 0;

  beforeAll(async () => {
    addonDir = await mkdtemp(join(tmpdir(), "mssante-e2e-addon-"));
    for (const [name, text] of Object.entries(PROBE_FILES)) await writeFile(join(addonDir, name), text);
    startedAt = Date.now();
    harness = await startHarness({
      extensions: [addonDir],
      localFolders: { Patients: [patientMessage(1), patientMessage(2)] },
    });
  });

  afterAll(async () => {
    await harness?.stop();
    killStartedThunderbirds();
    await rm(addonDir, { recursive: true, force: true });
  });

  it("types into a compose-action popup, sends, and captures the message", async () => {
    if (harness === undefined) throw new Error("harness not started");
    const { ui, smtp, addonIds } = harness;
    expect(addonIds).toEqual([ADDON_ID]);

    const compose = await ui.openComposeWindow({ to: "someone@example.org", subject: "Draft", body: "Bonjour.\n" });
    expect(await ui.composeFields(compose)).toMatchObject({
      to: ["someone@example.org"],
      subject: "Draft",
      identityEmail: "dr.martin@medecin.mssante.fr",
    });

    await ui.clickComposeAction(compose, ADDON_ID);
    expect(await ui.isPopupOpen(compose)).toBe(true);
    expect(await ui.popupQuery(compose, "#status")).toMatchObject({ text: "ready", visible: true });

    const typed = "Résultats d'analyse — 2024";
    expect(await ui.popupType(compose, "#x", typed)).toMatchObject({ value: typed, focused: true });
    await ui.popupClick(compose, "#b");
    await ui.waitForPopupSelector(compose, "#status", { textIncludes: "applied" });
    expect((await ui.composeFields(compose)).subject).toBe(typed);

    await ui.clickSend(compose);
    const [message, ...others] = await smtp.waitForMessages(1, 30_000);
    await ui.waitForWindowClosed(compose);
    expect(others).toEqual([]);
    if (message === undefined) throw new Error("no message");

    expect(message.envelope.mailFrom?.address).toBe("dr.martin@medecin.mssante.fr");
    expect(message.envelope.rcptTo.map((rcpt) => rcpt.address)).toEqual(["someone@example.org"]);
    expect(headerLine(message.raw, "To")).toBe("To: someone@example.org");
    // Thunderbird encodes a non-ASCII subject (RFC 2047); the decoded text is the typed one.
    const subject = headerLine(message.raw, "Subject");
    expect(subject.startsWith("Subject: =?UTF-8?")).toBe(true);
    expect(decodeRfc2047(subject.slice("Subject: ".length))).toBe(typed);
    expect(headerLines(message.raw, "From")).toEqual(["From: Dr Claire Martin <dr.martin@medecin.mssante.fr>"]);
    expect(smtp.messages()).toHaveLength(1);
    expect(await ui.openDialogs()).toEqual([]);
  });

  it("sends an ASCII subject byte for byte", async () => {
    if (harness === undefined) throw new Error("harness not started");
    const { ui, smtp } = harness;
    smtp.clear();
    const compose = await ui.openComposeWindow({
      to: ["someone@example.org"],
      identityKey: "id2",
      body: "Test.\n",
    });
    await ui.clickComposeAction(compose, ADDON_ID);
    await ui.popupType(compose, "#x", "[FIN] Compte rendu");
    await ui.popupClick(compose, "#b");
    await ui.waitForPopupSelector(compose, "#status", { textIncludes: "applied" });
    expect(await ui.composeFields(compose)).toMatchObject({
      subject: "[FIN] Compte rendu",
      identityKey: "id2",
      identityEmail: "dr.martin@exemple.fr",
    });
    await ui.clickSend(compose);
    const [message] = await smtp.waitForMessages(1, 30_000);
    if (message === undefined) throw new Error("no message");
    expect(headerLines(message.raw, "Subject")).toEqual(["Subject: [FIN] Compte rendu"]);
    expect(message.envelope.mailFrom?.address).toBe("dr.martin@exemple.fr");
  });

  it("indexes messages written into Local Folders so the add-on sees them", async () => {
    if (harness === undefined) throw new Error("harness not started");
    const { ui, profile } = harness;
    const listSubjects = `async (name) => {
      const [folder] = await messenger.folders.query({ name });
      const page = await messenger.messages.list(folder.id);
      return page.messages.map((message) => message.subject);
    }`;
    expect(await ui.indexLocalFolder("Patients", 2)).toMatchObject({ total: 2, path: "/Patients" });
    expect(await ui.backgroundEval(ADDON_ID, listSubjects, ["Patients"])).toEqual(["Question 1", "Question 2"]);
    await appendToLocalFolder(profile, "Patients", [patientMessage(3)]);
    await ui.indexLocalFolder("Patients", 3);
    expect(await ui.backgroundEval(ADDON_ID, listSubjects, ["Patients"])).toEqual([
      "Question 1",
      "Question 2",
      "Question 3",
    ]);
    // A folder Thunderbird did not know at start-up.
    await appendToLocalFolder(profile, "Archives", [patientMessage(4)]);
    expect((await ui.indexLocalFolder("Archives", 1)).path).toBe("/Archives");
  });

  it("reads and clicks in a window opened by the add-on", async () => {
    if (harness === undefined) throw new Error("harness not started");
    const { ui } = harness;
    expect(await ui.extensionWindows()).toEqual([]);
    await ui.backgroundEval(ADDON_ID, `async () => {
      await messenger.windows.create({ type: "popup", url: "window.html", width: 400, height: 300 });
    }`);
    const win = await ui.waitForExtensionWindow("window.html");
    expect(await ui.windowQuery(win, "#message")).toMatchObject({ text: "Envoi bloqué" });
    await ui.windowClick(win, "#ack");
    expect(await ui.windowQuery(win, "#ack")).toMatchObject({ checked: true });
    await ui.windowClick(win, "#close");
    await ui.waitForWindowSelector(win, "#message", { textIncludes: "acknowledged" });
    expect(await ui.windowEval(win, "() => document.title")).toBe("Probe window");
    await ui.closeWindow(win);
    await ui.waitForWindowClosed(win);
    expect(await ui.extensionWindows()).toEqual([]);
  });

  it("stops Thunderbird and its whole process group", async () => {
    if (harness === undefined) throw new Error("harness not started");
    const { thunderbird } = harness;
    const pgid = thunderbird.pgid;
    expect(isProcessGroupAlive(pgid)).toBe(true);
    const stopStartedAt = Date.now();
    await harness.stop();
    const stoppedAt = Date.now();
    harness = undefined;
    expect(isProcessGroupAlive(pgid)).toBe(false);
    expect(thunderbird.exited).toBe(true);
    console.info(`harness: start → stop ${stoppedAt - startedAt} ms (stop alone ${stoppedAt - stopStartedAt} ms)`);
  });
});

/** Decodes the RFC 2047 encoded-words of an unfolded header value (B and Q, UTF-8 only). */
function decodeRfc2047(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            "latin1",
          ).toString("utf8"),
    );
}
