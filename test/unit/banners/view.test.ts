/**
 * What the banners say, in every state: the patient banner open, closed (by whom, or not
 * known yet), without a name; the notice banner on a closed patient mailbox, another cause,
 * a delay, a verified and an unverified read receipt, handled; the same explanation and
 * steps as the panel; encrypted messages told apart; the request and answer schemas; the
 * panel's deep link.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  closerName,
  isEncryptedMessage,
  mainRecipient,
  noticeBanner,
  parseBannerAnswer,
  parseBannerRequest,
  patientBanner,
  type BannerModel,
  type DateContext,
} from "../../../src/core/banners/index.js";
import { conversationPatient, type ConversationPatient } from "../../../src/core/conversation/index.js";
import { say } from "../../../src/core/i18n/catalogs.js";
import { explainStored } from "../../../src/core/notice-records/index.js";
import { noticeHash, noticeIdFromHash } from "../../../src/core/notice-records/deep-link.js";
import { patient, VALID_INS } from "../compose/fixtures.js";
import { closedMailboxBounce as record, closedMailboxRecipient as recipient } from "./closed-mailbox.js";

const UTC: DateContext = { locale: "fr-FR", offsetAt: () => 0, year: 2026 };
const ON = Date.UTC(2026, 10, 25, 9, 15);

function lookup(author: string, recipients: string[] = ["dr.martin@medecin.mssante.fr"]): ConversationPatient {
  const found = conversationPatient({ author, recipients, ccList: [], bccList: [] }, ["dr.martin@medecin.mssante.fr"]);
  if (!found.ok) throw new Error(found.reason);
  return found.patient;
}

function lines(model: BannerModel | null, lang: "fr" | "en" = "fr"): string[] {
  if (model === null) throw new Error("no banner");
  return model.lines.map((l) => say(l.text, lang));
}

const MARIE = lookup(`Marie Durand <${patient("255081416802538")}>`);

describe("patient banner", () => {
  it("open: name, INS in groups and what it encodes, open, the close action", () => {
    const model = patientBanner(MARIE, { state: "open" }, "", UTC);
    expect(lines(model)).toEqual([
      "Patient Mon espace santé : Marie Durand",
      "INS 2 55 08 14 168 025 38 — Femme, née en août 1955, en France (département 14)",
      "Échange ouvert : le patient peut vous répondre.",
    ]);
    expect(model.actions.map((a) => [a.action, say(a.label, "fr")])).toEqual([["close", "Clore l'échange"]]);
    expect(model.tone).toBe("open");
    expect(say(model.label, "fr")).toBe("Patient Mon espace santé");
    expect(lines(model, "en")[2]).toBe("Exchange open: the patient can reply to you.");
  });

  it("closed: when and by whom, and no action that would send", () => {
    const model = patientBanner(MARIE, { state: "closed", on: ON, closingMessageId: "fin@x" }, '"Dr Claire Martin" <dr.martin@medecin.mssante.fr>', UTC);
    expect(lines(model)[2]).toBe("Échange clos le 25/11/2026 à 09:15 par Dr Claire Martin : le patient ne peut plus répondre.");
    expect(model.actions).toEqual([]);
    expect(model.tone).toBe("closed");
  });

  it("closed, the closer not known yet (just sent from here): when only", () => {
    const model = patientBanner(MARIE, { state: "closed", on: ON, closingMessageId: "" }, "", UTC);
    expect(lines(model)[2]).toBe("Échange clos le 25/11/2026 à 09:15 : le patient ne peut plus répondre.");
    expect(model.actions).toEqual([]);
  });

  it("a message to the patient without a name, a man born abroad", () => {
    const to = lookup("dr.martin@medecin.mssante.fr", [patient("186022A21532523")]);
    const model = patientBanner({ ...to, identity: { ...to.identity, birthPlace: { kind: "etranger" } } }, { state: "open" }, "", UTC);
    expect(lines(model).slice(0, 2)).toEqual([
      "Patient Mon espace santé (nom non indiqué dans le message)",
      "INS 1 86 02 2A 215 325 23 — Homme, né en février 1986, à l'étranger",
    ]);
  });

  it("the closer's name: display name, else address; control characters never reach the banner", () => {
    expect(closerName("Dr Martin <dr.martin@medecin.mssante.fr>")).toBe("Dr Martin");
    expect(closerName("dr.martin@medecin.mssante.fr")).toBe("dr.martin@medecin.mssante.fr");
    expect(closerName("")).toBe("");
    fc.assert(
      fc.property(fc.string(), (name) => {
        // eslint-disable-next-line no-control-regex -- what must never reach the banner
        expect(closerName(`"${name.replace(/["\\]/g, "")}" <a@b.mssante.fr>`)).not.toMatch(/[\u0000-\u001f\u007f]/);
      }),
    );
  });

  it("every valid INS gives the same lines in both languages, with the INS's 15 characters in order", () => {
    for (const ins of VALID_INS) {
      const p = lookup(patient(ins));
      const model = patientBanner(p, { state: "open" }, "", UTC);
      expect(lines(model, "fr")[1]?.replace(/^INS /, "").split(" — ")[0]?.replace(/ /g, "")).toBe(ins);
      expect(lines(model, "en")).toHaveLength(3);
    }
  });
});

describe("notice banner", () => {
  it("a closed patient mailbox: one plain sentence with the name and INS, the panel's first step, mark as handled, the link", () => {
    const model = noticeBanner(record(), "Marie Durand", UTC);
    expect(lines(model)).toEqual([
      "La messagerie Mon espace santé de Marie Durand (INS 2 95 10 99 126 111 93) est clôturée : rien ne lui a été remis.",
      "À faire d'abord : Ne renvoyez pas le message à cette adresse : il serait de nouveau refusé.",
    ]);
    expect(model?.actions.map((a) => [a.action, say(a.label, "fr")])).toEqual([
      ["handled", "Marquer comme traité"],
      ["open-notice", "Voir dans le panneau des retours"],
    ]);
    expect(model?.tone).toBe("problem");
    // The same first step as the panel's list: one source.
    const panel = explainStored(recipient(), "bounce");
    expect(lines(model)[1]).toBe(`À faire d'abord : ${say(panel.steps[0] ?? panel.title, "fr")}`);
  });

  it("without the patient's name: « ce patient »", () => {
    expect(lines(noticeBanner(record(), null, UTC))[0]).toBe(
      "La messagerie Mon espace santé de ce patient (INS 2 95 10 99 126 111 93) est clôturée : rien ne lui a été remis.",
    );
  });

  it("another cause: the panel's heading and explanation, then the first step", () => {
    const r = recipient({ reason: "unknown-recipient", status: "5.1.1" });
    const model = noticeBanner(record({ recipients: [r] }), "Marie Durand", UTC);
    const panel = explainStored(r, "bounce");
    expect(lines(model)).toEqual([
      `${say(panel.title, "fr")} — Marie Durand — INS 295109912611193`,
      say(panel.explanation, "fr"),
      `À faire d'abord : ${say(panel.steps[0] ?? panel.title, "fr")}`,
    ]);
  });

  it("a delay: still being retried, nothing to do yet", () => {
    const model = noticeBanner(record({ kind: "delay", recipients: [recipient({ action: "delayed", reason: "temporary" })] }), null, UTC);
    expect(lines(model)[0]).toBe("Remise retardée — Patient INS 295109912611193");
    expect(model?.tone).toBe("delay");
    expect(model?.actions.map((a) => a.action)).toEqual(["handled", "open-notice"]);
  });

  it("handled: says when, offers only the link", () => {
    const model = noticeBanner(record({ handled: "2026-11-26T10:00:00.000Z" }), null, UTC);
    expect(lines(model).at(-1)).toBe("Marqué comme traité le 26/11/2026 à 10:00.");
    expect(model?.actions.map((a) => a.action)).toEqual(["open-notice"]);
  });

  it("a verified read receipt: « Lu par le patient le … », nothing to handle", () => {
    const r = recipient({ action: null, reason: null, status: null, disposition: "displayed", date: "2026-11-25T18:42:00.000Z" });
    const model = noticeBanner(record({ kind: "receipt", recipients: [r], receiptCheck: "verified" }), null, UTC);
    expect(lines(model)[0]).toBe("Lu par le patient le 25/11/2026 à 18:42");
    expect(model?.tone).toBe("read");
    expect(say(model?.label ?? { key: "bannerReceiptRegion", subs: [] }, "fr")).toBe("Accusé de lecture");
    expect(model?.actions.map((a) => a.action)).toEqual(["open-notice"]);
  });

  it("an unverified read receipt: not « read by the patient », and says why", () => {
    const r = recipient({ action: null, reason: null, status: null, disposition: "displayed" });
    const model = noticeBanner(record({ kind: "receipt", recipients: [r], receiptCheck: "other-sender" }), null, UTC);
    expect(lines(model)[0]).not.toContain("Lu par le patient");
    expect(model?.lines.some((l) => l.role === "note")).toBe(true);
    expect(model?.tone).toBe("info");
  });

  it("several recipients: the patient first, the others counted", () => {
    const other = recipient({ address: "x@example.org", ins: null, insValid: null, reason: "unknown-recipient" });
    const r = record({ recipients: [other, recipient()], moreRecipients: 2 });
    expect(mainRecipient(r)?.index).toBe(1);
    expect(lines(noticeBanner(r, null, UTC)).at(-1)).toBe("Cet avis concerne aussi 3 autres destinataires : voyez le panneau des retours.");
  });

  it("a notice without recipients: no banner", () => {
    expect(noticeBanner(record({ recipients: [] }), null, UTC)).toBeNull();
  });
});

describe("encrypted messages", () => {
  it("S/MIME and OpenPGP/MIME are told by the top-level Content-Type; a signed or plain message is not", () => {
    const ct = (value: string) => [{ name: "content-type", value }];
    expect(isEncryptedMessage(ct('application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"'))).toBe(true);
    expect(isEncryptedMessage(ct("application/x-pkcs7-mime"))).toBe(true);
    expect(isEncryptedMessage([{ name: "Content-Type", value: 'Multipart/Encrypted; protocol="application/pgp-encrypted"' }])).toBe(true);
    expect(isEncryptedMessage(ct('multipart/signed; protocol="application/pkcs7-signature"'))).toBe(false);
    expect(isEncryptedMessage(ct("text/plain; charset=utf-8"))).toBe(false);
    expect(isEncryptedMessage([])).toBe(false);
  });
});

describe("banner protocol", () => {
  it("a request names an action only: ids, extra fields and other messages are refused", () => {
    expect(parseBannerRequest({ mssanteBanner: 1, action: "close" })).toEqual({ mssanteBanner: 1, action: "close" });
    expect(parseBannerRequest({ mssanteBanner: 1, action: "close", messageId: 12 })).toBeNull();
    expect(parseBannerRequest({ mssanteBanner: 1, action: "delete" })).toBeNull();
    expect(parseBannerRequest({ action: "show" })).toBeNull();
    expect(parseBannerRequest("show")).toBeNull();
  });

  it("an answer is a bounded banner or nothing", () => {
    const banner = { kind: "patient", tone: "open", lang: "fr", label: "x", lines: [{ role: "title", text: "a" }], actions: [{ action: "close", label: "b" }], announce: "" };
    expect(parseBannerAnswer({ banner })).toEqual({ banner });
    expect(parseBannerAnswer({ banner: null })).toEqual({ banner: null });
    expect(parseBannerAnswer({ banner: { ...banner, html: "<b>" } })).toBeNull();
    expect(parseBannerAnswer({ banner: { ...banner, lines: [{ role: "title", text: "a".repeat(2001) }] } })).toBeNull();
    expect(parseBannerAnswer(undefined)).toBeNull();
  });
});

describe("the panel's deep link", () => {
  it("any notice id goes through the address and back", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), (id) => {
        expect(noticeIdFromHash(noticeHash(id))).toBe(id);
      }),
    );
  });

  it("anything else names no notice", () => {
    expect(noticeIdFromHash("")).toBeNull();
    expect(noticeIdFromHash("#notice=")).toBeNull();
    expect(noticeIdFromHash("#other=1")).toBeNull();
    expect(noticeIdFromHash("#notice=%E0%A4%A")).toBeNull();
  });
});
