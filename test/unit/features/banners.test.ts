/**
 * The banners' use cases: what the background answers the script of a displayed message,
 * for the message the sender's tab displays. Encrypted → nothing; each setting turns its
 * banner off; not a patient, several patients → nothing; a notice wins over the patient;
 * the close is `closeConversation` with its real claims on the fake `storage.session`: two
 * quick requests send one [FIN]; a closed exchange, or a banner without the action, never
 * reaches the close; the listener and the script's registration on the fake Thunderbird.
 */
import { describe, expect, it, vi } from "vitest";
import type { MessageHeader } from "../../../src/adapters/messages.js";
import { say } from "../../../src/core/i18n/catalogs.js";
import type { Message } from "../../../src/core/i18n/text.js";
import { answerBanner, type AnswerDeps } from "../../../src/features/banners/answer.js";
import { bannerFor, type BannerDeps, type FoundNotice } from "../../../src/features/banners/banner-for.js";
import { BANNER_SCRIPT, refreshBanners, registerBanners, sentFin } from "../../../src/features/banners/register.js";
import { realBannerDeps } from "../../../src/features/banners/real-deps.js";
import { claimClosing, markClosingQueued, markClosingSent, onClosingChanged, releaseClosing } from "../../../src/features/conversation/closing-claims.js";
import { closeConversation, type CloseDeps } from "../../../src/features/conversation/close.js";
import { patient, VALID_INS } from "../compose/fixtures.js";
import { FakeMailStore } from "../fakes/messages.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { claimsIn, closingSettings, DOCTOR, quietCloseDeps } from "./close-deps.js";
import { closedMailboxBounce, closedMailboxRecipient } from "../banners/closed-mailbox.js";

const fake = useFakeThunderbird();
const P1 = patient(VALID_INS[5]);
const P2 = patient(VALID_INS[0]);

function header(over: Partial<MessageHeader> = {}): MessageHeader {
  return {
    id: 7,
    headerMessageId: "question-1@patient.mssante.fr",
    author: `Marie Durand <${P1}>`,
    recipients: [DOCTOR],
    ccList: [],
    bccList: [],
    tags: [],
    size: 0,
    subject: "Question",
    date: 0,
    ...over,
  };
}

const BOUNCE = closedMailboxBounce({
  originalId: null,
  recipients: [closedMailboxRecipient({ address: P2, ins: VALID_INS[0] })],
});

interface Options {
  patientBanner?: boolean;
  noticeBanner?: boolean;
  contentType?: string;
  notice?: FoundNotice | null;
  closedOn?: number;
  stateFails?: boolean;
  /** A [FIN] answering the message in this session (its claim): sent, or waiting in the Outbox, at that time. */
  claim?: { status: "sent" | "queued"; at: number };
  /** A [FIN] to the patient waits in the Outbox, dated then (found in the mail). */
  waitingSince?: number;
}

function bannerDeps(o: Options = {}, asked: string[] = []): BannerDeps {
  return {
    settings: () => Promise.resolve({ patientBanner: o.patientBanner ?? true, noticeBanner: o.noticeBanner ?? true }),
    ownAddresses: () => Promise.resolve([DOCTOR]),
    headers: () => {
      asked.push("headers");
      return Promise.resolve([{ name: "content-type", value: o.contentType ?? "text/plain; charset=utf-8" }]);
    },
    notice: () => {
      asked.push("notice");
      return Promise.resolve(o.notice ?? null);
    },
    state: () => {
      asked.push("state");
      if (o.stateFails === true) return Promise.reject(new Error("query failed"));
      return Promise.resolve(
        o.closedOn === undefined
          ? { state: { state: "open" }, closedBy: "", ...(o.waitingSince === undefined ? {} : { waitingSince: o.waitingSince }) }
          : { state: { state: "closed", on: o.closedOn, closingMessageId: "fin@x" }, closedBy: `Dr Martin <${DOCTOR}>` },
      );
    },
    finClaim: () => Promise.resolve(o.claim ?? null),
    now: () => Date.UTC(2026, 11, 3, 9, 0),
    dates: () => ({ locale: "fr-FR", offsetAt: () => 0, year: 2026 }),
  };
}

