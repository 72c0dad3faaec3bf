import { describe, expect, it, vi } from "vitest";
import { setComposeDetails } from "../../../src/adapters/compose.js";
import { updateTabState } from "../../../src/features/compose/session-state.js";
import { settleDefaults } from "../../../src/features/compose/message-options.js";
import { guardSend, guardSendSafely } from "../../../src/features/compose/send-guard.js";
import { FakeAddressBooks } from "../fakes/address-books.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { acceptWarnings, COLLEAGUE, P1, P2, patchOf, PRIORITY, sendCheckUrl, tabState } from "./helpers.js";

const fake = useFakeThunderbird();

/** `onBeforeSend` hands the listener the details of the tab as they are. */
const guard = (tabId: number): ReturnType<typeof guardSend> => guardSend(tabId, fake().composeDetails(tabId));

describe("guardSend: what must not leave", () => {
  it("cancels a message showing two patients to each other, and explains it in one window", async () => {
    const tab = fake().openCompose({ to: [P1, P2], subject: "Résultats" });
    const before = fake().composeDetails(tab);

    expect(await guard(tab)).toEqual({ cancel: true });

    expect(fake().openedWindows).toEqual([
      { id: expect.any(Number) as number, context: "background", type: "popup", url: sendCheckUrl(tab), width: 560, height: 520 },
    ]);
    const windowId = fake().openedWindows[0]?.id;
    expect((await tabState(fake(), tab)).checkWindowId).toBe(windowId);
    // The user's message stays as it was.
    expect(fake().composeDetails(tab)).toEqual(before);
  });

  it("brings the same window forward when the user sends again, instead of opening another", async () => {
    const tab = fake().openCompose({ to: [P1, P2], subject: "Résultats" });
    expect(await guard(tab)).toEqual({ cancel: true });
    const windowId = fake().openedWindows[0]?.id ?? -1;
    expect(fake().focusedWindows).toEqual([]);

    expect(await guard(tab)).toEqual({ cancel: true });

    expect(fake().openedWindows).toHaveLength(1);
    expect(fake().focusedWindows).toEqual([windowId]);
  });

  it("opens a new window once the user closed the previous one", async () => {
    const tab = fake().openCompose({ to: [P1, P2], subject: "Résultats" });
    await guard(tab);
    const first = fake().openedWindows[0]?.id ?? -1;
    await fake().closeWindow(first);

    expect(await guard(tab)).toEqual({ cancel: true });

    expect(fake().openedWindows.map((w) => w.url)).toEqual([sendCheckUrl(tab), sendCheckUrl(tab)]);
    expect((await tabState(fake(), tab)).checkWindowId).toBe(fake().openedWindows[1]?.id);
  });

  it("cancels a closing that closes nothing (Re: [FIN])", async () => {
    const tab = fake().openCompose({ to: [P1], subject: "Re: [FIN]" });
    expect(await guard(tab)).toEqual({ cancel: true });
    expect(fake().openedWindows).toHaveLength(1);
  });

  it("cancels a message to a patient from a sender outside MSSanté", async () => {
    const tab = fake().openCompose({ from: "Dr Martin <dr.martin@gmail.com>", to: [P1], subject: "Résultats" });
    expect(await guard(tab)).toEqual({ cancel: true });
  });

  it("lets a sender from a domain the user added go", async () => {
    fake().seedStorage("local", { settingsVersion: 1, extraSenderDomains: ["formation.example"] });
    const tab = fake().openCompose({ from: "dr@formation.example", to: [P1], subject: "Résultats" });
    expect(await guard(tab)).not.toHaveProperty("cancel");
  });

  it("judges the details Thunderbird hands over, not a stale reading of the tab", async () => {
    const tab = fake().openCompose({ to: [P1], subject: "Résultats" });
    expect(await guardSend(tab, { ...fake().composeDetails(tab), subject: "[Fin]" })).toEqual({ cancel: true });
  });
});

