/**
 * The send guard's address-book read, in a real Thunderbird's background page, with 0,
 * 1,000 and 5,000 contacts and a few mailing lists: the calls the guard makes for a
 * message written with addresses and lists (the books, each book's lists, each list's
 * members: `src/adapters/address-books.ts`), beside the reading of every contact
 * (`addressBooks.list(true)`) it made before, for reference. Median of a few runs each;
 * the background page's clock counts whole milliseconds. The lists' members are contacts
 * too: "0 contacts" is 15 of them.
 */
import { resolve } from "node:path";
import { z } from "zod";
import { startHarness } from "../harness/index.js";
import { median } from "./statistics.js";

const ADDON_ID = "mssante-patient@mssante-patient.fr";
const SIZES = [0, 1_000, 5_000] as const;
const LISTS = 3;
const MEMBERS = 5;

/** As the adapter reads: the books, then each book's lists, then each list's members. */
const GUARD_READ = String.raw`async () => {
  const start = performance.now();
  const books = await messenger.addressBooks.list(false);
  const lists = (await Promise.all(books.map((b) => messenger.addressBooks.mailingLists.list(b.id)))).flat();
  const members = await Promise.all(lists.map((l) => messenger.addressBooks.mailingLists.listMembers(l.id)));
  return { ms: performance.now() - start, lists: lists.length, members: members.flat().length };
}`;

const FULL_READ = String.raw`async () => {
  const start = performance.now();
  const books = await messenger.addressBooks.list(true);
  const contacts = books.reduce((n, b) => n + (b.contacts ? b.contacts.length : 0), 0);
  return { ms: performance.now() - start, lists: 0, members: contacts };
}`;

const ADD_CONTACTS = String.raw`(from, count) => {
  const book = MailServices.ab.getDirectory("jsaddrbook://abook.sqlite");
  for (let i = from; i < from + count; i++) {
    const card = Cc["@mozilla.org/addressbook/cardproperty;1"].createInstance(Ci.nsIAbCard);
    card.displayName = "Contact " + i;
    card.primaryEmail = "contact" + i + "@ch-exemple.mssante.fr";
    book.addCard(card);
  }
  return count;
}`;

const ADD_LISTS = String.raw`(lists, members) => {
  const book = MailServices.ab.getDirectory("jsaddrbook://abook.sqlite");
  for (let l = 0; l < lists; l++) {
    const draft = Cc["@mozilla.org/addressbook/directoryproperty;1"].createInstance(Ci.nsIAbDirectory);
    draft.isMailList = true;
    draft.dirName = "Liste " + l;
    draft.description = "liste-" + l + "@cabinet.fr";
    const list = book.addMailList(draft);
    for (let m = 0; m < members; m++) {
      const card = Cc["@mozilla.org/addressbook/cardproperty;1"].createInstance(Ci.nsIAbCard);
      card.displayName = "Membre " + l + "-" + m;
      card.primaryEmail = "membre" + l + "-" + m + "@ch-exemple.mssante.fr";
      list.addCard(book.addCard(card));
    }
  }
  return lists;
}`;

const readSchema = z.object({ ms: z.number(), lists: z.number(), members: z.number() });

export interface AddressBookRow {
  readonly contacts: number;
  /** Median of the guard's read (ms), and the runs. */
  readonly guard: { readonly median: number; readonly runs: readonly number[] };
  /** Median of `addressBooks.list(true)` (ms), and the runs. */
  readonly full: { readonly median: number; readonly runs: readonly number[] };
}

export async function addressBookReadTimes(runs = 5, addonDir = resolve("dist/addon")): Promise<AddressBookRow[]> {
  const harness = await startHarness({ extensions: [addonDir] });
  try {
    const { ui } = harness;
    await ui.chromeEval(ADD_LISTS, [LISTS, MEMBERS]);
    const rows: AddressBookRow[] = [];
    let made = 0;
    for (const size of SIZES) {
      for (; made < size; made += 500) await ui.chromeEval(ADD_CONTACTS, [made, Math.min(500, size - made)]);
      const time = async (source: string): Promise<number[]> => {
        await ui.backgroundEval(ADDON_ID, source); // warm-up, not counted
        const out: number[] = [];
        for (let i = 0; i < runs; i++) out.push(readSchema.parse(await ui.backgroundEval(ADDON_ID, source)).ms);
        return out;
      };
      const check = readSchema.parse(await ui.backgroundEval(ADDON_ID, GUARD_READ));
      if (check.lists !== LISTS || check.members !== LISTS * MEMBERS) throw new Error(`the guard's read found ${check.lists} lists, ${check.members} members`);
      const guard = await time(GUARD_READ);
      const full = await time(FULL_READ);
      rows.push({ contacts: size, guard: { median: median(guard), runs: guard }, full: { median: median(full), runs: full } });
    }
    return rows;
  } finally {
    await harness.stop();
  }
}
