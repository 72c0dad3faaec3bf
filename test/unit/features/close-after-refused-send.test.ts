/**
 * "Close after sending" and a send that did not go, told apart from a send in the background:
 * Thunderbird answers every send now or later (`onAfterSend`, a refused one too, without a
 * Message-ID) and never one in the background, whose window it closes as soon as the message is
 * in the Outbox. So an answered send leaves no notes behind, and a window closed long after the
 * send was let go is no send in the background: no search, no [FIN], and the user is told
 * plainly that the add-on cannot know. A window closed without its message sent (after a
 * refusal, or saved as a draft) says no [FIN] will follow. A real send in the background still closes.
 */
import { describe, expect, it } from "vitest";
import { BACKGROUND_CLOSE_MS, backgroundCloseWindow, closedBySendInBackground, sendAnswer } from "../../../src/core/conversation/index.js";
import { say } from "../../../src/core/i18n/catalogs.js";
import { msg } from "../../../src/core/i18n/text.js";
import { getTabState } from "../../../src/features/compose/session-state.js";
import { closeAfterBackgroundSend } from "../../../src/features/conversation/close-after-background-send.js";
import { closeAfterSend } from "../../../src/features/conversation/close-after-send.js";
import { patient, VALID_INS } from "../compose/fixtures.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { composeWithCloseAfter, guardAndCloseOn, laterListenerCancels } from "./send-listeners.js";
import { recordedBackgroundDeps } from "./background-close-deps.js";

const fake = useFakeThunderbird();
const P1 = patient(VALID_INS[0]);
const P2 = patient(VALID_INS[1]);
const NOT_KNOWN = "L'échange n'est PAS clos : MSSanté Patient ne peut pas savoir si le message a été envoyé";
const DROPPED = say(msg("closeAfterSendDroppedNotice"), "fr");

/** Background-close effects, recorded; the window closes `after` ms after the send was let go. */
function closing(found: string | null, after: (sentAt: number) => number): ReturnType<typeof recordedBackgroundDeps> {
  return recordedBackgroundDeps(found, () => after(noted));
}

/** When the guard last let a message go (read from the tab's notes just before the close). */
let noted = 0;

async function notedAt(tab: number): Promise<number | undefined> {
  const { sentAt } = await fake().background.run(() => getTabState(tab));
  if (sentAt !== undefined) noted = sentAt;
  return sentAt;
}

describe("the rule", () => {
  it("a window closed from the send let go up to BACKGROUND_CLOSE_MS after it (plus 1 s per 10⁶ encoded bytes) may be a send in the background; before it or later, never", () => {
    const at = Date.UTC(2026, 11, 3, 10, 0);
    expect(closedBySendInBackground(at, at)).toBe(true);
    expect(closedBySendInBackground(at, at + 800)).toBe(true);
    expect(closedBySendInBackground(at, at + BACKGROUND_CLOSE_MS)).toBe(true);
    expect(closedBySendInBackground(at, at + BACKGROUND_CLOSE_MS + 1)).toBe(false);
    expect(closedBySendInBackground(at, at + 10 * 60_000)).toBe(false);
    // A large message takes longer to be put in the Outbox (4.6 s measured for 20 × 10⁶ bytes).
    expect(backgroundCloseWindow(25_000_000)).toBe(30_000);
    expect(closedBySendInBackground(at, at + 12_000, 20_000_000)).toBe(true);
    expect(closedBySendInBackground(at, at + 12_000, 2_000)).toBe(false);
    expect(closedBySendInBackground(at, at + BACKGROUND_CLOSE_MS + 1, Number.NaN)).toBe(false);
    // The clock set back meanwhile: nothing can be told from it.
    expect(closedBySendInBackground(at, at - 1)).toBe(false);
  });

  it("what Thunderbird's answer says: a send now without a Message-ID nor a copy did not go; an error or a save is no send", () => {
    expect(sendAnswer("sendNow", null, null, 0)).toBe("unconfirmed");
    expect(sendAnswer("sendNow", null, "", 0)).toBe("unconfirmed");
    expect(sendAnswer("", null, null, 0)).toBe("unconfirmed");
    expect(sendAnswer("sendNow", null, "m-1@cab", 0)).toBe("sent");
    expect(sendAnswer("sendNow", null, null, 1)).toBe("sent");
    expect(sendAnswer("sendLater", null, null, 0)).toBe("sent");
    expect(sendAnswer("sendNow", "Message operation failed", "m-1@cab", 1)).toBe("failed");
    expect(sendAnswer("draft", null, "m-1@cab", 1)).toBe("failed");
  });
});

