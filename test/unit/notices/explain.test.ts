import { describe, expect, it } from "vitest";
import {
  explainReason,
  explainRecipient,
  reasonLabel,
  REASONS,
  summarizeNotice,
  type Notice,
  type NoticeRecipient,
} from "../../../src/core/notices/index.js";
import { say } from "../../../src/core/i18n/catalogs.js";
import type { Message } from "../../../src/core/i18n/text.js";

const fr = (text: Message | undefined): string => (text === undefined ? "" : say(text, "fr"));
const en = (text: Message | undefined): string => (text === undefined ? "" : say(text, "en"));

function recipient(values: Partial<NoticeRecipient>): NoticeRecipient {
  return {
    address: "a@example.org",
    action: "failed",
    status: null,
    diagnostic: null,
    reason: "other",
    ins: null,
    insValid: null,
    disposition: null,
    date: null,
    ...values,
  };
}

describe("explanations", () => {
  it.each(REASONS)("%s has a title, an explanation and steps, in French and English", (reason) => {
    for (const patient of [false, true]) {
      const e = explainReason(reason, { patient, insValid: true });
      for (const text of [e.title, e.explanation, ...e.steps]) {
        expect(fr(text).trim()).not.toBe("");
        expect(en(text).trim()).not.toBe("");
        expect(fr(text)).not.toBe(en(text));
      }
      expect(e.steps.length).toBeGreaterThan(0);
      expect(reasonLabel(reason)).toEqual(explainReason(reason).title);
    }
  });

  it("a closed patient mailbox: not delivered, do not resend, check the INS is the patient's own, another channel, the file", () => {
    const e = explainReason("mailbox-closed", { patient: true, insValid: true });
    const frText = [fr(e.explanation), ...e.steps.map((s) => fr(s))].join(" ");
    const enText = [en(e.explanation), ...e.steps.map((s) => en(s))].join(" ");
    expect(frText).toMatch(/n'a pas été distribué/);
    expect(frText).toMatch(/rien n'est parvenu/);
    expect(frText).toMatch(/Ne renvoyez pas/);
    expect(frText).toMatch(/celui du patient lui-même/);
    expect(frText).toMatch(/autre personne/);
    expect(frText).toMatch(/papier|main propre/);
    expect(frText).toMatch(/dossier du patient/);
    expect(enText).toMatch(/Do not send/);
    expect(enText).toMatch(/someone else's mailbox/);
    expect(enText).toMatch(/paper|hand it over/);
  });

  it("an unknown patient: check the INS; an invalid key says it was mistyped", () => {
    const valid = explainReason("unknown-recipient", { patient: true, insValid: true });
    expect(valid.steps.map((s) => fr(s)).join(" ")).toMatch(/INS qualifié/);
    const invalid = explainRecipient(recipient({ address: "295109912611199@patient.mssante.fr", reason: "unknown-recipient", ins: "295109912611199", insValid: false }));
    expect(fr(invalid.steps[0])).toMatch(/mal saisi/);
  });

  it("a too large message to a patient names the 25 MB limit", () => {
    expect(fr(explainReason("message-too-large", { patient: true }).explanation)).toMatch(/25 Mo/);
  });

  it("delays, deliveries and read receipts have their own wording", () => {
    expect(fr(explainRecipient(recipient({ action: "delayed", reason: "temporary" })).title)).toBe("Remise retardée");
    expect(en(explainRecipient(recipient({ action: "delivered", reason: null })).title)).toBe("Message delivered");
    const read = explainRecipient(
      recipient({ action: null, reason: null, disposition: { type: "displayed", mode: "automatic", error: false, errorText: null } }),
    );
    expect(fr(read.title)).toBe("Message affiché");
    expect(fr(read.explanation)).toMatch(/ne garantit pas/);
    const error = explainRecipient(
      recipient({ action: null, reason: null, disposition: { type: "processed", mode: "automatic", error: true, errorText: "902^Identifiant inconnu" } }),
    );
    expect(fr(error.explanation)).toContain("902^Identifiant inconnu");
  });

  it("summarises a notice", () => {
    const base: Notice = {
      kind: "bounce",
      notNotice: null,
      format: "dsn",
      recipients: [recipient({})],
      original: null,
      subject: null,
      date: null,
      reporter: null,
    };
    expect(fr(summarizeNotice(base))).toContain("a@example.org");
    expect(en(summarizeNotice({ ...base, recipients: [] }))).toBe("The message was not delivered.");
    expect(fr(summarizeNotice({ ...base, kind: "delay" }))).toMatch(/retardée/);
    expect(en(summarizeNotice({ ...base, kind: "none", notNotice: "ordinary", recipients: [] }))).toMatch(/not a delivery notice/);
  });
});
