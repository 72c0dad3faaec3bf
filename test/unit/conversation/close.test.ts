/**
 * "Clore l'échange" as a use case: every effect recorded through `CloseDeps`; the claims
 * that stop a second [FIN] are the real ones, on the fake Thunderbird's `storage.session`,
 * reached from two contexts (two windows) at once.
 */
import { say } from "../../../src/core/i18n/catalogs.js";
import { describe, expect, it } from "vitest";
import type { MessageHeader } from "../../../src/adapters/messages.js";
import type { ReplyFields } from "../../../src/adapters/compose.js";
import { closingText } from "../../../src/core/conversation/index.js";
import { DEFAULT_CLOSING_TEMPLATE } from "../../../src/core/settings/index.js";
import { actionViewFor } from "../../../src/features/conversation/action-state.js";
import type { StateDeps } from "../../../src/features/conversation/state.js";
import { closeConversation, realCloseDeps, type CloseDeps } from "../../../src/features/conversation/close.js";
import { patient, VALID_INS } from "../compose/fixtures.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { claimsIn } from "../features/close-deps.js";

const fake = useFakeThunderbird();

const DOCTOR = "dr.martin@medecin.mssante.fr";
const SECRETARIAT = "secretariat@cabinet.mssante.fr";
const P1 = patient(VALID_INS[5]);

const fromPatient: MessageHeader = {
  id: 7,
  headerMessageId: "question-1@patient.mssante.fr",
  author: `Marie Durand <${P1}>`,
  recipients: [`Secrétariat <${SECRETARIAT}>`],
  ccList: [],
  bccList: [],
  tags: [],
  size: 0,
  subject: "Question sur mon traitement",
  date: 0,
};

interface Recorder {
  readonly deps: CloseDeps;
  readonly calls: string[];
  readonly fields: ReplyFields[];
  readonly told: string[];
  readonly replies: { messageId: number; identityId: string | null }[];
}

function recorder(
  options: { review?: boolean; receipt?: boolean; sendFails?: string; plain?: boolean; slowReply?: boolean; closedOn?: number; offline?: boolean; noId?: boolean; waitingSince?: number } = {},
): Recorder {
  const calls: string[] = [];
  const fields: ReplyFields[] = [];
  const told: string[] = [];
  const replies: { messageId: number; identityId: string | null }[] = [];
  let nextTab = 100;
  const deps: CloseDeps = {
    identities: () => Promise.resolve([
      { id: "id1", email: DOCTOR },
      { id: "id2", email: SECRETARIAT },
    ]),
    settings: () =>
      Promise.resolve({
        closingTemplate: DEFAULT_CLOSING_TEMPLATE,
        readReceiptDefault: options.receipt ?? true,
        reviewBeforeClosing: options.review ?? false,
      }),
    state: () =>
      Promise.resolve(
        options.closedOn === undefined ? { state: "open" } : { state: "closed", on: options.closedOn, closingMessageId: "<fin-0@cab>" },
      ),
    waitingFin: () => Promise.resolve(options.waitingSince ?? null),
    ...claimsIn(fake),
    beginReply: async (messageId, identityId) => {
      if (options.slowReply === true) await new Promise((r) => setTimeout(r, 20));
      replies.push({ messageId, identityId });
      calls.push("beginReply");
      return nextTab++;
    },
    isPlainText: () => Promise.resolve(options.plain ?? true),
    setFields: (_tab, f) => {
      fields.push(f);
      calls.push("setFields");
      return Promise.resolve();
    },
    settleOptions: () => {
      calls.push("settle");
      return Promise.resolve();
    },
    send: () => {
      calls.push("send");
      return options.sendFails === undefined ? Promise.resolve({ queued: options.offline === true, headerMessageId: options.noId === true ? "" : "fin-1@cab" }) : Promise.reject(new Error(options.sendFails));
    },
    focus: () => {
      calls.push("focus");
      return Promise.resolve();
    },
    tell: (_id, text) => {
      told.push(say(text, "fr"));
      return Promise.resolve();
    },
    now: () => 1_000,
  };
  return { deps, calls, fields, told, replies };
}

