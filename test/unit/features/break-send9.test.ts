/**
 * Hostile review of the hand-off of « Clore après l'envoi » between Thunderbird's answer to a
 * send (`close-after-send.ts`) and the closing of its window (`close-after-background-send.ts`),
 * through one queue of steps in the background page (`close-hand-off.ts`): the close asked
 * (`closeAfterSend` in the tab's session memory) read and forgotten in one step, the closing
 * taking it only to conclude, after its 3 s pause and its search. Attacked through the paths
 * users take: both boxes of the popup ticked, a message to a colleague, an answer arriving after
 * the closing concluded, a refusal then a retry, a send error, two closings of one tab, many
 * windows at once, a step that fails, the background page restarted, the clock set back,
 * Thunderbird in English. "found" holds what broke (each kept as `it.fails` while it breaks, a
 * plain `it` once fixed, the harm said); "withstood" what held.
 */
import { describe, expect, it, vi } from "vitest";
import type { AfterSend } from "../../../src/adapters/compose.js";
import { parseHeader, type MessageHeader } from "../../../src/adapters/messages.js";
import { say } from "../../../src/core/i18n/catalogs.js";
import { msg } from "../../../src/core/i18n/text.js";
import { forgetTab, getTabState, updateTabState } from "../../../src/features/compose/session-state.js";
import { closeAfterBackgroundSend, type BackgroundCloseOutcome } from "../../../src/features/conversation/close-after-background-send.js";
import { closeAfterSend, type AfterSendOutcome } from "../../../src/features/conversation/close-after-send.js";
import { realCloseDeps } from "../../../src/features/conversation/close.js";
import { oneAtATime } from "../../../src/features/conversation/close-hand-off.js";
import { COLLEAGUE, patient, VALID_INS } from "../compose/fixtures.js";
import { CATALOGS, useFakeThunderbird } from "../fakes/messenger.js";
import { composeWithCloseAfter, guardOn } from "./send-listeners.js";
import { recordedBackgroundDeps, type Meanwhile } from "./background-close-deps.js";

const fake = useFakeThunderbird();
const P1 = patient(VALID_INS[0]);
const P2 = patient(VALID_INS[1]);
const NOT_KNOWN = say(msg("closeAfterSendNotKnownNotice"), "fr");
const DROPPED = say(msg("closeAfterSendDroppedNotice"), "fr");
const NOT_PATIENT = say(msg("closeNotPatient"), "fr");
const FIN = "[FIN]";

const answer = (over: Partial<AfterSend>): AfterSend => ({ mode: "sendNow", error: null, headerMessageId: null, copies: [], ...over });
const noCopy = (): Promise<MessageHeader | null> => Promise.resolve(null);

async function ticks(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await Promise.resolve();
}

/** When the guard let the tab's message go. */
async function notedAt(tab: number): Promise<number> {
  const { sentAt } = await fake().background.run(() => getTabState(tab));
  if (sentAt === undefined) throw new Error("the guard noted no send");
  return sentAt;
}

/** A window to `to` with « Clore après l'envoi » ticked, sent (its window closed by Thunderbird); `background`: no answer will come. */
async function sent(to: string, subject: string, background = true): Promise<{ tab: number; sentAt: number }> {
  fake().sendInBackground = background;
  const tab = await composeWithCloseAfter(fake, to, subject);
  expect((await fake().send(tab)).sent).toBe(true);
  return { tab, sentAt: await notedAt(tab) };
}

/** The closing of a window as the background page runs it: the close, then the tab's memory forgotten. */
function closingOf(tab: number, found: string | null, closedAt: number, meanwhile: Meanwhile = {}): { run: () => Promise<BackgroundCloseOutcome>; calls: string[] } {
  const r = recordedBackgroundDeps(found, () => closedAt, meanwhile);
  return { run: () => fake().background.run(() => closeAfterBackgroundSend(tab, r.deps).finally(() => forgetTab(tab))), calls: r.calls };
}

/** Thunderbird's answer to a send, as the background page takes it (no saved copy read, no [FIN] composed). */
function answered(tab: number, info: AfterSend): Promise<AfterSendOutcome> {
  return fake().background.run(() => closeAfterSend(tab, info, undefined, noCopy));
}

const session = (): Record<string, unknown> => fake().storage("session");

