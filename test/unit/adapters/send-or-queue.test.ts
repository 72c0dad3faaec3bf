/**
 * Sending a message the add-on prepared (the [FIN] of « Clore l'échange »), on the fake
 * Thunderbird that behaves as Thunderbird 153 offline: "send now" is refused there, so the
 * add-on sends as Thunderbird's own Send button does — now when online, into the Outbox when
 * offline — and says which.
 */
import { describe, expect, it } from "vitest";
import { SendNotConfirmed, sendConfirmed, sendOrQueue } from "../../../src/adapters/compose.js";
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
