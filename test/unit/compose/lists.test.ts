/**
 * Address-book lists in the send guard: Thunderbird expands them only after
 * `compose.onBeforeSend`, so the guard expands them itself and applies every rule to what
 * they hold.
 */
import { say } from "../../../src/core/i18n/catalogs.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyFix,
  evaluateSend,
  isPatientAddress,
  namesOfVCard,
  needsDirectory,
  parseRecipients,
  patientOf,
  primaryEmailOfVCard,
  resolveEntry,
  verdictFingerprint,
  type DirectoryRead,
  type Finding,
  type FindingCode,
  type GuardSettings,
  type SendInput,
  type SendVerdict,
} from "../../../src/core/compose/index.js";
import { arbIns, BAD_KEY_INS, COLLEAGUE, message, patient, VALID_INS } from "./fixtures.js";
import { listEntry, readOf, type ListSpec, type MemberSpec } from "./lists-fixtures.js";

const SETTINGS: GuardSettings = { extraSenderDomains: [] };
const [P1, P2, P3] = [patient(VALID_INS[0]), patient(VALID_INS[1]), patient(VALID_INS[4])];
const NO_REPLY = { name: "X-Mss-Mes", value: "FIN" };

const codes = (findings: readonly Finding[]): FindingCode[] => findings.map((f) => f.code);
const evaluate = (overrides: Partial<SendInput>): SendVerdict => evaluateSend(message(overrides), SETTINGS);
const only = (v: SendVerdict, code: FindingCode): Finding => {
  const found = v.blockers.filter((f) => f.code === code);
  expect(found).toHaveLength(1);
  return found[0] as Finding;
};

const DIABETE: ListSpec = { name: "Patients diabete", members: [`Marie Durand <${P1}>`, `Jean Petit <${P2}>`] };
const ONE: ListSpec = { name: "Suivi Durand", members: [`Marie Durand <${P1}>`] };
const TEAM: ListSpec = { name: "Equipe", members: [COLLEAGUE, "Secrétariat <sec@ch-exemple.mssante.fr>"] };

describe("vCards", () => {
  it("give the preferred address, else the first one", () => {
    expect(primaryEmailOfVCard("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nEMAIL;PREF=1:a@x.fr\r\nEND:VCARD\r\n")).toBe("a@x.fr");
    expect(primaryEmailOfVCard("BEGIN:VCARD\nEMAIL:first@x.fr\nEMAIL;PREF=2:second@x.fr\nEMAIL;PREF=1:best@x.fr\nEND:VCARD")).toBe("best@x.fr");
    expect(primaryEmailOfVCard("BEGIN:VCARD\nEMAIL:first@x.fr\nEMAIL:other@x.fr\nEND:VCARD")).toBe("first@x.fr");
    expect(primaryEmailOfVCard("BEGIN:VCARD\nVERSION:3.0\nEMAIL:first@x.fr\nitem1.EMAIL;TYPE=INTERNET,PREF:pref@x.fr\nEND:VCARD")).toBe("pref@x.fr");
    expect(primaryEmailOfVCard("BEGIN:VCARD\nFN:Nobody\nEND:VCARD")).toBe("");
  });

  it("unfold long lines and read names", () => {
    const vCard = "BEGIN:VCARD\r\nFN:Marie\r\n  Durand\r\nNICKNAME:md\r\nEMAIL:2951099126111\r\n 93@patient.mssante.fr\r\nEND:VCARD";
    expect(primaryEmailOfVCard(vCard)).toBe(P1);
    expect(namesOfVCard(vCard)).toEqual({ name: "Marie Durand", nickName: "md" });
  });
});

