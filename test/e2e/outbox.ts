/**
 * The Outbox (Unsent Messages) and Thunderbird's offline state, for the end-to-end tests of
 * the send paths: what waits in the Outbox, going offline and back online, and sending the
 * unsent messages as File › Send Unsent Messages does.
 */
import { z } from "zod";
import type { ThunderbirdUi } from "../../harness/index.js";

const outboxSchema = z.array(z.object({ subject: z.string(), messageId: z.string() }));
export type Outbox = z.infer<typeof outboxSchema>;

/** The Outbox of identity `id1`, in Thunderbird's order: subjects (decoded) and Message-IDs. */
export async function outbox(ui: ThunderbirdUi): Promise<Outbox> {
  const list = await ui.chromeEval(String.raw`() => {
    const sendLater = Cc["@mozilla.org/messengercompose/sendlater;1"].getService(Ci.nsIMsgSendLater);
    const identity = MailServices.accounts.allIdentities.find((candidate) => candidate.key === "id1");
    const folder = sendLater.getUnsentMessagesFolder(identity);
    if (!folder) return [];
    return [...folder.messages].map((hdr) => ({ subject: hdr.mime2DecodedSubject, messageId: hdr.messageId }));
  }`);
  return outboxSchema.parse(list);
}

/** Waits until the Outbox holds `count` messages, and resolves with them. */
export async function waitForOutbox(ui: ThunderbirdUi, count: number, timeoutMs = 30_000): Promise<Outbox> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await outbox(ui);
    if (now.length === count) return now;
    if (Date.now() > deadline) throw new Error(`Outbox: expected ${count} message(s), found ${JSON.stringify(now)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Thunderbird offline ("Work Offline") or back online. Going online is done after this call
 * has answered (Thunderbird may ask about the unsent messages meanwhile; the tests' profiles
 * say never to send them then: `offline.send.unsent_messages` = 2).
 */
export async function setOffline(ui: ThunderbirdUi, offline: boolean): Promise<void> {
  await ui.chromeEval(
    String.raw`(offline) => { setTimeout(() => { Services.io.offline = offline; }, 0); return true; }`,
    [offline],
  );
  const deadline = Date.now() + 10_000;
  while (z.boolean().parse(await ui.chromeEval("() => Services.io.offline")) !== offline) {
    if (Date.now() > deadline) throw new Error(`Thunderbird never went ${offline ? "offline" : "online"}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Prefs of a profile whose Outbox is sent only when a test says so (never on going online). */
export const OUTBOX_BY_HAND_PREFS = { "offline.send.unsent_messages": 2 } as const;

/** File › Send Unsent Messages. */
export async function sendUnsent(ui: ThunderbirdUi): Promise<void> {
  await ui.chromeEval(String.raw`() => { SendUnsentMessages(); return true; }`);
}
