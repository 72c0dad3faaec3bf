/**
 * "Close after sending" when Thunderbird sends in the background and never says the message
 * went: the message is found in the mail (Outbox or Sent, exact subject, dated from the send
 * on) and its [FIN] waits for it as for a message sent later; answered the usual way, or
 * never let go, nothing is done here.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { sentInBackground, SENT_DATE_SLACK_MS, toTheSecond, type SentCandidate } from "../../../src/core/conversation/index.js";
import { say } from "../../../src/core/i18n/catalogs.js";
import { msg } from "../../../src/core/i18n/text.js";
import { getTabState, updateTabState } from "../../../src/features/compose/session-state.js";
import { closeAfterBackgroundSend, type BackgroundCloseDeps } from "../../../src/features/conversation/close-after-background-send.js";
import type { PendingClose } from "../../../src/features/conversation/pending-closes.js";
import { patient, VALID_INS } from "../compose/fixtures.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const fake = useFakeThunderbird();
const P1 = patient(VALID_INS[5]);
const SENT_AT = Date.UTC(2026, 11, 3, 10, 0);

const candidate = (over: Partial<SentCandidate> = {}): SentCandidate => ({
  headerMessageId: "m-1@cab",
  subject: "Vos résultats",
  date: SENT_AT,
  folderUses: [["outbox"]],
  ...over,
});

describe("sentInBackground", () => {
  it("finds the message in the Outbox, or already filed as sent (in a subfolder of Sent too)", () => {
    expect(sentInBackground([candidate()], "Vos résultats", SENT_AT)).toBe("m-1@cab");
    expect(sentInBackground([candidate({ folderUses: [["sent"]] })], "Vos résultats", SENT_AT)).toBe("m-1@cab");
    expect(sentInBackground([candidate({ folderUses: [[], ["sent"]] })], "Vos résultats", SENT_AT)).toBe("m-1@cab");
  });

  it("never takes a draft, a copy elsewhere, another subject, an older message or one without a Message-ID", () => {
    expect(sentInBackground([candidate({ folderUses: [["drafts"]] })], "Vos résultats", SENT_AT)).toBeNull();
    expect(sentInBackground([candidate({ folderUses: [["inbox"]] })], "Vos résultats", SENT_AT)).toBeNull();
    expect(sentInBackground([candidate({ folderUses: [] })], "Vos résultats", SENT_AT)).toBeNull();
    expect(sentInBackground([candidate({ subject: "Re: Vos résultats" })], "Vos résultats", SENT_AT)).toBeNull();
    expect(sentInBackground([candidate({ date: SENT_AT - SENT_DATE_SLACK_MS - 1 })], "Vos résultats", SENT_AT)).toBeNull();
    expect(sentInBackground([candidate({ date: Number.NaN })], "Vos résultats", SENT_AT)).toBeNull();
    expect(sentInBackground([candidate({ headerMessageId: "" })], "Vos résultats", SENT_AT)).toBeNull();
  });

  it("compared with the send cut to the second (a Date header has whole seconds): dated that second or the next is as near as can be told", () => {
    // Let go at .950, a message is dated that second, or the next when building it took a moment:
    // one dated each way cannot be told apart (two windows let go within a second), so none.
    const at = SENT_AT + 950;
    const own = candidate({ headerMessageId: "own@cab", date: SENT_AT });
    const next = candidate({ headerMessageId: "next@cab", date: SENT_AT + 1_000 });
    expect(sentInBackground([next, own], "Vos résultats", at)).toBeNull();
    expect(sentInBackground([own], "Vos résultats", at)).toBe("own@cab");
    expect(sentInBackground([next], "Vos résultats", at)).toBe("next@cab");
    // Two seconds after the send's second is further than the next second.
    const later = candidate({ headerMessageId: "later@cab", date: SENT_AT + 2_000 });
    expect(sentInBackground([later, next], "Vos résultats", at)).toBe("next@cab");
    expect(toTheSecond(at)).toBe(SENT_AT);
  });

  it("two messages as near the send: none (which is this window's cannot be told); the same message twice (Outbox and Sent) is no tie", () => {
    const a = candidate({ headerMessageId: "a@cab", date: SENT_AT + 1_000 });
    const b = candidate({ headerMessageId: "b@cab", date: SENT_AT + 1_000, folderUses: [["sent"]] });
    expect(sentInBackground([a, b], "Vos résultats", SENT_AT + 300)).toBeNull();
    // Dated a second before the send's second: further than one dated the next second (a
    // message is never dated before the second it was let go in).
    const before = candidate({ headerMessageId: "before@cab", date: SENT_AT - 1_000 });
    expect(sentInBackground([before, a], "Vos résultats", SENT_AT)).toBe("a@cab");
    expect(sentInBackground([before, candidate({ headerMessageId: "c@cab", date: SENT_AT + 2_000 })], "Vos résultats", SENT_AT)).toBeNull();
    const moved = candidate({ headerMessageId: "<a@cab>", date: SENT_AT + 1_000, folderUses: [["sent"]] });
    expect(sentInBackground([a, moved], "Vos résultats", SENT_AT)).toBe("a@cab");
  });

  it("for every set of messages: the one taken is strictly nearer the send's second (or the next) than every other message that could be it", () => {
    const arb = fc.array(
      fc.record({ id: fc.constantFrom("a@cab", "b@cab", "c@cab", "d@cab"), off: fc.integer({ min: -8, max: 12 }), sent: fc.boolean() }),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 999 }), (rows, ms) => {
        const list = rows.map((row) => candidate({ headerMessageId: row.id, date: SENT_AT + row.off * 1_000, folderUses: [[row.sent ? "sent" : "outbox"]] }));
        const found = sentInBackground(list, "Vos résultats", SENT_AT + ms);
        if (found === null) return;
        // Dated the send's second or the next: as near as can be told.
        const distance = (c: SentCandidate): number => (c.date < SENT_AT ? SENT_AT - c.date : Math.max(0, c.date - SENT_AT - 1_000));
        const mine = Math.min(...list.filter((c) => c.headerMessageId === found).map(distance));
        for (const other of list) {
          if (other.headerMessageId !== found && other.date - SENT_AT >= -5_000) expect(distance(other)).toBeGreaterThan(mine);
        }
      }),
    );
  });

  it("of several, the newest (the same subject sent earlier today is not it)", () => {
    const found = sentInBackground(
      [candidate({ headerMessageId: "old@cab", date: SENT_AT - 60_000, folderUses: [["sent"]] }), candidate({ headerMessageId: "new@cab", date: SENT_AT + 1_000 })],
      "Vos résultats",
      SENT_AT,
    );
    expect(found).toBe("new@cab");
  });
});

function recorder(found: string | null, answeredMeanwhile = false): { deps: BackgroundCloseDeps; calls: string[]; remembered: PendingClose[]; tabId: number } {
  const calls: string[] = [];
  const remembered: PendingClose[] = [];
  const tabId = 7;
  return {
    tabId,
    calls,
    remembered,
    deps: {
      pause: async () => {
        calls.push("pause");
        // `onAfterSend` took it meanwhile (close-after-send.ts forgets the box).
        if (answeredMeanwhile) await fake().background.run(() => updateTabState(tabId, { closeAfterSend: undefined }));
      },
      find: (address, subject, sentAt) => {
        calls.push(`find ${address} ${subject} ${String(sentAt)}`);
        return Promise.resolve(found);
      },
      remember: (pending) => {
        remembered.push(pending);
        return Promise.resolve();
      },
      settle: () => {
        calls.push("settle");
        return Promise.resolve();
      },
      tell: (text) => {
        calls.push(`tell ${say(text, "fr")}`);
        return Promise.resolve();
      },
      // The window closes as Thunderbird closes it after a send in the background: at once.
      now: () => SENT_AT + 1_000,
    },
  };
}

async function asked(tabId: number, sent = true): Promise<void> {
  await fake().background.run(() =>
    updateTabState(tabId, { closeAfterSend: true, ...(sent ? { sentAt: SENT_AT, sentSubject: "Vos résultats", sentTo: P1 } : {}) }),
  );
}

describe("closeAfterBackgroundSend", () => {
  it("no answer came: the message found in the mail, its [FIN] waits for it (looked at once now: it may have left already)", async () => {
    const r = recorder("<m-1@cab>");
    await asked(r.tabId);
    expect(await fake().background.run(() => closeAfterBackgroundSend(r.tabId, r.deps))).toBe("pending");
    expect(r.remembered).toEqual([{ headerMessageId: "m-1@cab", patientAddress: P1 }]);
    expect(r.calls).toEqual(["pause", `find ${P1} Vos résultats ${String(SENT_AT)}`, expect.stringMatching(/^tell .*boîte d'envoi/), "settle"]);
    expect((await fake().background.run(() => getTabState(r.tabId))).closeAfterSend).toBeUndefined();
  });

  it("answered meanwhile (a send now, or Send Later): nothing here", async () => {
    const r = recorder("m-1@cab", true);
    await asked(r.tabId);
    expect(await fake().background.run(() => closeAfterBackgroundSend(r.tabId, r.deps))).toBe("answered");
    expect(r.calls).toEqual(["pause"]);
    expect(r.remembered).toEqual([]);
  });

  it("without the box ticked: nothing", async () => {
    const r = recorder("m-1@cab");
    expect(await fake().background.run(() => closeAfterBackgroundSend(99, r.deps))).toBe("not-asked");
    expect(r.calls).toEqual([]);
  });

  it("the box ticked, the window closed without its message let go (a draft, given up, blocked): no search, no [FIN], and the user told none will follow", async () => {
    // (Before, nothing was said: a doctor who saved a draft to send it later believed the [FIN]
    // would follow it. The answer to a send that went may still be on its way: looked at after the pause.)
    const r = recorder("m-1@cab");
    await asked(r.tabId, false);
    expect(await fake().background.run(() => closeAfterBackgroundSend(r.tabId, r.deps))).toBe("dropped");
    expect(r.calls).toEqual(["pause", `tell ${say(msg("closeAfterSendDroppedNotice"), "fr")}`]);
    expect(await fake().background.run(() => getTabState(r.tabId))).toEqual({ optionsSettled: false });
  });

  it("the box ticked, no send let go, but the answer to a send that went arrives during the pause: nothing here", async () => {
    const r = recorder("m-1@cab", true);
    await asked(r.tabId, false);
    expect(await fake().background.run(() => closeAfterBackgroundSend(r.tabId, r.deps))).toBe("answered");
    expect(r.calls).toEqual(["pause"]);
  });

  it("the message not found: no [FIN], and the user is told the add-on cannot know whether it went (it may have been stopped after the guard)", async () => {
    const r = recorder(null);
    await asked(r.tabId);
    expect(await fake().background.run(() => closeAfterBackgroundSend(r.tabId, r.deps))).toBe("not-known");
    expect(r.remembered).toEqual([]);
    expect(r.calls.at(-1)).toBe(`tell ${say(msg("closeAfterSendNotKnownNotice"), "fr")}`);
    expect(r.calls).not.toContain("settle");
  });

  it("the message let go was itself the [FIN] (both boxes ticked): no search (it would find the [FIN] itself), no close waiting, nothing said", async () => {
    const r = recorder("fin-1@cab");
    await fake().background.run(() => updateTabState(r.tabId, { closeAfterSend: true, sentAt: SENT_AT, sentNoClose: "fin" }));
    expect(await fake().background.run(() => closeAfterBackgroundSend(r.tabId, r.deps))).toBe("was-fin");
    expect(r.calls).toEqual(["pause"]);
    expect(r.remembered).toEqual([]);
    expect(await fake().background.run(() => getTabState(r.tabId))).toEqual({ optionsSettled: false });
  });

  it("notes giving the subject [FIN] without saying it was the [FIN] (noted otherwise, or by an earlier version): stops the same, quietly", async () => {
    const r = recorder("fin-1@cab");
    await fake().background.run(() => updateTabState(r.tabId, { closeAfterSend: true, sentAt: SENT_AT, sentSubject: "[FIN]", sentTo: P1 }));
    expect(await fake().background.run(() => closeAfterBackgroundSend(r.tabId, r.deps))).toBe("was-fin");
    expect(r.calls).toEqual(["pause"]);
    expect(r.remembered).toEqual([]);
  });

  it("the message let go was to no patient (a colleague): no search, and the user is told what an answer would say, that no exchange can be closed — never « not sent », even if its window closed late", async () => {
    const notPatient = `tell ${say(msg("closeNotPatient"), "fr")}`;
    for (const closedAfter of [1_000, 10 * 60_000]) {
      const r = recorder("m-1@cab");
      const deps = { ...r.deps, now: () => SENT_AT + closedAfter };
      await fake().background.run(() => updateTabState(r.tabId, { closeAfterSend: true, sentAt: SENT_AT, sentNoClose: "not-patient" }));
      expect(await fake().background.run(() => closeAfterBackgroundSend(r.tabId, deps))).toBe("not-patient");
      expect(r.calls).toEqual(["pause", notPatient]);
      expect(r.remembered).toEqual([]);
      expect(await fake().background.run(() => getTabState(r.tabId))).toEqual({ optionsSettled: false });
    }
  });

  it("a [FIN] or a message to no patient, answered during the pause: nothing here", async () => {
    for (const sentNoClose of ["fin", "not-patient"] as const) {
      const r = recorder("m-1@cab", true);
      await fake().background.run(() => updateTabState(r.tabId, { closeAfterSend: true, sentAt: SENT_AT, sentNoClose }));
      expect(await fake().background.run(() => closeAfterBackgroundSend(r.tabId, r.deps))).toBe("answered");
      expect(r.calls).toEqual(["pause"]);
    }
  });
});
