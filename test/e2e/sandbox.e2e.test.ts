// `npm start`'s sandbox in a real Thunderbird, set up by the very function `npm start` calls
// (`prepareSandbox`) and nothing else: the add-on is installed from the packed .xpi (as a
// professional installs it), the panel's first open shows the demo bounce and receipt, and
// a message to a patient from the demo identity reaches the SMTP capture only.
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  headerLine,
  killStartedThunderbirds,
  pageQueryAll,
  pageWaitForSelector,
  startSmtpCapture,
  startThunderbird,
  ThunderbirdUi,
  type SmtpCapture,
  type ThunderbirdInstance,
} from "../../harness/index.js";
import { DEMO_PROFESSIONAL } from "../../scripts/sandbox/demo-mail.js";
import { ADDON_ID, createSandboxProfile } from "../../scripts/sandbox/profile.js";
import { prepareSandbox, type SandboxReady } from "../../scripts/sandbox/ready.js";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { name: string; version: string };
let smtp: SmtpCapture;
let thunderbird: ThunderbirdInstance;
let parentDir = "";
let ready: SandboxReady;

beforeAll(async () => {
  parentDir = await mkdtemp(join(tmpdir(), "mssante-sandbox-test-"));
  smtp = await startSmtpCapture();
  const profile = await createSandboxProfile({ smtpPort: smtp.port, parentDir });
  // As `npm start --headless` (the same start, without a window).
  thunderbird = await startThunderbird({ profile });
  ready = await prepareSandbox(thunderbird, resolve("dist", `${pkg.name}-${pkg.version}.xpi`));
});

afterAll(async () => {
  await thunderbird.stop();
  await smtp.close();
  killStartedThunderbirds();
  await rm(parentDir, { recursive: true, force: true });
});

it("loads the packed add-on, shows the demo folder, and captures what is sent", async () => {
  const ui = new ThunderbirdUi(thunderbird.bidi);
  expect(ready.addon).toEqual({ id: ADDON_ID, version: pkg.version });
  const version = await ui.backgroundEval(ADDON_ID, "() => messenger.runtime.getManifest().version");
  expect(version).toBe(pkg.version);
  expect([ready.demoFolder.total, ready.sentFolder.total]).toEqual([3, 2]);
  // The sent message the demo read receipt names is in a folder flagged as Sent, so the
  // panel shows the receipt as genuine.
  const sentFolder = await ui.backgroundEval(
    ADDON_ID,
    `async () => { const [m] = (await messenger.messages.query({ headerMessageId: "demo-sent-1@medecin.mssante.fr" })).messages; return [m.folder.path, m.folder.specialUse, m.author]; }`,
  );
  expect(sentFolder).toEqual(["/Sent", ["sent"], `${DEMO_PROFESSIONAL.fullName} <${DEMO_PROFESSIONAL.email}>`]);

  // The panel's first open shows the demo bounce and receipt without a click on "Analyser":
  // recent mail is scanned by itself (at install, or now that the panel finds nothing recorded).
  await ui.clickMailAction(ADDON_ID);
  const panel = await ui.tabPage("notices-panel.html");
  await pageWaitForSelector(thunderbird.bidi, panel, "body[data-ready='true']", { state: "attached", timeoutMs: 15_000 });
  await pageWaitForSelector(thunderbird.bidi, panel, "li.item.receipt", { state: "attached", timeoutMs: 60_000 });
  await pageWaitForSelector(thunderbird.bidi, panel, "li.item.bounce[data-reason='mailbox-closed']", { state: "attached", timeoutMs: 60_000 });
  expect((await pageQueryAll(thunderbird.bidi, panel, "li.item")).length).toBe(2);
  await ui.closeTab("notices-panel.html");

  const compose = await ui.openComposeWindow({ subject: "Essai", body: "Bonjour.\n" });
  await ui.clickComposeAction(compose, ADDON_ID);
  await ui.waitForPopupSelector(compose, "body[data-ready='true']", { state: "attached" });
  await ui.popupType(compose, "#ins", "255081416802538");
  await ui.popupClick(compose, "#add-patient");
  await ui.waitForPopupSelector(compose, "#patient-list li");
  await ui.clickSend(compose);
  const [sent] = await smtp.waitForMessages(1, 30_000);
  if (sent === undefined) throw new Error("nothing sent");
  expect(sent.envelope.mailFrom?.address).toBe(DEMO_PROFESSIONAL.email);
  expect(headerLine(sent.raw, "To")).toBe("To: 255081416802538@patient.mssante.fr");
});
