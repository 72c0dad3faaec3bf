/**
 * Address-book lists for the end-to-end tests, made in the real Thunderbird as its own
 * address book makes them.
 */
import type { Harness } from "../../harness/index.js";

export interface ListMember {
  readonly name: string;
  readonly email: string;
}

/**
 * Makes a mailing list in the personal address book, its members made as contacts; gives
 * its id. `description` (empty when not given) is what Thunderbird also matches a
 * recipient's address against, and what its autocomplete writes as the list's address.
 * A list inside a list is a member whose name is the inner list's and whose address is
 * the inner list's description, else its name.
 */
export async function createList(harness: Harness, name: string, members: readonly ListMember[], description = ""): Promise<string> {
  const id = await harness.ui.chromeEval(
    String.raw`(name, description, members) => {
      const book = MailServices.ab.getDirectory("jsaddrbook://abook.sqlite");
      const draft = Cc["@mozilla.org/addressbook/directoryproperty;1"].createInstance(Ci.nsIAbDirectory);
      draft.isMailList = true;
      draft.dirName = name;
      draft.description = description;
      const list = book.addMailList(draft);
      for (const member of members) {
        const card = Cc["@mozilla.org/addressbook/cardproperty;1"].createInstance(Ci.nsIAbCard);
        card.displayName = member.name;
        card.primaryEmail = member.email;
        list.addCard(book.addCard(card));
      }
      return list.UID;
    }`,
    [name, description, members],
  );
  if (typeof id !== "string") throw new Error("the list was not created");
  return id;
}

/** How Thunderbird writes a list in a compose field: `Name <Description>`, or `Name <Name>` without a description. */
export const listField = (name: string, description = ""): string => `${name} <${description === "" ? name : description}>`;
