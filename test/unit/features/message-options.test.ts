import { describe, expect, it } from "vitest";
import { updateTabState } from "../../../src/features/compose/session-state.js";
import { FIN_SUBJECT } from "../../../src/core/compose/index.js";
import {
  addPatientRecipient,
  applyFixToTab,
  optionsOf,
  setClosing,
  setNoReply,
  setReceipt,
  settleDefaults,
} from "../../../src/features/compose/message-options.js";
import { parseComposeDetails } from "../../../src/adapters/compose.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { COLLEAGUE, P1, P2, PRIORITY, tabState } from "./helpers.js";

const fake = useFakeThunderbird();
const NO_REPLY = { name: "X-Mss-Mes", value: "FIN" };

describe("addPatientRecipient", () => {
  it("appends the patient to To, with the typed name, after the recipients already there", async () => {
    const tab = fake().openCompose({ to: [COLLEAGUE], subject: "Résultats" });

    expect(await addPatientRecipient(tab, P1, "Jeanne Dupont")).toBe("added");

    expect(fake().composeDetails(tab).to).toEqual([COLLEAGUE, `Jeanne Dupont <${P1}>`]);
  });

  it("writes the bare address when no name was typed", async () => {
    const tab = fake().openCompose();
    await addPatientRecipient(tab, P1, "  ");
    expect(fake().composeDetails(tab).to).toEqual([P1]);
  });

  it("says 'already-there' for an address present in any field, whatever its case", async () => {
    const tab = fake().openCompose({ to: [COLLEAGUE], bcc: [`Mme Dupont <${P1.toUpperCase()}>`] });
    const before = fake().composeDetails(tab);

    expect(await addPatientRecipient(tab, P1, "Jeanne Dupont")).toBe("already-there");

    expect(fake().composeDetails(tab)).toEqual(before);
  });

  it("applies the defaults once the message goes to a patient", async () => {
    const tab = fake().openCompose({ to: [COLLEAGUE] });
    await addPatientRecipient(tab, P1, "");
    expect(fake().composeDetails(tab).returnReceipt).toBe(true);
    expect((await tabState(fake(), tab)).optionsSettled).toBe(true);
  });
});

describe("setClosing", () => {
  it("sets the subject to exactly [FIN], and gives the previous subject back when unticked", async () => {
    const tab = fake().openCompose({ to: [P1], subject: "Re: Vos résultats" });

    await setClosing(tab, true);
    expect(fake().composeDetails(tab).subject).toBe(FIN_SUBJECT);
    await setClosing(tab, false);

    expect(fake().composeDetails(tab).subject).toBe("Re: Vos résultats");
  });

  it("keeps the first subject when ticked twice", async () => {
    const tab = fake().openCompose({ to: [P1], subject: "Suivi" });
    await setClosing(tab, true);
    await setClosing(tab, true);
    await setClosing(tab, false);
    expect(fake().composeDetails(tab).subject).toBe("Suivi");
  });

  it("leaves a subject the user wrote since alone when unticked", async () => {
    const tab = fake().openCompose({ to: [P1], subject: "Suivi" });
    await setClosing(tab, true);
    fake().edit(tab, { subject: "Autre chose" });
    await setClosing(tab, false);
    expect(fake().composeDetails(tab).subject).toBe("Autre chose");
  });
});

describe("setNoReply and setReceipt", () => {
  it("adds X-MSS-MES: FIN and keeps every other header", async () => {
    const tab = fake().openCompose({ to: [P1], customHeaders: [PRIORITY] });

    await setNoReply(tab, true);
    expect(fake().composeDetails(tab).customHeaders).toEqual([PRIORITY, NO_REPLY]);
    await setNoReply(tab, false);

    expect(fake().composeDetails(tab).customHeaders).toEqual([PRIORITY]);
    expect((await tabState(fake(), tab)).optionsSettled).toBe(true);
  });

  it("does not add the header twice", async () => {
    const tab = fake().openCompose({ to: [P1], customHeaders: [{ name: "X-MSS-MES", value: "FIN" }, PRIORITY] });
    await setNoReply(tab, true);
    expect(fake().composeDetails(tab).customHeaders).toEqual([NO_REPLY, PRIORITY]);
  });

  it("sets the receipt as the user ticks it, and marks the options as the user's", async () => {
    const tab = fake().openCompose({ to: [P1], returnReceipt: true });
    await setReceipt(tab, false);
    expect(fake().composeDetails(tab).returnReceipt).toBe(false);
    expect((await tabState(fake(), tab)).optionsSettled).toBe(true);
  });

  it("reads the options back from the message", () => {
    const tab = fake().openCompose({ subject: FIN_SUBJECT, returnReceipt: true, customHeaders: [{ name: "x-mss-mes", value: "FIN" }] });
    expect(optionsOf(parseComposeDetails(fake().composeDetails(tab)))).toEqual({ receipt: true, closing: true, noReply: true });
  });
});

describe("settleDefaults", () => {
  it("does nothing while no patient is a recipient", async () => {
    const tab = fake().openCompose({ to: [COLLEAGUE] });
    await settleDefaults(tab);
    expect(fake().composeDetails(tab).returnReceipt).toBe(false);
    expect((await tabState(fake(), tab)).optionsSettled).toBe(false);
  });

  it("applies the defaults to a message to a patient, then never again", async () => {
    fake().seedStorage("local", { settingsVersion: 1, noReplyDefault: true });
    const tab = fake().openCompose({ to: [P1], customHeaders: [PRIORITY] });

    await settleDefaults(tab);
    expect(fake().composeDetails(tab)).toMatchObject({ returnReceipt: true, customHeaders: [PRIORITY, NO_REPLY] });

    await setReceipt(tab, false);
    await setNoReply(tab, false);
    await settleDefaults(tab);
    expect(fake().composeDetails(tab)).toMatchObject({ returnReceipt: false, customHeaders: [PRIORITY] });
  });

  it("does not apply them when the user already chose", async () => {
    const tab = fake().openCompose({ to: [P1] });
    await updateTabState(tab, { optionsSettled: true });
    await settleDefaults(tab);
    expect(fake().composeDetails(tab).returnReceipt).toBe(false);
  });

  it("follows the administrator's locked default", async () => {
    fake().setPolicy({ readReceiptDefault: { value: false, locked: true } });
    const tab = fake().openCompose({ to: [P1] });
    await settleDefaults(tab);
    expect(fake().composeDetails(tab).returnReceipt).toBe(false);
    expect((await tabState(fake(), tab)).optionsSettled).toBe(true);
  });
});

describe("applyFixToTab", () => {
  it("moves the patients to Bcc, leaving the other recipients in place", async () => {
    const tab = fake().openCompose({ to: [`Jeanne <${P1}>`, COLLEAGUE], cc: [P2] });
    await applyFixToTab(tab, "patients-to-bcc");
    expect(fake().composeDetails(tab)).toMatchObject({ to: [COLLEAGUE], cc: [], bcc: [`Jeanne <${P1}>`, P2] });
  });

  it("removes the Reply-To", async () => {
    const tab = fake().openCompose({ to: [P1], replyTo: ["autre@ch-exemple.mssante.fr"] });
    await applyFixToTab(tab, "remove-reply-to");
    expect(fake().composeDetails(tab).replyTo).toEqual([]);
  });
});
