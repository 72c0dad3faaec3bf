/**
 * Address-book lists through the send guard, against the fake Thunderbird: Thunderbird
 * expands a list only after `onBeforeSend`, so the guard reads the address book and judges
 * the message by what the lists hold.
 */
import { sayOr } from "../i18n/say.js";
import { beforeEach, describe, expect, it } from "vitest";
import { onBeforeSend } from "../../../src/adapters/compose.js";
import { evaluateTab } from "../../../src/features/compose/evaluate.js";
import { applyFixToTab } from "../../../src/features/compose/message-options.js";
import { guardSend, guardSendSafely } from "../../../src/features/compose/send-guard.js";
import { FakeAddressBooks } from "../fakes/address-books.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { COLLEAGUE, P1, P2, patchOf, sendCheckUrl } from "./helpers.js";

const fake = useFakeThunderbird();
const guard = (tabId: number): ReturnType<typeof guardSend> => guardSend(tabId, fake().composeDetails(tabId));
/** How Thunderbird 153 gives a list typed in To (observed). */
const listEntry = (name: string): string => `${name} <"${name}">`;
const NO_REPLY = { name: "X-Mss-Mes", value: "FIN" };

beforeEach(() => {
  // The background page registers the guard on onBeforeSend, as src/background/main.ts does.
  fake().background.run(() => {
    onBeforeSend((tabId, _windowId, details) => guardSendSafely(tabId, details));
  });
});

function withBooks(): FakeAddressBooks {
  return new FakeAddressBooks(fake());
}

describe("a list of two patients in To", () => {
  it("is held: nothing leaves, the message is untouched, the window explains with the list and its patients", async () => {
    withBooks().addList("Patients diabete", [`Marie Durand <${P1}>`, `Jean Petit <${P2}>`]);
    const tab = fake().openCompose({ to: [listEntry("Patients diabete")], subject: "Atelier", customHeaders: [NO_REPLY] });
    const before = fake().composeDetails(tab);

    const outcome = await fake().send(tab);

    expect(outcome.sent).toBe(false);
    expect(fake().sentMessages).toEqual([]);
    expect(fake().composeDetails(tab)).toEqual(before);
    expect(fake().openedWindows.map((w) => w.url)).toEqual([sendCheckUrl(tab)]);
    // What the send-check window shows.
    const page = fake().context("send-check");
    const { verdict } = await page.run(() => evaluateTab(tab));
    const blocker = verdict.blockers.find((b) => b.code === "patients-see-each-other");
    expect(sayOr(blocker?.explanation, "fr")).toContain("La liste du carnet d'adresses « Patients diabete » envoie le message à 2 patients");
    expect(sayOr(blocker?.explanation, "fr")).toContain(`Marie Durand <${P1}>`);
    expect(sayOr(blocker?.explanation, "en")).toContain(`Jean Petit <${P2}>`);
    expect(blocker?.fix?.id).toBe("patients-to-bcc");
  });

  it("goes once the fix put the patients in Bcc, and everyone else stays in To", async () => {
    withBooks().addList("Patients diabete", [`Marie Durand <${P1}>`, COLLEAGUE, `Jean Petit <${P2}>`]);
    const tab = fake().openCompose({ to: [listEntry("Patients diabete")], subject: "Atelier" });
    expect(await guard(tab)).toEqual({ cancel: true });

    await fake().context("send-check").run(() => applyFixToTab(tab, "patients-to-bcc"));

    const fixed = fake().composeDetails(tab);
    expect(fixed.to).toEqual([COLLEAGUE]);
    expect(fixed.bcc).toEqual([`Marie Durand <${P1}>`, `Jean Petit <${P2}>`]);
    expect((await fake().send(tab)).sent).toBe(true);
  });
});