describe("closing an exchange in one click", () => {
  it("replies from the identity the patient wrote to, to the patient only, [FIN], then sends and says so", async () => {
    const r = recorder();
    const outcome = await closeConversation(fromPatient, r.deps);
    expect(outcome).toEqual({ outcome: "sent", composeTabId: 100, sentMessageId: "fin-1@cab" });
    expect(r.replies).toEqual([{ messageId: 7, identityId: "id2" }]);
    expect(r.calls).toEqual(["beginReply", "setFields", "settle", "send"]);
    expect(r.fields).toEqual([
      {
        to: [`Marie Durand <${P1}>`],
        cc: [],
        bcc: [],
        subject: "[FIN]",
        returnReceipt: true,
        plainTextBody: closingText(DEFAULT_CLOSING_TEMPLATE, "Marie Durand"),
      },
    ]);
    expect(r.told).toEqual([expect.stringContaining("Échange clos : [FIN] envoyé à Marie Durand.")]);
    expect(fake().storage("session")).toEqual({ "closing:<question-1@patient.mssante.fr>": { status: "sent", at: 1_000 } });
  });

  it("writes HTML for an HTML message, and keeps a receipt default that is off", async () => {
    const r = recorder({ plain: false, receipt: false });
    await closeConversation(fromPatient, r.deps);
    expect(r.fields[0]?.body).toMatch(/^<p>Bonjour Marie Durand,<br><br>/);
    expect(r.fields[0]?.plainTextBody).toBeUndefined();
    expect(r.fields[0]?.returnReceipt).toBe(false);
  });

  it("sends exactly one [FIN] on a double click, even from two windows", async () => {
    const r = recorder({ slowReply: true });
    const otherWindow = fake().context("second-window");
    const [a, b] = await Promise.all([
      closeConversation(fromPatient, r.deps),
      otherWindow.run(() => closeConversation(fromPatient, r.deps)),
    ]);
    expect([a.outcome, b.outcome].sort()).toEqual(["duplicate", "sent"]);
    expect(r.calls.filter((c) => c === "send")).toHaveLength(1);
    expect(r.calls.filter((c) => c === "beginReply")).toHaveLength(1);
    // A later click on the same message: already closed, nothing sent.
    expect((await closeConversation(fromPatient, r.deps)).outcome).toBe("duplicate");
    expect(r.told.at(-1)).toContain("aucun second [FIN]");
  });

  it("on failure leaves the compose window open, says so, and lets the user try again", async () => {
    const r = recorder({ sendFails: "Send aborted by an onBeforeSend event" });
    const outcome = await closeConversation(fromPatient, r.deps);
    expect(outcome).toMatchObject({ outcome: "send-failed", composeTabId: 100 });
    expect(r.calls).toEqual(["beginReply", "setFields", "settle", "send", "focus"]);
    expect(r.told).toEqual([expect.stringContaining("n'est PAS clos")]);
    expect(fake().storage("session")).toEqual({});
  });

  it("offline, the [FIN] put in the Outbox: not said closed, the claim kept as waiting with the [FIN]'s Message-ID; a second click sends nothing", async () => {
    const r = recorder({ offline: true });
    const outcome = await closeConversation(fromPatient, r.deps);
    expect(outcome).toEqual({ outcome: "queued", composeTabId: 100, queuedMessageId: "fin-1@cab" });
    expect(r.told).toEqual([
      "Thunderbird est hors ligne : le [FIN] pour Marie Durand attend dans la boîte d'envoi. L'échange sera clos quand il partira (retour en ligne, puis envoi des messages en attente).",
    ]);
    expect(fake().storage("session")).toEqual({ "closing:<question-1@patient.mssante.fr>": { status: "queued", at: 1_000, fin: "fin-1@cab" } });
    expect((await closeConversation(fromPatient, r.deps)).outcome).toBe("duplicate");
    expect(r.calls.filter((c) => c === "send")).toHaveLength(1);
  });

  /** The recorder's deps, sending a real compose tab of the fake Thunderbird the way the add-on does (`realCloseDeps.send`). */
  function sendingForReal(r: Recorder, tab: number): CloseDeps {
    return {
      ...r.deps,
      beginReply: async (messageId, identityId) => {
        await r.deps.beginReply(messageId, identityId);
        return tab;
      },
      send: async (id) => {
        r.calls.push("send");
        return fake().background.run(() => realCloseDeps.send(id));
      },
    };
  }

  it("the server refusing the [FIN] (Thunderbird says the send done, without a Message-ID, the [FIN] still in its window): not closed, nothing lost, the user may try again", async () => {
    fake().serverRefuses = true;
    const tab = fake().openCompose({ to: [P1], subject: "[FIN]" });
    const r = recorder();
    const outcome = await closeConversation(fromPatient, sendingForReal(r, tab));
    expect(outcome).toEqual({ outcome: "send-failed", composeTabId: tab, error: "Message operation failed" });
    expect(r.calls).toEqual(["beginReply", "setFields", "settle", "send", "focus"]);
    expect(r.told).toEqual([expect.stringContaining("n'est PAS clos")]);
    expect(fake().storage("session")).toEqual({});
    expect(fake().sentMessages).toEqual([]);
    expect(fake().isOpen(fake().windowOf(tab))).toBe(true);
  });

  it("Thunderbird sending in the background (the [FIN] goes through the Outbox, its window closes, no answer ever comes): said to be on its way, never closed here; a second click sends nothing", async () => {
    fake().sendInBackground = true;
    const tab = fake().openCompose({ to: [P1], subject: "[FIN]" });
    const r = recorder();
    const outcome = await closeConversation(fromPatient, sendingForReal(r, tab));
    expect(outcome).toEqual({ outcome: "queued", composeTabId: tab, queuedMessageId: "" });
    expect(fake().sentMessages.map((m) => m.tabId)).toEqual([tab]);
    expect(r.told).toEqual(["Le [FIN] pour Marie Durand est dans la boîte d'envoi : Thunderbird l'envoie en arrière-plan. L'échange sera clos quand il sera parti."]);
    // Not said closed: the mail says when it has left. The claim still stops a second [FIN].
    expect(fake().storage("session")).toEqual({ "closing:<question-1@patient.mssante.fr>": { status: "preparing", at: 1_000 } });
    expect((await closeConversation(fromPatient, r.deps)).outcome).toBe("duplicate");
    expect(r.calls.filter((c) => c === "send")).toHaveLength(1);
  });

  it("a send without a Message-ID that went (the add-on's send confirmed it): closed", async () => {
    const r = recorder({ noId: true });
    expect(await closeConversation(fromPatient, r.deps)).toEqual({ outcome: "sent", composeTabId: 100, sentMessageId: "" });
    expect(fake().storage("session")).toEqual({ "closing:<question-1@patient.mssante.fr>": { status: "sent", at: 1_000 } });
  });

  it("with review first, prepares the reply and does not send it", async () => {
    const r = recorder({ review: true });
    const outcome = await closeConversation(fromPatient, r.deps);
    expect(outcome).toEqual({ outcome: "review", composeTabId: 100 });
    expect(r.calls).toEqual(["beginReply", "setFields", "settle", "focus"]);
    expect(r.told).toEqual([expect.stringContaining("relisez-le")]);
  });

  it("refuses a message that is not a patient's, and says why", async () => {
    const r = recorder();
    const outcome = await closeConversation({ ...fromPatient, author: "cardio@ch.mssante.fr", recipients: [DOCTOR] }, r.deps);
    expect(outcome).toEqual({ outcome: "not-closable", reason: "not-patient" });
    expect(r.calls).toEqual([]);
    expect(r.told).toEqual([expect.stringContaining("ni d'un patient ni adressé à un patient")]);
  });

  it("refuses an exchange the mail shows closed already (after a restart: no session claim), and says since when", async () => {
    const r = recorder({ closedOn: Date.UTC(2025, 2, 3, 9, 30) });
    const outcome = await closeConversation(fromPatient, r.deps);
    expect(outcome).toEqual({ outcome: "already-closed", on: Date.UTC(2025, 2, 3, 9, 30) });
    expect(r.calls).toEqual([]);
    expect(r.told).toEqual([expect.stringMatching(/^Échange déjà clos le 0[34]\/03\/2025 à \d\d:\d\d : un \[FIN\] a été envoyé/)]);
    expect(fake().storage("session")).toEqual({});
  });

  it("a [FIN] already waiting in the Outbox (after a restart: no session claim) stops a second one: nothing prepared, said under way", async () => {
    const r = recorder({ waitingSince: Date.UTC(2025, 2, 3, 9, 30) });
    const outcome = await closeConversation(fromPatient, r.deps);
    expect(outcome).toEqual({ outcome: "duplicate", claim: { status: "queued", at: Date.UTC(2025, 2, 3, 9, 30) } });
    expect(r.calls).toEqual([]);
    expect(r.told).toEqual([expect.stringContaining("Marie Durand")]);
    expect(fake().storage("session")).toEqual({});
  });

  it("closes from a message we sent to the patient, from the identity that sent it", async () => {
    const r = recorder();
    await closeConversation({ ...fromPatient, author: `Dr Martin <${DOCTOR}>`, recipients: [P1] }, r.deps);
    expect(r.replies).toEqual([{ messageId: 7, identityId: "id1" }]);
    expect(r.fields[0]?.to).toEqual([P1]);
  });
});

