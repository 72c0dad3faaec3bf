/**
 * Automation rules: the schema that stores them, the matching, and the order in which they
 * join the send guard (the compose popup's explicit choice wins, and the user is told).
 */
import { describe, expect, it } from "vitest";
import { parseComposeDetails } from "../../../src/adapters/compose.js";
import {
  decideAutomation,
  planFor,
  ruleMatches,
  rulesSchema,
  ruleSchema,
  type AutomationRule,
  type RuleMessage,
} from "../../../src/core/automation/index.js";
import { checkSettingValue, coercePolicyValue, defaultSettings, settingKind } from "../../../src/core/settings/index.js";
import { evaluateSnapshot } from "../../../src/features/compose/evaluate.js";
import { sendPatch } from "../../../src/features/compose/send-guard.js";
import { addAutomation, automationPlan, closeDecision } from "../../../src/features/automation/send.js";
import type { Message } from "../../../src/core/i18n/text.js";
import { say } from "../../../src/core/i18n/catalogs.js";
import { patient, VALID_INS } from "../compose/fixtures.js";

const APP = "resultats@labo.mssante.fr";
const DOCTOR = "dr.martin@medecin.mssante.fr";
const P1 = patient(VALID_INS[0]);

function rule(fields: Partial<AutomationRule> & { name?: string }): AutomationRule {
  return ruleSchema.parse({ name: "R", ...fields });
}

const message: RuleMessage = { from: APP, hasPatientRecipient: true, type: "new", subject: "Vos résultats", body: "Bonjour, voici vos résultats." };

describe("the rules as stored", () => {
  it("fills defaults, normalises addresses, and refuses what makes no sense", () => {
    expect(rule({ identities: [" Resultats@Labo.MSSante.fr "] })).toEqual({
      name: "R",
      enabled: true,
      identities: [APP],
      patientOnly: true,
      kind: "any",
      marker: "",
      readReceipt: false,
      noReply: false,
      closeWithoutAsking: false,
      closeAfterConfirm: false,
    });
    expect(ruleSchema.safeParse({ name: "" }).success).toBe(false);
    expect(ruleSchema.safeParse({ name: "x", identities: ["pas une adresse"] }).success).toBe(false);
    expect(ruleSchema.safeParse({ name: "x", kind: "forward" }).success).toBe(false);
    // Closing without asking is for named applicative mailboxes only.
    expect(ruleSchema.safeParse({ name: "x", closeWithoutAsking: true }).success).toBe(false);
    expect(ruleSchema.safeParse({ name: "x", closeWithoutAsking: true, identities: [APP] }).success).toBe(true);
    expect(rulesSchema.safeParse(Array.from({ length: 51 }, () => ({ name: "x" }))).success).toBe(false);
  });

  it("comes from a policy as JSON (policies.json) or as a JSON string (a Windows registry value)", () => {
    const json = `[{"name": "Résultats", "identities": ["${APP}"], "noReply": true}]`;
    for (const raw of [JSON.parse(json) as unknown, json]) {
      const checked = checkSettingValue("automationRules", coercePolicyValue(settingKind("automationRules"), raw));
      expect(checked.ok && checked.value).toEqual([expect.objectContaining({ name: "Résultats", identities: [APP], noReply: true })]);
    }
  });

  it("is the setting automationRules (empty by default), whose wrong item is pointed at", () => {
    expect(defaultSettings().automationRules).toEqual([]);
    const checked = checkSettingValue("automationRules", [{ name: "ok" }, { name: "bad", closeWithoutAsking: true }]);
    expect(checked).toMatchObject({ ok: false, item: { index: 1 } });
    const stored = checkSettingValue("automationRules", [{ name: "ok", identities: [APP] }]);
    expect(stored.ok && stored.value[0]?.identities).toEqual([APP]);
  });
});

describe("matching", () => {
  it("checks the identity, a patient recipient, new or reply, and the marker", () => {
    expect(ruleMatches(rule({}), message)).toBe(true);
    expect(ruleMatches(rule({ identities: [APP] }), message)).toBe(true);
    expect(ruleMatches(rule({ identities: [APP] }), { ...message, from: DOCTOR })).toBe(false);
    expect(ruleMatches(rule({}), { ...message, hasPatientRecipient: false })).toBe(false);
    expect(ruleMatches(rule({ patientOnly: false }), { ...message, hasPatientRecipient: false })).toBe(true);
    expect(ruleMatches(rule({ kind: "new" }), message)).toBe(true);
    expect(ruleMatches(rule({ kind: "reply" }), message)).toBe(false);
    expect(ruleMatches(rule({ kind: "reply" }), { ...message, type: "reply" })).toBe(true);
    expect(ruleMatches(rule({ kind: "new" }), { ...message, type: "forward" })).toBe(false);
    expect(ruleMatches(rule({ marker: "RÉSULTATS" }), message)).toBe(true);
    expect(ruleMatches(rule({ marker: "voici" }), { ...message, subject: "x" })).toBe(true);
    expect(ruleMatches(rule({ marker: "ordonnance" }), message)).toBe(false);
    expect(ruleMatches(rule({ enabled: false }), message)).toBe(false);
  });

  it("adds up the actions of every matching rule, and closes only towards a patient", () => {
    const rules = [
      rule({ name: "Accusé", readReceipt: true }),
      rule({ name: "Labo", identities: [APP], noReply: true, closeWithoutAsking: true }),
      rule({ name: "Autre", identities: [DOCTOR], readReceipt: true }),
    ];
    expect(planFor(rules, message)).toEqual({ readReceipt: true, noReply: true, finSubject: true, confirmClose: false, matched: ["Accusé", "Labo"] });
    expect(planFor(rules, { ...message, hasPatientRecipient: false })).toEqual({
      readReceipt: false,
      noReply: false,
      finSubject: false,
      confirmClose: false,
      matched: [],
    });
    // Asking is for when no rule closes without asking, and only towards a patient.
    const asking = [rule({ name: "Demander", marker: "#clore", closeAfterConfirm: true })];
    expect(planFor(asking, { ...message, subject: "Fin de suivi #clore" })).toMatchObject({ confirmClose: true, finSubject: false });
    expect(planFor(asking, { ...message, subject: "Fin de suivi" }).confirmClose).toBe(false);
    expect(planFor([...asking, ...rules], { ...message, subject: "#clore" })).toMatchObject({ confirmClose: false, finSubject: true });
    expect(planFor([rule({ patientOnly: false, identities: [APP], closeWithoutAsking: true })], { ...message, hasPatientRecipient: false }).finSubject).toBe(false);
  });
});

