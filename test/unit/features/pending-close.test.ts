/**
 * The [FIN] that waits for a message sent later: kept in storage.local (the Message-ID and
 * the patient's address only), sent once the message is filed as sent, in reply to that
 * copy, never while it waits in the Outbox, never when it left the Outbox unsent; forgotten
 * once done, and sent once however many events arrive together.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { copiesOf } from "../../../src/adapters/after-send.js";
import { forgetPendingClose, pendingCloses, rememberPendingClose } from "../../../src/adapters/pending-closes.js";
import { pendingCloseStep } from "../../../src/core/conversation/index.js";
import { DEFAULT_CLOSING_TEMPLATE } from "../../../src/core/settings/index.js";
import type { CloseDeps } from "../../../src/features/conversation/close.js";
import { settlePendingCloses, type PendingDeps } from "../../../src/features/conversation/pending-close.js";
import { patient, VALID_INS } from "../compose/fixtures.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const fake = useFakeThunderbird();
let store: FakeMailStore;

const DOCTOR = "dr.martin@medecin.mssante.fr";
const P1 = patient(VALID_INS[5]);
const ID = "later-1@medecin.mssante.fr";

beforeEach(() => {
  store = new FakeMailStore(fake(), 10);
  store.addAccount("account1", "MSSanté", ["Unsent Messages", "Sent", "Trash", "Archives", "Archives/2025"]);
});

const original = [`From: Dr Martin <${DOCTOR}>`, `To: ${P1}`, "Subject: Vos résultats", "Date: Mon, 03 Mar 2025 09:15:00 +0100", `Message-ID: <${ID}>`, "", "Bonjour,", ""].join("\r\n");

function recorder(): { deps: CloseDeps; calls: string[] } {
  const calls: string[] = [];
  const deps: CloseDeps = {
    identities: () => Promise.resolve([{ id: "id1", email: DOCTOR }]),
    settings: () => Promise.resolve({ closingTemplate: DEFAULT_CLOSING_TEMPLATE, readReceiptDefault: false, reviewBeforeClosing: false }),
    state: () => Promise.resolve({ state: "open" }),
    claim: () => Promise.resolve(null),
    markSent: () => Promise.resolve(),
    release: () => Promise.resolve(),
    beginReply: (messageId) => {
      calls.push(`reply to ${store.folderOf(messageId)}`);
      return Promise.resolve(50);
    },
    isPlainText: () => Promise.resolve(true),
    setFields: (_tab, fields) => {
      calls.push(`subject ${fields.subject} to ${fields.to.join(",")}`);
      return Promise.resolve();
    },
    settleOptions: () => Promise.resolve(),
    send: () => {
      calls.push("send");
      return Promise.resolve("fin@x");
    },
    focus: () => Promise.resolve(),
    tell: (_id, text) => {
      calls.push(`tell ${text.en}`);
      return Promise.resolve();
    },
    now: () => 1,
  };
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
  it("is kept as the Message-ID and the patient's address only", async () => {
    await remember();
    expect(fake().storage("local")).toEqual({ [`pendingClose:${ID}`]: { patient: P1 } });
  });

  it("waits while the message is in the Outbox: nothing sent, still kept", async () => {
    await remember();
    store.add("account1", "Unsent Messages", original);
    const r = recorder();
    expect(await settlePendingCloses(pendingDeps(), r.deps)).toEqual([{ headerMessageId: ID, outcome: "waiting" }]);
    expect(r.calls).toEqual([]);
    expect(fake().storage("local")).toEqual({ [`pendingClose:${ID}`]: { patient: P1 } });
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