describe("found", () => {
  // Both boxes of the compose popup ticked: « [FIN] » (the message itself closes the exchange,
  // its subject set to exactly [FIN]) and « Clore après l'envoi ». Sent now, the answer sees the
  // message was the [FIN] itself ("was-fin") and sends nothing more. Sent in the background, the
  // closing looks for a message with the subject [FIN], finds the [FIN] itself in the Outbox and
  // keeps a close waiting for it: once it leaves, `settlePendingCloses` sends a second [FIN]
  // (`evenIfClosed`), in reply to the first; and the doctor is told « Votre message … attend dans
  // la boîte d'envoi. Le [FIN] partira juste après lui ». Fixed: the guard notes the message was
  // itself the [FIN], and the closing concludes at once, without a search, and says nothing.
  it("both « [FIN] » and « Clore après l'envoi » ticked, sent in the background: no close waits for the [FIN] itself, no second [FIN], nothing said", async () => {
    guardOn(fake);
    // The [FIN] itself is what the search would find in the Outbox (its subject, its patient, its second).
    const bg = await sent(P1, FIN);
    const c = closingOf(bg.tab, "fin-2@cab", bg.sentAt + 200);
    const outcome = await c.run();
    expect(c.calls.filter((call) => call.startsWith("remember"))).toEqual([]);
    expect(outcome).not.toBe("pending");
    expect(outcome).toBe("was-fin");
    expect(c.calls).toEqual([]);
  });

  // The box ticked while a patient was in To, then the recipient changed to a colleague (or the
  // box ticked on a message to a colleague). The guard notes nothing (no patient). Sent now, the
  // answer says plainly that no exchange can be closed ("not-closable"). Sent in the background,
  // the closing finds no notes and tells the doctor « Le message n'a pas été envoyé : sa fenêtre
  // de rédaction a été fermée sans envoi » — false: the message went to the colleague. (The same
  // when the guard failed on a message to no patient and let it go, noting nothing.) Fixed: the
  // guard notes a send to no patient, and the closing says what the answer says: not closable.
  it("« Clore après l'envoi » ticked on a message to a colleague, sent in the background: the doctor is told no exchange can be closed, never that the message was not sent", async () => {
    guardOn(fake);
    const { tab } = await sentToNoPatient(COLLEAGUE);
    const c = closingOf(tab, "m-colleague@cab", Date.now());
    await c.run();
    expect(fake().sentMessages.map((m) => m.details.to)).toEqual([[COLLEAGUE]]);
    expect(c.calls).not.toContain(`tell ${DROPPED}`);
    expect(c.calls).toEqual([`tell ${NOT_PATIENT}`]);
  });

  // A message sent now, its window closed at once (300 ms), its copy not yet filed in Sent while
  // the closing searched (a slow copy to an IMAP Sent folder), Thunderbird's answer coming after
  // the closing concluded (pause and search over). The closing took the close and said « cannot
  // know »; the answer then finds it taken ("not-asked"): Thunderbird confirmed the message sent,
  // yet no [FIN] follows it, and the doctor, told the add-on cannot know, is never told it went.
  // (An answer later than the window's closing is an ordering the change itself means to handle:
  // break-send8 and close-hand-off.test.ts run it during the pause and the search; nothing
  // bounds it to end before the search does.)
  it.fails("a message sent now whose answer comes after its window's closing concluded « not found »: confirmed sent, no [FIN], and « cannot know » never corrected", async () => {
    guardOn(fake);
    const { tab, sentAt } = await sent(P1, "Résultats", false);
    const c = closingOf(tab, null, sentAt + 300);
    expect(await c.run()).toBe("not-known");
    const late = await answered(tab, answer({ headerMessageId: "m-1@cab" }));
    // Exactly one of the two must take the close of a message Thunderbird confirmed sent.
    expect(late.outcome).not.toBe("not-asked");
  });

  // Same hole on the other conclusion: the window closed 40 s after the guard let the message go
  // (a slow server, no background sending: the window stays open while the message is handed
  // over), and Thunderbird's answer comes a moment after the 3 s pause. The closing concluded
  // « cannot know » at the end of the pause and took the close; the answer finds it taken.
  it.fails("a slow send now, its window closed 40 s after the guard, the answer a moment after the 3 s pause: confirmed sent, no [FIN]", async () => {
    guardOn(fake);
    const { tab, sentAt } = await sent(P1, "Résultats", false);
    const c = closingOf(tab, "m-1@cab", sentAt + 40_000);
    const closing = c.run();
    // The answer, handed in just after the closing's conclusion.
    const late = (async () => {
      await closing;
      return answered(tab, answer({ headerMessageId: "m-1@cab" }));
    })();
    expect(await closing).toBe("not-known");
    expect((await late).outcome).not.toBe("not-asked");
  });
});

