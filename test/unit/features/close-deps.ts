/**
 * The close's dependencies for the feature and conversation tests: every step succeeds and does
 * nothing, except what the test hands in. `send` and `now` are always the test's own.
 */
import type { CloseDeps } from "../../../src/features/conversation/close.js";
import { realCloseDeps } from "../../../src/features/conversation/close.js";
import { claimClosing, markClosingQueued, markClosingSent, releaseClosing } from "../../../src/features/conversation/closing-claims.js";
import { copiesOf } from "../../../src/features/conversation/sent-copies.js";
import { forgetPendingClose, pendingCloses } from "../../../src/features/conversation/pending-closes.js";
import type { PendingDeps } from "../../../src/features/conversation/pending-close.js";
import { DEFAULT_CLOSING_TEMPLATE } from "../../../src/core/settings/index.js";
import type { FakeThunderbird } from "../fakes/messenger.js";

/** The user's one identity in these tests. */
export const DOCTOR = "dr.martin@medecin.mssante.fr";

/** The settings the close reads: the default closing text, with or without a read receipt. */
export function closingSettings(readReceiptDefault: boolean): CloseDeps["settings"] {
  return () => Promise.resolve({ closingTemplate: DEFAULT_CLOSING_TEMPLATE, readReceiptDefault, reviewBeforeClosing: false });
}

/**
 * One identity (`DOCTOR`, id "id1"), no read receipt, an open exchange, no [FIN] waiting, no
 * claim kept, a plain-text reply in tab 50; then what the test overrides.
 */
export function quietCloseDeps(own: Partial<CloseDeps> & Pick<CloseDeps, "send" | "now">): CloseDeps {
  return {
    identities: () => Promise.resolve([{ id: "id1", email: DOCTOR }]),
    settings: closingSettings(false),
    state: () => Promise.resolve({ state: "open" }),
    waitingFin: () => Promise.resolve(null),
    claim: () => Promise.resolve(null),
    markSent: () => Promise.resolve(),
    markQueued: () => Promise.resolve(),
    release: () => Promise.resolve(),
    beginReply: () => Promise.resolve(50),
    isPlainText: () => Promise.resolve(true),
    setFields: () => Promise.resolve(),
    settleOptions: () => Promise.resolve(),
    focus: () => Promise.resolve(),
    tell: () => Promise.resolve(),
    ...own,
  };
}

/** The exchange's state and a [FIN] waiting in the Outbox, read from the (fake) mail as the add-on reads them. */
export const stateFromMail: Pick<CloseDeps, "state" | "waitingFin"> = {
  state: (message, patient, own, now) => realCloseDeps.state(message, patient, own, now),
  waitingFin: (patient, own, now) => realCloseDeps.waitingFin(patient, own, now),
};

/** The waiting closes kept in storage and the sent copies read from the mail; no pause, no retry. */
export const pendingFromStorage: PendingDeps = { list: pendingCloses, forget: forgetPendingClose, copies: copiesOf, pause: () => Promise.resolve(), retries: 0 };

/** The real claims that stop a second [FIN], kept in the fake Thunderbird's storage and reached from its background. */
export function claimsIn(fake: () => FakeThunderbird): Pick<CloseDeps, "claim" | "markSent" | "markQueued" | "release"> {
  return {
    claim: (id, now) => fake().background.run(() => claimClosing(id, now)),
    markSent: (id, now) => fake().background.run(() => markClosingSent(id, now)),
    markQueued: (id, now, fin) => fake().background.run(() => markClosingQueued(id, now, fin)),
    release: (id) => fake().background.run(() => releaseClosing(id)),
  };
}