describe("a send the server refused", () => {
  it("its window closed at once: not a send in the background (no search, no [FIN]); the close was still asked until then, and the user is told no [FIN] will follow", async () => {
    // (Nothing was said before; but this is also the path of a refused message saved as a draft
    // to be sent later: the close is not kept with the draft, so the user must be told.)
    guardAndCloseOn(fake);
    fake().serverRefuses = true;
    const tab = await composeWithCloseAfter(fake, P1, "Résultats");
    await fake().background.run(() => messenger.compose.sendMessage(tab));
    expect(await notedAt(tab)).toBeUndefined();
    expect((await fake().background.run(() => getTabState(tab))).closeAfterSend).toBe(true);
    await fake().closeWindow(fake().windowOf(tab));
    const r = closing("m-9@cab", (sentAt) => sentAt + 500);
    expect(await fake().background.run(() => closeAfterBackgroundSend(tab, r.deps))).toBe("dropped");
    expect(r.calls).toEqual([`tell ${DROPPED}`]);
    expect(fake().notifications).toEqual([]);
  });

  it("its window closed long after (the user read Thunderbird's alert, then saved a draft): no search, no [FIN], the user told none will follow the draft", async () => {
    // (Nothing was said before: the doctor believed the [FIN] would follow the draft once sent.)
    guardAndCloseOn(fake);
    fake().serverRefuses = true;
    const tab = await composeWithCloseAfter(fake, P1, "Résultats");
    await fake().background.run(() => messenger.compose.sendMessage(tab));
    await fake().closeWindow(fake().windowOf(tab));
    const r = closing("m-9@cab", () => Date.now() + 20 * 60_000);
    expect(await fake().background.run(() => closeAfterBackgroundSend(tab, r.deps))).toBe("dropped");
    expect(r.calls).toEqual([`tell ${DROPPED}`]);
    expect(fake().notifications).toEqual([]);
  });

  it("sent again from the same window once the server takes it: the close after sending follows that send (the [FIN] after it)", async () => {
    guardAndCloseOn(fake);
    fake().serverRefuses = true;
    const tab = await composeWithCloseAfter(fake, P1, "Résultats");
    await fake().background.run(() => messenger.compose.sendMessage(tab));
    // Refused: the close stays asked for the next send, without notes.
    expect(await fake().background.run(() => getTabState(tab))).toMatchObject({ closeAfterSend: true });
    expect(await notedAt(tab)).toBeUndefined();
    fake().serverRefuses = false;
    // The second send notes afresh; Thunderbird's answer (with its Message-ID) takes the close.
    const outcome = await fake().send(tab);
    expect(outcome.sent).toBe(true);
    expect(await fake().background.run(() => getTabState(tab))).toMatchObject({ closeAfterSend: true, sentSubject: "Résultats", sentTo: P1 });
    const told: string[] = [];
    const result = await fake().background.run(() =>
      closeAfterSend(tab, { mode: "sendNow", error: null, headerMessageId: "fake-1@mssante-patient.test", copies: [] }, undefined, () => {
        told.push("copy looked for");
        return Promise.resolve(null);
      }),
    );
    // (No copy in this fake mail: the close is not started, and said so; what matters is that it was this send's.)
    expect(result).toMatchObject({ outcome: "not-started" });
    expect(told).toEqual(["copy looked for"]);
    expect(await fake().background.run(() => getTabState(tab))).toEqual({ optionsSettled: true });
  });
});