describe("resolveEntry", () => {
  const read = readOf([DIABETE, TEAM, { name: "Tous", members: [{ list: "Patients diabete" }, { list: "Equipe" }, `Paul <${P3}>`] }]);

  it("leaves plain addresses that no list answers to as they are, but always asks for the address book", () => {
    // A plain-looking address may be a list's description: any recipient needs the address book.
    expect(needsDirectory(`Marie <${P1}>, ${COLLEAGUE}`)).toBe(true);
    expect(resolveEntry(`Marie <${P1}>`, undefined)).toEqual({ reached: [{ name: "Marie", address: P1, via: [] }], unresolved: [] });
    expect(resolveEntry(`Marie <${P1}>, ${COLLEAGUE}`, read)).toEqual({
      reached: [
        { name: "Marie", address: P1, via: [] },
        { name: "", address: COLLEAGUE, via: [] },
      ],
      unresolved: [],
    });
  });

  it("expands a list written as Thunderbird writes it, whatever the case", () => {
    for (const entry of [listEntry("Patients diabete"), "Patients diabete <Patients diabete>", "patients  DIABETE", "Patients diabete"]) {
      expect(needsDirectory(entry)).toBe(true);
      const r = resolveEntry(entry, read);
      expect(r.unresolved).toEqual([]);
      expect(r.reached.map((m) => [m.address, m.via])).toEqual([
        [P1, ["Patients diabete"]],
        [P2, ["Patients diabete"]],
      ]);
    }
  });

  it("expands nested lists, remembering the path", () => {
    const r = resolveEntry(listEntry("Tous"), read);
    expect(r.unresolved).toEqual([]);
    expect(r.reached.map((m) => [m.address, m.via.join(" › ")])).toEqual([
      [P1, "Tous › Patients diabete"],
      [P2, "Tous › Patients diabete"],
      [COLLEAGUE, "Tous › Equipe"],
      ["sec@ch-exemple.mssante.fr", "Tous › Equipe"],
      [P3, "Tous"],
    ]);
  });

  it("stops at a list that holds itself", () => {
    const loop = readOf([
      { name: "A", members: [P1, { list: "B" }] },
      { name: "B", members: [{ list: "A" }, P2] },
    ]);
    expect(resolveEntry(listEntry("A"), loop).reached.map((m) => m.address)).toEqual([P1, P2]);
  });

  it("reports a name no list bears, and whether it may stand for a patient", () => {
    expect(resolveEntry("Inconnus <Inconnus>", read)).toEqual({
      reached: [],
      unresolved: [{ label: "Inconnus", reason: "no-such-list", via: [], mayReachPatient: false }],
    });
    const withNick = readOf([{ name: "Patients diabete", nickName: "diab", members: [P1] }], [{ id: "k", name: "Lucie", nickName: "lulu", email: P2 }]);
    expect(resolveEntry("diab", withNick).unresolved).toEqual([{ label: "diab", reason: "no-such-list", via: [], mayReachPatient: true }]);
    expect(resolveEntry("lulu", withNick).unresolved[0]?.mayReachPatient).toBe(true);
  });

  it("reports two lists of the same name, even in two address books", () => {
    const twice = readOf([DIABETE, { ...TEAM, name: "PATIENTS DIABETE" }]);
    expect(resolveEntry(listEntry("Patients diabete"), twice).unresolved).toEqual([
      { label: "Patients diabete", reason: "several-lists", via: [], mayReachPatient: true },
    ]);
  });

  it("reports an address book that could not be read", () => {
    const failed: DirectoryRead = { ok: false, problem: "no-permission" };
    expect(resolveEntry(listEntry("Patients diabete"), failed).unresolved).toEqual([
      { label: "Patients diabete", reason: "address-book-unreadable", via: [], mayReachPatient: false, problem: "no-permission" },
    ]);
    expect(resolveEntry(listEntry("X"), undefined).unresolved[0]?.reason).toBe("address-book-unreadable");
  });

  it("resolves entries given by id: a contact, a list; an unknown one is reported", () => {
    const dir = readOf([{ ...DIABETE, id: "L1" }], [{ id: "K1", name: "Paul", nickName: "", email: P3 }]);
    expect(resolveEntry({ id: "K1", type: "contact" }, dir).reached).toEqual([{ name: "Paul", address: P3, via: [] }]);
    expect(resolveEntry({ id: "L1", type: "mailingList" }, dir).reached.map((m) => m.address)).toEqual([P1, P2]);
    expect(resolveEntry({ id: "nope", type: "contact" }, dir).unresolved).toEqual([{ label: "nope", reason: "unknown-entry", via: [], mayReachPatient: false }]);
  });
});

