/**
 * The mail the notices scan's tests start from: two accounts, three folders, a closed-mailbox
 * bounce (3 days old), a patient's read receipt (10 days), an older bounce (60 days) and
 * twelve ordinary messages.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FakeMailStore } from "../fakes/messages.js";
import type { FakeThunderbird } from "../fakes/messenger.js";

export const DAY = 86_400_000;

// A path, not a URL from import.meta.url: happy-dom's environment makes that an http URL.
const fixture = (name: string): string => readFileSync(join(import.meta.dirname, "../../fixtures/notices", name), "utf8");

const when = (daysAgo: number): string => `Date: ${new Date(Date.now() - daysAgo * DAY).toUTCString()}`;

/** The fixture, dated `daysAgo` days before now (its own Date header, not the quoted original's). */
export function dated(name: string, daysAgo: number): string {
  return fixture(name).replace(/^Date:.*$/m, when(daysAgo));
}

const ORDINARY = fixture("ordinary-fr.eml");

/** Ordinary mail number `n`, dated `daysAgo` days before now. */
export function ordinary(n: number, daysAgo = 1): string {
  return ORDINARY.replace(/^Message-ID:.*$/im, `Message-ID: <ordinary-${n}@cabinet.example>`).replace(/^Date:.*$/m, when(daysAgo));
}

/** The store of the scan's tests, filled (see above). */
export function scanMailStore(fake: FakeThunderbird): FakeMailStore {
  const store = new FakeMailStore(fake, 5);
  store.addAccount("account1", "Cabinet", ["Inbox", "Archives"]);
  store.addAccount("account2", "Centre", ["Inbox"]);
  store.add("account1", "Inbox", dated("mes-closed-text-fr.eml", 3));
  store.add("account2", "Inbox", dated("mdn-displayed-patient-fr.eml", 10));
  store.add("account1", "Archives", dated("exim-too-large-en.eml", 60));
  for (let n = 0; n < 12; n++) store.add("account1", "Inbox", ordinary(n));
  return store;
}
