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
        expect(text.fr.trim()).not.toBe("");
        expect(text.en.trim()).not.toBe("");
        expect(text.fr).not.toBe(text.en);
      }
      expect(e.steps.length).toBeGreaterThan(0);
      expect(reasonLabel(reason)).toEqual(explainReason(reason).title);
    }
  });

  it("a closed patient mailbox: not delivered, do not resend, check the INS is the patient's own, another channel, the file", () => {
    const e = explainReason("mailbox-closed", { patient: true, insValid: true });
    const fr = [e.explanation.fr, ...e.steps.map((s) => s.fr)].join(" ");
    const en = [e.explanation.en, ...e.steps.map((s) => s.en)].join(" ");
    expect(fr).toMatch(/n'a pas été distribué/);
    expect(fr).toMatch(/rien n'est parvenu/);
    expect(fr).toMatch(/Ne renvoyez pas/);
    expect(fr).toMatch(/celui du patient lui-même/);
    expect(fr).toMatch(/autre personne/);
    expect(fr).toMatch(/papier|main propre/);
    expect(fr).toMatch(/dossier du patient/);
    expect(en).toMatch(/Do not send/);
    expect(en).toMatch(/someone else's mailbox/);
    expect(en).toMatch(/paper|hand it over/);
  });

  it("an unknown patient: check the INS; an invalid key says it was mistyped", () => {
    const valid = explainReason("unknown-recipient", { patient: true, insValid: true });
    expect(valid.steps.map((s) => s.fr).join(" ")).toMatch(/INS qualifié/);
    const invalid = explainRecipient(recipient({ address: "295109912611199@patient.mssante.fr", reason: "unknown-recipient", ins: "295109912611199", insValid: false }));
    expect(invalid.steps[0]?.fr).toMatch(/mal saisi/);
  });

  it("a too large message to a patient names the 25 MB limit", () => {
    expect(explainReason("message-too-large", { patient: true }).explanation.fr).toMatch(/25 Mo/);
  });

  it("delays, deliveries and read receipts have their own wording", () => {
    expect(explainRecipient(recipient({ action: "delayed", reason: "temporary" })).title.fr).toBe("Remise retardée");
    expect(explainRecipient(recipient({ action: "delivered", reason: null })).title.en).toBe("Message delivered");
    const read = explainRecipient(
      recipient({ action: null, reason: null, disposition: { type: "displayed", mode: "automatic", error: false, errorText: null } }),
    );
    expect(read.title.fr).toBe("Message affiché");
    expect(read.explanation.fr).toMatch(/ne garantit pas/);
    const error = explainRecipient(
      recipient({ action: null, reason: null, disposition: { type: "processed", mode: "automatic", error: true, errorText: "902^Identifiant inconnu" } }),
    );
    expect(error.explanation.fr).toContain("902^Identifiant inconnu");
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
    expect(summarizeNotice(base).fr).toContain("a@example.org");
    expect(summarizeNotice({ ...base, recipients: [] }).en).toBe("The message was not delivered.");
    expect(summarizeNotice({ ...base, kind: "delay" }).fr).toMatch(/retardée/);
    expect(summarizeNotice({ ...base, kind: "none", notNotice: "ordinary", recipients: [] }).en).toMatch(/not a delivery notice/);
  });
});