describe("the guard with lists", () => {
  it("blocks a list of two patients in To, naming the list and its patients", () => {
    const v = evaluate({ to: [listEntry("Patients diabete")], directory: readOf([DIABETE]) });
    const f = only(v, "patients-see-each-other");
    expect(say(f.explanation, "fr")).toContain("« Patients diabete »");
    expect(say(f.explanation, "fr")).toContain(`Marie Durand <${P1}>`);
    expect(say(f.explanation, "fr")).toContain(`Jean Petit <${P2}>`);
    expect(say(f.explanation, "en")).toContain('"Patients diabete"');
    expect(f.fix?.id).toBe("patients-to-bcc");
    expect(v.patientRecipients.map((p) => [p.address, p.lists])).toEqual([
      [P1, ["Patients diabete"]],
      [P2, ["Patients diabete"]],
    ]);
  });

  it("blocks it in Cc too, and not in Bcc", () => {
    expect(codes(evaluate({ cc: [listEntry("Patients diabete")], directory: readOf([DIABETE]) }).blockers)).toContain("patients-see-each-other");
    expect(evaluate({ bcc: [listEntry("Patients diabete")], directory: readOf([DIABETE]) }).blockers).toEqual([]);
  });

  it("counts a patient written directly and reached through a list once", () => {
    const v = evaluate({ to: [P1, listEntry("Suivi Durand")], directory: readOf([ONE]) });
    expect(v.blockers).toEqual([]);
    expect(v.patientRecipients).toHaveLength(1);
    expect(v.patientRecipients[0]?.lists).toEqual(["Suivi Durand"]);
  });

  it("keeps X-MSS-MES when the patient is reached through a list", () => {
    const v = evaluate({ to: [listEntry("Suivi Durand")], customHeaders: [NO_REPLY], directory: readOf([ONE]) });
    expect(v.headersPatch).toBeNull();
    expect(v.patientRecipients.map((p) => p.address)).toEqual([P1]);
  });

  it("checks the INS of a patient in a list, and says to correct the address book", () => {
    const v = evaluate({ to: [listEntry("L")], directory: readOf([{ name: "L", members: [patient(BAD_KEY_INS)] }]) });
    const f = only(v, "patient-ins-invalid");
    expect(say(f.explanation, "fr")).toContain("« L »");
    expect(say(f.explanation, "fr")).toContain("carnet d'adresses");
  });

  it("checks the sender of a message reaching a patient through a list", () => {
    const v = evaluate({ from: "dr@gmail.com", to: [listEntry("Suivi Durand")], directory: readOf([ONE]) });
    expect(codes(v.blockers)).toEqual(["sender-not-mssante"]);
  });

  it("holds an unresolved recipient beside a patient, and explains why", () => {
    const v = evaluate({ to: [P1, listEntry("Inconnus")], directory: readOf([TEAM]) });
    const f = only(v, "recipient-unresolved");
    expect(f.address).toBe("Inconnus");
    expect(say(f.title, "fr")).toBe("Destinataire impossible à vérifier : « Inconnus »");
    expect(say(f.explanation, "fr")).toContain("aucune liste du carnet d'adresses ne porte ce nom");
    expect(say(f.explanation, "en")).toContain("no address-book list bears this name");
  });

  it("explains the same unresolved recipient once", () => {
    const v = evaluate({ to: [P1, "Inconnus", "inconnus"], directory: readOf([TEAM]) });
    expect(codes(v.blockers)).toEqual(["recipient-unresolved"]);
  });

  it("holds a list that cannot be read beside a patient", () => {
    const v = evaluate({ bcc: [P1], to: [listEntry("Equipe")], directory: { ok: false, problem: "failed" } });
    expect(say(only(v, "recipient-unresolved").explanation, "fr")).toContain("Le carnet d'adresses n'a pas pu être lu");
  });

  it("holds two lists of one name that may hold a patient, with no other patient", () => {
    const v = evaluate({ to: [listEntry("Patients diabete")], directory: readOf([DIABETE, { ...TEAM, name: "Patients diabete" }]) });
    expect(say(only(v, "recipient-unresolved").explanation, "fr")).toContain("Plusieurs listes");
  });

  it("lets ordinary mail with an unresolved recipient go, and leaves the user's header alone", () => {
    const v = evaluate({ to: [COLLEAGUE, "Inconnus <Inconnus>"], customHeaders: [NO_REPLY], directory: readOf([TEAM]) });
    expect(v.blockers).toEqual([]);
    expect(v.warnings).toEqual([]);
    expect(v.headersPatch).toBeNull();
    expect(v.unresolvedRecipients.map((u) => u.label)).toEqual(["Inconnus"]);
    const unread = evaluate({ to: [listEntry("Equipe")], directory: { ok: false, problem: "no-permission" } });
    expect(unread.blockers).toEqual([]);
  });

  it("strips X-MSS-MES from a list with no patient", () => {
    const v = evaluate({ to: [listEntry("Equipe")], customHeaders: [NO_REPLY], directory: readOf([TEAM]) });
    expect(v.headersPatch).toEqual({ customHeaders: [] });
  });

  it("moving the patients to Bcc replaces the list by its members", () => {
    const team: ListSpec = { name: "Mixte", members: [`Marie Durand <${P1}>`, COLLEAGUE, `Jean Petit <${P2}>`] };
    const input = message({ to: [listEntry("Mixte"), "autre@ch.mssante.fr"], directory: readOf([team]) });
    const patch = applyFix(input, "patients-to-bcc");
    expect(patch).toEqual({ to: [COLLEAGUE, "autre@ch.mssante.fr"], cc: [], bcc: [`Marie Durand <${P1}>`, `Jean Petit <${P2}>`] });
    expect(evaluateSend({ ...input, ...patch }, SETTINGS).blockers).toEqual([]);
  });

  it("a change in a list changes the fingerprint of the message", () => {
    const input = message({ to: [listEntry("Suivi Durand")], directory: readOf([ONE]) });
    const changed = { ...input, directory: readOf([{ ...ONE, members: [P1, P2] }]) };
    expect(verdictFingerprint(changed)).not.toBe(verdictFingerprint(input));
  });
});

