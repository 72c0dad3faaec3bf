/**
 * Fake address books added to the fake Thunderbird (`fakes/messenger.ts`) for the send
 * guard: address books holding contacts and mailing lists, and the one call the add-on
 * makes, `addressBooks.list(complete)`, answered as Thunderbird 153 answers in Manifest V3
 * (observed): contacts carry a `vCard` (no `properties`), mailing lists carry `name`,
 * `nickName`, `description` and, with `complete`, their members as contacts; every contact
 * of a list is also a contact of its book. `failNextReads` makes the call reject as
 * Thunderbird would on an error. Every call is counted. Anything else under
 * `addressBooks` (`contacts`, `mailingLists`, `get`…) still throws `NotFakedError`.
 */
import type { FakeThunderbird } from "./messenger.js";

export interface FakeContact {
  readonly id: string;
  readonly name: string;
  /** Addresses, the first one preferred (`EMAIL;PREF=1`). */
  readonly emails: readonly string[];
  readonly nickName?: string;
}

export interface FakeList {
  readonly id: string;
  readonly name: string;
  readonly nickName?: string;
  readonly description?: string;
  readonly memberIds: readonly string[];
}

interface FakeBook {
  readonly id: string;
  readonly name: string;
  readonly contacts: FakeContact[];
  readonly lists: FakeList[];
}

/** The Manifest V3 shape of what `addressBooks.list(true)` gives (the bundled types are V2). */
interface ContactNodeV3 {
  id: string;
  parentId: string;
  type: "contact";
  readOnly: boolean;
  remote: boolean;
  vCard: string;
}

interface MailingListNodeV3 {
  id: string;
  parentId: string;
  type: "mailingList";
  name: string;
  nickName: string;
  description: string;
  readOnly: boolean;
  remote: boolean;
  contacts?: ContactNodeV3[];
}

interface AddressBookNodeV3 {
  id: string;
  type: "addressBook";
  name: string;
  readOnly: boolean;
  remote: boolean;
  contacts?: ContactNodeV3[];
  mailingLists?: MailingListNodeV3[];
}

function vCardOf(contact: FakeContact): string {
  const lines = ["BEGIN:VCARD", "VERSION:4.0", `FN:${contact.name}`];
  if (contact.nickName !== undefined) lines.push(`NICKNAME:${contact.nickName}`);
  contact.emails.forEach((email, i) => lines.push(i === 0 ? `EMAIL;PREF=1:${email}` : `EMAIL:${email}`));
  lines.push(`UID:${contact.id}`, "END:VCARD", "");
  return lines.join("\r\n");
}

export class FakeAddressBooks {
  private readonly books: FakeBook[] = [];
  private failures = 0;
  /** Number of `addressBooks.list` calls. */
  reads = 0;
  private nextId = 1;

  constructor(private readonly host: FakeThunderbird) {
    this.host.override("addressBooks", "list", this.list.bind(this) as never);
    this.addBook("Adresses personnelles");
  }

  addBook(name: string): string {
    const id = `book-${this.nextId++}`;
    this.books.push({ id, name, contacts: [], lists: [] });
    return id;
  }

  /** Adds a contact to a book (the first one unless given); gives its id. */
  addContact(name: string, emails: readonly string[], options: { nickName?: string; bookId?: string } = {}): string {
    const id = `contact-${this.nextId++}`;
    this.book(options.bookId).contacts.push({ id, name, emails, ...(options.nickName === undefined ? {} : { nickName: options.nickName }) });
    return id;
  }

  /**
   * Adds a list whose members are contacts made on the way (`"Name <address>"` or an
   * address); gives its id. As in Thunderbird, a list inside a list is a member bearing
   * the inner list's name and, as its address, the inner list's description when it has
   * one (which may well hold an @), else its name: `"Suivi <suivi@cabinet.fr>"`,
   * `"Suivi <Suivi>"`. Nothing marks such a member as a list; the guard finds it by
   * matching it against the lists, as Thunderbird does.
   */
  addList(name: string, members: readonly string[], options: { nickName?: string; description?: string; bookId?: string } = {}): string {
    const memberIds = members.map((m) => {
      const parsed = /^(.*?)\s*<([^<>]*)>$/.exec(m);
      return this.addContact(parsed?.[1] ?? "", [parsed?.[2] ?? m], options.bookId === undefined ? {} : { bookId: options.bookId });
    });
    const id = `list-${this.nextId++}`;
    this.book(options.bookId).lists.push({
      id,
      name,
      memberIds,
      ...(options.nickName === undefined ? {} : { nickName: options.nickName }),
      ...(options.description === undefined ? {} : { description: options.description }),
    });
    return id;
  }

  /** The next `count` reads reject, as Thunderbird does when a book fails. */
  failNextReads(count = 1): void {
    this.failures = count;
  }

  private book(id: string | undefined): FakeBook {
    const book = id === undefined ? this.books[0] : this.books.find((b) => b.id === id);
    if (book === undefined) throw new Error(`no address book ${String(id)}`);
    return book;
  }

  private async list(complete?: boolean): Promise<AddressBookNodeV3[]> {
    await Promise.resolve();
    this.reads += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error("An unexpected error occurred");
    }
    return this.books.map((book) => {
      const node: AddressBookNodeV3 = { id: book.id, type: "addressBook", name: book.name, readOnly: false, remote: false };
      if (complete !== true) return node;
      const contactNode = (c: FakeContact, parentId: string): ContactNodeV3 => ({
        id: c.id,
        parentId,
        type: "contact",
        readOnly: false,
        remote: false,
        vCard: vCardOf(c),
      });
      node.contacts = book.contacts.map((c) => contactNode(c, book.id));
      node.mailingLists = book.lists.map((l) => ({
        id: l.id,
        parentId: book.id,
        type: "mailingList",
        name: l.name,
        nickName: l.nickName ?? "",
        description: l.description ?? "",
        readOnly: false,
        remote: false,
        contacts: l.memberIds.flatMap((id) => {
          const c = book.contacts.find((x) => x.id === id);
          return c === undefined ? [] : [contactNode(c, l.id)];
        }),
      }));
      return node;
    });
  }
}