async function title(message: MessageHeader, o: Options = {}, asked: string[] = []): Promise<string | null> {
  const model = await bannerFor(message, bannerDeps(o, asked));
  const first = model?.lines[0];
  return first === undefined ? null : say(first.text, "fr");
}

describe("what the banner shows", () => {
  it("the patient banner on a patient's message, open or closed", async () => {
    expect(await title(header())).toBe("Patient Mon espace santé : Marie Durand");
    const closed = await bannerFor(header(), bannerDeps({ closedOn: Date.UTC(2026, 10, 25, 9, 15) }));
    expect(closed?.tone).toBe("closed");
    expect(closed?.actions).toEqual([]);
  });

  it("our message to one patient: the patient banner; to several patients, or not to a patient: nothing", async () => {
    const ours = header({ author: `Dr Martin <${DOCTOR}>`, recipients: [`Marie Durand <${P1}>`] });
    expect(await title(ours)).toBe("Patient Mon espace santé : Marie Durand");
    expect(await title(header({ author: `Dr Martin <${DOCTOR}>`, recipients: [P1, P2] }))).toBeNull();
    expect(await title(header({ author: "cardio@ch-exemple.mssante.fr" }))).toBeNull();
  });

  it("an encrypted message (S/MIME, OpenPGP): nothing, and nothing else is looked up", async () => {
    for (const contentType of ["application/pkcs7-mime; smime-type=enveloped-data", 'multipart/encrypted; protocol="application/pgp-encrypted"']) {
      const asked: string[] = [];
      expect(await title(header(), { contentType, notice: { record: BOUNCE, name: null } }, asked)).toBeNull();
      expect(asked).toEqual(["headers"]);
    }
  });

  it("both banners off: nothing, and the message is not even read", async () => {
    const asked: string[] = [];
    expect(await title(header(), { patientBanner: false, noticeBanner: false }, asked)).toBeNull();
    expect(asked).toEqual([]);
  });

  it("the patient banner off: nothing on a patient's message; a notice still explained", async () => {
    expect(await title(header(), { patientBanner: false })).toBeNull();
    expect(await title(header({ author: "MAILER-DAEMON@mx.example" }), { patientBanner: false, notice: { record: BOUNCE, name: "Paul Girard" } })).toContain("Paul Girard");
  });

  it("the notice banner off: nothing on a notice (a receipt from the patient is not shown as the patient's message)", async () => {
    expect(await title(header(), { noticeBanner: false, notice: { record: BOUNCE, name: null } })).toBeNull();
  });

  it("a notice wins over the patient its sender may be", async () => {
    expect(await title(header(), { notice: { record: BOUNCE, name: null } })).toMatch(/^La messagerie Mon espace santé de ce patient/);
  });

  it("closed a moment ago from anywhere (its claim sent), its [FIN] not yet in the Sent folder: closed, no close offered", async () => {
    const model = await bannerFor(header(), bannerDeps({ claim: { status: "sent", at: Date.UTC(2026, 11, 3, 8, 30) } }));
    expect(model?.tone).toBe("closed");
    expect(model?.actions).toEqual([]);
    expect(model?.lines.map((l) => say(l.text, "fr")).join("\n")).toContain("Échange clos le 03/12/2026");
    // The Sent folder's [FIN] says more (by whom): it wins when found.
    const known = await bannerFor(header(), bannerDeps({ closedOn: Date.UTC(2026, 11, 2), claim: { status: "sent", at: Date.UTC(2026, 11, 3, 8, 30) } }));
    expect(known?.lines.map((l) => say(l.text, "fr")).join("\n")).toContain("Échange clos le 02/12/2026");
  });

  it("its [FIN] waiting in the Outbox (Thunderbird offline): never « clos », the close waiting, nothing that would queue a second [FIN]", async () => {
    const model = await bannerFor(header(), bannerDeps({ claim: { status: "queued", at: Date.UTC(2026, 11, 3, 8, 30) } }));
    expect(model?.tone).toBe("delay");
    expect(model?.actions).toEqual([]);
    const text = model?.lines.map((l) => say(l.text, "fr")).join("\n") ?? "";
    expect(text).toContain("Clôture en attente depuis le 03/12/2026 à 08:30 : Thunderbird est hors ligne, le [FIN] attend dans la boîte d'envoi.");
    expect(text).not.toMatch(/clos le|Échange ouvert/);
    // The mail says closed (a [FIN] found in the Sent folder): closed wins.
    const closed = await bannerFor(header(), bannerDeps({ closedOn: Date.UTC(2026, 11, 2), claim: { status: "queued", at: Date.UTC(2026, 11, 3, 8, 30) } }));
    expect(closed?.tone).toBe("closed");
  });

  it("a [FIN] found waiting in the Outbox (sent later; after a restart, with no claim): the close waits, nothing offered", async () => {
    const model = await bannerFor(header(), bannerDeps({ waitingSince: Date.UTC(2026, 11, 2, 18, 0) }));
    expect(model?.tone).toBe("delay");
    expect(model?.actions).toEqual([]);
    const last = model?.lines.at(-1);
    expect(last === undefined ? "" : say(last.text, "fr")).toMatch(/^Clôture en attente depuis le 02\/12\/2026 à 18:00/);
  });

  it("finds the claim the close took, under the Message-ID with brackets (the messages API gives it without)", async () => {
    const message = header({ headerMessageId: "question-1@patient.mssante.fr" });
    expect(await fake().background.run(() => realBannerDeps.finClaim(message))).toBeNull();
    await fake().background.run(() => claimClosing("<question-1@patient.mssante.fr>", 5));
    // Being prepared: nothing to show yet.
    expect(await fake().background.run(() => realBannerDeps.finClaim(message))).toBeNull();
    await fake().background.run(() => markClosingQueued("<question-1@patient.mssante.fr>", 6, "fin-1@cab"));
    expect(await fake().background.run(() => realBannerDeps.finClaim(message))).toEqual({ status: "queued", at: 6 });
    await fake().background.run(() => markClosingSent("<question-1@patient.mssante.fr>", 7));
    expect(await fake().background.run(() => realBannerDeps.finClaim(message))).toEqual({ status: "sent", at: 7 });
  });

  it("a state that cannot be read shows the exchange open (as the header button)", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const model = await bannerFor(header(), bannerDeps({ stateFails: true }));
    expect(model?.tone).toBe("open");
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });
});

