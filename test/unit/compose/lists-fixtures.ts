/** Address books for the list tests: lists given by name and members, ids made up. */
import type { Directory, DirectoryContact, DirectoryList, DirectoryRead } from "../../../src/core/compose/index.js";

/**
 * A member: an address (`Name <a@b>` or `a@b`), or `{ list: "Name" }` for a list inside
 * the list, stored as Thunderbird stores it: the inner list's name, and as address its
 * description when it has one, else its name.
 */
export type MemberSpec = string | { readonly list: string };

export interface ListSpec {
  readonly name: string;
  readonly members: readonly MemberSpec[];
  readonly nickName?: string;
  readonly description?: string;
  readonly id?: string;
}

let next = 0;

function contactOf(member: MemberSpec, lists: readonly ListSpec[]): DirectoryContact {
  next += 1;
  if (typeof member !== "string") {
    const description = lists.find((l) => l.name === member.list)?.description ?? "";
    return { id: `c${next}`, name: member.list, nickName: "", email: description !== "" ? description : member.list };
  }
  const m = /^(.*?)\s*<([^<>]*)>$/.exec(member);
  return { id: `c${next}`, name: m?.[1] ?? "", nickName: "", email: m?.[2] ?? member };
}

export function directoryOf(lists: readonly ListSpec[], contacts: readonly DirectoryContact[] = []): Directory {
  const built: DirectoryList[] = lists.map((l, i) => ({
    id: l.id ?? `list-${i}`,
    name: l.name,
    nickName: l.nickName ?? "",
    description: l.description ?? "",
    members: l.members.map((m) => contactOf(m, lists)),
  }));
  return { lists: built, contacts: [...contacts, ...built.flatMap((l) => l.members)] };
}

export function readOf(lists: readonly ListSpec[], contacts: readonly DirectoryContact[] = []): DirectoryRead {
  return { ok: true, directory: directoryOf(lists, contacts) };
}

/** How Thunderbird writes a list in a compose field. */
export const listEntry = (name: string): string => `${name} <"${name}">`;
