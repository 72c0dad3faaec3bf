// "Close after sending" with "Send Later", in a real Thunderbird: the message goes to the
// Outbox, and the [FIN] is queued right behind it — nothing reaches the SMTP server until
// the Outbox is sent. When the user sends the unsent messages (File › Send Unsent Messages),
// the message leaves first, then the [FIN], in reply to it. (Send now: automation-rules.)
import { resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { headerLine, killStartedThunderbirds, MSSANTE_IDENTITY, startHarness, type Harness } from "./harness/index.js";

const ADDON_DIR = process.env["MSSANTE_ADDON_DIR"] ?? resolve("dist/addon");
const ADDON_ID = "mssante-patient@mssante-patient.fr";
const PATIENT = "255081416802538@patient.mssante.fr";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ extensions: [ADDON_DIR], identities: [MSSANTE_IDENTITY], prefs: { "intl.locale.requested": "fr" } });
  expect(harness.addonIds).toEqual([ADDON_ID]);
});

afterAll(async () => {
  await harness.stop();
  killStartedThunderbirds();
});

const outboxSchema = z.array(z.object({ subject: z.string(), messageId: z.string(), inReplyTo: z.string() }));
type Outbox = z.infer<typeof outboxSchema>;

/** The Outbox (Unsent Messages) of the identity, in Thunderbird's order. */
async function outbox(): Promise<Outbox> {
  const list = await harness.ui.chromeEval(
    String.raw`() => {
      const sendLater = Cc["@mozilla.org/messengercompose/sendlater;1"].getService(Ci.nsIMsgSendLater);
      const identity = MailServices.accounts.allIdentities.find((candidate) => candidate.key === "id1");
      const folder = sendLater.getUnsentMessagesFolder(identity);
      if (!folder) return [];
      return [...folder.messages].map((hdr) => ({
        subject: hdr.mime2DecodedSubject,
        messageId: hdr.messageId,
        inReplyTo: hdr.getStringProperty("references") ?? "",
      }));
    }`,
  );
  return outboxSchema.parse(list);
}

async function waitForOutbox(count: number, timeoutMs = 30_000): Promise<Outbox> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await outbox();
    if (now.length === count) return now;
    if (Date.now() > deadline) throw new Error(`Outbox: expected ${count} message(s), found ${JSON.stringify(now)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

it("queues the [FIN] behind the message; both leave only with the Outbox, the message first, then the [FIN] in reply to it", async () => {
  const { ui, smtp } = harness;
  const compose = await ui.openComposeWindow({ identityKey: "id1", to: PATIENT, subject: "Vos résultats", body: "Bonjour,\n\nTout est normal.\n" });
  await ui.clickComposeAction(compose, ADDON_ID);
  await ui.waitForPopupSelector(compose, "body[data-ready='true']", { state: "attached" });
  await ui.popupClick(compose, "#opt-close-after");
  expect((await ui.popupQuery(compose, "#opt-close-after"))?.checked).toBe(true);

  // Send Later (Ctrl+Shift+Enter): the message goes to the Outbox.
  await ui.bidi.chromeEval(compose, String.raw`() => {
    if (!defaultController.isCommandEnabled("cmd_sendLater")) throw new Error("cmd_sendLater is disabled");
    setTimeout(() => goDoCommand("cmd_sendLater"), 0);
    return true;
  }`);
  await ui.waitForWindowClosed(compose);

  // The [FIN] joins it in the Outbox, behind it, as a reply to it; nothing has left.
  const queued = await waitForOutbox(2);
  expect(queued.map((m) => m.subject)).toEqual(["Vos résultats", "[FIN]"]);
  const [original, fin] = queued;
  if (original === undefined || fin === undefined) throw new Error("two queued messages expected");
  expect(fin.inReplyTo).toContain(original.messageId);
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
  expect(smtp.messages()).toHaveLength(2);
}, 180_000);