describe("properties", () => {
  /**
   * Any arrangement: a pool of patients and colleagues, lists whose members are any of
   * them or other lists (cycles allowed), and fields holding addresses and lists.
   */
  const arbCase = fc
    .record({
      patients: fc.uniqueArray(arbIns, { minLength: 1, maxLength: 5 }),
      listCount: fc.integer({ min: 1, max: 4 }),
    })
    .chain(({ patients, listCount }) => {
      const people = [...patients.map(patient), COLLEAGUE, "sec@ch-exemple.mssante.fr"];
      const arbMember: fc.Arbitrary<MemberSpec> = fc.oneof(
        fc.constantFrom(...people),
        fc.integer({ min: 0, max: listCount - 1 }).map((i) => ({ list: `Liste ${i}` })),
      );
      const arbEntry = fc.oneof(
        fc.constantFrom(...people),
        fc.integer({ min: 0, max: listCount - 1 }).map((i) => listEntry(`Liste ${i}`)),
        // As Thunderbird's autocomplete writes a list with a description (matched by name too when it has none).
        fc.integer({ min: 0, max: listCount - 1 }).map((i) => `Liste ${i} <LISTE-${i}@cabinet.fr>`),
        fc.constantFrom(...people).map((a) => `Nom <${a.toUpperCase()}>`),
      );
      const arbList = (i: number): fc.Arbitrary<ListSpec> =>
        fc.record({ members: fc.array(arbMember, { maxLength: 4 }), described: fc.boolean() }).map(({ members, described }) => ({
          name: `Liste ${i}`,
          members,
          ...(described ? { description: `liste-${i}@cabinet.fr` } : {}),
        }));
      return fc.record({
        lists: fc.tuple(...Array.from({ length: listCount }, (_, i) => arbList(i))),
        to: fc.array(arbEntry, { maxLength: 3 }),
        cc: fc.array(arbEntry, { maxLength: 2 }),
        bcc: fc.array(arbEntry, { maxLength: 2 }),
      });
    });

  /** The truth, computed independently: every patient INS an entry reaches. */
  function truth(entry: string, lists: readonly ListSpec[], seen: ReadonlySet<string> = new Set()): Set<string> {
    const out = new Set<string>();
    const list = /^(Liste \d+) </.exec(entry)?.[1];
    if (list === undefined) {
      for (const m of parseRecipients(entry)) {
        const check = patientOf(m.address);
        if (check?.valid === true) out.add(check.ins);
      }
      return out;
    }
    if (seen.has(list)) return out;
    const inner = new Set(seen).add(list);
    for (const member of lists.find((l) => l.name === list)?.members ?? []) {
      const found = typeof member === "string" ? truth(member, lists, inner) : truth(listEntry(member.list), lists, inner);
      for (const ins of found) out.add(ins);
    }
    return out;
  }

  it("the guard counts exactly the distinct patients the message reaches, and sees who sees whom", () => {
    fc.assert(
      fc.property(arbCase, ({ lists, to, cc, bcc }) => {
        const v = evaluateSend(message({ to, cc, bcc, directory: readOf(lists) }), SETTINGS);
        const reached = (entries: readonly string[]): Set<string> => new Set(entries.flatMap((e) => [...truth(e, lists)]));
        const all = new Set([...reached(to), ...reached(cc), ...reached(bcc)]);
        const visible = new Set([...reached(to), ...reached(cc)]);
        expect(v.unresolvedRecipients).toEqual([]);
        expect(new Set(v.patientRecipients.map((p) => (p.check.valid ? p.check.ins : "")))).toEqual(all);
        expect(v.patientRecipients).toHaveLength(all.size);
        // A visible patient is seen by every other patient who receives the message.
        expect(codes(v.blockers).includes("patients-see-each-other")).toBe(visible.size > 1 || (visible.size === 1 && all.size > 1));
      }),
      { numRuns: 300 },
    );
  });

  it("after patients-to-bcc no patient is visible to another, and nobody is lost", () => {
    fc.assert(
      fc.property(arbCase, ({ lists, to, cc, bcc }) => {
        const directory = readOf(lists);
        const input = message({ to, cc, bcc, directory });
        const after = { ...input, ...applyFix(input, "patients-to-bcc") };
        const v = evaluateSend(after, SETTINGS);
        expect(codes(v.blockers)).not.toContain("patients-see-each-other");
        const everyone = (i: SendInput): Set<string> =>
          new Set([...i.to, ...i.cc, ...i.bcc].flatMap((e) => resolveEntry(e, directory).reached.map((m) => m.address.toLowerCase())));
        expect(everyone(after)).toEqual(everyone(input));
        const visible = [...after.to, ...after.cc].flatMap((e) => resolveEntry(e, directory).reached.map((m) => m.address));
        expect(visible.filter(isPatientAddress)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