describe("withstood", () => {
  it("both « [FIN] » and « Clore après l'envoi » ticked, sent now: Thunderbird's answer sees the message was the [FIN] itself, and nothing follows it", async () => {
    guardOn(fake);
    const now = await sent(P1, FIN, false);
    const copy = parseHeader({ id: 7, headerMessageId: "fin-1@cab", subject: FIN, author: realSender(), recipients: [P1] });
    if (copy === null) throw new Error("no header");
    expect(await fake().background.run(() => closeAfterSend(now.tab, answer({ headerMessageId: "fin-1@cab", copies: [copy] })))).toEqual({ outcome: "was-fin" });
    const c = closingOf(now.tab, "fin-1@cab", now.sentAt + 200);
    expect(await c.run()).toBe("not-asked");
    expect(c.calls).toEqual([]);
    expect(fake().notifications).toEqual([]);
  });

  it("the server refuses the message (answered without a Message-ID), the doctor sends it again from the same window: the box stays ticked, the message untouched, and the second answer takes the close once", async () => {
    guardOn(fake);
    const tab = await composeWithCloseAfter(fake, P1, "Résultats");
    fake().edit(tab, { plainTextBody: "Vos résultats sont normaux." });
    fake().serverRefuses = true;
    await fake().background.run(() => messenger.compose.sendMessage(tab));
    const refused = await answered(tab, answer({ headerMessageId: null }));
    expect(refused).toEqual({ outcome: "not-sent" });
    expect((await fake().background.run(() => getTabState(tab))).closeAfterSend).toBe(true);
    expect(fake().composeDetails(tab).plainTextBody).toBe("Vos résultats sont normaux.");
    expect(fake().composeDetails(tab).subject).toBe("Résultats");
    fake().serverRefuses = false;
    const sentAt = Date.now();
    expect((await fake().send(tab)).sent).toBe(true);
    // The answer and the window's closing at once.
    const c = closingOf(tab, "m-2@cab", sentAt + 200);
    const [late, closing] = await Promise.all([answered(tab, answer({ headerMessageId: "m-2@cab" })), c.run()]);
    expect(late.outcome).not.toBe("not-asked");
    expect(closing).toBe("not-asked");
    expect(c.calls).toEqual([]);
  });

  it("a send answered with an error, then the window closed by the doctor without sending: no [FIN], and « not sent » is said (it is true)", async () => {
    guardOn(fake);
    const tab = await composeWithCloseAfter(fake, P1, "Résultats");
    // The guard let it go (its notes, as it writes them), then Thunderbird failed the send.
    await fake().background.run(() => updateTabState(tab, { sentAt: Date.now(), sentSubject: "Résultats", sentTo: P1, sentBytes: 1_000 }));
    expect(await answered(tab, answer({ error: "SMTP error 554", headerMessageId: null }))).toEqual({ outcome: "send-failed-first" });
    await fake().closeWindow(fake().windowOf(tab));
    const c = closingOf(tab, "m-1@cab", Date.now() + 60_000);
    expect(await c.run()).toBe("dropped");
    expect(c.calls).toEqual([`tell ${DROPPED}`]);
  });

  it("the closing of one tab run twice at once (its removal delivered twice): one close waits, one notice", async () => {
    guardOn(fake);
    const { tab, sentAt } = await sent(P1, "Résultats");
    const one = closingOf(tab, "m-1@cab", sentAt + 200, { whileSearching: () => ticks(5) });
    const two = closingOf(tab, "m-1@cab", sentAt + 210, { whileSearching: () => ticks(2) });
    const outcomes = await Promise.all([one.run(), two.run()]);
    expect(outcomes.filter((o) => o === "pending")).toHaveLength(1);
    const calls = [...one.calls, ...two.calls].filter((call) => !call.startsWith("find"));
    expect(calls.filter((call) => call.startsWith("remember"))).toEqual(["remember m-1@cab"]);
    expect(calls.filter((call) => call.startsWith("tell"))).toHaveLength(1);
  });

  it("twelve windows closing at once, the answers of half of them arriving in the middle of the closings: each message closed once, by its answer or its closing, and nothing false said", async () => {
    guardOn(fake);
    const windows = [];
    for (let i = 0; i < 12; i++) windows.push(await sent(i % 2 === 0 ? P1 : P2, `Résultats ${String(i)}`, i % 2 === 0));
    const runs = windows.map(({ tab, sentAt }, i) => {
      const c = closingOf(tab, `m-${String(i)}@cab`, sentAt + 200, { duringPause: () => ticks(i), whileSearching: () => ticks(12 - i) });
      const late = i % 2 === 1 ? (async () => {
        await ticks(3 * i);
        return answered(tab, answer({ headerMessageId: `m-${String(i)}@cab` }));
      })() : Promise.resolve<AfterSendOutcome>({ outcome: "not-asked" });
      return { c, both: Promise.all([c.run(), late]) };
    });
    for (const [i, { c, both }] of runs.entries()) {
      const [closing, late] = await both;
      expect({ i, one: (late.outcome !== "not-asked") !== (closing === "pending") }).toEqual({ i, one: true });
      expect(c.calls.filter((call) => call === `tell ${NOT_KNOWN}` || call === `tell ${DROPPED}`)).toEqual([]);
    }
    // Every tab's memory forgotten: no patient's address left behind.
    expect(Object.keys(session()).filter((k) => k.startsWith("tab:"))).toEqual([]);
  });

  it("a step that fails in the queue (another tab's answer whose storage write failed) neither stops nor delays the closing behind it", async () => {
    guardOn(fake);
    const { tab, sentAt } = await sent(P1, "Résultats");
    const failing = fake().background.run(() =>
      oneAtATime(async () => {
        await ticks(2);
        throw new Error("storage.session: quota");
      }),
    );
    const c = closingOf(tab, "m-1@cab", sentAt + 200);
    const [failed, closing] = await Promise.allSettled([failing, c.run()]);
    expect(failed.status).toBe("rejected");
    expect(closing).toEqual({ status: "fulfilled", value: "pending" });
    expect(c.calls.filter((call) => call.startsWith("remember"))).toEqual(["remember m-1@cab"]);
  });

  it("the background page restarted between the send and the window's closing (its queue gone, session memory kept): the new page's closing still finds the message and waits for it", async () => {
    guardOn(fake);
    const { tab, sentAt } = await sent(P1, "Résultats");
    // A step of the old page never ended (the page went away in the middle of it).
    vi.resetModules();
    const oldPage = await import("../../../src/features/conversation/close-hand-off.js");
    void fake().background.run(() => oldPage.oneAtATime(() => new Promise<never>(() => undefined)));
    vi.resetModules();
    const fresh = await import("../../../src/features/conversation/close-after-background-send.js");
    const r = recordedBackgroundDeps("m-1@cab", () => sentAt + 200);
    expect(await fake().background.run(() => fresh.closeAfterBackgroundSend(tab, r.deps))).toBe("pending");
    expect(r.calls.filter((call) => call.startsWith("remember"))).toEqual(["remember m-1@cab"]);
  });

  it("the clock set back 2 s between the send and the window's closing (a time sync): no [FIN] is tied to any message, and the doctor is told the add-on cannot know, never « not sent »", async () => {
    guardOn(fake);
    const { tab, sentAt } = await sent(P1, "Résultats");
    const c = closingOf(tab, "m-1@cab", sentAt - 2_000);
    expect(await c.run()).toBe("not-known");
    expect(c.calls).toEqual([`tell ${NOT_KNOWN}`]);
  });

  it("two windows to two patients, one sent in the background, the other sent now and answered while the first is searched for: each close taken by its own path, once", async () => {
    guardOn(fake);
    const a = await sent(P1, "Résultats");
    const b = await sent(P2, "Résultats", false);
    let lateB: AfterSendOutcome | undefined;
    const ca = closingOf(a.tab, "m-a@cab", a.sentAt + 200, {
      whileSearching: async () => {
        lateB = await answered(b.tab, answer({ headerMessageId: "m-b@cab" }));
      },
    });
    const cb = closingOf(b.tab, "m-b@cab", b.sentAt + 200);
    const [outA, outB] = await Promise.all([ca.run(), cb.run()]);
    expect(outA).toBe("pending");
    expect(ca.calls.filter((call) => call.startsWith("remember"))).toEqual(["remember m-a@cab"]);
    expect(lateB?.outcome).not.toBe("not-asked");
    expect(outB).toBe("answered");
    // (B's closing may have begun its search: it then says nothing and waits for nothing.)
    expect(cb.calls.filter((call) => !call.startsWith("find"))).toEqual([]);
  });

  it("Send Later answered before its window's closing, the closing then finding the same message in the Outbox: one close waiting, the answer's, and the closing says nothing", async () => {
    guardOn(fake);
    const { tab, sentAt } = await sent(P1, "Résultats", false);
    const pending: string[] = [];
    const late = await fake().background.run(() =>
      closeAfterSend(tab, answer({ mode: "sendLater", headerMessageId: null, copies: [outboxCopy("m-1@cab")] }), quietDeps(), noCopy, (p) => {
        pending.push(p.headerMessageId);
        return Promise.resolve();
      }),
    );
    expect(late.outcome).toBe("pending");
    const c = closingOf(tab, "m-1@cab", sentAt + 200);
    expect(await c.run()).toBe("not-asked");
    expect(pending).toEqual(["m-1@cab"]);
    expect(c.calls).toEqual([]);
  });

  it("the window closed without sending (the box ticked, the message saved as a draft): in English, the doctor is told in English that no [FIN] will follow", async () => {
    fake().setUiLanguage("en-US");
    guardOn(fake);
    const tab = await composeWithCloseAfter(fake, P1, "Results");
    await fake().closeWindow(fake().windowOf(tab));
    const deps = { ...recordedBackgroundDeps(null, () => Date.now()).deps, tell: (text: Parameters<typeof realCloseDeps.tell>[1]) => realCloseDeps.tell("close-conversation", text) };
    expect(await fake().background.run(() => closeAfterBackgroundSend(tab, deps))).toBe("dropped");
    const english = CATALOGS.en.get("closeaftersenddroppednotice")?.message;
    expect(english).toMatch(/^The message was not sent/);
    expect(fake().notifications.map((n) => n.options.message)).toEqual([english]);
  });

  it("an answer arriving for a tab whose memory was already forgotten (its closing over, « pending »): nothing is taken twice, and nothing of the tab is written back", async () => {
    guardOn(fake);
    const { tab, sentAt } = await sent(P1, "Résultats");
    const c = closingOf(tab, "m-1@cab", sentAt + 200);
    expect(await c.run()).toBe("pending");
    expect(await answered(tab, answer({ mode: "sendLater", headerMessageId: "m-1@cab" }))).toEqual({ outcome: "not-asked" });
    expect(c.calls.filter((call) => call.startsWith("remember"))).toEqual(["remember m-1@cab"]);
    expect(Object.keys(session()).filter((k) => k.startsWith(`tab:${String(tab)}:`))).toEqual([]);
  });
});