/** `offline`: Thunderbird puts the [FIN] in the Outbox instead of sending it. */
function closeDeps(sent: string[], told: string[], offline = false): CloseDeps {
  let tab = 100;
  return quietCloseDeps({
    settings: closingSettings(true),
    ...claimsIn(fake),
    beginReply: async () => {
      await new Promise((r) => setTimeout(r, 5));
      return tab++;
    },
    send: (tabId) => {
      sent.push(`tab ${tabId}`);
      return Promise.resolve({ queued: offline, headerMessageId: `fin-${tabId}@cab` });
    },
    tell: (_id, text) => {
      told.push(say(text, "fr"));
      return Promise.resolve();
    },
    now: () => 1_000,
  });
}

interface Answering {
  readonly deps: AnswerDeps;
  readonly sent: string[];
  readonly told: string[];
  readonly handled: string[];
  readonly opened: string[];
}

function answering(o: Options = {}, displayed: MessageHeader | null = header(), offline = false): Answering {
  const sent: string[] = [];
  const told: string[] = [];
  const handled: string[] = [];
  const opened: string[] = [];
  const close = closeDeps(sent, told, offline);
  const deps: AnswerDeps = {
    displayed: () => Promise.resolve(displayed),
    // The claims the close takes are the banner's (as in the add-on), unless a test gives its own.
    banner: { ...bannerDeps(o), ...(o.claim === undefined ? { finClaim: (m: MessageHeader) => fake().background.run(() => realBannerDeps.finClaim(m)) } : {}) },
    close: (message) => closeConversation(message, close),
    markHandled: (id) => {
      handled.push(id);
      return Promise.resolve(true);
    },
    openNotice: (id) => {
      opened.push(id);
      return Promise.resolve();
    },
    render: (text: Message) => say(text, "fr"),
    lang: () => "fr",
  };
  return { deps, sent, told, handled, opened };
}

