/**
 * What of the address book the guard must read: the lists and their members always, the
 * contacts looked up by name only when a bare name no list answers to is to be judged.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { needsContactsByName, resolveEntry, type DirectoryContact } from "../../../src/core/compose/index.js";
import { arbIns, COLLEAGUE, patient, VALID_INS } from "./fixtures.js";
import { directoryOf, listEntry, type ListSpec, type MemberSpec } from "./lists-fixtures.js";

const [P1, P2] = [patient(VALID_INS[0]), patient(VALID_INS[1])];
const MARIE: DirectoryContact = { id: "c-marie", name: "Marie Durand", nickName: "mdurand", email: P1 };
const TEAM: ListSpec = { name: "Equipe", members: [COLLEAGUE], description: "equipe@cabinet.fr" };
const NESTED: ListSpec = { name: "Suivi", members: [{ list: "Sans description" }] };
const BARE: ListSpec = { name: "Sans description", members: [P2] };

describe("needsContactsByName", () => {
  it("needs no contact for addresses, list names and list descriptions", () => {
    const { lists } = directoryOf([TEAM, NESTED, BARE]);
    expect(needsContactsByName([P1, COLLEAGUE, listEntry("Equipe"), "equipe@cabinet.fr", "Suivi", "Marie <sans description>"], lists)).toBe(false);
  });

  it("needs the contacts for a bare name or nickname that no list answers to", () => {
    const { lists } = directoryOf([TEAM]);
    expect(needsContactsByName(["mdurand"], lists)).toBe(true);
    expect(needsContactsByName([`${COLLEAGUE}, Marie Durand`], lists)).toBe(true);
    expect(needsContactsByName(["Marie <Marie>"], lists)).toBe(true);
  });

  it("needs the contacts for a list member without an address that no list answers to", () => {
    // A list inside the list that was deleted since: its member is left as a bare name.
    const { lists } = directoryOf([{ name: "Suivi", members: [{ list: "Disparue" }] }]);
    expect(needsContactsByName([listEntry("Suivi")], lists)).toBe(true);
  });

  it("ignores a member with no address at all, as expanding a list does", () => {
    const { lists } = directoryOf([TEAM]);
    const emptied = lists.map((l) => ({ ...l, members: [...l.members, { id: "x", name: "Vide", nickName: "", email: " " }] }));
    expect(needsContactsByName([listEntry("Equipe")], emptied)).toBe(false);
  });

  it("when it says no, the lists alone give the same judgement as the whole address book", () => {
    const people = [P1, P2, COLLEAGUE, "sec@ch-exemple.mssante.fr"];
    const names = ["Marie Durand", "mdurand", "Jean", "Liste 0", "liste 1", "Sans nom"];
    const arbCase = fc.integer({ min: 1, max: 3 }).chain((listCount) => {
      const arbMember: fc.Arbitrary<MemberSpec> = fc.oneof(
        fc.constantFrom(...people),
        fc.constantFrom(...names).map((n) => `${n} <${n}>`),
        fc.integer({ min: 0, max: listCount }).map((i) => ({ list: `Liste ${i}` })),
      );
      const arbList = (i: number): fc.Arbitrary<ListSpec> =>
        fc.record({ members: fc.array(arbMember, { maxLength: 3 }), nick: fc.option(fc.constantFrom(...names), { nil: undefined }), described: fc.boolean() }).map(
          ({ members, nick, described }) => ({
            name: `Liste ${i}`,
            members,
            ...(nick === undefined ? {} : { nickName: nick }),
            ...(described ? { description: `liste-${i}@cabinet.fr` } : {}),
          }),
        );
      const arbContact = fc.record({ name: fc.constantFrom(...names), nick: fc.constantFrom("", ...names), ins: arbIns }).map(
        ({ name, nick, ins }): DirectoryContact => ({ id: `c-${name}-${ins}`, name, nickName: nick, email: patient(ins) }),
      );
      const arbEntry = fc.oneof(
        fc.constantFrom(...people, ...names),
        fc.integer({ min: 0, max: listCount }).map((i) => listEntry(`Liste ${i}`)),
        fc.integer({ min: 0, max: listCount }).map((i) => `Liste ${i} <liste-${i}@cabinet.fr>`),
      );
      return fc.record({
        lists: fc.tuple(...Array.from({ length: listCount }, (_, i) => arbList(i))),
        contacts: fc.array(arbContact, { maxLength: 3 }),
        entries: fc.array(arbEntry, { minLength: 1, maxLength: 3 }),
      });
    });
    fc.assert(
      fc.property(arbCase, ({ lists, contacts, entries }) => {
        const whole = directoryOf(lists, [MARIE, ...contacts]);
        fc.pre(!needsContactsByName(entries, whole.lists));
        for (const entry of entries) {
          expect(resolveEntry(entry, { ok: true, directory: { lists: whole.lists, contacts: [] } })).toEqual(resolveEntry(entry, { ok: true, directory: whole }));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a bare nickname of a patient's contact is judged otherwise without the contacts: why they are then read", () => {
    const whole = directoryOf([TEAM], [MARIE]);
    const full = resolveEntry("mdurand", { ok: true, directory: whole });
    const listsOnly = resolveEntry("mdurand", { ok: true, directory: { lists: whole.lists, contacts: [] } });
    expect(full.unresolved[0]?.mayReachPatient).toBe(true);
    expect(listsOnly.unresolved[0]?.mayReachPatient).toBe(false);
  });
});