describe("guardSend: a message that may go", () => {
  it("is not cancelled, and gets the default read receipt when the user never chose", async () => {
    const tab = fake().openCompose({ to: [P1], subject: "Résultats" });
    expect(await guard(tab)).toEqual({ details: { returnReceipt: true } });
    expect(fake().openedWindows).toEqual([]);
  });

  it("with « close after sending », notes when the message was let go, its subject and its patient (to find it if Thunderbird sends in the background); not otherwise", async () => {
    const tab = fake().openCompose({ to: [P1], subject: "Résultats" });
    await updateTabState(tab, { optionsSettled: true, closeAfterSend: true });
    const before = Date.now();
    expect(await guard(tab)).toEqual({});
    const state = await tabState(fake(), tab);
    expect(state).toMatchObject({ sentSubject: "Résultats", sentTo: P1 });
    expect(state.sentAt).toBeGreaterThanOrEqual(before);
    const plain = fake().openCompose({ to: [P1], subject: "Résultats" });
    await guard(plain);
    expect((await tabState(fake(), plain)).sentAt).toBeUndefined();
    // Held (two patients who would see each other): nothing was let go.
    const held = fake().openCompose({ to: [P1, P2], subject: "Résultats" });
    await updateTabState(held, { closeAfterSend: true });
    expect(await guard(held)).toEqual({ cancel: true });
    expect((await tabState(fake(), held)).sentAt).toBeUndefined();
  });

  it("with « close after sending » on a message that is itself the [FIN]: notes the send let go as one no [FIN] follows, and no subject or patient to look for", async () => {
    const tab = fake().openCompose({ to: [P1], subject: "[FIN]" });
    await updateTabState(tab, { optionsSettled: true, closeAfterSend: true });
    const before = Date.now();
    await guard(tab);
    const state = await tabState(fake(), tab);
    expect(state).toMatchObject({ closeAfterSend: true, sentNoClose: "fin" });
    expect(state.sentAt).toBeGreaterThanOrEqual(before);
    expect(state.sentSubject).toBeUndefined();
    expect(state.sentTo).toBeUndefined();
  });

  it("with « close after sending » on a message a rule closes (« Clore et envoyer » answered: its subject set to [FIN] on the way out): the same, no [FIN] after the [FIN]", async () => {
    fake().seedStorage("local", { settingsVersion: 1, automationRules: [{ name: "Clôture", patientOnly: true, closeAfterConfirm: true }] });
    const tab = fake().openCompose({ to: [P1], subject: "Fin de suivi" });
    await updateTabState(tab, { optionsSettled: true, closeAfterSend: true, closeAnswer: "yes" });
    expect(patchOf(await guard(tab)).subject).toBe("[FIN]");
    const state = await tabState(fake(), tab);
    expect(state).toMatchObject({ sentNoClose: "fin" });
    expect(state.sentAt).toBeDefined();
    expect(state.sentSubject).toBeUndefined();
  });

  it("with « close after sending » on a message to no patient (a colleague): notes the send let go, as one that closes no exchange", async () => {
    const tab = fake().openCompose({ to: [COLLEAGUE], subject: "Avis" });
    await updateTabState(tab, { optionsSettled: true, closeAfterSend: true });
    const before = Date.now();
    expect(await guard(tab)).not.toHaveProperty("cancel");
    const state = await tabState(fake(), tab);
    expect(state).toMatchObject({ closeAfterSend: true, sentNoClose: "not-patient" });
    expect(state.sentAt).toBeGreaterThanOrEqual(before);
    expect(state.sentTo).toBeUndefined();
    // Without the box ticked: nothing noted.
    const plain = fake().openCompose({ to: [COLLEAGUE], subject: "Avis" });
    await guard(plain);
    expect(await tabState(fake(), plain)).not.toHaveProperty("sentAt");
  });

  it("a second send from the same window forgets what the first one noted (a [FIN] refused, then sent as an ordinary message)", async () => {
    const tab = fake().openCompose({ to: [P1], subject: "[FIN]" });
    await updateTabState(tab, { optionsSettled: true, closeAfterSend: true });
    await guard(tab);
    expect((await tabState(fake(), tab)).sentNoClose).toBe("fin");
    fake().edit(tab, { subject: "Résultats" });
    await guard(tab);
    const state = await tabState(fake(), tab);
    expect(state).toMatchObject({ sentSubject: "Résultats", sentTo: P1 });
    expect(state.sentNoClose).toBeUndefined();
  });

  it("keeps the user's choice once the options are settled", async () => {
    const tab = fake().openCompose({ to: [P1], subject: "Résultats" });
    await updateTabState(tab, { optionsSettled: true });
    expect(await guard(tab)).toEqual({});
  });

  it("adds the no-reply header when the user's default says so, keeping the other headers", async () => {
    fake().seedStorage("local", { settingsVersion: 1, noReplyDefault: true });
    const tab = fake().openCompose({ to: [P1], subject: "Résultats", returnReceipt: true, customHeaders: [PRIORITY] });
    expect(await guard(tab)).toEqual({
      details: { customHeaders: [PRIORITY, { name: "X-MSS-MES", value: "FIN" }] },
    });
  });

  it("removes X-MSS-MES from a message to no patient, keeping every other header", async () => {
    new FakeAddressBooks(fake());
    const tab = fake().openCompose({
      to: [COLLEAGUE],
      subject: "Avis",
      customHeaders: [PRIORITY, { name: "X-MSS-MES", value: "FIN" }, { name: "List-Id", value: "<staff.example>" }],
    });
    expect(fake().composeDetails(tab).customHeaders.map((h) => h.name)).toEqual(["X-Priority", "X-Mss-Mes", "List-Id"]);

    expect(await guard(tab)).toEqual({
      details: { customHeaders: [PRIORITY, { name: "List-Id", value: "<staff.example>" }] },
    });
  });

  it("changes nothing on an ordinary message", async () => {
    const tab = fake().openCompose({ from: "moi@gmail.com", to: ["ami@example.org"], subject: "Re: [FIN]", customHeaders: [PRIORITY] });
    expect(await guard(tab)).toEqual({});
    expect(fake().openedWindows).toEqual([]);
  });

  it("applies the administrator's locked default over the user's choice", async () => {
    fake().setPolicy({ readReceiptDefault: { value: false, locked: true } });
    fake().seedStorage("local", { settingsVersion: 1, readReceiptDefault: true });
    const tab = fake().openCompose({ to: [P1], subject: "Résultats" });
    expect(await guard(tab)).toEqual({});
  });

  it("lets the user's choice win over a default the administrator only recommends", async () => {
    fake().setPolicy({ readReceiptDefault: false });
    fake().seedStorage("local", { settingsVersion: 1, readReceiptDefault: true });
    const tab = fake().openCompose({ to: [P1], subject: "Résultats" });
    expect(await guard(tab)).toEqual({ details: { returnReceipt: true } });
  });
});

