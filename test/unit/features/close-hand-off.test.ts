/**
 * The hand-off of « Clore après l'envoi » between Thunderbird's answer to a send
 * (`closeAfterSend`) and the closing of its window after a send in the background
 * (`closeAfterBackgroundSend`, then the tab's memory forgotten): the close asked is taken by one
 * of them only, in one step, whenever the answer comes (`close-hand-off.ts`).
 */
import { describe, expect, it } from "vitest";
import type { AfterSend } from "../../../src/adapters/compose.js";
import { say } from "../../../src/core/i18n/catalogs.js";
import { msg } from "../../../src/core/i18n/text.js";
import { forgetTab, getTabState, updateTabState } from "../../../src/features/compose/session-state.js";
import { closeAfterBackgroundSend, type BackgroundCloseOutcome } from "../../../src/features/conversation/close-after-background-send.js";
import { closeAfterSend, type AfterSendOutcome } from "../../../src/features/conversation/close-after-send.js";
import { oneAtATime, takeClose } from "../../../src/features/conversation/close-hand-off.js";
import { patient, VALID_INS } from "../compose/fixtures.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { composeWithCloseAfter, guardOn } from "./send-listeners.js";
import { recordedBackgroundDeps } from "./background-close-deps.js";

const fake = useFakeThunderbird();
const P1 = patient(VALID_INS[0]);
const NOT_KNOWN = say(msg("closeAfterSendNotKnownNotice"), "fr");
const DROPPED = say(msg("closeAfterSendDroppedNotice"), "fr");

const answer = (over: Partial<AfterSend>): AfterSend => ({ mode: "sendNow", error: null, headerMessageId: null, copies: [], ...over });

async function ticks(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await Promise.resolve();
}

/** A window to close after sending, sent in the background by Thunderbird (its window closed, no answer). */
async function sentInTheBackground(): Promise<{ tab: number; sentAt: number }> {
  fake().sendInBackground = true;
  const tab = await composeWithCloseAfter(fake, P1, "Résultats");
  expect((await fake().send(tab)).sent).toBe(true);
  const { sentAt } = await fake().background.run(() => getTabState(tab));
  if (sentAt === undefined) throw new Error("the guard noted no send");
  return { tab, sentAt };
}

interface Race {
  readonly background: BackgroundCloseOutcome;
  readonly late: AfterSendOutcome;
  readonly told: readonly string[];
}

/**
 * The window closes `closedAfter` ms after the send let go, its message found as `id`; Thunderbird's
 * answer `info` comes `delay` microtask turns after the closing began (before it when negative).
 * The closing ends as the background page's does: the tab's memory forgotten.
 */
async function race(info: AfterSend, delay: number, id: string, closedAfter = 300): Promise<Race> {
  const { tab, sentAt } = await sentInTheBackground();
  const r = recordedBackgroundDeps(id, () => sentAt + closedAfter, { duringPause: () => ticks(8), whileSearching: () => ticks(8) });
  const answering = async (): Promise<AfterSendOutcome> => {
    await ticks(Math.max(delay, 0));
    return fake().background.run(() => closeAfterSend(tab, info, undefined, () => Promise.resolve(null)));
  };
  const closing = async (): Promise<BackgroundCloseOutcome> => {
    await ticks(Math.max(-delay, 0));
    return fake().background.run(() => closeAfterBackgroundSend(tab, r.deps).finally(() => forgetTab(tab)));
  };
  const [late, background] = await Promise.all([answering(), closing()]);
  return { background, late, told: r.calls.filter((c) => c.startsWith("tell ")) };
}

/**
 * The answer (sent, as `mode`) at every moment from well before the closing to after its end:
 * exactly one of the two takes the close, and the closing says nothing false.
 */
