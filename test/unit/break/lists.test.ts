/**
 * Break tests of the send guard's address-book list handling. Each test reproduces a
 * problem seen in a real Thunderbird 153 (see test/e2e/break-lists.e2e.test.ts): it fails
 * while the problem is there.
 *
 * Thunderbird matches a list to a recipient by its name AND by the recipient's "address",
 * which is the list's description when it has one, else its name
 * (nsMsgMailListComparator, nsMsgCompose.cpp); its autocomplete writes the pill
 * `Name <Description>`. A list name may hold an "@" (only , ; " < > are refused). The
 * guard only looks up parts whose address holds no "@".
 */
import { beforeEach, describe, expect, it } from "vitest";
import { onBeforeSend } from "../../../src/adapters/compose.js";
import { evaluateSend, type FindingCode, type GuardSettings, type SendInput, type SendVerdict } from "../../../src/core/compose/index.js";
import { guardSendSafely } from "../../../src/features/compose/send-guard.js";
import { message, patient, VALID_INS } from "../compose/fixtures.js";
import { readOf } from "../compose/lists-fixtures.js";
import { FakeAddressBooks } from "../fakes/address-books.js";
import { useFakeThunderbird } from "../fakes/messenger.js";

const SETTINGS: GuardSettings = { extraSenderDomains: [] };
const [P1, P2, P3] = [patient(VALID_INS[0]), patient(VALID_INS[1]), patient(VALID_INS[3])];
const evaluate = (overrides: Partial<SendInput>): SendVerdict => evaluateSend(message(overrides), SETTINGS);
const blockerCodes = (v: SendVerdict): FindingCode[] => v.blockers.map((b) => b.code);

describe("break: a list Thunderbird expands but the guard does not", () => {
  it("a list of two patients with an address as description, in To as Thunderbird writes it, is blocked", () => {
    const directory = readOf([{ name: "Atelier diabete", description: "atelier-diabete@cabinet.fr", members: [`Marie <${P1}>`, `Jean <${P2}>`] }]);
    const v = evaluate({ to: ["Atelier diabete <atelier-diabete@cabinet.fr>"], directory });
    expect(v.patientRecipients).toHaveLength(2);
    expect(blockerCodes(v)).toContain("patients-see-each-other");
  });

  it("a list of two patients whose name holds an @ is blocked", () => {
    const directory = readOf([{ name: "diabete@cabinet", members: [`Marie <${P1}>`, `Jean <${P2}>`] }]);
    const v = evaluate({ to: [`"diabete@cabinet" <diabete@cabinet>`], directory });
    expect(blockerCodes(v)).toContain("patients-see-each-other");
  });

  it("a list inside a list, stored with the inner list's description as its address, is expanded", () => {
    const directory = readOf([
      { name: "Suivi Petit", description: "suivi-petit@cabinet.fr", members: [`Jean <${P2}>`] },
      { name: "Groupe parole", members: [`Marie <${P1}>`, "Suivi Petit <suivi-petit@cabinet.fr>"] },
    ]);
    const v = evaluate({ to: ["Groupe parole <Groupe parole>"], directory });
    expect(blockerCodes(v)).toContain("patients-see-each-other");
  });
});

describe("break: the guard's crash fallback", () => {
  const fake = useFakeThunderbird();
  beforeEach(() => {
    fake().background.run(() => {
      onBeforeSend((tabId, _windowId, details) => guardSendSafely(tabId, details));
    });
  });

  it("holds a list written `Name <description@…>` when the guard itself fails", async () => {
    new FakeAddressBooks(fake()).addList("Atelier diabete", [P1, P2], { description: "atelier-diabete@cabinet.fr" });
    fake().override("compose", "listAttachments", async () => {
      await Promise.resolve();
      throw new Error("boom");
    });
    const tab = fake().openCompose({ to: ["Atelier diabete <atelier-diabete@cabinet.fr>"], subject: "Atelier" });
    expect(await guardSendSafely(tab, fake().composeDetails(tab))).toEqual({ cancel: true });
  });

  it("through onBeforeSend, a list with an address as description is not sent", async () => {
    new FakeAddressBooks(fake()).addList("Atelier diabete", [P1, P2], { description: "atelier-diabete@cabinet.fr" });
    const tab = fake().openCompose({ to: ["Atelier diabete <atelier-diabete@cabinet.fr>"], subject: "Atelier" });
    expect((await fake().send(tab)).sent).toBe(false);
  });
});

describe("break: another patient's INS reaches a patient", () => {
  it("a recipient whose display name is another patient's address is flagged", () => {
    // Thunderbird sends `To: "P1" <P2>`: P2 receives P1's INS; the pill shows P1.
    const v = evaluate({ to: [`"${P1}" <${P2}>`] });
    expect([...v.blockers, ...v.warnings]).not.toEqual([]);
  });

  it("a patient in To beside a list of patients in Bcc is blocked: the Bcc patients see the To patient's address", () => {
    // Note: guard.test.ts "one in To, others in Bcc" expects this to pass; seen sent in Thunderbird.
    const directory = readOf([{ name: "Atelier sommeil", members: [`Jean <${P2}>`, `Luc <${P3}>`] }]);
    const v = evaluate({ to: [P1], bcc: ["Atelier sommeil <Atelier sommeil>"], directory });
    expect(v.blockers).not.toEqual([]);
  });
});