// --- helpers used above ------------------------------------------------------------------

/** The sender of the fake's messages, as an address. */
function realSender(): string {
  return "anne.martin@medecin.mssante.fr";
}

/** A window to `to` (no patient in it) with the box ticked, sent in the background. */
async function sentToNoPatient(to: string): Promise<{ tab: number }> {
  fake().sendInBackground = true;
  const tab = await composeWithCloseAfter(fake, to, "Compte rendu");
  expect((await fake().send(tab)).sent).toBe(true);
  const state = await fake().background.run(() => getTabState(tab));
  expect(state.sentTo).toBeUndefined();
  expect(state.closeAfterSend).toBe(true);
  return { tab };
}

/** A copy of a message put in the Outbox (Send Later). */
function outboxCopy(headerMessageId: string): MessageHeader {
  const copy = parseHeader({ id: 9, headerMessageId, subject: "Résultats", author: realSender(), recipients: [P1], folder: { accountId: "local", path: "/Outbox", specialUse: ["outbox"] } });
  if (copy === null) throw new Error("no header");
  return copy;
}

/** The close's dependencies for an answer: the sender's one identity, a notice recorded nowhere. */
function quietDeps(): typeof realCloseDeps {
  return { ...realCloseDeps, identities: () => Promise.resolve([{ id: "id1", email: realSender() }]), tell: () => Promise.resolve() };
}
