/** The words of the send guard: what happens if the message leaves as it is, and what to do. */

import { quotedList, sentences } from "../i18n/list.js";
import { msg, plural, type Message, type MessageKey } from "../i18n/text.js";
import { insProblemText, type InsCheck } from "../ins/index.js";
import type { UnresolvedRecipient } from "./expand.js";
import { dropFormatCharacters } from "./invisible.js";
import { megabytesText } from "./size.js";

type InvalidIns = Extract<InsCheck, { valid: false }>;

export interface TitledText {
  readonly title: Message;
  readonly explanation: Message;
}

/**
 * A value of the message shown in a text: control characters become spaces, invisible
 * format characters (bidirectional controls, zero-width characters) are dropped — they could
 * show the rest of the sentence in another order —, long ones cut.
 */
export function shown(value: string, max = 80): string {
  const clean = dropFormatCharacters(value).replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, " ");
  const chars = Array.from(clean);
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : clean;
}

/** An address-book list that reaches patients, with those patients (as shown). */
export interface ListWithPatients {
  readonly name: string;
  readonly patients: readonly string[];
}

export function patientsSeeEachOtherText(count: number, lists: readonly ListWithPatients[] = []): TitledText {
  const fromLists = lists.map((l) => plural("guardListPatients", l.patients.length, shown(l.name, 60), l.patients.length, quotedList(l.patients)));
  return {
    title: msg("guardPatientsVisibleTitle"),
    explanation: sentences(
      msg("guardPatientsVisible", count),
      ...fromLists,
      msg("guardPatientsVisibleAdvice"),
      ...(lists.length > 0 ? [msg("guardListFixOffered")] : []),
    ),
  };
}

/**
 * One patient is visible (To or Cc) while other patients also receive the message (in
 * Bcc, or through a list): each of them sees the visible patient's address.
 */
export function patientSeenByOthersText(visible: readonly string[], others: number, lists: readonly ListWithPatients[] = []): TitledText {
  const fromLists = lists.map((l) => plural("guardListCount", l.patients.length, shown(l.name, 60), l.patients.length));
  return {
    title: msg("guardPatientSeenTitle"),
    explanation: sentences(plural("guardPatientSeen", others, quotedList(visible), others), ...fromLists, msg("guardPatientSeenAdvice")),
  };
}

/** A recipient whose display name holds a patient's address or INS other than its own address. */
export function displayNameOtherPatientText(name: string, address: string, lists: readonly string[] = []): TitledText {
  const n = shown(name, 60);
  const where = lists.length === 0 ? msg("guardDisplayNameFix") : msg("guardDisplayNameFromList", quotedList(lists));
  return {
    title: msg("guardDisplayNameTitle", n),
    explanation: sentences(msg("guardDisplayName", shown(address, 60), n), where),
  };
}

export function insInvalidText(address: string, check: InvalidIns, lists: readonly string[] = []): TitledText {
  return {
    title: msg("guardInsInvalidTitle", shown(address)),
    explanation: sentences(
      msg("guardInsInvalid"),
      insProblemText(check),
      msg("guardInsInvalidAdvice"),
      ...(lists.length === 0 ? [] : [msg("guardInsFromList", quotedList(lists))]),
    ),
  };
}

const FIELD_NAMES = { to: "fieldTo", cc: "fieldCc", bcc: "fieldBcc" } as const satisfies Record<string, MessageKey>;

const UNRESOLVED_WHY = {
  "several-lists": "guardUnresolvedSeveralLists",
  "unknown-entry": "guardUnresolvedUnknownEntry",
} as const satisfies Record<string, MessageKey>;

/** A recipient the guard could not turn into addresses, while the message may reach a patient. */
export function recipientUnresolvedText(u: UnresolvedRecipient & { readonly field: "to" | "cc" | "bcc" }): TitledText {
  const label = shown(u.label, 60);
  const field = msg(FIELD_NAMES[u.field]);
  const where = u.via.length === 0 ? msg("guardUnresolvedIn", label, field) : msg("guardUnresolvedInList", label, shown(u.via.join(" › "), 60), field);
  const why =
    u.reason === "address-book-unreadable"
      ? msg(u.problem === "no-permission" ? "guardUnresolvedNoPermission" : "guardUnresolvedUnreadable")
      : u.reason === "several-lists" || u.reason === "unknown-entry"
        ? msg(UNRESOLVED_WHY[u.reason])
        : msg("guardUnresolvedNotAddress");
  const stake = msg(u.mayReachPatient ? "guardUnresolvedMayBePatient" : "guardUnresolvedGoesToPatient");
  return {
    title: msg("guardUnresolvedTitle", label),
    explanation: sentences(where, why, stake, msg("guardUnresolvedAdvice")),
  };
}

export type SenderProblem = "missing" | "patient" | "outside";

export function senderText(from: string, problem: SenderProblem): TitledText {
  const f = shown(from);
  const what =
    problem === "missing" ? msg("guardSenderMissing") : problem === "patient" ? msg("guardSenderPatient", f) : msg("guardSenderOutside", f);
  return { title: msg("guardSenderTitle"), explanation: sentences(what, msg("guardSenderAdvice")) };
}

export function subjectMalformedText(subject: string): TitledText {
  return { title: msg("guardSubjectTitle"), explanation: msg("guardSubject", shown(subject)) };
}

export function tooLargeText(estimatedBytes: number, limitBytes: number): TitledText {
  return { title: msg("guardTooLargeTitle"), explanation: msg("guardTooLarge", megabytesText(estimatedBytes), megabytesText(limitBytes)) };
}

export function attachmentFormatText(names: readonly string[]): TitledText {
  return {
    title: plural("guardAttachmentFormatTitle", names.length),
    explanation: plural("guardAttachmentFormat", names.length, quotedList(names)),
  };
}

export function replyToText(addresses: readonly string[]): TitledText {
  return { title: msg("guardReplyToTitle"), explanation: msg("guardReplyTo", quotedList(addresses)) };
}

export function noReplyHeaderValueText(values: readonly string[]): TitledText {
  return { title: msg("guardNoReplyHeaderTitle"), explanation: msg("guardNoReplyHeader", quotedList(values)) };
}

export const FIX_LABELS = {
  "subject-exact-fin": msg("fixSubjectExactFin"),
  "patients-to-bcc": msg("fixPatientsToBcc"),
  "remove-reply-to": msg("fixRemoveReplyTo"),
  "remove-no-reply-header": msg("fixRemoveNoReplyHeader"),
  "remove-misleading-names": msg("fixRemoveMisleadingNames"),
} as const satisfies Record<string, Message>;
