// "Close after sending" with "Send Later", in a real Thunderbird: the message goes to the
// Outbox and the close waits (the add-on keeps the Message-ID and the patient's address) —
// nothing reaches the SMTP server until the Outbox is sent. When the user sends the unsent
// messages (File › Send Unsent Messages), the message leaves first, then the [FIN], in reply
// to it. When the server refuses the message, no [FIN] leaves: Thunderbird goes on with the
// rest of the Outbox after a refusal, so a [FIN] queued there could have left alone. The
// waiting close survives a restart of Thunderbird. (Send now: automation-rules.)
import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sendLaterWithClose } from "./send-later.js";
import { outbox as outboxOf, waitForOutbox as waitForOutboxOf, type Outbox } from "./outbox.js";
import { startRefusingSmtp, type RefusingSmtp } from "./refusing-smtp.js";
import { z } from "zod";
import { headerLine, killStartedThunderbirds, MSSANTE_IDENTITY, startThunderbird, ThunderbirdUi, type Harness, type ThunderbirdInstance } from "../../harness/index.js";
import { ADDON_DIR, ADDON_ID, startWithAddon } from "./addon-harness.js";

const PATIENT = "255081416802538@patient.mssante.fr";

let harness: Harness;
let refusing: { harness: Harness | undefined; server: RefusingSmtp } | undefined;
let restarted: { harness: Harness; again: ThunderbirdInstance | undefined } | undefined;

beforeAll(async () => {
  harness = await startWithAddon();
});

afterAll(async () => {
  try {
    await harness.stop();
    await refusing?.harness?.stop();
    await restarted?.again?.stop();
    await restarted?.harness.stop();
  } finally {
    if (restarted !== undefined) rmSync(restarted.harness.profile.rootDir, { recursive: true, force: true });
    await refusing?.server.close();
    killStartedThunderbirds();
  }
});

const outbox = (ui: ThunderbirdUi = harness.ui): Promise<Outbox> => outboxOf(ui);
const waitForOutbox = (count: number, ui: ThunderbirdUi = harness.ui, timeoutMs = 30_000): Promise<Outbox> => waitForOutboxOf(ui, count, timeoutMs);

