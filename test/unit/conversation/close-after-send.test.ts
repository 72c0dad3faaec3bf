/**
 * "Close after sending": the [FIN] follows only a message that left, from a compose tab
 * where the box was ticked, once; and the optional Patient tag's choice of messages.
 */
import { say } from "../../../src/core/i18n/catalogs.js";
import { describe, expect, it } from "vitest";
import type { AfterSend } from "../../../src/adapters/compose.js";
import type { MessageHeader } from "../../../src/adapters/messages.js";
import { getTabState, updateTabState } from "../../../src/features/compose/session-state.js";
import type { CloseDeps } from "../../../src/features/conversation/close.js";
import { closeAfterSend } from "../../../src/features/conversation/close-after-send.js";
import { isPatientExchange } from "../../../src/features/conversation/tagging.js";
import { patient, VALID_INS } from "../compose/fixtures.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { closingSettings, DOCTOR, quietCloseDeps } from "../features/close-deps.js";

const fake = useFakeThunderbird();
const P1 = patient(VALID_INS[5]);

const sentCopy: MessageHeader = {
  id: 12,
  headerMessageId: "sent-1@medecin.mssante.fr",
  author: `Dr Martin <${DOCTOR}>`,
  recipients: [`Marie Durand <${P1}>`],
  ccList: [],
  bccList: [],
  tags: [],
  size: 0,
  subject: "Vos résultats",
  date: 0,
};

function deps(calls: string[]): CloseDeps {
  return quietCloseDeps({
    settings: closingSettings(true),
    beginReply: (messageId) => {
      calls.push(`reply to ${messageId}`);
      return Promise.resolve(50);
    },
    setFields: (_tab, fields) => {
      calls.push(`subject ${fields.subject}`);
      return Promise.resolve();
    },
    send: () => {
      calls.push("send");
      return Promise.resolve({ queued: false, headerMessageId: "fin@x" });
    },
    tell: (_id, text) => {
      calls.push(`tell ${say(text, "en")}`);
      return Promise.resolve();
    },
    now: () => 1,
  });
}

const sent: AfterSend = { mode: "sendNow", error: null, headerMessageId: "<sent-1@medecin.mssante.fr>", copies: [sentCopy] };
const run = <T>(work: () => Promise<T>): Promise<T> => fake().background.run(work);

describe("close after sending", () => {
  it("sends the [FIN] in reply to the sent copy, once, when the box was ticked", async () => {
    const calls: string[] = [];
    await run(() => updateTabState(7, { closeAfterSend: true }));
    expect(await run(() => closeAfterSend(7, sent, deps(calls)))).toMatchObject({ outcome: "sent" });
    expect(calls).toEqual(["reply to 12", "subject [FIN]", "send", expect.stringContaining("tell Exchange closed")]);
    expect((await run(() => getTabState(7))).closeAfterSend).toBeUndefined();
    expect(await run(() => closeAfterSend(7, sent, deps(calls)))).toEqual({ outcome: "not-asked" });
  });

  it("with Send Later, sends nothing yet: remembers the message and its patient only, and says the [FIN] will follow it", async () => {
    const calls: string[] = [];
    const remembered: unknown[] = [];
    await run(() => updateTabState(7, { closeAfterSend: true }));
    const queuedCopy: MessageHeader = { ...sentCopy, id: 13, headerMessageId: "<sent-1@medecin.mssante.fr>" };
    const outcome = await run(() =>
      closeAfterSend(7, { ...sent, mode: "sendLater", copies: [queuedCopy] }, deps(calls), undefined, (pending) => {
        remembered.push(pending);
        return Promise.resolve();
      }),
    );
    expect(outcome).toEqual({ outcome: "pending", pending: { headerMessageId: "sent-1@medecin.mssante.fr", patientAddress: P1 } });
    expect(remembered).toEqual([{ headerMessageId: "sent-1@medecin.mssante.fr", patientAddress: P1 }]);
    expect(calls).toEqual([expect.stringContaining("tell Your message to")]);
    expect(calls.some((c) => c === "send" || c.startsWith("reply"))).toBe(false);
    expect((await run(() => getTabState(7))).closeAfterSend).toBeUndefined();
  });

  it("after a draft or template save (not a send), sends nothing", async () => {
    const calls: string[] = [];
    await run(() => updateTabState(7, { closeAfterSend: true }));
    expect(await run(() => closeAfterSend(7, { ...sent, mode: "draft" }, deps(calls)))).toEqual({ outcome: "send-failed-first" });
    expect(calls).toEqual([]);
  });

  it("does nothing without the box, after a failed send, or after a [FIN]", async () => {
    const calls: string[] = [];
    expect(await run(() => closeAfterSend(7, sent, deps(calls)))).toEqual({ outcome: "not-asked" });
    await run(() => updateTabState(7, { closeAfterSend: true }));
    expect(await run(() => closeAfterSend(7, { ...sent, error: "SMTP refused" }, deps(calls)))).toEqual({ outcome: "send-failed-first" });
    expect(await run(() => closeAfterSend(7, { ...sent, copies: [{ ...sentCopy, subject: "[FIN]" }] }, deps(calls)))).toEqual({ outcome: "was-fin" });
    expect(calls).toEqual([]);
  });

  it("looks the sent copy up by its Message-ID when Thunderbird did not hand it over", async () => {
    const calls: string[] = [];
    await run(() => updateTabState(7, { closeAfterSend: true }));
    const looked: string[] = [];
    const outcome = await run(() =>
      closeAfterSend(7, { ...sent, copies: [] }, deps(calls), (id) => {
        looked.push(id);
        return Promise.resolve(sentCopy);
      }),
    );
    expect(outcome).toMatchObject({ outcome: "sent" });
    expect(looked).toEqual(["<sent-1@medecin.mssante.fr>"]);
  });
});

describe("the Patient tag", () => {
  it("goes on messages from or to a patient mailbox only", () => {
    expect(isPatientExchange({ author: `Marie <${P1}>`, recipients: [DOCTOR] })).toBe(true);
    expect(isPatientExchange({ author: DOCTOR, recipients: [`a@b.fr, ${P1}`] })).toBe(true);
    expect(isPatientExchange({ author: DOCTOR, recipients: ["cardio@ch.mssante.fr"] })).toBe(false);
  });
});
