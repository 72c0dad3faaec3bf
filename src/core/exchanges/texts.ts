/**
 * The words of the exchanges view: each line's cells, the close confirmation (which names
 * the patient and the message the [FIN] answers), what happened after a close, the counts.
 * Dates are written by `dateText` (Intl, in the interface's locale and the local time zone).
 */
import { shown } from "../compose/messages.js";
import { dateText, groupedIns } from "../conversation/view.js";
import { listText } from "../i18n/list.js";
import { msg, plural, type Message } from "../i18n/text.js";
import type { ExchangeCounts, ExchangeRow } from "./filter.js";
import type { ExchangeLine, LineMessage } from "./lines.js";

/** How dates are written: the locale tag and the time zone offset of a moment (`Date#getTimezoneOffset`). */
export interface DateStyle {
  readonly locale: string;
  readonly offsetAt: (ms: number) => number;
}

function day(ms: number, style: DateStyle): string {
  return dateText(ms, style.offsetAt(ms), style.locale).day;
}

/** The patient as the line names them: the name, or "Patient" when no message gives one. */
export function patientLabel(line: Pick<ExchangeLine, "name">): Message {
  return line.name === "" ? msg("exchangesUnnamed") : msg("exchangesName", shown(line.name, 64));
}

/** "INS 2 55 08 14 168 025 38". */
export function insLabel(line: Pick<ExchangeLine, "ins">): Message {
  return msg("exchangesIns", groupedIns(line.ins));
}

function subjectOf(message: LineMessage): Message {
  return message.subject.trim() === "" ? msg("exchangesNoSubject") : msg("exchangesSubject", shown(message.subject, 120));
}

function writerOf(message: LineMessage): Message {
  return msg(message.writer === "patient" ? "exchangesWriterPatient" : "exchangesWriterProfessional");
}

/** The last message: its date, its subject, who wrote it. */
export function lastMessageText(message: LineMessage, style: DateStyle): { date: Message; subject: Message; writer: Message } {
  const date = Number.isFinite(message.date) ? msg("exchangesDate", day(message.date, style)) : msg("exchangesNoDate");
  return { date, subject: subjectOf(message), writer: writerOf(message) };
}

/** "Ouvert depuis le …", "Clos le …". */
export function stateText(line: ExchangeLine, style: DateStyle): Message {
  if (line.state.state === "closed") return msg("exchangesClosedOn", day(line.state.on, style));
  return line.openSince === null ? msg("exchangesOpen") : msg("exchangesOpenSince", day(line.openSince, style));
}

export function returnsText(row: Pick<ExchangeRow, "returns" | "returnsToHandle">): Message | null {
  if (row.returns === 0) return null;
  return msg("exchangesReturns", plural("exchangesReturnCount", row.returns), plural("exchangesReturnToHandle", row.returnsToHandle));
}

/** The close button's accessible name: what it does, to whom. */
export function closeButtonName(line: ExchangeLine): Message {
  return msg("exchangesCloseName", patientLabel(line), groupedIns(line.ins));
}

/** The confirmation: the patient, and the message the [FIN] will answer. */
export function confirmText(line: ExchangeLine, answer: LineMessage, style: DateStyle): { heading: Message; body: Message } {
  const last = lastMessageText(answer, style);
  return {
    heading: msg("exchangesConfirmHeading", patientLabel(line)),
    body: msg(
      answer.writer === "patient" ? "exchangesConfirmAnswerPatient" : "exchangesConfirmAnswerOwn",
      patientLabel(line),
      groupedIns(line.ins),
      last.subject,
      last.date,
    ),
  };
}

export function countsText(counts: ExchangeCounts): Message {
  return msg(
    "exchangesCounts",
    plural("exchangesCountLines", counts.lines),
    plural("exchangesCountOpen", counts.open),
    plural("exchangesCountPatientLast", counts.patientWroteLast),
    plural("exchangesCountReceipts", counts.receiptsAwaited),
    plural("exchangesCountShown", counts.shown),
  );
}

/** What became of a close asked from a line. */
export type CloseResult =
  | { readonly result: "sent" }
  | { readonly result: "review" }
  /** Offline: the [FIN] waits in the Outbox; the exchange is not closed yet. */
  | { readonly result: "queued" }
  | { readonly result: "already-closed"; readonly on: number }
  | { readonly result: "duplicate" }
  | { readonly result: "gone" }
  | { readonly result: "not-closable" }
  | { readonly result: "failed"; readonly error: string };

export function closeResultText(line: ExchangeLine, result: CloseResult, style: DateStyle): Message {
  const who = patientLabel(line);
  switch (result.result) {
    case "sent":
      return msg("exchangesClosedNow", who);
    case "review":
      return msg("exchangesCloseReview", who);
    case "queued":
      return msg("exchangesCloseQueued", who);
    case "already-closed":
      return msg("exchangesAlreadyClosed", who, day(result.on, style));
    case "duplicate":
      return msg("exchangesCloseDuplicate", who);
    case "gone":
      return msg("exchangesCloseGone", who);
    case "not-closable":
      return msg("exchangesCloseNotClosable", who);
    case "failed":
      return msg("exchangesCloseFailed", who, shown(result.error, 200));
  }
}

/** Shown (not announced) while the mail is read: "Lecture de votre messagerie… 3 000 messages lus". */
export function readingText(read: number, locale: string): Message {
  return msg("exchangesReading", messagesRead(read, locale));
}

function messagesRead(read: number, locale: string): Message {
  return plural("exchangesMessagesRead", read, new Intl.NumberFormat(locale).format(read));
}

/** Announced once, when the mail has been read: how many messages, and the counts. */
export function readDoneText(read: number, counts: ExchangeCounts, locale: string): Message {
  return msg("exchangesReadDone", messagesRead(read, locale), countsText(counts));
}

/** A folder that could not be read, as the note names it. */
export interface FolderName {
  readonly accountName: string;
  readonly path: string;
}

/** The folders that could not be read, named (at most 5, then "N others"); null when none. */
export function skippedText(folders: readonly FolderName[]): Message | null {
  if (folders.length === 0) return null;
  const named: Message[] = folders.slice(0, 5).map((f) => msg("quoted", msg("exchangesFolderName", shown(f.path, 120), shown(f.accountName, 64))));
  if (folders.length > named.length) named.push(plural("listOthers", folders.length - named.length));
  return plural("exchangesFoldersSkipped", folders.length, folders.length, listText(named));
}