describe("a send stopped after the guard, with Thunderbird sending in the background (no answer at all)", () => {
  it("its window closed long after: not a send in the background — no search, no [FIN], and the user told plainly the add-on cannot know", async () => {
    guardAndCloseOn(fake);
    void laterListenerCancels(fake);
    fake().sendInBackground = true;
    const tab = await composeWithCloseAfter(fake, P1, "Résultats");
    await expect(fake().background.run(() => messenger.compose.sendMessage(tab))).rejects.toThrow("Send aborted");
    expect(await notedAt(tab)).toBeDefined();
    await fake().closeWindow(fake().windowOf(tab));
    const { sentBytes } = await fake().background.run(() => getTabState(tab));
    expect(sentBytes).toBeGreaterThan(0);
    const r = closing("m-9@cab", (sentAt) => sentAt + backgroundCloseWindow(sentBytes ?? 0) + 1);
    expect(await fake().background.run(() => closeAfterBackgroundSend(tab, r.deps))).toBe("not-known");
    expect(r.calls).toEqual([expect.stringContaining(NOT_KNOWN)]);
    expect(r.calls.join("\n")).not.toMatch(/arrière-plan|trouvé/);
    expect(await fake().background.run(() => getTabState(tab))).toEqual({ optionsSettled: true });
  });

  it("sent again from the same window, in the background: the second send's notes are the ones looked for, and its [FIN] waits for it", async () => {
    guardAndCloseOn(fake);
    fake().sendInBackground = true;
    const tab = await composeWithCloseAfter(fake, P1, "Résultats");
    // First try stopped after the guard (another add-on), then the user sends again.
    const stop = laterListenerCancels(fake);
    await expect(fake().background.run(() => messenger.compose.sendMessage(tab))).rejects.toThrow("Send aborted");
    const first = await notedAt(tab);
    stop();
    await new Promise((r) => setTimeout(r, 5));
    expect((await fake().send(tab)).sent).toBe(true);
    const second = await notedAt(tab);
    const r = closing("m-2@cab", (sentAt) => sentAt + 1_000);
    expect(await fake().background.run(() => closeAfterBackgroundSend(tab, r.deps))).toBe("pending");
    if (first === undefined || second === undefined) throw new Error("both sends noted");
    expect(second).toBeGreaterThan(first);
    expect(r.calls[0]).toBe(`find ${P1} Résultats ${String(second)}`);
    expect(r.calls).toContain("remember m-2@cab");
  });
});

describe("two compose windows at once", () => {
  it("one refused, the other (same patient, same subject) sent: the refused one's closing never ties a [FIN] to the other's message", async () => {
    guardAndCloseOn(fake);
    const refused = await composeWithCloseAfter(fake, P1, "Résultats");
    const other = await composeWithCloseAfter(fake, P1, "Résultats");
    fake().serverRefuses = true;
    await fake().background.run(() => messenger.compose.sendMessage(refused));
    fake().serverRefuses = false;
    expect((await fake().send(other)).sent).toBe(true);
    await fake().closeWindow(fake().windowOf(refused));
    // The mail search would find the other window's message: it must not be asked. (The user
    // is told no [FIN] follows the refused message, which was not sent.)
    const r = closing("fake-1@mssante-patient.test", (sentAt) => sentAt + 1_000);
    expect(await fake().background.run(() => closeAfterBackgroundSend(refused, r.deps))).toBe("dropped");
    expect(r.calls).toEqual([`tell ${DROPPED}`]);
  });

  it("sending in the background, one stopped after the guard and one sent: the sent one closes; the other, closed later, is not taken for it", async () => {
    guardAndCloseOn(fake);
    fake().sendInBackground = true;
    const stopped = await composeWithCloseAfter(fake, P1, "Résultats");
    const sent = await composeWithCloseAfter(fake, P2, "Résultats");
    const stop = laterListenerCancels(fake);
    await expect(fake().background.run(() => messenger.compose.sendMessage(stopped))).rejects.toThrow("Send aborted");
    await notedAt(stopped);
    const stoppedAt = noted;
    stop();
    expect((await fake().send(sent)).sent).toBe(true);
    await notedAt(sent);
    const quick = closing("m-2@cab", (sentAt) => sentAt + 1_000);
    // (The sent window's notes were read before it closed: its tab's memory is kept until looked after.)
    expect(await fake().background.run(() => closeAfterBackgroundSend(sent, quick.deps))).toBe("pending");
    expect(quick.calls[0]).toBe(`find ${P2} Résultats ${String(noted)}`);
    await fake().closeWindow(fake().windowOf(stopped));
    noted = stoppedAt;
    const late = closing("m-2@cab", (sentAt) => sentAt + 5 * 60_000);
    expect(await fake().background.run(() => closeAfterBackgroundSend(stopped, late.deps))).toBe("not-known");
    expect(late.calls.filter((c) => c.startsWith("find") || c.startsWith("remember"))).toEqual([]);
  });
});
