/**
 * A [FIN] put in the Outbox while Thunderbird was offline, followed until it leaves: filed as
 * sent → its claim becomes `sent` (the banners then say closed); still in the Outbox → it
 * waits; gone without a sent copy (deleted from the Outbox) → the claim is released, so that
 * nothing says closed when no [FIN] is known to have gone. The claims are the real ones, on
 * the fake `storage.session`.
 */
import { describe, expect, it } from "vitest";
import { claimClosing, markClosingQueued, markClosingSent, queuedClosings, settleQueuedClosing } from "../../../src/features/conversation/closing-claims.js";
import { finsNowSent, settleQueuedCloses, type QueuedDeps } from "../../../src/features/conversation/queued-closes.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const fake = useFakeThunderbird();
const ASKED = "<question-1@patient.mssante.fr>";
const OUTBOX = [["outbox"]] as const;
const SENT = [["sent"]] as const;

function deps(where: (fin: string, look: number) => (readonly (readonly string[])[])[]): QueuedDeps & { looks: number; pauses: number } {
  const state = { looks: 0, pauses: 0 };
  return Object.assign(state, {
    list: () => fake().background.run(() => queuedClosings()),
    copies: (fin: string) => Promise.resolve(where(fin, state.looks++).map((folderUses) => ({ folderUses }))),
    settle: (id: string, fin: string, sent: boolean, now: number) => fake().background.run(() => settleQueuedClosing(id, fin, sent, now)),
    pause: () => {
      state.pauses++;
      return Promise.resolve();
    },
    retries: 3,
    now: () => 9_000,
  });
}

async function queue(fin = "fin-1@cab"): Promise<void> {
  await fake().background.run(() => claimClosing(ASKED, 1_000));
  await fake().background.run(() => markClosingQueued(ASKED, 1_000, fin));
}

describe("a [FIN] waiting in the Outbox", () => {
  it("still in the Outbox: keeps waiting, the claim untouched", async () => {
    await queue();
    const d = deps(() => [OUTBOX]);
    expect(await settleQueuedCloses(d)).toEqual(new Map([[ASKED, "waiting"]]));
    expect(fake().storage("session")).toEqual({ [`closing:${ASKED}`]: { status: "queued", at: 1_000, fin: "fin-1@cab" } });
  });

  it("filed as sent: the claim becomes sent, dated when it was seen gone", async () => {
    await queue();
    expect(await settleQueuedCloses(deps((fin) => (fin === "fin-1@cab" ? [SENT] : [])))).toEqual(new Map([[ASKED, "sent"]]));
    expect(fake().storage("session")).toEqual({ [`closing:${ASKED}`]: { status: "sent", at: 9_000 } });
  });

  it("its sent copy filed a moment after it left the Outbox: looked for again, then sent", async () => {
    await queue();
    const d = deps((_fin, look) => (look < 2 ? [] : [SENT]));
    expect(await settleQueuedCloses(d)).toEqual(new Map([[ASKED, "sent"]]));
    expect(d.pauses).toBe(2);
  });

  it("gone without a sent copy (deleted from the Outbox): released after the retries, never said sent", async () => {
    await queue();
    const d = deps(() => []);
    expect(await settleQueuedCloses(d)).toEqual(new Map([[ASKED, "dropped"]]));
    expect(d.pauses).toBe(3);
    expect(fake().storage("session")).toEqual({});
  });

  it("a claim that changed meanwhile (sent another way, or another [FIN]) is left as it is", async () => {
    await queue();
    const d = deps(() => []);
    const listed = await d.list();
    await fake().background.run(() => markClosingSent(ASKED, 5_000));
    await d.settle(ASKED, listed[0]?.fin ?? "", false, 9_000);
    expect(fake().storage("session")).toEqual({ [`closing:${ASKED}`]: { status: "sent", at: 5_000 } });
  });

  it("only claims waiting in the Outbox are looked at", async () => {
    await fake().background.run(() => markClosingSent("<other@patient.mssante.fr>", 2_000));
    await fake().background.run(() => claimClosing("<third@patient.mssante.fr>", 2_000));
    const d = deps(() => [SENT]);
    expect(await settleQueuedCloses(d)).toEqual(new Map());
    expect(d.looks).toBe(0);
  });
});

describe("a [FIN] leaving the Outbox, known to this session or not", () => {
  it("is reported once its sent copy is filed (looked for again meanwhile); other deleted mail is not looked at", async () => {
    const d = deps((fin, look) => (fin === "fin-9@cab" && look >= 1 ? [SENT] : []));
    const deleted = [
      { headerMessageId: "note@cab", subject: "Compte rendu" },
      { headerMessageId: "fin-9@cab", subject: "[FIN]" },
      { headerMessageId: "re@cab", subject: "Re: [FIN]" },
    ];
    expect(await finsNowSent(deleted, d)).toEqual(["fin-9@cab"]);
    expect(d.looks).toBe(2);
  });

  it("a [FIN] deleted without being sent (from the Outbox, a draft): not reported", async () => {
    const d = deps(() => []);
    expect(await finsNowSent([{ headerMessageId: "fin-9@cab", subject: "[FIN]" }], d)).toEqual([]);
    expect(d.pauses).toBe(3);
  });
});