describe("guardSend: warnings the user accepts", () => {
  const withReplyTo = { to: [P1], replyTo: ["secretariat@ch-exemple.mssante.fr"], subject: "Résultats" };

  it("cancels until the user accepts the warnings of this very message", async () => {
    const tab = fake().openCompose(withReplyTo);
    expect(await guard(tab)).toEqual({ cancel: true });

    await acceptWarnings(fake().context("send-check"), tab);

    expect(patchOf(await guard(tab))).toEqual({ returnReceipt: true });
    expect(fake().openedWindows).toHaveLength(1);
  });

  it("still accepts them when only the subject or the body changed", async () => {
    const tab = fake().openCompose(withReplyTo);
    await acceptWarnings(fake().context("send-check"), tab);
    fake().edit(tab, { subject: "Vos résultats", body: "<p>Bonjour</p>" });
    expect(await guard(tab)).not.toHaveProperty("cancel");
  });

  it("cancels again when the recipients changed after the user accepted", async () => {
    const tab = fake().openCompose(withReplyTo);
    await acceptWarnings(fake().context("send-check"), tab);
    fake().edit(tab, { cc: [COLLEAGUE] });

    expect(await guard(tab)).toEqual({ cancel: true });
  });

  it("never lets accepted warnings cover a blocker", async () => {
    const tab = fake().openCompose(withReplyTo);
    await acceptWarnings(fake().context("send-check"), tab);
    fake().edit(tab, { subject: "[FIN] merci" });
    expect(await guard(tab)).toEqual({ cancel: true });
  });
});