describe("the order with the send guard", () => {
  const plan = { readReceipt: true, noReply: true, finSubject: false, confirmClose: false, matched: ["Labo"] };

  it("adds the receipt and the header when the user did not choose the options", () => {
    expect(decideAutomation(plan, { subject: "x", receipt: false, noReply: false, hasPatient: true }, false)).toEqual({
      subject: null,
      addReceipt: true,
      addNoReply: true,
      overridden: [],
    });
  });

  it("lets the popup's choice win, and says what was not added", () => {
    expect(decideAutomation(plan, { subject: "x", receipt: false, noReply: false, hasPatient: true }, true)).toEqual({
      subject: null,
      addReceipt: false,
      addNoReply: false,
      overridden: ["readReceipt", "noReply"],
    });
    // Nothing to say when the user chose the same.
    expect(decideAutomation(plan, { subject: "x", receipt: true, noReply: true, hasPatient: true }, true).overridden).toEqual([]);
  });

  it("never adds X-MSS-MES for a non-patient, and sets [FIN] for an applicative close", () => {
    expect(decideAutomation(plan, { subject: "x", receipt: true, noReply: false, hasPatient: false }, false).addNoReply).toBe(false);
    expect(decideAutomation({ ...plan, finSubject: true }, { subject: "Résultats", receipt: true, noReply: true, hasPatient: true }, true).subject).toBe("[FIN]");
  });

  function evaluation(rules: readonly unknown[], extra: Record<string, unknown> = {}): ReturnType<typeof evaluateSnapshot> {
    const settings = { ...defaultSettings(), readReceiptDefault: false, automationRules: rulesSchema.parse(rules) };
    const details = parseComposeDetails({
      from: `Laboratoire <${APP}>`,
      to: [P1],
      subject: "Vos résultats",
      plainTextBody: "Bonjour",
      isPlainText: true,
      type: "new",
      ...extra,
    });
    return evaluateSnapshot(details, [], settings);
  }

  it("applies after the guard's own patch: defaults first, then the rules", async () => {
    const e = evaluation([{ name: "Labo", identities: [APP], readReceipt: true, noReply: true }]);
    const told: Message[] = [];
    const tell = (t: Message): Promise<void> => {
      told.push(t);
      return Promise.resolve();
    };
    const patch = await addAutomation(automationPlan(e), e, sendPatch(e, false), false, tell);
    expect(patch).toEqual({ returnReceipt: true, customHeaders: [{ name: "X-MSS-MES", value: "FIN" }] });
    expect(told).toEqual([]);

    const settled = await addAutomation(automationPlan(e), e, sendPatch(e, true), true, tell);
    expect(settled).toEqual({});
    expect(told.map((t) => say(t, "fr"))).toEqual([expect.stringContaining("Règle « Labo » : l'accusé de lecture et l'interdiction de répondre")]);
  });

  it("keeps a header the user added, without doubling it", async () => {
    const e = evaluation([{ name: "Labo", noReply: true }], { customHeaders: [{ name: "X-MSS-MES", value: "FIN" }] });
    expect(await addAutomation(automationPlan(e), e, sendPatch(e, false), false)).toEqual({});
  });
});

describe("a rule that proposes closing", () => {
  const asking = { readReceipt: false, noReply: false, finSubject: false, confirmClose: true, matched: ["Fin de suivi"] };

  it("asks once, then follows the answer; a rule that closes without asking never asks", () => {
    expect(closeDecision(asking, "Fin du suivi", undefined)).toBe("ask");
    expect(closeDecision(asking, "Fin du suivi", "yes")).toBe("close");
    expect(closeDecision(asking, "Fin du suivi", "no")).toBe("keep");
    expect(closeDecision(asking, "[FIN]", undefined)).toBe("keep");
    expect(closeDecision({ ...asking, confirmClose: false }, "x", undefined)).toBe("keep");
    expect(closeDecision({ ...asking, confirmClose: false, finSubject: true }, "x", undefined)).toBe("close");
  });
});
