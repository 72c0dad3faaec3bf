/**
 * Address-book lists for the end-to-end tests, made in the real Thunderbird as its own
 * address book makes them, and picked in To as a user picks them.
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

/**
 * Types into the To field with trusted key events (the text input processor that
 * Thunderbird's own tests use), waits for the address-book autocomplete to offer
 * something, then presses Enter as a user picks the first suggestion.
 */
export async function typeInTo(harness: Harness, compose: string, text: string): Promise<void> {
  await harness.ui.bidi.chromeEval(
    compose,
    String.raw`async (text) => {
      const input = document.getElementById("toAddrInput");
      input.focus();
      const tip = Cc["@mozilla.org/text-input-processor;1"].createInstance(Ci.nsITextInputProcessor);
      if (!tip.beginInputTransactionForTests(window)) throw new Error("no input transaction");
      for (const key of text) {
        const event = new KeyboardEvent("", { key });
        tip.keydown(event);
        tip.keyup(event);
      }
      const deadline = Date.now() + 10000;
      while (input.controller.matchCount === 0) {
        if (Date.now() > deadline) throw new Error("no autocomplete suggestion for " + text + " value=" + input.value + " popup=" + input.popupOpen + " count=" + input.controller.matchCount + " search=" + input.controller.searchString);
        await new Promise((r) => setTimeout(r, 50));
      }
      const enter = new KeyboardEvent("", { key: "Enter", code: "Enter", keyCode: KeyboardEvent.DOM_VK_RETURN });
      tip.keydown(enter);
      tip.keyup(enter);
      return true;
    }`,
    [text],
  );
}