async function everyMoment(mode: "sendNow" | "sendLater"): Promise<Set<BackgroundCloseOutcome>> {
  const outcomes = new Set<BackgroundCloseOutcome>();
  for (let delay = -12; delay <= 120; delay++) {
    const id = `m-${mode}-${String(delay)}@cab`;
    const { background, late, told } = await race(answer({ mode, headerMessageId: id }), delay, id);
    outcomes.add(background);
    const answerTook = late.outcome !== "not-asked";
    expect({ delay, one: answerTook !== (background === "pending") }).toEqual({ delay, one: true });
    expect({ delay, told: answerTook ? told : [] }).toEqual({ delay, told: [] });
    expect(told).not.toContain(`tell ${NOT_KNOWN}`);
    expect(told).not.toContain(`tell ${DROPPED}`);
  }
  return outcomes;
}

describe("the close after sending, taken once", () => {
  it("a message sent now and found in the mail, its answer coming at any moment of its window's closing (before it, in the pause, during the search, after it): exactly one of the two takes the close, and the doctor is never told « cannot know » nor « not sent »", async () => {
    guardOn(fake);
    // (The answer came before the closing, in its pause or search, and after it: every path is run.)
    expect(await everyMoment("sendNow")).toEqual(new Set(["not-asked", "answered", "pending"]));
  });

  it("Send Later answered at any moment of its window's closing: one waiting close only, the answer's or the closing's", async () => {
    guardOn(fake);
    expect(await everyMoment("sendLater")).toEqual(new Set(["not-asked", "answered", "pending"]));
  });

  it("the server refusing the message (answered without a Message-ID) while it is looked for: nothing waits for the message found, and the doctor is told no [FIN] will follow", async () => {
    guardOn(fake);
    const { tab, sentAt } = await sentInTheBackground();
    const r = recordedBackgroundDeps("m-1@cab", () => sentAt + 300, {
      whileSearching: () => fake().background.run(() => closeAfterSend(tab, answer({ headerMessageId: null }))),
    });
    expect(await fake().background.run(() => closeAfterBackgroundSend(tab, r.deps))).toBe("dropped");
    expect(r.calls.filter((c) => !c.startsWith("find"))).toEqual([`tell ${DROPPED}`]);
  });

  it("a window closed long after its send was let go (a slow server), Thunderbird's answer coming as it closes: the answer takes the close, and « cannot know » is never said", async () => {
    guardOn(fake);
    const { tab, sentAt } = await sentInTheBackground();
    let late: AfterSendOutcome | undefined;
    const r = recordedBackgroundDeps("m-1@cab", () => sentAt + 40_000, {
      duringPause: async () => {
        late = await fake().background.run(() => closeAfterSend(tab, answer({ headerMessageId: "m-1@cab" }), undefined, () => Promise.resolve(null)));
      },
    });
    expect(await fake().background.run(() => closeAfterBackgroundSend(tab, r.deps))).toBe("answered");
    expect(late?.outcome).not.toBe("not-asked");
    expect(r.calls).toEqual([]);
  });
});

describe("oneAtATime, takeClose", () => {
  it("of many takers at once, one only gets the close, with the state it was taken with", async () => {
    const tab = 41;
    await fake().background.run(() => updateTabState(tab, { closeAfterSend: true, sentAt: 5 }));
    const taken = await Promise.all(Array.from({ length: 12 }, () => fake().background.run(() => takeClose(tab))));
    expect(taken.filter((t) => t !== null)).toEqual([{ optionsSettled: false, closeAfterSend: true, sentAt: 5 }]);
    expect((await fake().background.run(() => getTabState(tab))).closeAfterSend).toBeUndefined();
  });

  it("steps run one at a time, in the order handed in, and a step that fails does not stop the next", async () => {
    const seen: string[] = [];
    const step = (name: string, fail = false) => async (): Promise<string> => {
      seen.push(`${name} starts`);
      await ticks(3);
      seen.push(`${name} ends`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([oneAtATime(step("a")), oneAtATime(step("b", true)), oneAtATime(step("c"))]);
    expect(seen).toEqual(["a starts", "a ends", "b starts", "b ends", "c starts", "c ends"]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });
});