describe("a list of one patient", () => {
  it("gets the patient rules: default read receipt, X-MSS-MES kept", async () => {
    withBooks().addList("Suivi Durand", [`Marie Durand <${P1}>`]);
    const tab = fake().openCompose({ to: [listEntry("Suivi Durand")], subject: "Résultats", customHeaders: [NO_REPLY] });

    const outcome = await fake().send(tab);

    expect(outcome.sent).toBe(true);
    const sent = fake().sentMessages[0]?.details;
    expect(sent?.returnReceipt).toBe(true);
    expect(sent?.customHeaders).toEqual([NO_REPLY]);
  });

  it("gets what the administrator locked on", async () => {
    fake().setPolicy({ noReplyDefault: { value: true, locked: true }, readReceiptDefault: { value: true, locked: true } });
    withBooks().addList("Suivi Durand", [P1]);
    const tab = fake().openCompose({ to: [listEntry("Suivi Durand")], subject: "Résultats" });
    expect(patchOf(await guard(tab))).toEqual({ returnReceipt: true, customHeaders: [{ name: "X-MSS-MES", value: "FIN" }] });
  });

  it("gets the automation rules for patients", async () => {
    fake().seedStorage("local", {
      settingsVersion: 1,
      readReceiptDefault: false,
      automationRules: [{ name: "Résultats labo", patientOnly: true, noReply: true }],
    });
    withBooks().addList("Suivi Durand", [P1]);
    const tab = fake().openCompose({ to: [listEntry("Suivi Durand")], subject: "Résultats" });
    expect(patchOf(await guard(tab)).customHeaders).toEqual([{ name: "X-MSS-MES", value: "FIN" }]);
  });

  it("is blocked from a sender outside MSSanté", async () => {
    withBooks().addList("Suivi Durand", [P1]);
    const tab = fake().openCompose({ from: "dr@gmail.com", to: [listEntry("Suivi Durand")], subject: "Résultats" });
    expect(await guard(tab)).toEqual({ cancel: true });
  });

  it("with the same patient also written directly: one patient, the message goes", async () => {
    withBooks().addList("Suivi Durand", [`Marie <${P1}>`]);
    const tab = fake().openCompose({ to: [P1, listEntry("Suivi Durand")], subject: "Résultats" });
    expect(await guard(tab)).not.toHaveProperty("cancel");
    const { verdict } = await evaluateTab(tab);
    expect(verdict.patientRecipients.map((p) => [p.address, p.lists])).toEqual([[P1, ["Suivi Durand"]]]);
  });
});

describe("nested lists and entries given by id", () => {
  it("a list inside a list reaching a second patient is held", async () => {
    const books = withBooks();
    books.addList("Diabete", [P2]);
    books.addList("Tous", [P1, "Diabete"]);
    const tab = fake().openCompose({ to: [listEntry("Tous")], subject: "Info" });
    expect(await guard(tab)).toEqual({ cancel: true });
  });

  it("a contact given by id is judged by its address", async () => {
    const contact = withBooks().addContact("Jean Petit", [P2]);
    const tab = fake().openCompose({ to: [P1], subject: "Info" });
    expect(await guardSend(tab, { ...fake().composeDetails(tab), cc: [{ id: contact, type: "contact" }] })).toEqual({ cancel: true });
  });
});

describe("a recipient that cannot be resolved", () => {
  it("holds a message to a patient when the address book fails, and explains", async () => {
    const books = withBooks();
    books.addList("Equipe", [COLLEAGUE]);
    books.failNextReads(2);
    const tab = fake().openCompose({ to: [P1, listEntry("Equipe")], subject: "Info" });
    expect(await guard(tab)).toEqual({ cancel: true });
    const { verdict } = await fake().context("send-check").run(() => evaluateTab(tab));
    expect(verdict.blockers.map((b) => b.code)).toEqual(["recipient-unresolved"]);
    expect(sayOr(verdict.blockers[0]?.explanation, "fr")).toContain("Le carnet d'adresses n'a pas pu être lu");
  });

  it("holds a message to a patient beside two lists of one name, or a bare nickname", async () => {
    const books = withBooks();
    books.addList("Equipe", [COLLEAGUE]);
    books.addList("Equipe", ["autre@ch.mssante.fr"], { bookId: books.addBook("Pro") });
    const two = fake().openCompose({ to: [P1, listEntry("Equipe")], subject: "Info" });
    expect(await guard(two)).toEqual({ cancel: true });
    const nick = fake().openCompose({ to: [P1, "cardio"], subject: "Info" });
    expect(await guard(nick)).toEqual({ cancel: true });
  });

  it("lets ordinary mail go: no patient anywhere", async () => {
    const books = withBooks();
    books.addList("Equipe", [COLLEAGUE]);
    books.failNextReads(1);
    const tab = fake().openCompose({ to: [listEntry("Equipe"), "cardio"], subject: "Réunion" });
    expect(await guard(tab)).toEqual({});
  });

  it("holds a nickname that stands for a patient in the address book, with no other patient", async () => {
    withBooks().addContact("Marie Durand", [P1], { nickName: "mdurand" });
    const tab = fake().openCompose({ to: ["mdurand", COLLEAGUE], subject: "Info" });
    expect(await guard(tab)).toEqual({ cancel: true });
  });
});

