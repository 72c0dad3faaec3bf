/**
 * Sending a message the add-on prepared (the [FIN] of « Clore l'échange »), on the fake
 * Thunderbird that behaves as Thunderbird 153 offline: "send now" is refused there, so the
 * add-on sends as Thunderbird's own Send button does — now when online, into the Outbox when
 * offline — and says which.
 */
import { describe, expect, it, vi } from "vitest";
import { onAfterSend, SendNotConfirmed, sendConfirmed, sendOrQueue } from "../../../src/adapters/compose.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const fake = useFakeThunderbird();

describe("sendOrQueue", () => {
  it("online: sent now, with its Message-ID", async () => {
    const tab = fake().openCompose({ to: ["255081416802538@patient.mssante.fr"], subject: "[FIN]" });
    expect(await fake().background.run(() => sendOrQueue(tab))).toEqual({ queued: false, headerMessageId: "fake-1@mssante-patient.test" });
    expect(fake().sentMessages.map((m) => m.mode)).toEqual(["sendNow"]);
  });

  it("offline: put in the Outbox, with the Message-ID of its copy there", async () => {
    fake().offline = true;
    const tab = fake().openCompose({ to: ["255081416802538@patient.mssante.fr"], subject: "[FIN]" });
    expect(await fake().background.run(() => sendOrQueue(tab))).toEqual({ queued: true, headerMessageId: "fake-1@mssante-patient.test" });
    expect(fake().sentMessages.map((m) => m.mode)).toEqual(["sendLater"]);
  });

  it("Thunderbird sending in the background: its window closes and no answer ever comes — taken as handed over to the Outbox, never as sent nor as stuck", async () => {
    fake().sendInBackground = true;
    const tab = fake().openCompose({ to: ["255081416802538@patient.mssante.fr"], subject: "[FIN]" });
    const timing = { pollMs: 5, answerMs: 30 };
    expect(await fake().background.run(() => sendOrQueue(tab, timing))).toEqual({ queued: true, background: true, headerMessageId: "" });
    expect(fake().sentMessages.map((m) => m.tabId)).toEqual([tab]);
  });

  it("a window that closes a moment before Thunderbird answers (as it does when a send ends) is not taken for a send in the background", async () => {
    const tab = fake().openCompose({ to: ["255081416802538@patient.mssante.fr"], subject: "[FIN]" });
    const real = fake().background.run(() => messenger.compose.sendMessage);
    fake().override("compose", "sendMessage", async (id: number) => {
      const answer = await real(id);
      await new Promise((r) => setTimeout(r, 40));
      return answer;
    });
    expect(await fake().background.run(() => sendOrQueue(tab, { pollMs: 5, answerMs: 400 }))).toEqual({ queued: false, headerMessageId: "fake-1@mssante-patient.test" });
  });

  it("offline, « send now » is refused and the message stays in its compose window (why the close cannot ask for it)", async () => {
    fake().offline = true;
    const tab = fake().openCompose({ to: ["255081416802538@patient.mssante.fr"], subject: "[FIN]" });
    await expect(fake().background.run(() => messenger.compose.sendMessage(tab, { mode: "sendNow" }))).rejects.toThrow("not ready for the requested command");
    expect(fake().sentMessages).toEqual([]);
    expect(fake().isOpen(fake().windowOf(tab))).toBe(true);
  });
});

describe("sendConfirmed", () => {
  it("online: sent, with its Message-ID", async () => {
    const tab = fake().openCompose({ to: ["255081416802538@patient.mssante.fr"], subject: "[FIN]" });
    expect(await fake().background.run(() => sendConfirmed(tab))).toEqual({ queued: false, headerMessageId: "fake-1@mssante-patient.test" });
  });

  it("offline: queued in the Outbox", async () => {
    fake().offline = true;
    const tab = fake().openCompose({ to: ["255081416802538@patient.mssante.fr"], subject: "[FIN]" });
    expect(await fake().background.run(() => sendConfirmed(tab))).toMatchObject({ queued: true });
  });

  it("the server refusing: Thunderbird resolves the send as done, the message stays in its window, and that is a failure", async () => {
    fake().serverRefuses = true;
    const tab = fake().openCompose({ to: ["255081416802538@patient.mssante.fr"], subject: "[FIN]" });
    expect(await fake().background.run(() => sendOrQueue(tab))).toEqual({ queued: false, headerMessageId: "" });
    await expect(fake().background.run(() => sendConfirmed(tab))).rejects.toBeInstanceOf(SendNotConfirmed);
    expect(fake().sentMessages).toEqual([]);
    expect(fake().isOpen(fake().windowOf(tab))).toBe(true);
  });
});

describe("onAfterSend", () => {
  it("gives Thunderbird one listener for all of the add-on's (with two, Thunderbird 140 sent nothing more); one that throws does not stop the next", async () => {
    const seen: string[] = [];
    fake().background.run(() => {
      onAfterSend(() => {
        throw new Error("listener failed");
      });
      onAfterSend((tabId, info) => {
        seen.push(`${String(tabId)} ${info.mode} ${info.headerMessageId ?? "-"}`);
      });
    });
    expect(fake().events.onAfterSend.listenerCount).toBe(1);
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await fake().events.onAfterSend.dispatch({ id: 7 } as never, { mode: "sendNow", headerMessageId: "fin-1@cab", messages: [] } as never);
    expect(seen).toEqual(["7 sendNow fin-1@cab"]);
    expect(errors).toHaveBeenCalledTimes(1);
  });
});
