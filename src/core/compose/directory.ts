/**
 * The address book as the send guard needs it: the mailing lists (with their members) and
 * the contacts, each with the one address Thunderbird sends to. Pure: the adapter
 * (`adapters/address-books.ts`) reads Thunderbird's address books into this shape.
 */

export interface DirectoryContact {
  readonly id: string;
  /** Display name, possibly empty. */
  readonly name: string;
  /** Nickname, possibly empty. */
  readonly nickName: string;
  /** The address Thunderbird sends to (the preferred one, else the first); "" when none. */
  readonly email: string;
}

export interface DirectoryList {
  readonly id: string;
  readonly name: string;
  readonly nickName: string;
  readonly description: string;
  /** Its members, as Thunderbird lists them. */
  readonly members: readonly DirectoryContact[];
}

export interface Directory {
  readonly lists: readonly DirectoryList[];
  readonly contacts: readonly DirectoryContact[];
}

/** Why the address book could not be read: no permission, or Thunderbird failed. */
export type DirectoryProblem = "no-permission" | "failed";

export type DirectoryRead = { readonly ok: true; readonly directory: Directory } | { readonly ok: false; readonly problem: DirectoryProblem };

export const EMPTY_DIRECTORY: Directory = { lists: [], contacts: [] };

/**
 * What of the address book a message needs read: its recipients written as text (a bare
 * name no list answers to needs the contacts looked up by name) and the contacts it names
 * by id. The lists and their members are always read.
 */
export interface DirectoryNeeds {
  readonly entries: readonly string[];
  readonly contactIds: readonly string[];
}

interface VCardProperty {
  readonly name: string;
  readonly params: readonly string[];
  readonly value: string;
}

/** The properties of a vCard (3.0 or 4.0): lines unfolded, group prefixes dropped, names upper case. */
function vCardProperties(vCard: string): VCardProperty[] {
  const out: VCardProperty[] = [];
  for (const line of vCard.replace(/\r?\n[ \t]/g, "").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const [head = "", ...params] = line.slice(0, colon).split(";");
    const name = head.slice(head.lastIndexOf(".") + 1).trim().toUpperCase();
    out.push({ name, params: params.map((p) => p.trim().toUpperCase()), value: unescapeValue(line.slice(colon + 1)) });
  }
  return out;
}

function unescapeValue(value: string): string {
  return value.replace(/\\([\\,;nN])/g, (_m, c: string) => (c === "n" || c === "N" ? " " : c)).trim();
}

/** PREF=n (vCard 4), or TYPE=pref (vCard 3) as 1; no preference: Infinity. */
function preference(params: readonly string[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const p of params) {
    const pref = /^PREF=(\d+)$/.exec(p);
    if (pref?.[1] !== undefined) best = Math.min(best, Number(pref[1]));
    else if (/^TYPE=(?:.*,)?PREF(?:,|$)/.test(p)) best = Math.min(best, 1);
  }
  return best;
}

/**
 * The address Thunderbird sends to for a contact written as a vCard: the EMAIL with the
 * best preference, else the first one; "" when there is none.
 */
export function primaryEmailOfVCard(vCard: string): string {
  let best: { value: string; pref: number } | null = null;
  for (const p of vCardProperties(vCard)) {
    if (p.name !== "EMAIL" || p.value === "") continue;
    const pref = preference(p.params);
    if (best === null || pref < best.pref) best = { value: p.value, pref };
  }
  return best?.value ?? "";
}

/** The display name (FN) and nickname of a vCard; "" for those it lacks. */
export function namesOfVCard(vCard: string): { name: string; nickName: string } {
  const props = vCardProperties(vCard);
  return {
    name: props.find((p) => p.name === "FN")?.value ?? "",
    nickName: props.find((p) => p.name === "NICKNAME")?.value ?? "",
  };
}