describe("what the background answers", () => {
  it("nothing when the tab shows no single message", async () => {
    expect(await answerBanner("show", 1, answering({}, null).deps)).toEqual({ banner: null });
  });

  it("the banner rendered in the interface language", async () => {
    const answer = await answerBanner("show", 1, answering().deps);
    expect(answer.banner?.lines[0]).toEqual({ role: "title", text: "Patient Mon espace santé : Marie Durand" });
    expect(answer.banner).toMatchObject({ kind: "patient", tone: "open", lang: "fr", label: "Patient Mon espace santé", announce: "" });
    expect(answer.banner?.actions).toEqual([{ action: "close", label: "Clore l'échange" }]);
  });

  it("two quick « Clore l'échange » send one [FIN]; the banner says closed, the second request that a close is under way", async () => {
    const a = answering();
    const [first, second] = await Promise.all([answerBanner("close", 1, a.deps), answerBanner("close", 1, a.deps)]);
    expect(a.sent).toEqual(["tab 100"]);
    expect(first.banner?.tone).toBe("closed");
    expect(first.banner?.actions).toEqual([]);
    expect(first.banner?.announce).toBe("Échange clos : [FIN] envoyé à Marie Durand. Le patient ne peut plus répondre.");
    expect(second.banner?.announce).toContain("Marie Durand");
    expect(second.banner?.announce).not.toBe(first.banner?.announce);
  });

  it("closed a moment ago from the header button (its claim sent), not yet in the Sent folder: a click in the banner sends nothing and shows it closed", async () => {
    const a = answering();
    await fake().background.run(() => markClosingSent("<question-1@patient.mssante.fr>", Date.UTC(2026, 11, 3, 8, 59)));
    const answer = await answerBanner("close", 1, a.deps);
    expect(a.sent).toEqual([]);
    expect(answer.banner?.tone).toBe("closed");
    expect(answer.banner?.lines.at(-1)?.text).toBe("Échange clos le 03/12/2026 à 08:59 : le patient ne peut plus répondre.");
    expect(answer.banner?.actions).toEqual([]);
  });

  it("offline: the [FIN] goes to the Outbox; the banner says the close waits (never closed) and offers nothing; another click queues nothing more", async () => {
    const a = answering({}, header(), true);
    const first = await answerBanner("close", 1, a.deps);
    expect(a.sent).toEqual(["tab 100"]);
    expect(first.banner?.tone).toBe("delay");
    expect(first.banner?.actions).toEqual([]);
    expect(first.banner?.lines.map((l) => l.text).join("\n")).not.toMatch(/clos le|ouvert/);
    expect(first.banner?.announce).toBe(
      "Thunderbird est hors ligne : le [FIN] pour Marie Durand attend dans la boîte d'envoi. L'échange sera clos quand il partira (retour en ligne, puis envoi des messages en attente).",
    );
    expect(fake().storage("session")).toEqual({ "closing:<question-1@patient.mssante.fr>": { status: "queued", at: 1_000, fin: "fin-100@cab" } });
    const shown = await answerBanner("show", 1, a.deps);
    expect(shown.banner?.tone).toBe("delay");
    const again = await answerBanner("close", 1, a.deps);
    expect(a.sent).toEqual(["tab 100"]);
    expect(again.banner?.actions).toEqual([]);
  });

  it("a closed exchange offers no close, and a request to close sends nothing", async () => {
    const a = answering({ closedOn: Date.UTC(2026, 10, 25, 9, 15) });
    const answer = await answerBanner("close", 1, a.deps);
    expect(a.sent).toEqual([]);
    expect(answer.banner?.tone).toBe("closed");
  });

  it("« close » on a notice, « handled » on a patient's message: nothing done", async () => {
    const onNotice = answering({ notice: { record: BOUNCE, name: null } }, header({ author: "MAILER-DAEMON@mx.example", headerMessageId: "<ndr-1@mx.example>" }));
    await answerBanner("close", 1, onNotice.deps);
    expect(onNotice.sent).toEqual([]);
    const onPatient = answering();
    await answerBanner("handled", 1, onPatient.deps);
    expect(onPatient.handled).toEqual([]);
  });

  it("« handled » and the panel link act on the displayed notice, by its Message-ID", async () => {
    const a = answering({ notice: { record: BOUNCE, name: null } }, header({ author: "MAILER-DAEMON@mx.example", headerMessageId: "<ndr-1@mx.example>" }));
    const answer = await answerBanner("handled", 1, a.deps);
    expect(a.handled).toEqual(["ndr-1@mx.example"]);
    expect(answer.banner?.announce).toBe("Retour marqué comme traité.");
    await answerBanner("open-notice", 1, a.deps);
    expect(a.opened).toEqual(["ndr-1@mx.example"]);
  });
});

