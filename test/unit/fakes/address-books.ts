/**
 * Fake address books added to the fake Thunderbird (`fakes/messenger.ts`) for the send
 * guard: address books holding contacts and mailing lists, and the calls the add-on makes,
 * answered as Thunderbird 153 answers in Manifest V3: `addressBooks.list(complete)`
 * (observed: contacts carry a `vCard`, no `properties`; mailing lists carry `name`,
 * `nickName`, `description` and, with `complete`, their members as contacts; every contact
 * of a list is also a contact of its book), `addressBooks.mailingLists.list(bookId)` (the
 * book's lists, without members), `addressBooks.mailingLists.listMembers(listId)` and
 * `addressBooks.contacts.get(contactId)`; an unknown id is refused, as Thunderbird refuses
 * it ("... could not be found"). `failNextReads` makes the next `addressBooks.list` calls
 * reject as Thunderbird would on an error; `refuseListsOf` makes one book refuse its lists.
 * Every call is recorded in `calls`. Anything else under `addressBooks`
 * (`get`, `contacts.list`, `mailingLists.get`…) still throws `NotFakedError`.
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
  private failOnlyComplete = false;
  /** Number of `addressBooks.list` calls. */
  reads = 0;
  /** Every call, in order: `list(true)`, `list(false)`, `mailingLists.list`, `mailingLists.listMembers`, `contacts.get`. */
  readonly calls: string[] = [];
  private readonly refusing = new Set<string>();
  private nextId = 1;

  constructor(private readonly host: FakeThunderbird) {
    this.host.override("addressBooks", "list", this.list.bind(this) as never);
    // Manifest V3 namespaces, absent from the bundled (V2) types.
    this.host.override("addressBooks", "mailingLists" as never, { list: this.listsOf.bind(this), listMembers: this.membersOf.bind(this) } as never);
    this.host.override("addressBooks", "contacts" as never, { get: this.contact.bind(this) } as never);
    this.addBook("Adresses personnelles");
  }

  /** Number of calls that read every contact (`addressBooks.list(true)`). */
  get fullReads(): number {
    return this.calls.filter((c) => c === "list(true)").length;
  }

  /** `mailingLists.list` of this book rejects from now on (as a remote book may). */
  refuseListsOf(bookId: string): void {
    this.refusing.add(bookId);
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

  /**
   * The next `count` reads (`addressBooks.list` calls; with `onlyComplete`, only those
   * asking for every contact) reject, as Thunderbird does when a book fails.
   */
  failNextReads(count = 1, onlyComplete = false): void {
    this.failures = count;
    this.failOnlyComplete = onlyComplete;
  }

  private book(id: string | undefined): FakeBook {
    const book = id === undefined ? this.books[0] : this.books.find((b) => b.id === id);
    if (book === undefined) throw new Error(`no address book ${String(id)}`);
    return book;
  }

  private contactNode(c: FakeContact, parentId: string): ContactNodeV3 {
    return { id: c.id, parentId, type: "contact", readOnly: false, remote: false, vCard: vCardOf(c) };
  }

  private listNode(l: FakeList, parentId: string): MailingListNodeV3 {
    return {
      id: l.id,
      parentId,
      type: "mailingList",
      name: l.name,
      nickName: l.nickName ?? "",
      description: l.description ?? "",
      readOnly: false,
      remote: false,
    };
  }

  private membersOfList(book: FakeBook, l: FakeList): ContactNodeV3[] {
    return l.memberIds.flatMap((id) => {
      const c = book.contacts.find((x) => x.id === id);
      return c === undefined ? [] : [this.contactNode(c, l.id)];
    });
  }

  private async listsOf(parentId: string): Promise<MailingListNodeV3[]> {
    await Promise.resolve();
    this.calls.push("mailingLists.list");
    const book = this.books.find((b) => b.id === parentId);
    if (book === undefined) throw new Error(`addressBook with id=${parentId} could not be found.`);
    if (this.refusing.has(parentId)) throw new Error("An unexpected error occurred");
    return book.lists.map((l) => this.listNode(l, book.id));
  }

  private async membersOf(id: string): Promise<ContactNodeV3[]> {
    await Promise.resolve();
    this.calls.push("mailingLists.listMembers");
    for (const book of this.books) {
      const l = book.lists.find((x) => x.id === id);
      if (l !== undefined) return this.membersOfList(book, l);
    }
    throw new Error(`mailing list with id=${id} could not be found.`);
  }

  private async contact(id: string): Promise<ContactNodeV3> {
    await Promise.resolve();
    this.calls.push("contacts.get");
    for (const book of this.books) {
      const c = book.contacts.find((x) => x.id === id);
      if (c !== undefined) return this.contactNode(c, book.id);
    }
    throw new Error(`contact with id=${id} could not be found.`);
  }

  private async list(complete?: boolean): Promise<AddressBookNodeV3[]> {
    await Promise.resolve();
    this.reads += 1;
    this.calls.push(`list(${String(complete === true)})`);
    if (this.failures > 0 && (complete === true || !this.failOnlyComplete)) {
      this.failures -= 1;
      throw new Error("An unexpected error occurred");
    }
    return this.books.map((book) => {
      const node: AddressBookNodeV3 = { id: book.id, type: "addressBook", name: book.name, readOnly: false, remote: false };
      if (complete !== true) return node;
      node.contacts = book.contacts.map((c) => this.contactNode(c, book.id));
      node.mailingLists = book.lists.map((l) => ({ ...this.listNode(l, book.id), contacts: this.membersOfList(book, l) }));
      return node;
    });
  }
}