describe("the button follows the displayed message", () => {
  const noClosing: StateDeps = { closings: () => Promise.resolve([]), references: () => Promise.resolve([]) };
  const view = (messages: MessageHeader[]) => actionViewFor(messages, [DOCTOR], Date.UTC(2025, 0, 1), noClosing, "fr");

  it("is enabled on a patient's message, disabled with the reason elsewhere", async () => {
    expect(await view([fromPatient])).toMatchObject({ enabled: true });
    const other = await view([{ ...fromPatient, author: DOCTOR, recipients: ["a@b.fr"] }]);
    expect(other.enabled).toBe(false);
    expect(say(other.title, "fr")).toContain("indisponible");
    expect((await view([])).enabled).toBe(false);
    expect((await view([fromPatient, fromPatient])).enabled).toBe(false);
  });
});

describe("the desktop notifications of a close (shown on lock screens)", () => {
  const INS = VALID_INS[5];
  const notify: CloseDeps["tell"] = (id, text) => realCloseDeps.tell(id, text);
  const shows = (): string[] => fake().notifications.map((n) => n.options.message);
  const noPatientIds = (texts: readonly string[]): void => {
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      expect(text).not.toContain(INS);
      expect(text).not.toMatch(/\d{13}/);
      expect(text.toLowerCase()).not.toContain("@patient.mssante.fr");
    }
  };

  it("name the patient, never the address nor the matricule", async () => {
    const r = recorder();
    const deps = { ...r.deps, tell: notify };
    await closeConversation(fromPatient, deps);
    await closeConversation(fromPatient, deps);
    expect(shows()).toEqual([
      "Échange clos : [FIN] envoyé à Marie Durand. Le patient ne peut plus répondre.",
      "La clôture de l'échange avec Marie Durand est déjà en cours ou faite : aucun second [FIN] n'est envoyé.",
    ]);
    expect(fake().notifications.map((n) => n.id)).toEqual(["close-conversation", "close-conversation"]);
    noPatientIds(shows());
  });

  it("say « votre patient(e) » when the name is not known, in every outcome", async () => {
    const unnamed = { ...fromPatient, author: `${INS} <${P1}>` };
    const failing = recorder({ sendFails: `Could not send to ${P1} (INS ${INS.replace(/(\d{3})/g, "$1 ")})` });
    await closeConversation(unnamed, { ...failing.deps, tell: notify });
    const review = recorder({ review: true });
    await closeConversation({ ...unnamed, headerMessageId: "q2@x" }, { ...review.deps, tell: notify });
    const closed = recorder({ closedOn: Date.UTC(2025, 2, 3, 9, 30) });
    await closeConversation({ ...unnamed, headerMessageId: "q3@x" }, { ...closed.deps, tell: notify });
    const sent = recorder();
    await closeConversation({ ...unnamed, author: P1, headerMessageId: "q4@x" }, { ...sent.deps, tell: notify });
    const texts = shows();
    expect(texts).toHaveLength(4);
    for (const text of texts) expect(text).toContain("votre patient(e)");
    expect(texts[0]).toContain("[adresse du patient]");
    noPatientIds(texts);
  });
});