describe("guardSendSafely", () => {
  const failingAttachments = (): void => {
    fake().override("compose", "listAttachments", () => Promise.reject(new Error("listAttachments failed")));
  };

  it("holds a message with a patient address when the check itself fails, and says so", async () => {
    failingAttachments();
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const tab = fake().openCompose({ to: [COLLEAGUE], bcc: [P1.toUpperCase()], subject: "Résultats" });

    await expect(guard(tab)).rejects.toThrow("listAttachments failed");
    expect(await guardSendSafely(tab, fake().composeDetails(tab))).toEqual({ cancel: true });

    expect(fake().openedWindows.map((w) => w.url)).toEqual([sendCheckUrl(tab)]);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });

  it("lets a message without a patient address go when the check itself fails", async () => {
    // The address book (with a list that does not answer to this address) says it is no list.
    new FakeAddressBooks(fake()).addList("Equipe", [COLLEAGUE], { description: "equipe@cabinet.fr" });
    failingAttachments();
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const tab = fake().openCompose({ to: [COLLEAGUE], subject: "Avis" });

    expect(await guardSendSafely(tab, fake().composeDetails(tab))).toEqual({});

    expect(fake().openedWindows).toEqual([]);
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });

  it("the check failed on a message to no patient that goes, « close after sending » ticked: notes it as a send that closes no exchange (never taken for no send)", async () => {
    new FakeAddressBooks(fake()).addList("Equipe", [COLLEAGUE], { description: "equipe@cabinet.fr" });
    failingAttachments();
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const tab = fake().openCompose({ to: [COLLEAGUE], subject: "Avis" });
    await updateTabState(tab, { closeAfterSend: true });
    const plain = fake().openCompose({ to: [COLLEAGUE], subject: "Avis" });

    expect(await guardSendSafely(tab, fake().composeDetails(tab))).toEqual({});
    expect(await guardSendSafely(plain, fake().composeDetails(plain))).toEqual({});

    const state = await tabState(fake(), tab);
    expect(state).toMatchObject({ closeAfterSend: true, sentNoClose: "not-patient" });
    expect(state.sentAt).toBeDefined();
    expect(await tabState(fake(), plain)).not.toHaveProperty("sentAt");
    logged.mockRestore();
  });

  it("still cancels when the explaining window cannot open either", async () => {
    failingAttachments();
    fake().override("windows", "create", () => Promise.reject(new Error("no window")));
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const tab = fake().openCompose({ to: [P1], subject: "Résultats" });

    expect(await guardSendSafely(tab, fake().composeDetails(tab))).toEqual({ cancel: true });
    logged.mockRestore();
  });

  it("gives the guard's answer when nothing fails", async () => {
    const tab = fake().openCompose({ to: [P1, P2], subject: "Résultats" });
    expect(await guardSendSafely(tab, fake().composeDetails(tab))).toEqual({ cancel: true });
    const clean = fake().openCompose({ to: [P1], subject: "Résultats" });
    expect(await guardSendSafely(clean, fake().composeDetails(clean))).toEqual({ details: { returnReceipt: true } });
  });
});

describe("the guard and the compose popup at the same time", () => {
  it("applies the default receipt once when the popup settles the options while the message is sent", async () => {
    const tab = fake().openCompose({ to: [P1], subject: "Résultats" });
    const popup = fake().context("popup", { windowId: fake().windowOf(tab) });

    const [, result] = await Promise.all([popup.run(() => settleDefaults(tab)), guard(tab)]);

    expect(result).not.toHaveProperty("cancel");
    expect(fake().composeDetails(tab).returnReceipt).toBe(true);
    expect((await tabState(fake(), tab)).optionsSettled).toBe(true);
  });

  it("sees, from the background, what the send-check window stored", async () => {
    const tab = fake().openCompose({ to: [P1], replyTo: ["autre@ch-exemple.mssante.fr"], subject: "Résultats" });
    const sendCheck = fake().context("send-check", { windowId: fake().mainWindowId });
    await acceptWarnings(sendCheck, tab);
    expect(await fake().background.run(() => guard(tab))).not.toHaveProperty("cancel");
  });
});

describe("guardSend: races and repeated checks", () => {
  it("opens one window when two checks of the same send run at once", async () => {
    const tab = fake().openCompose({ to: [P1, P2], subject: "Résultats" });
    const results = await Promise.all([guard(tab), guard(tab)]);
    expect(results).toEqual([{ cancel: true }, { cancel: true }]);
    expect(fake().openedWindows).toHaveLength(1);
  });

  it("does not ask again about accepted warnings once the guard added its own header", async () => {
    fake().seedStorage("local", { settingsVersion: 1, noReplyDefault: true });
    const tab = fake().openCompose({ to: [P1], replyTo: ["secretariat@ch-exemple.mssante.fr"], subject: "Résultats" });
    expect(await guard(tab)).toEqual({ cancel: true });
    await acceptWarnings(fake().context("send-check"), tab);
    const patch = patchOf(await guard(tab));
    expect(patch.customHeaders).toEqual([{ name: "X-MSS-MES", value: "FIN" }]);
    // The same send checked again, with the header now on the message.
    await fake().background.run(() => setComposeDetails(tab, patch));
    expect(await guard(tab)).not.toEqual({ cancel: true });
  });

  it("keeps both fields when the popup and the send-check window write at the same time", async () => {
    const tab = fake().openCompose({ to: [P1], subject: "Résultats" });
    await Promise.all([
      fake().context("send-check").run(() => updateTabState(tab, { acceptedWarnings: "v1-x" })),
      fake().context("popup").run(() => updateTabState(tab, { optionsSettled: true, subjectBeforeFin: "Résultats" })),
      fake().background.run(() => updateTabState(tab, { checkWindowId: 7 })),
    ]);
    expect(await tabState(fake(), tab)).toEqual({
      optionsSettled: true,
      subjectBeforeFin: "Résultats",
      acceptedWarnings: "v1-x",
      checkWindowId: 7,
    });
  });
});