describe("on the fake Thunderbird", () => {
  it("registers the script once, however often the event page starts, and answers only the banner's requests from a tab", async () => {
    const a = answering();
    new FakeMailStore(fake());
    fake().background.run(() => {
      registerBanners(a.deps);
      registerBanners(a.deps);
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(fake().displayScripts).toEqual([{ id: BANNER_SCRIPT.id, js: [...BANNER_SCRIPT.js], runAt: "document_end" }]);
    const answer = await fake().messageFromTab(1, { mssanteBanner: 1, action: "show" });
    expect(answer).toMatchObject({ banner: { kind: "patient" } });
    expect(await fake().messageFromTab(1, { mssanteBanner: 1, action: "show", messageId: 99 })).toBeUndefined();
    expect(await fake().messageFromTab(1, "hello")).toBeUndefined();
  });
});

describe("banners follow a close made anywhere", () => {
  it("a [FIN] marked sent, put in the Outbox, or a claim released is heard, by its Message-ID; a claim being prepared is not", async () => {
    const heard: string[] = [];
    fake().background.run(() => {
      onClosingChanged((id) => heard.push(id));
    });
    await fake().background.run(() => claimClosing("<a@patient.mssante.fr>", 1));
    await new Promise((r) => setTimeout(r, 20));
    expect(heard).toEqual([]);
    await fake().background.run(() => releaseClosing("<a@patient.mssante.fr>"));
    await fake().background.run(() => markClosingSent("<b@patient.mssante.fr>", 2));
    await fake().background.run(() => markClosingQueued("<c@patient.mssante.fr>", 3, "fin-c@cab"));
    await new Promise((r) => setTimeout(r, 20));
    expect(heard).toEqual(["<a@patient.mssante.fr>", "<b@patient.mssante.fr>", "<c@patient.mssante.fr>"]);
  });

  it("a [FIN] the user sent from its compose window (no claim) is heard once its copy is filed; a refused send (no Message-ID, no copy), another message, Send Later are not", async () => {
    const fin = header({ headerMessageId: "fin-5@cab", subject: "[FIN]", author: DOCTOR, recipients: [P1] });
    const found: string[] = [];
    const findCopy = (id: string): Promise<MessageHeader | null> => {
      found.push(id);
      return Promise.resolve(id === "fin-5@cab" ? fin : null);
    };
    expect(await sentFin({ mode: "sendNow", error: null, headerMessageId: "fin-5@cab", copies: [] }, findCopy)).toBe(true);
    expect(await sentFin({ mode: "sendNow", error: null, headerMessageId: "fin-5@cab", copies: [fin] }, findCopy)).toBe(true);
    expect(await sentFin({ mode: "sendNow", error: null, headerMessageId: null, copies: [] }, findCopy)).toBe(false);
    expect(await sentFin({ mode: "sendNow", error: "Message operation failed", headerMessageId: "fin-5@cab", copies: [] }, findCopy)).toBe(false);
    expect(await sentFin({ mode: "sendLater", error: null, headerMessageId: null, copies: [fin] }, findCopy)).toBe(false);
    expect(await sentFin({ mode: "sendNow", error: null, headerMessageId: "note@cab", copies: [header({ subject: "Compte rendu" })] }, findCopy)).toBe(false);
    expect(found).toEqual(["fin-5@cab"]);
  });

  it("every tab showing messages is told to look again, with a message that names nothing", async () => {
    const told: [number, unknown][] = [];
    await refreshBanners({
      ids: () => Promise.resolve([3, 7]),
      send: (id, message) => {
        told.push([id, message]);
        return Promise.resolve(id === 3);
      },
    });
    expect(told).toEqual([
      [3, { mssanteBannerRefresh: 1 }],
      [7, { mssanteBannerRefresh: 1 }],
    ]);
  });
});
