/**
 * The send guard against address-book lists and display names that Thunderbird treats
 * otherwise than they look (each case first seen in a real Thunderbird 153, see
 * test/e2e/mailing-lists-hostile.e2e.test.ts).
 *
 * Thunderbird matches a list to a recipient by its name AND by the recipient's "address",
 * which is the list's description when it has one, else its name
 * (nsMsgMailListComparator, nsMsgCompose.cpp); its autocomplete writes the pill
 * `Name <Description>`. A list name may hold an "@" (only , ; " < > are refused).
 */
import { sayOr } from "../i18n/say.js";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { onBeforeSend } from "../../../src/adapters/compose.js";
import {
  applyFix,
  evaluateSend,
  nameShowsOtherPatient,
  resolveEntry,
  type FindingCode,
  type GuardSettings,
  type SendInput,
  type SendVerdict,
} from "../../../src/core/compose/index.js";
import { guardSendSafely } from "../../../src/features/compose/send-guard.js";
import { FakeAddressBooks } from "../fakes/address-books.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { arbIns, COLLEAGUE, message, patient, VALID_INS } from "./fixtures.js";
import { readOf } from "./lists-fixtures.js";

const SETTINGS: GuardSettings = { extraSenderDomains: [] };
const [P1, P2, P3] = [patient(VALID_INS[0]), patient(VALID_INS[1]), patient(VALID_INS[3])];
const evaluate = (overrides: Partial<SendInput>): SendVerdict => evaluateSend(message(overrides), SETTINGS);
const blockerCodes = (v: SendVerdict): FindingCode[] => v.blockers.map((b) => b.code);

