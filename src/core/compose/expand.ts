/**
 * What a recipient of the compose window stands for once Thunderbird has expanded it.
 * Thunderbird expands address-book mailing lists only after `compose.onBeforeSend`, so the
 * guard does it itself, from the address book, before judging the message: every list
 * (nested ones too) becomes the addresses it holds, each remembering the lists it came
 * through. Thunderbird takes a recipient for a list when its name is the list's name or its
 * address is the list's "address" (the list's description when it has one, else its name),
 * without regard to case; its autocomplete writes `Name <Description>`, and a list's name
 * may hold an @. So any recipient, a plain-looking address too, may be a list: each is
 * compared with every list, by name and by address, against the list's name and
 * description (a little wider than Thunderbird, never narrower). Members of a list are
 * matched the same way, which is how a list inside a list is found. A recipient that cannot be turned into addresses
 * (no such list, two lists of that name, an address book that cannot be read, a bare name
 * or nickname) is reported as unresolved, with whether it may stand for a patient.
 */

import type { Directory, DirectoryContact, DirectoryList, DirectoryProblem, DirectoryRead } from "./directory.js";
import { isPatientAddress, parseRecipientParts } from "./recipients.js";

/** A recipient given as an address-book entry (`ComposeRecipient` object), not as text. */
export interface NodeRef {
  readonly id: string;
  readonly type: "contact" | "mailingList";
}

export type RecipientEntry = string | NodeRef;

export interface ReachedMailbox {
  readonly name: string;
  readonly address: string;
  /** The lists it came through, outermost first; empty when written directly. */
  readonly via: readonly string[];
}

export type UnresolvedReason =
  /** The address book could not be read (no permission, Thunderbird failed). */
  | "address-book-unreadable"
  /** Several lists bear that name: which one Thunderbird would use cannot be known. */
  | "several-lists"
  /** No list bears that name (a bare name, a nickname, a deleted list). */
  | "no-such-list"
  /** An address-book entry given by id that does not exist (or has no address). */
  | "unknown-entry";

export interface UnresolvedRecipient {
  /** The recipient as written (list name, nickname, entry id). */
  readonly label: string;
  readonly reason: UnresolvedReason;
  /** The lists it stands in, outermost first; empty when written directly. */
  readonly via: readonly string[];
  /** True when what it may stand for in the address book includes a patient. */
  readonly mayReachPatient: boolean;
  /** For `address-book-unreadable`: why. */
  readonly problem?: DirectoryProblem;
}

export interface EntryResolution {
  readonly reached: readonly ReachedMailbox[];
  readonly unresolved: readonly UnresolvedRecipient[];
}

/**
 * True when a recipient cannot be judged without the address book: any recipient at all,
 * since a plain-looking address may be a list's description.
 */
export function needsDirectory(entry: RecipientEntry): boolean {
  if (typeof entry !== "string") return true;
  return parseRecipientParts(entry).length > 0;
}

/** True when a recipient is not text made of plain addresses (a bare name, `Name <Name>`, an entry). */
export function isUnplainEntry(entry: RecipientEntry): boolean {
  if (typeof entry !== "string") return true;
  return parseRecipientParts(entry).some((part) => !part.address.includes("@"));
}

/** True when some part of this recipient would be taken for one of the directory's lists. */
export function matchesAnyList(entry: string, directory: Directory): boolean {
  return parseRecipientParts(entry).some((part) => listsMatching(referenceOf(part), directory).length > 0);
}

/**
 * True when judging these recipients needs the contacts looked up by name: some bare name
 * (no @), written as a recipient or as a list's member, that no list answers to. Only then
 * do a contact's name and nickname matter (`no-such-list`: may it reach a patient?).
 */
export function needsContactsByName(entries: readonly string[], lists: readonly DirectoryList[]): boolean {
  const dir: Directory = { lists, contacts: [] };
  // A member without an address is skipped when a list is expanded; a recipient is not.
  const members = lists.flatMap((l) => l.members.filter((m) => m.email.trim() !== "").map((m) => ({ name: m.name, address: m.email })));
  return [...entries.flatMap((e) => parseRecipientParts(e)), ...members].some((part) => {
    const address = part.address.trim();
    if (address.includes("@")) return false;
    return listsMatching(referenceOf({ name: part.name === "" ? address : part.name, address }), dir).length === 0;
  });
}

/**
 * What one recipient of the compose window reaches. `read` is the address book as read
 * for this message; `undefined` when it was not read (then plain addresses are taken as
 * they are and every name is unresolved). When the address book could not be read, an
 * address other than a patient's may be a list: it is reached as written and also
 * reported unresolved, so that a message to a patient is held.
 */
export function resolveEntry(entry: RecipientEntry, read: DirectoryRead | undefined): EntryResolution {
  const out: Accumulator = { reached: [], unresolved: [] };
  if (typeof entry !== "string") {
    resolveNode(entry, read, out);
    return out;
  }
  for (const part of parseRecipientParts(entry)) resolvePart(part, read, [], new Set(), out);
  return out;
}

interface Accumulator {
  reached: ReachedMailbox[];
  unresolved: UnresolvedRecipient[];
}

interface Reference {
  readonly label: string;
  /** The names it may stand for, normalised (`key`). */
  readonly tokens: readonly string[];
}

/**
 * Names compare without case, accents kept, runs of spaces as one, surrounding quotes
 * dropped (Thunderbird writes a list as `Name <"Name">`).
 */
function key(name: string): string {
  return name
    .normalize("NFC")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^"(.*)"$/, "$1")
    .trim()
    .toLowerCase();
}

function referenceOf(part: { name: string; address: string }): Reference {
  const tokens = [...new Set([part.name, part.address].map(key).filter((t) => t !== ""))];
  return { label: part.name !== "" ? part.name : part.address, tokens };
}

