/** The address-book adapter: what Thunderbird answers, parsed into the guard's directory. */
import { describe, expect, it } from "vitest";
import { readDirectory } from "../../../src/adapters/address-books.js";
import { FakeAddressBooks } from "../fakes/address-books.js";
import { NotFakedError, useFakeThunderbird } from "../fakes/messenger.js";
import { P1, P2 } from "./helpers.js";

const fake = useFakeThunderbird();

describe("readDirectory", () => {
  it("reads the lists with their members, as Thunderbird 153 gives them (vCards), without reading every contact", async () => {
    const books = new FakeAddressBooks(fake());
    books.addContact("Paul", ["paul@ch.mssante.fr", "paul@gmail.com"], { nickName: "pp" });
    books.addList("Patients diabete", [`Marie Durand <${P1}>`, P2], { nickName: "diab", description: "Suivi" });
    const read = await readDirectory();
    expect(read).toEqual({
      ok: true,
      directory: {
        contacts: [],
        lists: [
          {
            id: expect.any(String) as string,
            name: "Patients diabete",
            nickName: "diab",
            description: "Suivi",
            members: [
              { id: expect.any(String) as string, name: "Marie Durand", nickName: "", email: P1 },
              { id: expect.any(String) as string, name: "", nickName: "", email: P2 },
            ],
          },
        ],
      },
    });
    expect(books.calls).toEqual(["list(false)", "mailingLists.list", "mailingLists.listMembers"]);
    expect(books.reads).toBe(1);
  });

  it("reads the lists of every book, and a contact only when the message names it by id", async () => {
    const books = new FakeAddressBooks(fake());
    const paul = books.addContact("Paul", ["paul@ch.mssante.fr"], { nickName: "pp" });
    books.addContact("Autre", [P2]);
    books.addList("Equipe", ["sec@ch.mssante.fr"], { bookId: books.addBook("Pro") });
    const read = await readDirectory({ entries: [P1], contactIds: [paul] });
    expect(read).toEqual({
      ok: true,
      directory: {
        contacts: [{ id: paul, name: "Paul", nickName: "pp", email: "paul@ch.mssante.fr" }],
        lists: [expect.objectContaining({ name: "Equipe", members: [expect.objectContaining({ email: "sec@ch.mssante.fr" })] })],
      },
    });
    expect(books.fullReads).toBe(0);
  });

  it("reads every contact when a bare name that no list answers to must be looked up", async () => {
    const books = new FakeAddressBooks(fake());
    books.addContact("Marie Durand", [P1], { nickName: "mdurand" });
    books.addList("Equipe", ["sec@ch.mssante.fr"]);
    const byList = await readDirectory({ entries: ['Equipe <"Equipe">'], contactIds: [] });
    expect(books.fullReads).toBe(0);
    const byName = await readDirectory({ entries: ["mdurand"], contactIds: [] });
    expect(books.fullReads).toBe(1);
    expect(byList.ok && byList.directory.contacts).toEqual([]);
    expect(byName.ok && byName.directory.contacts.map((c) => c.nickName)).toContain("mdurand");
  });

  it("falls back on the whole address book when a book refuses its lists or a contact is gone", async () => {
    const books = new FakeAddressBooks(fake());
    const remote = books.addBook("Annuaire");
    books.addList("Equipe", [P1]);
    books.refuseListsOf(remote);
    const read = await readDirectory({ entries: [P2], contactIds: [] });
    expect(read.ok && read.directory.lists.map((l) => l.name)).toEqual(["Equipe"]);
    expect(books.fullReads).toBe(1);
    const gone = await readDirectory({ entries: [], contactIds: ["contact-deleted"] });
    expect(gone.ok && gone.directory.contacts.some((c) => c.id === "contact-deleted")).toBe(false);
    expect(books.fullReads).toBe(2);
  });

  it("says the address book failed when the books cannot be listed, or the whole read fails too", async () => {
    const books = new FakeAddressBooks(fake());
    books.failNextReads(1);
    expect(await readDirectory({ entries: [P1], contactIds: [] })).toEqual({ ok: false, problem: "failed" });
    expect(books.calls).toEqual(["list(false)"]);
    books.refuseListsOf("book-1");
    books.failNextReads(1, true);
    expect(await readDirectory({ entries: [P1], contactIds: [] })).toEqual({ ok: false, problem: "failed" });
    expect(books.calls).toEqual(["list(false)", "list(false)", "mailingLists.list", "list(true)"]);
  });

  it("also reads contacts given as properties (Manifest V2 form)", async () => {
    fake().override("addressBooks", "list", async () => {
      await Promise.resolve();
      return [
        {
          id: "b",
          type: "addressBook",
          name: "Perso",
          contacts: [{ id: "c", type: "contact", properties: { DisplayName: "Marie", PrimaryEmail: P1, NickName: null } }],
          mailingLists: [],
        },
      ];
    });
    expect(await readDirectory()).toEqual({ ok: true, directory: { contacts: [{ id: "c", name: "Marie", nickName: "", email: P1 }], lists: [] } });
  });

  it("says the address book failed when Thunderbird rejects or answers nonsense, and never throws", async () => {
    const books = new FakeAddressBooks(fake());
    books.failNextReads(1);
    expect(await readDirectory()).toEqual({ ok: false, problem: "failed" });
    fake().override("addressBooks", "list", (async () => {
      await Promise.resolve();
      return [{ contacts: "nonsense" }];
    }) as never);
    expect(await readDirectory()).toEqual({ ok: false, problem: "failed" });
  });

  it("the fake refuses what it does not model", () => {
    new FakeAddressBooks(fake());
    expect(() => messenger.addressBooks.get).toThrow(NotFakedError);
    const api: unknown = Reflect.get(messenger, "addressBooks");
    const lists: unknown = Reflect.get(api as object, "mailingLists");
    expect((): unknown => Reflect.get(lists as object, "get")).toThrow(NotFakedError);
    const contacts: unknown = Reflect.get(api as object, "contacts");
    expect((): unknown => Reflect.get(contacts as object, "list")).toThrow(NotFakedError);
  });
});