describe("a list Thunderbird expands is expanded by the guard first", () => {
  it("a list of two patients with an address as description, in To as Thunderbird writes it, is blocked", () => {
    const directory = readOf([{ name: "Atelier diabete", description: "atelier-diabete@cabinet.fr", members: [`Marie <${P1}>`, `Jean <${P2}>`] }]);
    const v = evaluate({ to: ["Atelier diabete <atelier-diabete@cabinet.fr>"], directory });
    expect(v.patientRecipients).toHaveLength(2);
    expect(blockerCodes(v)).toContain("patients-see-each-other");
  });

  it("the list's description matches whatever its case and the name written beside it", () => {
    const directory = readOf([{ name: "Atelier diabete", description: "atelier-diabete@cabinet.fr", members: [`Marie <${P1}>`, `Jean <${P2}>`] }]);
    for (const entry of ["ATELIER-DIABETE@cabinet.FR", "Autre nom <atelier-diabete@cabinet.fr>"]) {
      const r = resolveEntry(entry, directory);
      expect(r.reached.map((m) => [m.address, m.via])).toEqual([
        [P1, ["Atelier diabete"]],
        [P2, ["Atelier diabete"]],
      ]);
    }
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

  it("a contact given as an address-book entry whose address is a list's description is expanded", () => {
    const base = readOf([{ name: "Atelier", description: "atelier@cabinet.fr", members: [`Marie <${P1}>`, `Jean <${P2}>`] }]);
    if (!base.ok) throw new Error("unreadable");
    const card = { id: "K9", name: "Atelier", nickName: "", email: "atelier@cabinet.fr" };
    const directory = { ok: true, directory: { ...base.directory, contacts: [...base.directory.contacts, card] } } as const;
    const r = resolveEntry({ id: "K9", type: "contact" }, directory);
    expect(r.reached.map((m) => m.address)).toEqual([P1, P2]);
  });

  it("a patient written under a name that is also a list's still counts as a patient", () => {
    const directory = readOf([{ name: "Marie", members: [COLLEAGUE] }]);
    const r = resolveEntry(`Marie <${P1}>`, directory);
    expect(r.reached.map((m) => m.address)).toEqual([P1, COLLEAGUE]);
  });

  it("a plain address that no list answers to goes as it is", () => {
    const directory = readOf([{ name: "Atelier", description: "atelier@cabinet.fr", members: [P1, P2] }]);
    const v = evaluate({ to: [P1], cc: [COLLEAGUE], directory });
    expect(v.blockers).toEqual([]);
  });

  it("when the address book cannot be read, a message to a patient with another address is held; ordinary mail goes", () => {
    const failed = { ok: false, problem: "failed" } as const;
    const toPatient = evaluate({ to: [P1], cc: [COLLEAGUE], directory: failed });
    expect(blockerCodes(toPatient)).toEqual(["recipient-unresolved"]);
    expect(sayOr(toPatient.blockers[0]?.explanation, "fr")).toContain("si ce destinataire est une liste");
    expect(evaluate({ to: [P1], directory: failed }).blockers).toEqual([]);
    expect(evaluate({ to: [COLLEAGUE], directory: failed }).blockers).toEqual([]);
  });
});

describe("the guard's crash fallback holds what may be a list", () => {
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

  it("through onBeforeSend, a nested list stored as `Name <description>` is not sent", async () => {
    const books = new FakeAddressBooks(fake());
    books.addList("Suivi Petit", [`Jean <${P2}>`], { description: "suivi-petit@cabinet.fr" });
    books.addList("Groupe parole", [`Marie <${P1}>`, "Suivi Petit <suivi-petit@cabinet.fr>"]);
    const tab = fake().openCompose({ to: ["Groupe parole <Groupe parole>"], subject: "Groupe" });
    expect((await fake().send(tab)).sent).toBe(false);
  });
});

describe("another patient's INS never reaches a patient", () => {
  it("a recipient whose display name is another patient's address is blocked, with a fix that keeps the address", () => {
    // Thunderbird would send `To: "P1" <P2>`: P2 would receive P1's INS; the pill shows P1.
    const input = message({ to: [`"${P1}" <${P2}>`] });
    const v = evaluateSend(input, SETTINGS);
    expect(blockerCodes(v)).toEqual(["display-name-other-patient"]);
    const finding = v.blockers[0];
    expect(sayOr(finding?.title, "fr")).toContain("l'INS d'un autre patient");
    expect(sayOr(finding?.explanation, "en")).toContain("another patient's INS");
    expect(finding?.fix?.id).toBe("remove-misleading-names");
    const patch = applyFix(input, "remove-misleading-names");
    expect(patch.to).toEqual([P2]);
    expect(evaluateSend({ ...input, ...patch }, SETTINGS).blockers).toEqual([]);
  });

  it("an INS written with spaces, or a colleague named with a patient's INS beside a patient, is blocked too", () => {
    const spaced = `Mme X 2 55 08 14 168 025 38`;
    expect(blockerCodes(evaluate({ to: [`${spaced} <${P2}>`] }))).toEqual(["display-name-other-patient"]);
    expect(blockerCodes(evaluate({ to: [P2], cc: [`"${P1}" <${COLLEAGUE}>`] }))).toEqual(["display-name-other-patient"]);
  });

  it("a display name from a list member is blocked, to be corrected in the address book", () => {
    const directory = readOf([{ name: "Suivi", members: [`"${P1}" <${P2}>`] }]);
    const v = evaluate({ to: ["Suivi <Suivi>"], directory });
    const finding = v.blockers.find((b) => b.code === "display-name-other-patient");
    expect(finding?.fix).toBeUndefined();
    expect(sayOr(finding?.explanation, "fr")).toContain("corrigez le nom du contact dans le carnet d'adresses");
  });

  it("a display name holding the recipient's own address or INS goes", () => {
    expect(evaluate({ to: [`"${P1}" <${P1}>`] }).blockers).toEqual([]);
    expect(evaluate({ to: [`Marie (${VALID_INS[0]}) <${P1}>`] }).blockers).toEqual([]);
  });

  it("names the same or another patient, for every pair of INS", () => {
    fc.assert(
      fc.property(arbIns, arbIns, fc.constantFrom("", "Mme ", "dossier "), (a, b, prefix) => {
        expect(nameShowsOtherPatient(`${prefix}${patient(a)}`, patient(b))).toBe(a.slice(0, 13) !== b.slice(0, 13));
        expect(nameShowsOtherPatient(`${prefix}${a}`, patient(b))).toBe(a.slice(0, 13) !== b.slice(0, 13));
        expect(nameShowsOtherPatient(`${prefix}${a}`, COLLEAGUE)).toBe(true);
        expect(nameShowsOtherPatient(`${prefix}Marie Durand`, patient(b))).toBe(false);
      }),
    );
  });

  it("a patient in To beside a list of patients in Bcc is blocked: the Bcc patients see the To patient's address", () => {
    const directory = readOf([{ name: "Atelier sommeil", members: [`Jean <${P2}>`, `Luc <${P3}>`] }]);
    const input = message({ to: [P1], bcc: ["Atelier sommeil <Atelier sommeil>"], directory });
    const v = evaluateSend(input, SETTINGS);
    expect(blockerCodes(v)).toEqual(["patients-see-each-other"]);
    expect(sayOr(v.blockers[0]?.explanation, "fr")).toContain("2 autres patients reçoivent aussi le message");
    expect(sayOr(v.blockers[0]?.explanation, "fr")).toContain("« Atelier sommeil »");
    const fixed = { ...input, ...applyFix(input, "patients-to-bcc") };
    expect(fixed.to).toEqual([]);
    expect(evaluateSend(fixed, SETTINGS).blockers).toEqual([]);
  });
});