/** What the add-on keeps of the closes waiting for a message sent later, once it holds `count` of them. */
async function waitForPending(ui: ThunderbirdUi, count: number, timeoutMs = 15_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = z.record(z.string(), z.unknown()).parse(await ui.backgroundEval(ADDON_ID, "() => messenger.storage.local.get()"));
    const pending = Object.fromEntries(Object.entries(all).filter(([key]) => key.startsWith("pendingClose:")));
    if (Object.keys(pending).length === count) return pending;
    if (Date.now() > deadline) throw new Error(`expected ${count} waiting close(s), found ${JSON.stringify(pending)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

it("the close waits: nothing leaves until the Outbox is sent, then the message first and the [FIN] in reply to it", async () => {
  const { ui, smtp } = harness;
  await sendLaterWithClose(ui, PATIENT, "Vos résultats");

  // The close waits for it: only the message is in the Outbox, nothing has left.
  const pending = await waitForPending(ui, 1);
  const [original] = await waitForOutbox(1);
  if (original === undefined) throw new Error("the message is not in the Outbox");
  expect(pending).toEqual({ [`pendingClose:${original.messageId}`]: { patient: PATIENT, since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown } });
  expect(original.subject).toBe("Vos résultats");
  expect(await ui.composeWindows()).toEqual([]);
  expect(smtp.messages()).toEqual([]);

  // The user sends the unsent messages (File › Send Unsent Messages).
  await ui.chromeEval(String.raw`() => { SendUnsentMessages(); return true; }`);
  const [first, second] = await smtp.waitForMessages(2, 30_000);
  if (first === undefined || second === undefined) throw new Error("two messages expected");
  expect(headerLine(first.raw, "Subject")).toBe("Subject: =?UTF-8?Q?Vos_r=C3=A9sultats?=");
  expect(headerLine(first.raw, "Message-ID")).toBe(`Message-ID: <${original.messageId}>`);
  expect(headerLine(second.raw, "Subject")).toBe("Subject: [FIN]");
  expect(headerLine(second.raw, "In-Reply-To")).toBe(`In-Reply-To: <${original.messageId}>`);
  expect(second.envelope.rcptTo.map((r) => r.address)).toEqual([PATIENT]);
  expect(headerLine(second.raw, "From")).toContain(MSSANTE_IDENTITY.email);
  await waitForOutbox(0);
  await waitForPending(ui, 0);
  expect(smtp.messages()).toHaveLength(2);
}, 180_000);

it("when the server refuses the message, no [FIN] leaves: the close keeps waiting with the message in the Outbox", async () => {
  // A server that refuses every message but a [FIN], and records what it was offered.
  const server = await startRefusingSmtp((raw) => headerLine(raw, "Subject") === "Subject: [FIN]");
  refusing = { harness: undefined, server };
  const port = server.port;
  const offered = (): string[] => server.offered.map((raw) => headerLine(raw, "Subject"));
  const accepted = (): string[] => offered().filter((subject) => subject === "Subject: [FIN]");
  const failing = await startWithAddon({ prefs: { "mail.smtpserver.smtp1.port": port } });
  refusing.harness = failing;
  const { ui } = failing;
  await sendLaterWithClose(ui, PATIENT, "Vos résultats");
  await waitForPending(ui, 1);
  expect((await waitForOutbox(1, ui)).map((m) => m.subject)).toEqual(["Vos résultats"]);

  // Send the unsent messages and wait for Thunderbird to say it has finished.
  const flushSchema = z.object({ tried: z.number(), sent: z.number() }).nullable();
  await ui.chromeEval(String.raw`() => {
    const sendLater = Cc["@mozilla.org/messengercompose/sendlater;1"].getService(Ci.nsIMsgSendLater);
    window.e2eFlush = null;
    const listener = {
      onStartSending() {},
      onMessageStartSending() {},
      onMessageSendProgress() {},
      onMessageSendError() {},
      onStopSending(status, message, tried, sent) {
        window.e2eFlush = { tried, sent };
        sendLater.removeListener(listener);
      },
      QueryInterface: ChromeUtils.generateQI(["nsIMsgSendLaterListener"]),
    };
    sendLater.addListener(listener);
    SendUnsentMessages();
    return true;
  }`);
  // Thunderbird says the send failed (an alert, dismissed here) and finishes with the Outbox.
  const deadline = Date.now() + 30_000;
  const alerts: string[] = [];
  let flush = flushSchema.parse(await ui.chromeEval("() => window.e2eFlush ?? null"));
  while (flush === null || alerts.length === 0) {
    if (Date.now() > deadline) {
      throw new Error(`the Outbox was never done sending: offered ${JSON.stringify(offered())}, outbox ${JSON.stringify(await outbox(ui))}, alerts ${JSON.stringify(alerts)}`);
    }
    alerts.push(...(await ui.acceptDialogs()).map((d) => d.text));
    await new Promise((r) => setTimeout(r, 200));
    flush = flushSchema.parse(await ui.chromeEval("() => window.e2eFlush ?? null"));
  }
  expect(alerts).toEqual([expect.stringContaining("Message refused")]);
  expect(flush).toEqual({ tried: 1, sent: 0 });
  expect(offered()).toEqual(["Subject: =?UTF-8?Q?Vos_r=C3=A9sultats?="]);
  expect(accepted()).toEqual([]);
  // The message still waits in the Outbox, and the close with it, for the user to try again.
  expect((await outbox(ui)).map((m) => m.subject)).toEqual(["Vos résultats"]);
  expect(Object.keys(await waitForPending(ui, 1))).toHaveLength(1);
  expect(await ui.acceptDialogs()).toEqual([]);
}, 180_000);

it("a message deleted from the Outbox unsent gets no [FIN]: the waiting close is given up", async () => {
  const { ui, smtp } = harness;
  smtp.clear();
  await sendLaterWithClose(ui, PATIENT, "Vos résultats");
  await waitForPending(ui, 1);
  expect((await waitForOutbox(1)).map((m) => m.subject)).toEqual(["Vos résultats"]);
  // The user deletes it from the Outbox (Shift+Delete: no copy kept anywhere).
  await ui.chromeEval(String.raw`() => {
    const sendLater = Cc["@mozilla.org/messengercompose/sendlater;1"].getService(Ci.nsIMsgSendLater);
    const identity = MailServices.accounts.allIdentities.find((candidate) => candidate.key === "id1");
    const folder = sendLater.getUnsentMessagesFolder(identity);
    folder.deleteMessages([...folder.messages], null, true, false, null, false);
    return true;
  }`);
  await waitForOutbox(0);
  await waitForPending(ui, 0, 30_000);
  expect(smtp.messages()).toEqual([]);
}, 180_000);

it("the waiting close survives a restart of Thunderbird: the [FIN] follows the message when the Outbox is sent afterwards", async () => {
  const first = await startWithAddon({
    keepFiles: true,
    // The add-on is installed afresh after the restart (temporary add-on): keep its storage.
    prefs: { "extensions.webextensions.keepStorageOnUninstall": true, "extensions.webextensions.keepUuidOnUninstall": true },
  });
  restarted = { harness: first, again: undefined };
  await sendLaterWithClose(first.ui, PATIENT, "Vos résultats");
  const pending = await waitForPending(first.ui, 1);
  expect((await waitForOutbox(1, first.ui)).map((m) => m.subject)).toEqual(["Vos résultats"]);

  await first.thunderbird.stop();
  const again = await startThunderbird({ profile: first.profile, keepFiles: true });
  restarted.again = again;
  const ui = new ThunderbirdUi(again.bidi);
  await ui.mainWindow();
  expect(await again.bidi.installExtension(ADDON_DIR)).toBe(ADDON_ID);
  expect(await waitForPending(ui, 1)).toEqual(pending);
  const [original] = await waitForOutbox(1, ui);
  if (original === undefined) throw new Error("the message is not in the Outbox after the restart");
  expect(first.smtp.messages()).toEqual([]);

  await ui.chromeEval(String.raw`() => { SendUnsentMessages(); return true; }`);
  const [message, fin] = await first.smtp.waitForMessages(2, 30_000);
  if (message === undefined || fin === undefined) throw new Error("two messages expected");
  expect(headerLine(message.raw, "Message-ID")).toBe(`Message-ID: <${original.messageId}>`);
  expect(headerLine(fin.raw, "Subject")).toBe("Subject: [FIN]");
  expect(headerLine(fin.raw, "In-Reply-To")).toBe(`In-Reply-To: <${original.messageId}>`);
  await waitForPending(ui, 0);
}, 180_000);
