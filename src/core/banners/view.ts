/**
 * What the banners in the displayed message say, as catalog texts: the patient banner (who
 * the patient is, the INS and what it encodes, the exchange open or closed, the close
 * action while it is open) and the notice banner (what happened, in one sentence, the
 * first thing to do, "mark as handled", the way to the panel's entry). The notice banner
 * says what the panel says: the same explanation and steps (`explainStored`), the same
 * headings and "read by the patient" line.
 */
import { headerDisplayName, parseRecipients, personName } from "../compose/index.js";
import { shown } from "../compose/messages.js";
import { CLOSE_ACTION_LABEL, dateText, groupedIns, type ConversationPatient, type ConversationState } from "../conversation/index.js";
import { msg, plural, type Message } from "../i18n/text.js";
import { describeIdentity } from "../ins/index.js";
import {
  explainStored,
  isVerifiedRead,
  needsAction,
  patientHeading,
  readDate,
  readOnText,
  receiptCheckText,
  type NoticeRecord,
  type RecordRecipient,
} from "../notice-records/index.js";
import type { BannerAction, BannerLineRole, BannerTone } from "./protocol.js";

export interface BannerLine {
  readonly role: BannerLineRole;
  readonly text: Message;
}

export interface BannerModel {
  readonly kind: "patient" | "notice";
  readonly tone: BannerTone;
  readonly label: Message;
  readonly lines: readonly BannerLine[];
  readonly actions: readonly { readonly action: BannerAction; readonly label: Message }[];
}

/** Where and when dates are written: the interface language's tag, the time zone at a moment. */
export interface DateContext {
  readonly locale: string;
  /** Minutes, as `Date#getTimezoneOffset` gives them at that moment. */
  offsetAt(ms: number): number;
  /** The current year (decides the century of a birth year). */
  readonly year: number;
}

function when(ms: number, dates: DateContext): Message {
  return dateText(ms, dates.offsetAt(ms), dates.locale).dayAndTime;
}

/** Who sent a [FIN], from its `From` field: the display name, else the address; "" when unreadable. */
export function closerName(author: string): string {
  const [from] = parseRecipients(author);
  if (from === undefined) return "";
  const name = headerDisplayName(from.name);
  return shown(name !== "" ? name : from.address.trim(), 80);
}

/**
 * The exchange as the banner shows it: open, closed, or closing — a [FIN] waits in the
 * Outbox (Thunderbird offline) since `since`: not sent, so not closed yet.
 */
export type BannerExchangeState = ConversationState | { readonly state: "closing"; readonly since: number };

/**
 * The patient banner. `closedBy`: the `From` of the [FIN] that closed the exchange ("" when
 * not known, e.g. right after a close from this computer whose copy is not indexed yet).
 */
export function patientBanner(patient: ConversationPatient, state: BannerExchangeState, closedBy: string, dates: DateContext): BannerModel {
  const title = patient.name === "" ? msg("bannerPatientUnnamed") : msg("bannerPatientTitle", shown(patient.name));
  const identity = describeIdentity(patient.identity, dates.year, dates.locale);
  const lines: BannerLine[] = [
    { role: "title", text: title },
    { role: "detail", text: msg("bannerPatientIns", groupedIns(patient.ins), identity) },
  ];
  if (state.state === "open") {
    lines.push({ role: "state", text: msg("bannerExchangeOpen") });
    return { kind: "patient", tone: "open", label: msg("bannerPatientRegion"), lines, actions: [{ action: "close", label: CLOSE_ACTION_LABEL }] };
  }
  if (state.state === "closing") {
    // Never "closed" before the [FIN] has gone; and nothing that would queue a second one.
    lines.push({ role: "state", text: msg("bannerExchangeClosing", when(state.since, dates)) });
    return { kind: "patient", tone: "delay", label: msg("bannerPatientRegion"), lines, actions: [] };
  }
  const by = closerName(closedBy);
  lines.push({
    role: "state",
    text: by === "" ? msg("bannerExchangeClosed", when(state.on, dates)) : msg("bannerExchangeClosedBy", when(state.on, dates), by),
  });
  // A closed exchange offers nothing that would send.
  return { kind: "patient", tone: "closed", label: msg("bannerPatientRegion"), lines, actions: [] };
}

/** The recipient a notice banner speaks of: a patient waiting for action first, then any patient, then the first. */
export function mainRecipient(record: NoticeRecord): { readonly recipient: RecordRecipient; readonly index: number } | null {
  const indexed = record.recipients.map((recipient, index) => ({ recipient, index }));
  const patients = indexed.filter((r) => r.recipient.ins !== null);
  const failed = patients.find((r) => r.recipient.action !== "delivered" && r.recipient.action !== "relayed");
  return failed ?? patients[0] ?? indexed[0] ?? null;
}

const NOTICE_TONE = { bounce: "problem", delay: "delay", receipt: "read" } as const;

/**
 * The notice banner for a stored (or just classified) notice. `name`: the recipient's
 * display name as the sent message gives it, or null.
 */
export function noticeBanner(record: NoticeRecord, name: string | null, dates: DateContext): BannerModel | null {
  const main = mainRecipient(record);
  if (main === null) return null;
  const { recipient, index } = main;
  const explanation = explainStored(recipient, record.kind);
  // The name comes from the sent message's header: shown only if it reads as a name.
  const clean = name === null ? "" : personName(name);
  const who = clean === "" ? null : shown(clean, 80);
  const lines: BannerLine[] = [];
  let tone: BannerTone = NOTICE_TONE[record.kind];

  if (record.kind === "receipt") {
    const read = readDate(record);
    if (read !== null && isVerifiedRead(record)) {
      lines.push({ role: "title", text: readOnText(read, when(Date.parse(read), dates)) });
    } else {
      tone = "info";
      lines.push({ role: "title", text: msg("bannerNoticeAbout", explanation.title, patientHeading(who, recipient.ins, recipient.address, recipient.insValid)) });
      const unverified = recipient.ins === null ? null : receiptCheckText(record.receiptCheck);
      if (unverified !== null) lines.push({ role: "note", text: unverified });
    }
    lines.push({ role: "detail", text: explanation.explanation });
  } else {
    const closed = record.kind === "bounce" && recipient.ins !== null && recipient.reason === "mailbox-closed" && recipient.action !== "delayed";
    lines.push({
      role: "title",
      text: closed
        ? msg("bannerPatientMailboxClosed", who ?? msg("bannerThisPatient"), groupedIns(recipient.ins ?? ""))
        : msg("bannerNoticeAbout", explanation.title, patientHeading(who, recipient.ins, recipient.address, recipient.insValid)),
    });
    if (!closed) lines.push({ role: "detail", text: explanation.explanation });
    const [first] = explanation.steps;
    if (first !== undefined) lines.push({ role: "step", text: msg("bannerFirstStep", first) });
  }
  const others = record.recipients.length - 1 + record.moreRecipients;
  if (others > 0) lines.push({ role: "note", text: plural("bannerOtherRecipients", others) });

  const actions: { action: BannerAction; label: Message }[] = [];
  const item = { record, recipient, index };
  if (needsAction(item)) actions.push({ action: "handled", label: msg("noticesMarkHandled") });
  else if (record.kind !== "receipt" && record.handled !== null) {
    lines.push({ role: "note", text: msg("bannerHandledOn", when(Date.parse(record.handled), dates)) });
  }
  actions.push({ action: "open-notice", label: msg("bannerOpenInPanel") });
  return { kind: "notice", tone, label: msg(record.kind === "receipt" ? "bannerReceiptRegion" : "bannerNoticeRegion"), lines, actions };
}
