// The add-on's own send paths in a real Thunderbird 153, where Thunderbird does not simply
// send: the send-check window and the « Clore l'échange ? » question with Thunderbird offline
// (the message waits in the Outbox, and the window says so) and with an outgoing server that
// refuses the message (never said sent, nothing lost, and a refused « Clore et envoyer »
// gives the user's subject back and asks again); Thunderbird's "send in background" setting
// (`mailnews.sendInBackground`, where Thunderbird never tells an add-on that a send ended)
// with the send check, « Clore l'échange ? », the header button and "close after sending";
// and a real restart of Thunderbird with a [FIN] waiting in the Outbox (« Clôture en attente »,
// never a second [FIN]).
import { rmSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { say } from "../../src/core/i18n/catalogs.js";
import { msg, type MessageKey } from "../../src/core/i18n/text.js";
import { bodyBytes, headerLine, MSSANTE_IDENTITY, startThunderbird, ThunderbirdUi, type CapturedMessage, type Harness, type HarnessOptions, type ThunderbirdInstance } from "../../harness/index.js";
import { ADDON_ID, BUTTON, buttonSchema, waitForButton } from "./close-button.js";
import { clickBanner, waitForBanner } from "./banner-page.js";
import { OUTBOX_BY_HAND_PREFS, outbox, sendUnsent, setOffline, waitForOutbox } from "./outbox.js";
import { startRefusingSmtp, smtpPort, useSmtpPort, type RefusingSmtp } from "./refusing-smtp.js";
import { notificationsTold as notifications, recordNotifications, session } from "./notifications.js";
import { openWithCloseAfter } from "./send-later.js";
import { patientMessage as patientMail, SHORT_QUESTION } from "./patient-mail.js";
import { ADDON_DIR, startWithAddon, stopAll } from "./addon-harness.js";

const FOLDER = "Patients";
const fr = (key: MessageKey, ...subs: string[]): string => say(msg(key, ...subs), "fr");

/** Key-valid INS, one patient per test (a closed exchange stays closed). */
const INS = {
  a: "255081416802538",
  b: "253072A07300443",
  c: "295109912611193",
  d: "186022A21532523",
  e: "146026322000196",
  f: "253072B07300470",
} as const;
const addressOf = (ins: string): string => `${ins}@patient.mssante.fr`;
const idOf = (ins: string): string => `send-paths-${ins}@patient.mssante.fr`;

function patientMessage(ins: string, name: string): string {
  return patientMail({ from: addressOf(ins), name, id: idOf(ins), subject: "Question sur mon traitement", body: SHORT_QUESTION });
}

/** The rule that asks « Clore l'échange ? » on a message of the practitioner's marked #clore. */
const RULES = [{ name: "Fin de suivi", identities: [MSSANTE_IDENTITY.email], marker: "#clore", closeAfterConfirm: true }];
const BODY = "Bonjour,\n\nVotre rendez-vous du 3 mars est confirmé.\n";
// (The capture takes 8BITMIME: Thunderbird sends the UTF-8 text as it is.)
const BODY_ON_THE_WIRE = "Bonjour,\r\n\r\nVotre rendez-vous du 3 mars est confirmé.\r\n";

let harness: Harness;

async function startWithRules(prefs: Record<string, string | number | boolean> = {}, extra: Omit<HarnessOptions, "extensions" | "prefs"> = {}): Promise<Harness> {
  const started = await startWithAddon({ ...extra, prefs: { ...OUTBOX_BY_HAND_PREFS, ...prefs } });
  await started.ui.backgroundEval(
    ADDON_ID,
    `(rules) => messenger.storage.local.set({ automationRules: rules, readReceiptDefault: false, settingsVersion: 1 }).then(() => true)`,
    [RULES],
  );
  return started;
}

beforeAll(async () => {
  harness = await startWithRules({}, { localFolders: { [FOLDER]: [patientMessage(INS.e, "Anne Leroy"), patientMessage(INS.f, "Louise Martin")] } });
  await harness.ui.indexLocalFolder(FOLDER, 2);
});

afterAll(() => stopAll(harness));

/**
 * What a failed test may have left behind (a window, a message in the Outbox, Thunderbird
 * offline) must not make the next one fail.
 */
async function tidy(ui: ThunderbirdUi): Promise<void> {
  if (z.boolean().parse(await ui.chromeEval("() => Services.io.offline"))) await setOffline(ui, false);
  const windows = [...(await ui.extensionWindows()).map((w) => w.context), ...(await ui.composeWindows())];
  for (const context of windows) {
    await ui.bidi.chromeEval(context, String.raw`() => {
      if (typeof gMsgCompose !== "undefined" && gMsgCompose) { gContentChanged = false; gMsgCompose.bodyModified = false; }
      setTimeout(() => window.close(), 0);
      return true;
    }`);
    await ui.waitForWindowClosed(context);
  }
  await ui.chromeEval(String.raw`() => {
    const sendLater = Cc["@mozilla.org/messengercompose/sendlater;1"].getService(Ci.nsIMsgSendLater);
    const identity = MailServices.accounts.allIdentities.find((candidate) => candidate.key === "id1");
    const folder = sendLater.getUnsentMessagesFolder(identity);
    const left = folder ? [...folder.messages] : [];
    if (left.length > 0) folder.deleteMessages(left, null, true, false, null, false);
    return true;
  }`);
  await waitForOutbox(ui, 0);
}

beforeEach(async () => {
  await tidy(harness.ui);
  harness.smtp.clear();
});

/** Waits `ms`, then checks that the SMTP capture holds exactly `count` messages. */
async function expectCaptured(count: number, ms = 1_500): Promise<readonly CapturedMessage[]> {
  await new Promise((r) => setTimeout(r, ms));
  const all = harness.smtp.messages();
  expect(all).toHaveLength(count);
  return all;
}

async function bodyText(compose: string): Promise<string> {
  return z.string().parse(await harness.ui.bidi.chromeEval(compose, "() => window.GetCurrentEditor().outputToString('text/plain', 0)"));
}

/** A message to two patients in To (blocked), its send check open, the fix applied: ready to send from the window. */
async function blockedThenFixed(): Promise<{ compose: string; check: string }> {
  const { ui } = harness;
  const compose = await ui.openComposeWindow({ to: [addressOf(INS.a), addressOf(INS.b)], subject: "Rendez-vous", body: BODY });
  await ui.clickSend(compose, { via: "button" });
  const check = await ui.waitForExtensionWindow("send-check.html");
  await ui.waitForWindowSelector(check, "#blockers li[data-code='patients-see-each-other']");
  await ui.windowClick(check, "button[data-fix='patients-to-bcc']");
  await ui.waitForWindowSelector(check, "#send-now");
  return { compose, check };
}

/** The message of `blockedThenFixed` as the server must receive it. */
function expectRendezVous(sent: CapturedMessage | undefined): void {
  if (sent === undefined) throw new Error("nothing sent");
  expect(headerLine(sent.raw, "Subject")).toBe("Subject: Rendez-vous");
  // Both patients in Bcc: neither address in the message itself.
  expect(sent.raw.toString("utf8")).not.toContain("patient.mssante.fr");
  expect(sent.envelope.rcptTo.map((r) => r.address).sort()).toEqual([addressOf(INS.a), addressOf(INS.b)].sort());
  expect(bodyBytes(sent.raw).toString("utf8")).toBe(BODY_ON_THE_WIRE);
}

/** Accepts Thunderbird's alerts until `done(what they said so far)` holds; resolves with what they said. */
async function dismissAlertsUntil(done: (alerts: readonly string[]) => Promise<boolean>, what: string): Promise<string[]> {
  const alerts: string[] = [];
  const deadline = Date.now() + 30_000;
  while (!(await done(alerts))) {
    if (Date.now() > deadline) throw new Error(`${what} never happened; alerts: ${JSON.stringify(alerts)}`);
    alerts.push(...(await harness.ui.acceptDialogs()).map((d) => d.text));
    await new Promise((r) => setTimeout(r, 200));
  }
  return alerts;
}

/**
 * Clicks a button that closes its own window, and waits for it to close (the click's answer
 * may be lost with the window: BiDi then says the frame no longer exists).
 */
async function clickToClose(context: string, selector: string): Promise<void> {
  await harness.ui.windowClick(context, selector).catch((error: unknown) => {
    if (!(error instanceof Error && error.message.includes("no such frame"))) throw error;
  });
  await harness.ui.waitForWindowClosed(context);
}

async function withRefusingServer(run: (server: RefusingSmtp, ours: number) => Promise<void>): Promise<void> {
  const server = await startRefusingSmtp();
  const ours = await smtpPort(harness.ui);
  await useSmtpPort(harness.ui, server.port);
  try {
    await run(server, ours);
  } finally {
    await useSmtpPort(harness.ui, ours);
    await server.close();
  }
}

describe("the send-check window", () => {
  it("offline: the message goes to the Outbox and the window says it waits there; nothing reaches the server until the Outbox is sent", async () => {
    const { ui } = harness;
    const { compose, check } = await blockedThenFixed();
    await setOffline(ui, true);
    try {
      await ui.windowClick(check, "#send-now");
      const status = await ui.waitForWindowSelector(check, "#send-status", { textIncludes: "boîte d'envoi" });
      expect(status?.text).toBe(fr("sendQueued"));
      await ui.waitForWindowClosed(compose);
      // The window stays, to be read, and can be closed.
      expect(await ui.isWindowOpen(check)).toBe(true);
      expect((await ui.windowQuery(check, "#heading"))?.text).toBe(fr("sendCheckOutboxHeading"));
      expect((await ui.windowQuery(check, "#send-now"))?.visible).toBe(false);
      expect((await ui.windowQuery(check, "#blockers-section"))?.visible).toBe(false);
      expect((await ui.windowQuery(check, "#done"))?.focused).toBe(true);
      expect((await waitForOutbox(ui, 1)).map((m) => m.subject)).toEqual(["Rendez-vous"]);
      await expectCaptured(0);
    } finally {
      await setOffline(ui, false);
    }
    await clickToClose(check, "#done");
    await sendUnsent(ui);
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    expectRendezVous(sent);
    await waitForOutbox(ui, 0);
    await expectCaptured(1);
  });

  it("the server refusing: the window says the send failed, never sent; the message stays in its window as written; sent again once the server takes it", async () => {
    const { ui } = harness;
    await withRefusingServer(async (server, ours) => {
      const { compose, check } = await blockedThenFixed();
      await ui.windowClick(check, "#send-now");
      const alerts = await dismissAlertsUntil(async () => (await ui.windowQuery(check, "#send-status.bad")) !== null, "the send check's failure");
      expect(alerts.join("\n")).toContain("Message refused");
      expect((await ui.windowQuery(check, "#send-status"))?.text).toBe(fr("sendFailed"));
      expect(server.offered).toHaveLength(1);
      await expectCaptured(0);
      expect(await outbox(ui)).toEqual([]);
      // Nothing lost: the compose window is open with what the user wrote (and the fix).
      expect(await ui.isComposeOpen(compose)).toBe(true);
      const fields = await ui.composeFields(compose);
      expect(fields.subject).toBe("Rendez-vous");
      expect([...fields.bcc].sort()).toEqual([addressOf(INS.a), addressOf(INS.b)].sort());
      expect(fields.to).toEqual([]);
      expect(await bodyText(compose)).toContain("Votre rendez-vous du 3 mars est confirmé.");
      const again = await ui.windowQuery(check, "#send-now");
      expect(again?.visible).toBe(true);
      expect(again?.disabled).toBe(false);

      await useSmtpPort(ui, ours);
      await ui.windowClick(check, "#send-now");
      const [sent] = await harness.smtp.waitForMessages(1, 30_000);
      expectRendezVous(sent);
      await ui.waitForWindowClosed(compose);
      await ui.waitForWindowClosed(check);
      expect(server.offered).toHaveLength(1);
    });
    await expectCaptured(1);
  });
});

describe("« Clore l'échange ? » (a rule proposes to close)", () => {
  async function asked(to: string, subject = "Fin du suivi #clore"): Promise<{ compose: string; question: string }> {
    const { ui } = harness;
    const compose = await ui.openComposeWindow({ identityKey: "id1", to, subject, body: BODY });
    await ui.clickSend(compose, { via: "button" });
    const question = await ui.waitForExtensionWindow("close-confirm.html");
    await ui.waitForWindowSelector(question, "body[data-ready='true']", { state: "attached" });
    return { compose, question };
  }

  it("offline, « Clore et envoyer »: the [FIN] waits in the Outbox and the window says so (not closed yet); sent with the Outbox", async () => {
    const { ui } = harness;
    const { compose, question } = await asked(addressOf(INS.c));
    // Thunderbird goes offline while the user reads the question.
    await setOffline(ui, true);
    try {
      await ui.windowClick(question, "#yes");
      const status = await ui.waitForWindowSelector(question, "#status", { textIncludes: "boîte d'envoi" });
      expect(status?.text).toBe(fr("closeConfirmQueued"));
      await ui.waitForWindowClosed(compose);
      expect((await ui.windowQuery(question, "#yes"))?.visible).toBe(false);
      expect((await ui.windowQuery(question, "#no"))?.visible).toBe(false);
      expect((await ui.windowQuery(question, "#done"))?.focused).toBe(true);
      expect((await waitForOutbox(ui, 1)).map((m) => m.subject)).toEqual(["[FIN]"]);
      await expectCaptured(0);
      await clickToClose(question, "#done");
    } finally {
      await setOffline(ui, false);
    }
    await sendUnsent(ui);
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    if (sent === undefined) throw new Error("nothing sent");
    expect(headerLine(sent.raw, "Subject")).toBe("Subject: [FIN]");
    expect(sent.envelope.rcptTo.map((r) => r.address)).toEqual([addressOf(INS.c)]);
    expect(bodyBytes(sent.raw).toString("utf8")).toBe(BODY_ON_THE_WIRE);
    await waitForOutbox(ui, 0);
    await expectCaptured(1);
  });

  it("the server refusing « Clore et envoyer »: said failed, the user's subject given back; the next Send asks again, and « Envoyer sans clore » sends it as written", async () => {
    const { ui } = harness;
    await withRefusingServer(async (server, ours) => {
      const { compose, question } = await asked(addressOf(INS.d));
      await ui.windowClick(question, "#yes");
      const alerts = await dismissAlertsUntil(async () => (await ui.windowQuery(question, "#gone"))?.visible === true, "the question's failure");
      expect(alerts.join("\n")).toContain("Message refused");
      expect((await ui.windowQuery(question, "#gone"))?.text).toBe(fr("sendFailed"));
      // What was offered was the [FIN]; nothing went.
      expect(server.offered.map((raw) => headerLine(raw, "Subject"))).toEqual(["Subject: [FIN]"]);
      await expectCaptured(0);
      expect(await outbox(ui)).toEqual([]);
      // Nothing lost: the compose window holds the subject and the text the user wrote.
      expect(await ui.isComposeOpen(compose)).toBe(true);
      const deadline = Date.now() + 10_000;
      while ((await ui.composeFields(compose)).subject !== "Fin du suivi #clore" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect((await ui.composeFields(compose)).subject).toBe("Fin du suivi #clore");
      expect(await bodyText(compose)).toContain("Votre rendez-vous du 3 mars est confirmé.");

      // The user closes the question and presses Send again once the server takes mail: asked again.
      await useSmtpPort(ui, ours);
      await ui.closeWindow(question);
      await ui.waitForWindowClosed(question);
      await ui.clickSend(compose, { via: "button" });
      const second = await ui.waitForExtensionWindow("close-confirm.html");
      await ui.waitForWindowSelector(second, "body[data-ready='true']", { state: "attached" });
      await expectCaptured(0);
      await ui.windowClick(second, "#no");
      const [sent] = await harness.smtp.waitForMessages(1, 30_000);
      if (sent === undefined) throw new Error("nothing sent");
      expect(headerLine(sent.raw, "Subject")).toBe("Subject: Fin du suivi #clore");
      expect(bodyBytes(sent.raw).toString("utf8")).toBe(BODY_ON_THE_WIRE);
      await ui.waitForWindowClosed(compose);
      expect(server.offered).toHaveLength(1);
    });
    await expectCaptured(1);
  });
});

/** Waits until `check` holds on the add-on's session storage (what it keeps of its compose tabs). */
async function waitForSession(ui: ThunderbirdUi, check: (stored: Record<string, unknown>) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check(await session(ui))) {
    if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(Object.keys(await session(ui)))}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const hasNotes = (stored: Record<string, unknown>): boolean => Object.keys(stored).some((k) => /^tab:\d+:sent/.test(k));
const hasTabMemory = (stored: Record<string, unknown>): boolean => Object.keys(stored).some((k) => k.startsWith("tab:"));

describe("« Clore après l'envoi » with the server refusing the message (Thunderbird's own Send)", () => {
  async function refusedInItsWindow(server: RefusingSmtp, to: string): Promise<string> {
    const { ui } = harness;
    const compose = await openWithCloseAfter(ui, to, "Vos résultats");
    await ui.clickSend(compose, { via: "button" });
    // The server has the message before Thunderbird shows its alert: wait for the alert itself.
    const refusedSaid = (alerts: readonly string[]): boolean => alerts.some((a) => a.includes("Message refused"));
    const alerts = await dismissAlertsUntil(async (said) => refusedSaid(said) && (await ui.openDialogs()).length === 0, "the refusal");
    expect(server.offered.length).toBeGreaterThan(0);
    expect(alerts.join("\n")).toContain("Message refused");
    expect(await ui.isComposeOpen(compose)).toBe(true);
    // Thunderbird answered the send (without a Message-ID): the notes of the send are forgotten,
    // the close stays asked.
    await waitForSession(ui, (stored) => !hasNotes(stored), "the notes of the refused send are still there");
    expect(Object.entries(await session(ui)).filter(([k]) => k.endsWith(":closeAfterSend"))).toEqual([[expect.stringMatching(/^tab:\d+:closeAfterSend$/), true]]);
    return compose;
  }

  it("refused, then the window closed without sending: no search, no [FIN], nothing said about a message sent in the background; the user is told no [FIN] will follow", async () => {
    const { ui } = harness;
    await recordNotifications(ui);
    await withRefusingServer(async (server) => {
      const compose = await refusedInItsWindow(server, addressOf(INS.b));
      // The user gives up: closes the window without saving.
      await ui.bidi.chromeEval(compose, String.raw`() => {
        gContentChanged = false;
        gMsgCompose.bodyModified = false;
        setTimeout(() => window.close(), 0);
        return true;
      }`);
      await ui.waitForWindowClosed(compose);
      // The add-on has looked after the closed tab (and forgotten it).
      await waitForSession(ui, (stored) => !hasTabMemory(stored), "the closed compose tab is still remembered");
      // (Nothing was said before; but the window may have been saved as a draft, to be sent
      // later: « Clore après l'envoi » is not kept with it, and the user is told so.)
      expect(await notifications(ui)).toEqual([fr("closeAfterSendDroppedNotice")]);
      expect(server.offered).toHaveLength(1);
      expect(await outbox(ui)).toEqual([]);
    });
    await expectCaptured(0);
  });

  it("refused, then sent again from the same window once the server takes it: the message, then the [FIN] in reply to it", async () => {
    const { ui } = harness;
    await withRefusingServer(async (server, ours) => {
      const compose = await refusedInItsWindow(server, addressOf(INS.a));
      await useSmtpPort(ui, ours);
      await ui.clickSend(compose, { via: "button" });
      const [first, fin] = await harness.smtp.waitForMessages(2, 30_000);
      if (first === undefined || fin === undefined) throw new Error("two messages expected");
      expect(headerLine(first.raw, "Subject")).toBe("Subject: =?UTF-8?Q?Vos_r=C3=A9sultats?=");
      expect(headerLine(fin.raw, "Subject")).toBe("Subject: [FIN]");
      expect(fin.envelope.rcptTo.map((r) => r.address)).toEqual([addressOf(INS.a)]);
      const firstId = headerLine(first.raw, "Message-ID").replace(/^Message-ID:\s*/i, "");
      expect(headerLine(fin.raw, "In-Reply-To")).toBe(`In-Reply-To: ${firstId}`);
      await ui.waitForWindowClosed(compose);
      expect(server.offered).toHaveLength(1);
    });
    await expectCaptured(2, 3_000);
  });
});

describe("Thunderbird sending in the background (mailnews.sendInBackground)", () => {
  // Thunderbird reads the setting as it starts (set later, messages stay in the Outbox): a
  // Thunderbird of its own, started with it, for these tests.
  let foreground: Harness;
  beforeAll(async () => {
    foreground = harness;
    harness = await startWithRules({ "mailnews.sendInBackground": true }, { localFolders: { [FOLDER]: [patientMessage(INS.e, "Anne Leroy")] } });
    await harness.ui.indexLocalFolder(FOLDER, 1);
  });
  afterAll(async () => {
    await harness.stop();
    harness = foreground;
  });

  it("the send-check window: the message goes once, and the window says Thunderbird sends it in the background (never stuck on « Envoi en cours… »)", async () => {
    const { ui } = harness;
    const { compose, check } = await blockedThenFixed();
    await ui.windowClick(check, "#send-now");
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    expectRendezVous(sent);
    await ui.waitForWindowClosed(compose);
    const status = await ui.waitForWindowSelector(check, "#send-status", { textIncludes: "arrière-plan", timeoutMs: 20_000 });
    expect(status?.text).toBe(fr("sendBackground"));
    expect((await ui.windowQuery(check, "#done"))?.focused).toBe(true);
    await clickToClose(check, "#done");
    await waitForOutbox(ui, 0);
    await expectCaptured(1);
  });

  it("« Clore et envoyer »: one [FIN], and the window says it is sent in the background", async () => {
    const { ui } = harness;
    const compose = await ui.openComposeWindow({ identityKey: "id1", to: addressOf(INS.a), subject: "Fin du suivi #clore", body: BODY });
    await ui.clickSend(compose, { via: "button" });
    const question = await ui.waitForExtensionWindow("close-confirm.html");
    await ui.waitForWindowSelector(question, "body[data-ready='true']", { state: "attached" });
    await ui.windowClick(question, "#yes");
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    if (sent === undefined) throw new Error("nothing sent");
    expect(headerLine(sent.raw, "Subject")).toBe("Subject: [FIN]");
    const status = await ui.waitForWindowSelector(question, "#status", { textIncludes: "arrière-plan", timeoutMs: 20_000 });
    expect(status?.text).toBe(fr("sendBackground"));
    await clickToClose(question, "#done");
    await expectCaptured(1);
  });

  it("the header button « Clore l'échange »: one [FIN]; the banner and the button follow once it has gone", async () => {
    const { ui } = harness;
    const id = idOf(INS.e);
    await ui.displayLocalMessage(FOLDER, id);
    await waitForBanner(ui, id, "Échange ouvert");
    const clicked = await ui.bidi.chromeEval(await ui.mainWindow(), BUTTON, [ADDON_ID, true], buttonSchema);
    expect(clicked.exists).toBe(true);
    const [sent] = await harness.smtp.waitForMessages(1, 30_000);
    if (sent === undefined) throw new Error("nothing sent");
    expect(headerLine(sent.raw, "Subject")).toBe("Subject: [FIN]");
    expect(headerLine(sent.raw, "In-Reply-To")).toBe(`In-Reply-To: <${id}>`);
    expect(sent.envelope.rcptTo.map((r) => r.address)).toEqual([addressOf(INS.e)]);
    const closed = await waitForBanner(ui, id, "Échange clos le", 30_000);
    expect(closed.actions).toEqual([]);
    await waitForButton(ui, { disabled: true, label: fr("exchangeClosedLabel") });
    // Asked again: nothing more leaves.
    expect(await clickBanner(ui, "close")).toBe(0);
    expect(await ui.fireShortcut("alt,shift", "F")).toBe(true);
    await expectCaptured(1, 3_000);
    expect(await ui.composeWindows()).toEqual([]);
  });

  it("close after sending: the message, then the [FIN] in reply to it", async () => {
    const { ui } = harness;
    const compose = await openWithCloseAfter(ui, addressOf(INS.b), "Vos résultats");
    await ui.clickSend(compose, { via: "button" });
    const [first, fin] = await harness.smtp.waitForMessages(2, 30_000);
    if (first === undefined || fin === undefined) throw new Error("two messages expected");
    expect(headerLine(first.raw, "Subject")).toBe("Subject: =?UTF-8?Q?Vos_r=C3=A9sultats?=");
    expect(headerLine(fin.raw, "Subject")).toBe("Subject: [FIN]");
    expect(fin.envelope.rcptTo.map((r) => r.address)).toEqual([addressOf(INS.b)]);
    const firstId = headerLine(first.raw, "Message-ID").replace(/^Message-ID:\s*/i, "");
    expect(headerLine(fin.raw, "In-Reply-To")).toBe(`In-Reply-To: ${firstId}`);
    await waitForOutbox(ui, 0);
    await expectCaptured(2, 3_000);
  });

  it("close after sending, the server refusing the message: it stays in the Outbox and no [FIN] leaves; once the Outbox is sent, the message, then the [FIN]", async () => {
    const { ui } = harness;
    await withRefusingServer(async (server, ours) => {
      const compose = await openWithCloseAfter(ui, addressOf(INS.c), "Vos résultats");
      await ui.clickSend(compose, { via: "button" });
      await ui.waitForWindowClosed(compose);
      const alerts = await dismissAlertsUntil(async () => server.offered.length > 0 && (await ui.openDialogs()).length === 0, "the refusal");
      const pending = async (): Promise<string[]> =>
        Object.keys(z.record(z.string(), z.unknown()).parse(await ui.backgroundEval(ADDON_ID, "() => messenger.storage.local.get()"))).filter((k) => k.startsWith("pendingClose:"));
      const deadline = Date.now() + 20_000;
      while ((await pending()).length === 0 && Date.now() < deadline) {
        alerts.push(...(await ui.acceptDialogs()).map((d) => d.text));
        await new Promise((r) => setTimeout(r, 200));
      }
      const [original] = await outbox(ui);
      if (original === undefined) throw new Error("the refused message is not in the Outbox");
      expect(await pending()).toEqual([`pendingClose:${original.messageId}`]);
      expect((await outbox(ui)).map((m) => m.subject)).toEqual(["Vos résultats"]);
      expect(server.offered.map((raw) => headerLine(raw, "Subject"))).toEqual(["Subject: =?UTF-8?Q?Vos_r=C3=A9sultats?="]);
      await expectCaptured(0);

      await useSmtpPort(ui, ours);
      await sendUnsent(ui);
      const [first, fin] = await harness.smtp.waitForMessages(2, 30_000);
      if (first === undefined || fin === undefined) throw new Error("two messages expected");
      expect(headerLine(first.raw, "Message-ID")).toBe(`Message-ID: <${original.messageId}>`);
      expect(headerLine(fin.raw, "Subject")).toBe("Subject: [FIN]");
      expect(headerLine(fin.raw, "In-Reply-To")).toBe(`In-Reply-To: <${original.messageId}>`);
      expect(fin.envelope.rcptTo.map((r) => r.address)).toEqual([addressOf(INS.c)]);
      await waitForOutbox(ui, 0);
    });
    await expectCaptured(2, 3_000);
  });
});

describe("a real restart of Thunderbird with a [FIN] waiting in the Outbox", () => {
  let first: Harness | undefined;
  let again: ThunderbirdInstance | undefined;
  afterAll(async () => {
    try {
      await again?.stop();
      await first?.stop();
    } finally {
      if (first !== undefined) rmSync(first.profile.rootDir, { recursive: true, force: true });
    }
  });

  it("after the restart the button says « Clôture en attente », a close asked again sends nothing; the Outbox sent, exactly one [FIN] leaves and the exchange is closed", async () => {
    first = await startWithRules(
      // The add-on is installed afresh after the restart (temporary add-on): keep its storage.
      { "extensions.webextensions.keepStorageOnUninstall": true, "extensions.webextensions.keepUuidOnUninstall": true },
      { keepFiles: true, localFolders: { [FOLDER]: [patientMessage(INS.a, "Marie Durand")] } },
    );
    const id = idOf(INS.a);
    await first.ui.indexLocalFolder(FOLDER, 1);
    await first.ui.displayLocalMessage(FOLDER, id);
    await waitForBanner(first.ui, id, "Échange ouvert");
    await setOffline(first.ui, true);
    await first.bidi.chromeEval(await first.ui.mainWindow(), BUTTON, [ADDON_ID, true], buttonSchema);
    expect((await waitForOutbox(first.ui, 1)).map((m) => m.subject)).toEqual(["[FIN]"]);
    await waitForButton(first.ui, { disabled: true, label: fr("exchangeWaitingLabel") });

    await first.thunderbird.stop();
    again = await startThunderbird({ profile: first.profile, keepFiles: true });
    const ui = new ThunderbirdUi(again.bidi);
    await ui.mainWindow();
    expect(await again.bidi.installExtension(ADDON_DIR)).toBe(ADDON_ID);
    expect((await outbox(ui)).map((m) => m.subject)).toEqual(["[FIN]"]);
    await ui.displayLocalMessage(FOLDER, id);
    const waiting = await waitForBanner(ui, id, "boîte d'envoi");
    expect(waiting.actions).toEqual([]);
    const button = await waitForButton(ui, { disabled: true, label: fr("exchangeWaitingLabel") });
    expect(button.disabled).toBe(true);
    // The shortcut and the context menu reach the close whatever the button says: no second [FIN].
    expect(await ui.fireShortcut("alt,shift", "F")).toBe(true);
    await new Promise((r) => setTimeout(r, 2_000));
    expect((await outbox(ui)).map((m) => m.subject)).toEqual(["[FIN]"]);
    expect(await ui.composeWindows()).toEqual([]);
    expect(first.smtp.messages()).toEqual([]);

    if (z.boolean().parse(await ui.chromeEval("() => Services.io.offline"))) await setOffline(ui, false);
    await sendUnsent(ui);
    const [sent] = await first.smtp.waitForMessages(1, 30_000);
    if (sent === undefined) throw new Error("nothing sent");
    expect(headerLine(sent.raw, "Subject")).toBe("Subject: [FIN]");
    expect(headerLine(sent.raw, "In-Reply-To")).toBe(`In-Reply-To: <${id}>`);
    expect(sent.envelope.rcptTo.map((r) => r.address)).toEqual([addressOf(INS.a)]);
    await waitForOutbox(ui, 0);
    await waitForBanner(ui, id, "Échange clos le", 30_000);
    await waitForButton(ui, { disabled: true, label: fr("exchangeClosedLabel") });
    await new Promise((r) => setTimeout(r, 2_000));
    expect(first.smtp.messages()).toHaveLength(1);
  });
});
