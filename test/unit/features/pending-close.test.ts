/**
 * The [FIN] that waits for a message sent later: kept in storage.local (the Message-ID and
 * the patient's address only), sent once the message is filed as sent, in reply to that
 * copy, never while it waits in the Outbox, never when it left the Outbox unsent; forgotten
 * once done, and sent once however many events arrive together.
 */
import { say } from "../../../src/core/i18n/catalogs.js";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { copiesOf } from "../../../src/features/conversation/sent-copies.js";
import { forgetPendingClose, pendingCloses, rememberPendingClose } from "../../../src/features/conversation/pending-closes.js";
import { PENDING_CLOSE_MAX_DAYS, pendingCloseStep } from "../../../src/core/conversation/index.js";
import { storedDataText } from "../../../src/core/notice-records/index.js";
import type { CloseDeps } from "../../../src/features/conversation/close.js";
import { expirePendingCloses, realExpiryDeps, settlePendingCloses, type ExpiryDeps, type PendingDeps } from "../../../src/features/conversation/pending-close.js";
import { conversationFeature } from "../../../src/features/conversation/register.js";
import type { Message } from "../../../src/core/i18n/text.js";
import { sayOr } from "../i18n/say.js";
import { patient, VALID_INS } from "../compose/fixtures.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { DOCTOR, quietCloseDeps } from "./close-deps.js";
import { ignoreFeatureEvents } from "./ignore-events.js";

const fake = useFakeThunderbird();
let store: FakeMailStore;

const P1 = patient(VALID_INS[5]);
const ID = "later-1@medecin.mssante.fr";

beforeEach(() => {
  store = new FakeMailStore(fake(), 10);
  store.addAccount("account1", "MSSanté", ["Unsent Messages", "Sent", "Trash", "Archives", "Archives/2025"]);
});

const original = [`From: Dr Martin <${DOCTOR}>`, `To: ${P1}`, "Subject: Vos résultats", "Date: Mon, 03 Mar 2025 09:15:00 +0100", `Message-ID: <${ID}>`, "", "Bonjour,", ""].join("\r\n");

