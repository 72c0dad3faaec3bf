import { describe, expect, it } from "vitest";
import { parseComposeDetails } from "../../../src/adapters/compose.js";
import { defaultSettings } from "../../../src/core/settings/index.js";
import { evaluateSnapshot, evaluateTab } from "../../../src/features/compose/evaluate.js";
import { toSendInput } from "../../../src/features/compose/send-input.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { DOCTOR, P1, P2, PRIORITY } from "./helpers.js";

const fake = useFakeThunderbird();

describe("evaluateTab", () => {
  it("reads the tab, its attachments and the settings", async () => {
    const tab = fake().openCompose({ to: [P1], subject: "Résultats", attachments: [{ name: "compte-rendu.docx", size: 20_000 }] });

    const evaluation = await evaluateTab(tab);

    expect(evaluation.details.to).toEqual([P1]);
    expect(evaluation.input.attachments).toEqual([{ name: "compte-rendu.docx", size: 20_000 }]);
    expect(evaluation.verdict.patientRecipients.map((p) => p.address)).toEqual([P1]);
    expect(evaluation.verdict.warnings.map((w) => w.code)).toEqual(["attachment-format"]);
    expect(evaluation.settings).toEqual(defaultSettings());
  });

  it("judges the details it is given rather than the tab's", async () => {
    const tab = fake().openCompose({ to: [P1], subject: "Résultats" });
    const evaluation = await evaluateTab(tab, { ...fake().composeDetails(tab), to: [P1, P2] });
    expect(evaluation.verdict.blockers.map((b) => b.code)).toEqual(["patients-see-each-other"]);
  });

  it("takes the sender domains the user added", async () => {
    fake().seedStorage("local", { settingsVersion: 1, extraSenderDomains: ["formation.example"] });
    const tab = fake().openCompose({ from: "dr@formation.example", to: [P1] });
    expect((await evaluateTab(tab)).verdict.blockers).toEqual([]);
  });

  it("gives the same fingerprint in every context for the same message", async () => {
    const tab = fake().openCompose({ to: [P1], replyTo: ["x@ch-exemple.mssante.fr"] });
    const popup = fake().context("popup", { windowId: fake().windowOf(tab) });
    const here = await evaluateTab(tab);
    const there = await popup.run(() => evaluateTab(tab));
    expect(there.fingerprint).toBe(here.fingerprint);
    fake().edit(tab, { to: [P1, "autre@ch-exemple.mssante.fr"] });
    expect((await evaluateTab(tab)).fingerprint).not.toBe(here.fingerprint);
  });

  it("fails when Thunderbird fails, so that the guard can hold the message", async () => {
    fake().override("compose", "getComposeDetails", () => Promise.reject(new Error("tab gone")));
    await expect(evaluateTab(1)).rejects.toThrow("tab gone");
  });
});

describe("evaluateSnapshot", () => {
  it("uses the size limit and sender domains of the settings it is given", () => {
    const details = parseComposeDetails({ from: "dr@formation.example", to: [P1], subject: "Résultats" });
    const settings = { ...defaultSettings(), extraSenderDomains: ["formation.example"] };
    expect(evaluateSnapshot(details, [], settings).verdict.blockers).toEqual([]);
    expect(evaluateSnapshot(details, [], defaultSettings()).verdict.blockers.map((b) => b.code)).toEqual(["sender-not-mssante"]);
  });

  it("blocks a message whose files are too large for Mon espace santé", () => {
    const details = parseComposeDetails({ from: DOCTOR, to: [P1] });
    const verdict = evaluateSnapshot(details, [{ name: "scanner.pdf", size: 19_000_000 }], defaultSettings()).verdict;
    expect(verdict.blockers.map((b) => b.code)).toEqual(["message-too-large"]);
  });
});

describe("toSendInput", () => {
  it("counts the HTML body in UTF-8 bytes", () => {
    const details = parseComposeDetails({ from: DOCTOR, to: [P1], body: "é€", plainTextBody: "a much longer plain text", isPlainText: false });
    expect(toSendInput(details, []).bodyBytes).toBe(5);
  });

  it("counts the plain-text body for a plain-text message", () => {
    const details = parseComposeDetails({ from: DOCTOR, body: "<p>ignored</p>", plainTextBody: "abc", isPlainText: true });
    expect(toSendInput(details, []).bodyBytes).toBe(3);
  });

  it("carries the recipients, headers, receipt and attachments over as they are", () => {
    const details = parseComposeDetails({
      from: DOCTOR,
      to: [P1],
      cc: ["a@ch-exemple.mssante.fr"],
      bcc: [P2],
      replyTo: ["r@ch-exemple.mssante.fr"],
      subject: "S",
      customHeaders: [PRIORITY],
      returnReceipt: true,
    });
    expect(toSendInput(details, [{ name: "a.pdf", size: 3 }])).toEqual({
      from: DOCTOR,
      to: [P1],
      cc: ["a@ch-exemple.mssante.fr"],
      bcc: [P2],
      replyTo: ["r@ch-exemple.mssante.fr"],
      subject: "S",
      bodyBytes: 0,
      attachments: [{ name: "a.pdf", size: 3 }],
      customHeaders: [PRIORITY],
      returnReceipt: true,
    });
  });
});
