/**
 * Thunderbird's address books, as the send guard needs them: every mailing list with its
 * members, and the contacts the message names by id. The only module that calls
 * `messenger.addressBooks`; what comes back is parsed, never trusted as typed. Read
 * whenever the message has a recipient (any of them may be a list), never stored.
 *
 * Only what the decision needs is read: the books (without their contacts), their lists,
 * each list's members, and a contact by id. Every contact is read (`list(true)`, slow with
 * thousands of contacts) only when a bare name that no list answers to must be looked up
 * among the contacts' names, or when a targeted read is not available or fails.
 */
import { tb } from "./thunderbird.js";
import * as z from "zod/mini";
import {
  namesOfVCard,
  needsContactsByName,
  primaryEmailOfVCard,
  type Directory,
  type DirectoryContact,
  type DirectoryList,
  type DirectoryNeeds,
  type DirectoryRead,
} from "../core/compose/index.js";

const text = z._default(z.string(), "");

const contactSchema = z.object({
  id: z.string(),
  /** Manifest V3: the contact as a vCard. */
  vCard: z.optional(z.string()),
  /** Manifest V2 (and some versions in V3): individual properties. */
  properties: z.optional(z.record(z.string(), z.nullable(z.optional(z.string())))),
});

const listSchema = z.object({
  id: z.string(),
  name: text,
  nickName: text,
  description: text,
  contacts: z.optional(z.array(contactSchema)),
});

const bookSchema = z.object({
  id: z.string(),
  contacts: z._default(z.array(contactSchema), () => []),
  mailingLists: z._default(z.array(listSchema), () => []),
});

const booksSchema = z.array(bookSchema);

type RawContact = z.output<typeof contactSchema>;

function contactOf(raw: RawContact): DirectoryContact {
  const props = raw.properties ?? {};
  const vCard = raw.vCard ?? props["vCard"] ?? "";
  const names = namesOfVCard(vCard);
  const email = props["PrimaryEmail"] ?? primaryEmailOfVCard(vCard);
  return {
    id: raw.id,
    name: props["DisplayName"] ?? names.name,
    nickName: props["NickName"] ?? names.nickName,
    email: email.trim(),
  };
}

const listsSchema = z.array(listSchema);
const contactsSchema = z.array(contactSchema);
const bookIdsSchema = z.array(z.object({ id: z.string() }));

/** What the send guard reads when it only asks whether a recipient is a list. */
const LISTS_ONLY: DirectoryNeeds = { entries: [], contactIds: [] };

/** The Manifest V3 calls used for a targeted read. */
interface TargetedApi {
  books(complete: boolean): Promise<unknown>;
  lists(bookId: string): Promise<unknown>;
  members(listId: string): Promise<unknown>;
  contact(contactId: string): Promise<unknown>;
}

/** The targeted calls; undefined when one is missing (older versions, Manifest V2). Presence is tested with `in`. */
function targetedApi(api: TbAddressBooks): TargetedApi | undefined {
  const lists = "mailingLists" in api ? api.mailingLists : undefined;
  const contacts = "contacts" in api ? api.contacts : undefined;
  if (lists === undefined || contacts === undefined) return undefined;
  const listLists = "list" in lists ? lists.list : undefined;
  const listMembers = "listMembers" in lists ? lists.listMembers : undefined;
  const getContact = "get" in contacts ? contacts.get : undefined;
  if (typeof listLists !== "function" || typeof listMembers !== "function" || typeof getContact !== "function") return undefined;
  return {
    books: (complete) => api.list(complete),
    lists: (bookId) => listLists.call(lists, bookId),
    members: (listId) => listMembers.call(lists, listId),
    contact: (contactId) => getContact.call(contacts, contactId),
  };
}

/** Every book with every contact and list: Thunderbird's whole address book. */
async function readEverything(): Promise<Directory> {
  const books = booksSchema.parse(await messenger.addressBooks.list(true));
  return {
    contacts: books.flatMap((b) => b.contacts.map(contactOf)),
    lists: books.flatMap((b) =>
      b.mailingLists.map((l) => ({
        id: l.id,
        name: l.name,
        nickName: l.nickName,
        description: l.description,
        members: (l.contacts ?? []).map(contactOf),
      })),
    ),
  };
}

/** The lists of every book, each with its members. */
async function readLists(api: TargetedApi, books: readonly { id: string }[]): Promise<DirectoryList[]> {
  const perBook = await Promise.all(books.map(async (b) => listsSchema.parse(await api.lists(b.id))));
  return Promise.all(
    perBook.flat().map(async (l) => ({
      id: l.id,
      name: l.name,
      nickName: l.nickName,
      description: l.description,
      members: contactsSchema.parse(await api.members(l.id)).map(contactOf),
    })),
  );
}

/** The contacts of these ids; undefined when one of them could not be read. */
async function readContacts(api: TargetedApi, ids: readonly string[]): Promise<DirectoryContact[] | undefined> {
  try {
    return await Promise.all(ids.map(async (id) => contactOf(contactSchema.parse(await api.contact(id)))));
  } catch {
    // A deleted contact is refused like a failing book: the whole read tells them apart.
    return undefined;
  }
}

async function readNeeded(api: TargetedApi | undefined, needs: DirectoryNeeds): Promise<Directory> {
  if (api === undefined) return readEverything();
  // The books themselves failing is the address book failing: nothing further to try.
  const books = bookIdsSchema.parse(await api.books(false));
  let lists: DirectoryList[];
  try {
    lists = await readLists(api, books);
  } catch (error) {
    // A book that refuses its lists (a remote one, say) may still be read whole.
    console.warn("MSSanté Patient: the mailing lists could not be read one by one", error);
    return readEverything();
  }
  if (needs !== LISTS_ONLY && needsContactsByName(needs.entries, lists)) return readEverything();
  const contacts = await readContacts(api, needs.contactIds);
  if (contacts === undefined) return readEverything();
  return { lists, contacts };
}

/**
 * The address book as far as `needs` asks (without it, the lists and their members only),
 * or why it could not be read. Never throws.
 */
export async function readDirectory(needs: DirectoryNeeds = LISTS_ONLY): Promise<DirectoryRead> {
  try {
    // Without the "addressBooks" permission the namespace is not there at all.
    const api = tb().addressBooks;
    if (api === undefined) return { ok: false, problem: "no-permission" };
    return { ok: true, directory: await readNeeded(targetedApi(api), needs) };
  } catch (error) {
    console.error("MSSanté Patient: the address book could not be read", error);
    return { ok: false, problem: "failed" };
  }
}