describe("the address book is read only when needed", () => {
  it("is read for plain addresses too: one may be a list's description", async () => {
    const books = withBooks();
    const tab = fake().openCompose({ to: [P1, COLLEAGUE], subject: "Info" });
    await guard(tab);
    expect(books.reads).toBe(1);
  });

  it("reads the lists and their members, never every contact, for addresses and lists", async () => {
    const books = withBooks();
    for (let i = 0; i < 20; i += 1) books.addContact(`Contact ${i}`, [`c${i}@ch.mssante.fr`]);
    books.addList("Equipe", [COLLEAGUE]);
    const tab = fake().openCompose({ to: [P1, listEntry("Equipe")], subject: "Info" });
    expect(await guard(tab)).not.toEqual({ cancel: true });
    expect(books.fullReads).toBe(0);
    expect(books.calls).toEqual(["list(false)", "mailingLists.list", "mailingLists.listMembers"]);
  });

  it("reads a contact given by id alone", async () => {
    const books = withBooks();
    const contact = books.addContact("Jean Petit", [P2]);
    const tab = fake().openCompose({ to: [COLLEAGUE], subject: "Info" });
    await guardSend(tab, { ...fake().composeDetails(tab), cc: [{ id: contact, type: "contact" }] });
    expect(books.fullReads).toBe(0);
    expect(books.calls.filter((c) => c === "contacts.get")).toHaveLength(1);
  });

  it("is not read for a message without recipients", async () => {
    const books = withBooks();
    const tab = fake().openCompose({ subject: "Brouillon" });
    await guard(tab);
    expect(books.reads).toBe(0);
  });
});

describe("guardSendSafely with lists", () => {
  it("holds a message whose recipients could not be resolved when the guard itself fails", async () => {
    withBooks().addList("Patients diabete", [P1, P2]);
    fake().override("compose", "listAttachments", async () => {
      await Promise.resolve();
      throw new Error("boom");
    });
    const tab = fake().openCompose({ to: [listEntry("Patients diabete")], subject: "Atelier" });
    expect(await guardSendSafely(tab, fake().composeDetails(tab))).toEqual({ cancel: true });
    expect(fake().openedWindows.map((w) => w.url)).toEqual([sendCheckUrl(tab)]);
  });

  it("holds entries that are not text, and lets plain ordinary mail go", async () => {
    fake().override("compose", "listAttachments", async () => {
      await Promise.resolve();
      throw new Error("boom");
    });
    const books = withBooks();
    books.addList("Equipe", [COLLEAGUE], { description: "equipe@cabinet.fr" });
    const tab = fake().openCompose({ to: [COLLEAGUE], subject: "Réunion" });
    expect(await guardSendSafely(tab, { ...fake().composeDetails(tab), bcc: [{ id: "x", type: "mailingList" }] })).toEqual({ cancel: true });
    expect(await guardSendSafely(tab, fake().composeDetails(tab))).toEqual({});
  });

  it("holds a plain address when the address book cannot be read either: it may be a list", async () => {
    fake().override("compose", "listAttachments", async () => {
      await Promise.resolve();
      throw new Error("boom");
    });
    withBooks().failNextReads(1);
    const tab = fake().openCompose({ to: [COLLEAGUE], subject: "Réunion" });
    expect(await guardSendSafely(tab, fake().composeDetails(tab))).toEqual({ cancel: true });
  });
});
