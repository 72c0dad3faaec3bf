/**
 * What the administrator LOCKED on holds for every message to a patient: the popup cannot
 * untick it, and the send guard puts it back when the user turned it off elsewhere.
 */
import { describe, expect, it } from "vitest";
import { updateTabState } from "../../../src/features/compose/session-state.js";
import { evaluateTab } from "../../../src/features/compose/evaluate.js";
import { enforcedOptions } from "../../../src/features/compose/locked-options.js";
import { lockedOptions, setNoReply, setReceipt, settleDefaults } from "../../../src/features/compose/message-options.js";
import { guardSend } from "../../../src/features/compose/send-guard.js";
import { resolveAll } from "../../../src/core/settings/index.js";
import { FakeAddressBooks } from "../fakes/address-books.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { COLLEAGUE, P1, PRIORITY } from "./helpers.js";

const fake = useFakeThunderbird();
const guard = (tabId: number): ReturnType<typeof guardSend> => guardSend(tabId, fake().composeDetails(tabId));
const LOCKED_RECEIPT = { readReceiptDefault: { value: true, locked: true } };
const LOCKED_NO_REPLY = { noReplyDefault: { value: true, locked: true } };
const NO_REPLY = { name: "X-Mss-Mes", value: "FIN" };

describe("enforcedOptions", () => {
  it("holds only what is locked ON", () => {
    const cases: [unknown, { receipt: boolean; noReply: boolean }][] = [
      [undefined, { receipt: false, noReply: false }],
      [{ readReceiptDefault: true, noReplyDefault: true }, { receipt: false, noReply: false }],
      [{ ...LOCKED_RECEIPT, ...LOCKED_NO_REPLY }, { receipt: true, noReply: true }],
      [{ readReceiptDefault: { value: false, locked: true } }, { receipt: false, noReply: false }],
      // The lock list, and macOS / Windows forms of the values.
      [{ noReplyDefault: 1, locked: "noReplyDefault" }, { receipt: false, noReply: true }],
      [{ readReceiptDefault: { value: "true", locked: "1" } }, { receipt: true, noReply: false }],
      // Locked without a value: locked at the default (receipt on, no-reply off).
      [{ locked: ["readReceiptDefault", "noReplyDefault"] }, { receipt: true, noReply: false }],
      // An invalid policy value is ignored as a whole, lock included.
      [{ readReceiptDefault: { value: "peut-être", locked: true } }, { receipt: false, noReply: false }],
    ];
    for (const [policy, expected] of cases) {
      expect(enforcedOptions(resolveAll(policy, { readReceiptDefault: false }).entries), JSON.stringify(policy)).toEqual(expected);
    }
  });
});

describe("a locked read receipt", () => {
  it("is requested on send even after the user turned it off in the popup and elsewhere", async () => {
    fake().setPolicy(LOCKED_RECEIPT);
    fake().seedStorage("local", { settingsVersion: 1, readReceiptDefault: false });
    const tab = fake().openCompose({ to: [P1], subject: "Résultats" });

    await settleDefaults(tab);
    expect(fake().composeDetails(tab).returnReceipt).toBe(true);
    // The popup's checkbox is disabled; a stale popup trying anyway changes nothing.
    expect(await setReceipt(tab, false)).toBe(true);
    expect(fake().composeDetails(tab).returnReceipt).toBe(true);
    // Thunderbird's own Options menu unticks it: the guard puts it back.
    fake().edit(tab, { returnReceipt: false });

    expect(await guard(tab)).toEqual({ details: { returnReceipt: true } });
  });

  it("is put back by the popup when it opens on a message whose receipt was turned off", async () => {
    fake().setPolicy(LOCKED_RECEIPT);
    const tab = fake().openCompose({ to: [P1], subject: "Résultats" });
    await updateTabState(tab, { optionsSettled: true });
    fake().edit(tab, { returnReceipt: false });

    await settleDefaults(tab);

    expect(fake().composeDetails(tab).returnReceipt).toBe(true);
  });

  it("does not apply to a message to no patient", async () => {
    fake().setPolicy(LOCKED_RECEIPT);
    const tab = fake().openCompose({ to: [COLLEAGUE], subject: "Avis" });
    expect(await lockedOptions(tab)).toEqual({ receipt: false, noReply: false });
    expect(await setReceipt(tab, false)).toBe(false);
    expect(await guard(tab)).toEqual({});
  });

  it("is visible to the pages through the evaluation", async () => {
    fake().setPolicy(LOCKED_RECEIPT);
    const tab = fake().openCompose({ to: [P1], subject: "Résultats" });
    expect((await evaluateTab(tab)).enforced).toEqual({ receipt: true, noReply: false });
    expect(await lockedOptions(tab)).toEqual({ receipt: true, noReply: false });
  });
});

describe("a merely recommended or locked-off receipt", () => {
  it("leaves the user's choice alone once the options are settled", async () => {
    fake().setPolicy({ readReceiptDefault: true });
    const tab = fake().openCompose({ to: [P1], subject: "Résultats" });
    await settleDefaults(tab);
    expect(await setReceipt(tab, false)).toBe(false);
    expect(await guard(tab)).toEqual({});
  });

  it("locked off: nothing is ticked, and the user may still ask for a receipt on one message", async () => {
    fake().setPolicy({ readReceiptDefault: { value: false, locked: true } });
    const tab = fake().openCompose({ to: [P1], subject: "Résultats" });
    await settleDefaults(tab);
    expect(fake().composeDetails(tab).returnReceipt).toBe(false);
    expect(await setReceipt(tab, true)).toBe(true);
    expect(await guard(tab)).toEqual({});
    expect(fake().composeDetails(tab).returnReceipt).toBe(true);
  });
});

describe("a locked no-reply", () => {
  it("keeps X-MSS-MES: FIN on every patient message, and the other headers with it", async () => {
    fake().setPolicy(LOCKED_NO_REPLY);
    const tab = fake().openCompose({ to: [P1], subject: "Résultats", returnReceipt: true, customHeaders: [PRIORITY] });
    await settleDefaults(tab);
    expect(fake().composeDetails(tab).customHeaders).toEqual([PRIORITY, NO_REPLY]);

    expect(await setNoReply(tab, false)).toBe(true);
    expect(fake().composeDetails(tab).customHeaders).toEqual([PRIORITY, NO_REPLY]);

    fake().edit(tab, { customHeaders: [PRIORITY] });
    expect(await guard(tab)).toEqual({ details: { customHeaders: [PRIORITY, { name: "X-MSS-MES", value: "FIN" }] } });
  });

  it("still never sends X-MSS-MES to someone who is not a patient", async () => {
    fake().setPolicy(LOCKED_NO_REPLY);
    new FakeAddressBooks(fake());
    const tab = fake().openCompose({ to: [COLLEAGUE], subject: "Avis", customHeaders: [PRIORITY, NO_REPLY] });
    expect(await guard(tab)).toEqual({ details: { customHeaders: [PRIORITY] } });
  });
});
