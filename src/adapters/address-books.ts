/**
 * Thunderbird's address books, as the send guard needs them: every mailing list with its
 * members, and every contact, each with the address Thunderbird sends to. The only module
 * that calls `messenger.addressBooks`; what comes back is parsed, never trusted as typed.
 * Read whenever the message has a recipient (any of them may be a list), never stored.
 */
import * as z from "zod/mini";
import { namesOfVCard, primaryEmailOfVCard, type DirectoryContact, type DirectoryRead } from "../core/compose/index.js";

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

/** The address book, or why it could not be read. Never throws. */
export async function readDirectory(): Promise<DirectoryRead> {
  try {
    // Without the "addressBooks" permission the namespace is not there at all.
    const api: unknown = Reflect.get(messenger, "addressBooks");
    if (api === undefined || api === null) return { ok: false, problem: "no-permission" };
    const books = booksSchema.parse(await messenger.addressBooks.list(true));
    return {
      ok: true,
      directory: {
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
      },
    };
  } catch (error) {
    console.error("MSSanté Patient: the address book could not be read", error);
    return { ok: false, problem: "failed" };
  }
}
