/**
 * What the panel shows: notices grouped by patient (or recipient) and, inside, by sent
 * message; filters, search and counts. Pure: the page only draws what this returns.
 */
import { personName } from "../compose/recipients.js";
import { fold } from "../notices/fold.js";
import type { Reason } from "../notices/index.js";
import { isVerifiedRead, readDate, type NoticeRecord, type RecordRecipient } from "./record.js";

/** One recipient of one notice: the line the user reads and marks handled. */
export interface PanelItem {
  readonly record: NoticeRecord;
  readonly recipient: RecordRecipient;
  /** Position of the recipient in the notice. */
  readonly index: number;
}

export interface MessageGroup {
  /** The sent message's Message-ID, or null when the notice does not name it. */
  readonly originalId: string | null;
  readonly originalDate: string | null;
  readonly items: readonly PanelItem[];
  /** When a read receipt says the patient opened this message, or null. */
  readonly readOn: string | null;
}

export interface RecipientGroup {
  /** The INS for a patient, else the address (lower case). */
  readonly key: string;
  readonly address: string;
  readonly ins: string | null;
  readonly insValid: boolean | null;
  readonly messages: readonly MessageGroup[];
  /** Bounces and delays not yet marked handled. */
  readonly unhandled: number;
}

/** What the panel knows about a sent message, looked up in the mail store (not stored). */
export interface SentInfo {
  readonly subject: string;
  /** Recipients' display names by lower-case address. */
  readonly names: ReadonlyMap<string, string>;
}

export type ReasonFilter = Reason | "receipt" | "all";

export interface PanelFilter {
  readonly patientsOnly: boolean;
  readonly unhandledOnly: boolean;
  readonly reason: ReasonFilter;
  readonly search: string;
}

export const NO_FILTER: PanelFilter = { patientsOnly: false, unhandledOnly: false, reason: "all", search: "" };

export interface PanelCounts {
  readonly bounces: number;
  readonly delays: number;
  readonly receipts: number;
  readonly unhandled: number;
  readonly patients: number;
  /** Items shown once the filters apply. */
  readonly shown: number;
}

export interface PanelView {
  readonly groups: readonly RecipientGroup[];
  readonly counts: PanelCounts;
}

/** A bounce or delay waits for the user; a receipt is information only. */
export function needsAction(item: PanelItem): boolean {
  return item.record.kind !== "receipt" && item.record.handled === null;
}

export function itemKey(item: PanelItem): string {
  return `${item.record.id}#${item.index}`;
}

function groupKey(r: RecordRecipient): string {
  return r.ins ?? r.address.toLowerCase();
}

function matches(item: PanelItem, filter: PanelFilter, sent: ReadonlyMap<string, SentInfo>): boolean {
  const { record, recipient } = item;
  if (filter.patientsOnly && recipient.ins === null) return false;
  if (filter.unhandledOnly && !needsAction(item)) return false;
  if (filter.reason === "receipt" && record.kind !== "receipt") return false;
  if (filter.reason !== "all" && filter.reason !== "receipt" && recipient.reason !== filter.reason) return false;
  const words = fold(filter.search).split(/\s+/).filter((w) => w !== "");
  if (words.length === 0) return true;
  const info = record.originalId === null ? undefined : sent.get(record.originalId);
  const haystack = fold(
    [
      recipient.address,
      recipient.ins ?? "",
      recipient.status ?? "",
      recipient.reason ?? "",
      info?.subject ?? "",
      info?.names.get(recipient.address.toLowerCase()) ?? "",
    ].join(" "),
  );
  return words.every((w) => haystack.includes(w));
}

/** Newest first. */
function byDateDesc(a: { date: string }, b: { date: string }): number {
  return a.date < b.date ? 1 : a.date > b.date ? -1 : 0;
}

/** Groups, filters and counts the stored notices for the panel. */
export function buildView(records: readonly NoticeRecord[], filter: PanelFilter = NO_FILTER, sent: ReadonlyMap<string, SentInfo> = new Map()): PanelView {
  const all: PanelItem[] = [];
  for (const record of [...records].sort(byDateDesc)) {
    record.recipients.forEach((recipient, index) => all.push({ record, recipient, index }));
  }

  // Verified read receipts mark their sent message, whatever the filters.
  const readOn = new Map<string, string>();
  for (const record of records) {
    const date = readDate(record);
    if (record.originalId === null || date === null || !isVerifiedRead(record)) continue;
    const known = readOn.get(record.originalId);
    if (known === undefined || date < known) readOn.set(record.originalId, date);
  }

  const shown = all.filter((item) => matches(item, filter, sent));
  const groups = new Map<string, { address: string; ins: string | null; insValid: boolean | null; messages: Map<string, PanelItem[]> }>();
  for (const item of shown) {
    const key = groupKey(item.recipient);
    let group = groups.get(key);
    if (group === undefined) {
      group = { address: item.recipient.address, ins: item.recipient.ins, insValid: item.recipient.insValid, messages: new Map() };
      groups.set(key, group);
    }
    const messageKey = item.record.originalId ?? `notice:${item.record.id}`;
    const list = group.messages.get(messageKey) ?? [];
    list.push(item);
    group.messages.set(messageKey, list);
  }

  const out: RecipientGroup[] = [...groups.entries()].map(([key, g]) => {
    const messages: MessageGroup[] = [...g.messages.values()].map((items) => {
      const first = items[0];
      const originalId = first?.record.originalId ?? null;
      return {
        originalId,
        originalDate: items.find((i) => i.record.originalDate !== null)?.record.originalDate ?? null,
        items,
        readOn: originalId === null ? null : (readOn.get(originalId) ?? null),
      };
    });
    const unhandled = messages.reduce((n, m) => n + m.items.filter(needsAction).length, 0);
    return { key, address: g.address, ins: g.ins, insValid: g.insValid, messages, unhandled };
  });
  // Patients with something to handle first, then the most recent.
  out.sort((a, b) => {
    if ((a.unhandled > 0) !== (b.unhandled > 0)) return a.unhandled > 0 ? -1 : 1;
    const da = a.messages[0]?.items[0]?.record.date ?? "";
    const db = b.messages[0]?.items[0]?.record.date ?? "";
    return da < db ? 1 : da > db ? -1 : 0;
  });

  const patients = new Set(all.filter((i) => i.recipient.ins !== null).map((i) => groupKey(i.recipient)));
  return {
    groups: out,
    counts: {
      bounces: all.filter((i) => i.record.kind === "bounce").length,
      delays: all.filter((i) => i.record.kind === "delay").length,
      receipts: all.filter((i) => i.record.kind === "receipt").length,
      unhandled: all.filter(needsAction).length,
      patients: patients.size,
      shown: shown.length,
    },
  };
}

/**
 * Display names by lower-case address, from recipients as the mail store lists them
 * (`Name <a@b>`), as they may be shown (`personName`: no invisible or bidirectional
 * characters, no name that is an address or an INS).
 */
export function namesFromRecipients(recipients: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of recipients) {
    const m = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(entry);
    const name = personName(m?.[1] ?? "");
    const address = m?.[2]?.toLowerCase();
    if (address !== undefined && name !== "") names.set(address, name);
  }
  return names;
}
