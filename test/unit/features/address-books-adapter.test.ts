/** The address-book adapter: what Thunderbird answers, parsed into the guard's directory. */
import { describe, expect, it } from "vitest";
import { readDirectory } from "../../../src/adapters/address-books.js";
import { FakeAddressBooks } from "../fakes/address-books.js";
import { NotFakedError, useFakeThunderbird } from "../fakes/messenger.js";
import { P1, P2 } from "./helpers.js";

const fake = useFakeThunderbird();

describe("readDirectory", () => {
  it("reads lists with their members and every contact, as Thunderbird 153 gives them (vCards)", async () => {
    const books = new FakeAddressBooks(fake());
    books.addContact("Paul", ["paul@ch.mssante.fr", "paul@gmail.com"], { nickName: "pp" });
    books.addList("Patients diabete", [`Marie Durand <${P1}>`, P2], { nickName: "diab", description: "Suivi" });
    const read = await readDirectory();
    expect(read).toEqual({
      ok: true,
      directory: {
        contacts: [
          { id: expect.any(String) as string, name: "Paul", nickName: "pp", email: "paul@ch.mssante.fr" },
          { id: expect.any(String) as string, name: "Marie Durand", nickName: "", email: P1 },
          { id: expect.any(String) as string, name: "", nickName: "", email: P2 },
        ],
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
    expect(books.reads).toBe(1);
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
  });
});