function resolveNode(node: NodeRef, read: DirectoryRead | undefined, out: Accumulator): void {
  if (read === undefined || !read.ok) {
    out.unresolved.push(unreadable(node.id, [], read));
    return;
  }
  const dir = read.directory;
  if (node.type === "mailingList") {
    const list = dir.lists.find((l) => l.id === node.id);
    if (list === undefined) out.unresolved.push({ label: node.id, reason: "unknown-entry", via: [], mayReachPatient: false });
    else expandList(list, dir, [], new Set(), out);
    return;
  }
  const contact = allContacts(dir).find((c) => c.id === node.id);
  if (contact !== undefined && contact.email.includes("@")) {
    // Written into the field as `Name <address>`, it is matched against the lists too.
    resolvePart({ name: contact.name, address: contact.email }, read, [], new Set(), out);
    return;
  }
  const label = contact === undefined || contact.name === "" ? node.id : contact.name;
  out.unresolved.push({ label, reason: "unknown-entry", via: [], mayReachPatient: false });
}

function unreadable(label: string, via: readonly string[], read: DirectoryRead | undefined): UnresolvedRecipient {
  const problem: DirectoryProblem = read !== undefined && !read.ok ? read.problem : "failed";
  return { label, reason: "address-book-unreadable", via, mayReachPatient: false, problem };
}

/** One part of a recipient, or one member of a list: a list it matches, else an address, else a name. */
function resolvePart(
  part: { name: string; address: string },
  read: DirectoryRead | undefined,
  via: readonly string[],
  expanding: ReadonlySet<string>,
  out: Accumulator,
): void {
  const address = part.address.trim();
  if (!address.includes("@")) {
    resolveReference(referenceOf({ name: part.name === "" ? address : part.name, address }), read, via, expanding, out);
    return;
  }
  if (read === undefined) {
    out.reached.push({ name: part.name, address, via });
    return;
  }
  if (!read.ok) {
    out.reached.push({ name: part.name, address, via });
    if (!isPatientAddress(address)) out.unresolved.push(unreadable(part.name !== "" ? `${part.name} <${address}>` : address, via, read));
    return;
  }
  const ref = referenceOf(part);
  const lists = listsMatching(ref, read.directory);
  // The address itself is kept unless it is a matched list's own "address" (its
  // description): a patient written under a name that is also a list's still counts.
  const own = new Set(lists.map((l) => key(l.description !== "" ? l.description : l.name)));
  if (!own.has(key(address))) out.reached.push({ name: part.name, address, via });
  if (lists.length > 0) expandMatches(ref, lists, read.directory, via, expanding, out);
}

/** The lists Thunderbird may take this recipient for: by name or address, against a list's name or description. */
function listsMatching(ref: Reference, dir: Directory): DirectoryList[] {
  return dir.lists.filter((l) => [l.name, l.description].some((n) => key(n) !== "" && ref.tokens.includes(key(n))));
}

function expandMatches(ref: Reference, lists: readonly DirectoryList[], dir: Directory, via: readonly string[], expanding: ReadonlySet<string>, out: Accumulator): void {
  const [only, ...others] = lists;
  if (only !== undefined && others.length === 0) {
    expandList(only, dir, via, expanding, out);
    return;
  }
  out.unresolved.push({ label: ref.label, reason: "several-lists", via, mayReachPatient: lists.some((l) => listMayReachPatient(l, dir, expanding)) });
}

function resolveReference(
  ref: Reference,
  read: DirectoryRead | undefined,
  via: readonly string[],
  expanding: ReadonlySet<string>,
  out: Accumulator,
): void {
  if (read === undefined || !read.ok) {
    out.unresolved.push(unreadable(ref.label, via, read));
    return;
  }
  const dir = read.directory;
  const named = listsMatching(ref, dir);
  if (named.length > 0) {
    expandMatches(ref, named, dir, via, expanding, out);
    return;
  }
  // Not a list: a nickname, a contact's name, a list's nickname…
  // Thunderbird may still make something of it; it may reach a patient if anything of
  // that name in the address book does.
  const lists = dir.lists.filter((l) => ref.tokens.includes(key(l.nickName)));
  const contacts = allContacts(dir).filter((c) => ref.tokens.includes(key(c.nickName)) || ref.tokens.includes(key(c.name)));
  const mayReachPatient = contacts.some((c) => isPatientAddress(c.email)) || lists.some((l) => listMayReachPatient(l, dir, expanding));
  out.unresolved.push({ label: ref.label, reason: "no-such-list", via, mayReachPatient });
}

function expandList(list: DirectoryList, dir: Directory, via: readonly string[], expanding: ReadonlySet<string>, out: Accumulator): void {
  // A list inside itself (directly or further down) adds nobody new.
  if (expanding.has(list.id)) return;
  const inner = new Set(expanding).add(list.id);
  const path = [...via, list.name];
  // A member is matched against the lists as a recipient is: a list inside the list is a
  // member bearing the inner list's name and description (or name) as its address.
  for (const member of list.members) {
    if (member.email.trim() !== "") resolvePart({ name: member.name, address: member.email }, { ok: true, directory: dir }, path, inner, out);
  }
}

function listMayReachPatient(list: DirectoryList, dir: Directory, expanding: ReadonlySet<string>): boolean {
  const out: Accumulator = { reached: [], unresolved: [] };
  expandList(list, dir, [], expanding, out);
  return out.reached.some((m) => isPatientAddress(m.address)) || out.unresolved.some((u) => u.mayReachPatient);
}

function allContacts(dir: Directory): DirectoryContact[] {
  return [...dir.contacts, ...dir.lists.flatMap((l) => l.members)];
}