function recorder(): { deps: CloseDeps; calls: string[] } {
  const calls: string[] = [];
  const deps = quietCloseDeps({
    beginReply: (messageId) => {
      calls.push(`reply to ${store.folderOf(messageId)}`);
      return Promise.resolve(50);
    },
    setFields: (_tab, fields) => {
      calls.push(`subject ${fields.subject} to ${fields.to.join(",")}`);
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
  return { deps, calls };
}

function pendingDeps(pauses: string[] = []): PendingDeps {
  return {
    list: pendingCloses,
    forget: forgetPendingClose,
    copies: copiesOf,
    pause: () => {
      pauses.push("pause");
      return Promise.resolve();
    },
    retries: 2,
  };
}

const remember = (): Promise<void> => rememberPendingClose({ headerMessageId: ID, patientAddress: P1 });

describe("a close waiting for a message sent later", () => {
  it("is kept as the Message-ID, the patient's address and when it started only", async () => {
    await remember();
    expect(fake().storage("local")).toEqual({ [`pendingClose:${ID}`]: { patient: P1, since: expect.any(String) as unknown } });
  });

  it("waits while the message is in the Outbox: nothing sent, still kept", async () => {
    await remember();
    store.add("account1", "Unsent Messages", original);
    const r = recorder();
    expect(await settlePendingCloses(pendingDeps(), r.deps)).toEqual([{ headerMessageId: ID, outcome: "waiting" }]);
    expect(r.calls).toEqual([]);
    expect(fake().storage("local")).toEqual({ [`pendingClose:${ID}`]: { patient: P1, since: expect.any(String) as unknown } });
  });

  it("sends the [FIN] once the message is filed as sent, in reply to the sent copy, once, and forgets it", async () => {
    await remember();
    store.add("account1", "Sent", original);
    const r = recorder();
    const [a, b] = await Promise.all([settlePendingCloses(pendingDeps(), r.deps), settlePendingCloses(pendingDeps(), r.deps)]);
    expect(a).toEqual([{ headerMessageId: ID, outcome: "closed", close: expect.objectContaining({ outcome: "sent" }) as unknown }]);
    expect(b).toEqual([]);
    expect(r.calls).toEqual(["reply to /Sent", `subject [FIN] to ${P1}`, "send", expect.stringContaining("tell Exchange closed")]);
    expect(fake().storage("local")).toEqual({});
  });

  it("sends nothing when the message left the Outbox unsent (in the Trash, or nowhere), says so, and forgets it", async () => {
    for (const where of ["Trash", null] as const) {
      await remember();
      if (where !== null) store.add("account1", where, original);
      const r = recorder();
      const pauses: string[] = [];
      expect(await settlePendingCloses(pendingDeps(pauses), r.deps)).toEqual([{ headerMessageId: ID, outcome: "dropped" }]);
      expect(pauses).toEqual(["pause", "pause"]);
      expect(r.calls).toEqual([expect.stringContaining("tell The exchange with")]);
      expect(r.calls[0]).toContain("is NOT closed");
      expect(fake().storage("local")).toEqual({});
      store = new FakeMailStore(fake(), 10);
      store.addAccount("account1", "MSSanté", ["Unsent Messages", "Sent", "Trash"]);
    }
  });
});

describe("what to do with a waiting close, from where its message is", () => {
  it("send after a copy filed as sent (Sent or below), wait while in the Outbox, else give up (an archived copy is not evidence)", () => {
    expect(pendingCloseStep([[["outbox"]], [["sent"]]])).toEqual({ step: "send", copy: 1 });
    expect(pendingCloseStep([[[], ["sent"]]])).toEqual({ step: "send", copy: 0 });
    expect(pendingCloseStep([[[], ["archives"]]])).toEqual({ step: "drop" });
    expect(pendingCloseStep([[["outbox"]]])).toEqual({ step: "wait" });
    expect(pendingCloseStep([[["trash"]]])).toEqual({ step: "drop" });
    expect(pendingCloseStep([[["drafts"]]])).toEqual({ step: "drop" });
    expect(pendingCloseStep([])).toEqual({ step: "drop" });
  });
});

const DAY = 24 * 3_600_000;
const START = new Date("2026-01-10T08:00:00Z");

function expiryAt(now: Date, told: Message[]): ExpiryDeps {
  return {
    ...realExpiryDeps,
    tell: (text) => {
      told.push(text);
      return Promise.resolve();
    },
    now: () => now,
  };
}

describe("a close waiting for a message sent later, never sent", () => {
  it(`is kept up to ${PENDING_CLOSE_MAX_DAYS} days, then given up: the address erased, the user told once, naming no patient`, async () => {
    await rememberPendingClose({ headerMessageId: ID, patientAddress: P1 }, START);
    store.add("account1", "Unsent Messages", original);
    const told: Message[] = [];
    expect(await expirePendingCloses(expiryAt(new Date(START.getTime() + PENDING_CLOSE_MAX_DAYS * DAY), told))).toEqual([]);
    expect(JSON.stringify(fake().storage("local"))).toContain(P1);
    expect(told).toEqual([]);

    expect(await expirePendingCloses(expiryAt(new Date(START.getTime() + PENDING_CLOSE_MAX_DAYS * DAY + 60_000), told))).toEqual([ID]);
    expect(JSON.stringify(fake().storage("local"))).not.toContain(P1);
    expect(told).toHaveLength(1);
    const text = told[0];
    expect(sayOr(text, "fr")).toMatch(/PAS clos.*30 jours/);
    expect(sayOr(text, "en")).toMatch(/NOT be closed.*30 days/);
    expect(JSON.stringify(text)).not.toMatch(/@|\d{13}/);

    expect(await expirePendingCloses(expiryAt(new Date(START.getTime() + 60 * DAY), told))).toEqual([]);
    expect(told).toHaveLength(1);
  });

  it("one stored without a date (older version) is counted from when it is first seen", async () => {
    await messenger.storage.local.set({ [`pendingClose:${ID}`]: { patient: P1 } });
    const told: Message[] = [];
    expect(await expirePendingCloses(expiryAt(START, told))).toEqual([]);
    expect(fake().storage("local")).toEqual({ [`pendingClose:${ID}`]: { patient: P1, since: START.toISOString() } });
    expect(await expirePendingCloses(expiryAt(new Date(START.getTime() + 20 * DAY), told))).toEqual([]);
    expect(await expirePendingCloses(expiryAt(new Date(START.getTime() + 31 * DAY), told))).toEqual([ID]);
    expect(fake().storage("local")).toEqual({});
    expect(told).toHaveLength(1);
  });

  it("is given up when the background page starts or wakes (the conversation feature registering), two years later", async () => {
    await rememberPendingClose({ headerMessageId: ID, patientAddress: P1 }, new Date(Date.now() - 2 * 365 * DAY));
    const told: string[] = [];
    fake().override("notifications", "create", ((_id: string, options: { message: string }) => {
      told.push(options.message);
      return Promise.resolve("close-conversation");
    }) as never);
    ignoreFeatureEvents(fake);
    conversationFeature.register();
    await vi.waitFor(() => {
      expect(told).toHaveLength(1);
    });
    expect(JSON.stringify(fake().storage("local"))).not.toContain(P1);
  });

  it("is said, with its limit, on the options page", () => {
    const fr = storedDataText(12).paragraphs.map((p) => say(p, "fr")).join(" ");
    const en = storedDataText(12).paragraphs.map((p) => say(p, "en")).join(" ");
    expect(fr).toMatch(/boîte d'envoi.*30 jours/);
    expect(en).toMatch(/Outbox.*30 days/);
  });
});
