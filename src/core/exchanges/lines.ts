/**
 * The exchanges view's lines: the mail the user holds with each patient, one line per
 * patient (by matricule INS), built from message headers only (no message is read).
 *
 * Which messages count:
 * - filed anywhere but in drafts, templates, the Outbox, the Trash or junk (the nearest
 *   folder with a special use decides, as for the closing evidence);
 * - from a patient mailbox with a valid matricule: that patient's line;
 * - written by one of the user's identities to one or more patients: the line of each of
 *   those patients (a message to several patients in Bcc is part of each exchange). Anything
 *   else (a colleague writing to a patient, mail without a patient) is in no line.
 *
 * The state of a line is the one rule of `core/conversation`: closed when a [FIN] the user
 * really sent to that patient (`provesClosing`) is dated at or after the line's last other
 * message. Thread headers are not read here: a line shown open may turn out closed when the
 * close is asked for (the close use case reads them and says so); never the other way.
 */
import { FIN_SUBJECT, parseRecipients, patientOf } from "../compose/index.js";
import { authoredBy, placeOf, provesClosing } from "../conversation/closing-evidence.js";
import { usableName } from "../conversation/patient.js";
import { bracketId } from "../conversation/reply.js";
import { conversationState, type ClosingContext, type ConversationState } from "../conversation/state.js";

/** What the mail store says of one message (its header, and where it is filed). */
export interface ExchangeMessage {
  /** Thunderbird's per-session number. */
  readonly id: number;
  readonly headerMessageId: string;
  readonly subject: string;
  /** The `From` field. */
  readonly author: string;
  readonly recipients: readonly string[];
  readonly ccList: readonly string[];
  readonly bccList: readonly string[];
  /** Milliseconds since 1970; NaN when unknown. */
  readonly date: number;
  /** The special uses of its folder, then of the folders above (as `StoredClosing`). */
  readonly folderUses: readonly (readonly string[])[];
  readonly tags: readonly string[];
}

/** Who wrote a message of an exchange. */
export type Writer = "patient" | "professional";

/** One message of a line, as the view shows it. */
export interface LineMessage {
  readonly id: number;
  readonly headerMessageId: string;
  readonly subject: string;
  readonly date: number;
  readonly writer: Writer;
  readonly tags: readonly string[];
  /** The message names no other patient (a close can answer it). */
  readonly onlyThisPatient: boolean;
}

export interface ExchangeLine {
  /** The matricule INS, normalised: the line's key. */
  readonly ins: string;
  /** The patient's address as last written. */
  readonly address: string;
  /** The patient's name from the most recent message that gives one; "" when none does. */
  readonly name: string;
  /** The latest message of the exchange, a [FIN] included. */
  readonly last: LineMessage;
  /** The message a close answers: the latest one, not a [FIN], that names no other patient; null when none. */
  readonly answer: LineMessage | null;
  readonly state: ConversationState;
  /** While open: the date of the first message since the last closing (or ever); null when closed or unknown. */
  readonly openSince: number | null;
  /** The latest message from the patient, or null. */
  readonly lastFromPatient: LineMessage | null;
  /** The latest message the user sent to the patient, or null. */
  readonly lastToPatient: LineMessage | null;
  /** The messages of the exchange (each Message-ID once). */
  readonly messageIds: readonly string[];
}

/** Special uses whose messages are in no exchange: not sent, not kept, or not wanted. */
export const LEFT_OUT_USES: readonly string[] = ["drafts", "templates", "outbox", "trash", "junk"];

/** Whether a message filed there belongs in the view. */
export function counted(folderUses: readonly (readonly string[])[]): boolean {
  return !placeOf(folderUses).some((use) => LEFT_OUT_USES.includes(use.toLowerCase()));
}

/** The key a message is known by: its Message-ID, else its per-session number. */
export function messageKey(message: Pick<ExchangeMessage, "headerMessageId" | "id">): string {
  return bracketId(message.headerMessageId) || `#${message.id}`;
}

interface Involved {
  readonly ins: string;
  readonly address: string;
  readonly name: string;
}

/** The patients a message belongs to, and who wrote it; null when it is in no exchange. */
export function patientsOf(message: ExchangeMessage, ownAddresses: readonly string[]): { writer: Writer; patients: Involved[] } | null {
  const from = parseRecipients(message.author);
  const author = from.length === 1 ? from[0] : undefined;
  if (author !== undefined) {
    const check = patientOf(author.address);
    if (check !== null) {
      return check.valid ? { writer: "patient", patients: [{ ins: check.ins, address: author.address.trim(), name: usableName(author.name, check.ins) }] } : null;
    }
  }
  if (!authoredBy(message.author, ownAddresses)) return null;
  const byIns = new Map<string, Involved>();
  for (const mailbox of [...message.recipients, ...message.ccList, ...message.bccList].flatMap((f) => parseRecipients(f))) {
    const check = patientOf(mailbox.address);
    if (check === null || !check.valid || byIns.has(check.ins)) continue;
    byIns.set(check.ins, { ins: check.ins, address: mailbox.address.trim(), name: usableName(mailbox.name, check.ins) });
  }
  return byIns.size === 0 ? null : { writer: "professional", patients: [...byIns.values()] };
}

/** NaN dates sort as the oldest; equal dates by Message-ID, so that the order never depends on the input's. */
function later(a: LineMessage, b: LineMessage): boolean {
  const da = Number.isFinite(a.date) ? a.date : Number.NEGATIVE_INFINITY;
  const db = Number.isFinite(b.date) ? b.date : Number.NEGATIVE_INFINITY;
  if (da !== db) return da > db;
  return a.headerMessageId > b.headerMessageId || (a.headerMessageId === b.headerMessageId && a.id > b.id);
}

function latest(messages: readonly LineMessage[]): LineMessage | null {
  let best: LineMessage | null = null;
  for (const m of messages) if (best === null || later(m, best)) best = m;
  return best;
}

interface Gathering {
  readonly ins: string;
  /** By message key: one copy of each message. */
  readonly messages: Map<string, LineMessage>;
  /** Every copy of the [FIN] the user wrote to the patient (where each is filed matters). */
  readonly closings: { message: ExchangeMessage; address: string }[];
  /** Names and addresses, with the date of the message that gave them. */
  readonly names: { name: string; address: string; message: LineMessage }[];
}

/**
 * The lines gathered as messages come (a page at a time): each message is read once, and the
 * lines of everything added so far can be asked for at any time.
 */
export class LineCollector {
  private readonly lines = new Map<string, Gathering>();

  constructor(private readonly context: ClosingContext) {}

  add(messages: readonly ExchangeMessage[]): void {
    for (const message of messages) {
      if (!counted(message.folderUses)) continue;
      const found = patientsOf(message, this.context.ownAddresses);
      if (found === null) continue;
      const key = messageKey(message);
      for (const patient of found.patients) {
        let line = this.lines.get(patient.ins);
        if (line === undefined) {
          line = { ins: patient.ins, messages: new Map(), closings: [], names: [] };
          this.lines.set(patient.ins, line);
        }
        const item: LineMessage = {
          id: message.id,
          headerMessageId: message.headerMessageId,
          subject: message.subject,
          date: message.date,
          writer: found.writer,
          tags: message.tags,
          onlyThisPatient: found.patients.length === 1,
        };
        const known = line.messages.get(key);
        // Copies of one message: the one kept does not depend on the order they come in.
        if (known === undefined || later(item, known)) line.messages.set(key, item);
        if (found.writer === "professional" && message.subject === FIN_SUBJECT) line.closings.push({ message, address: patient.address });
        line.names.push({ name: patient.name, address: patient.address, message: item });
      }
    }
  }

  /** The lines of the messages added so far, one per patient, in no particular order (see `sortLines`). */
  result(): ExchangeLine[] {
    return [...this.lines.values()].map((line) => finish(line, this.context));
  }
}

/**
 * The lines of the exchanges view, one per patient, in no particular order (see `sortLines`).
 * The same messages in any order give the same lines.
 */
export function buildLines(messages: readonly ExchangeMessage[], context: ClosingContext): ExchangeLine[] {
  const collector = new LineCollector(context);
  collector.add(messages);
  return collector.result();
}

function finish(line: Gathering, context: ClosingContext): ExchangeLine {
  const all = [...line.messages.values()];
  const last = latest(all);
  if (last === null) throw new Error("a line without messages");
  const others = all.filter((m) => m.subject !== FIN_SUBJECT);
  const lastOther = latest(others);
  const proofs = line.closings.filter(({ message, address }) => provesClosing(message, address, context.ownAddresses, context.now));
  const displayed = {
    headerMessageId: lastOther?.headerMessageId ?? "",
    date: lastOther === null ? Number.NEGATIVE_INFINITY : Number.isFinite(lastOther.date) ? lastOther.date : Number.NEGATIVE_INFINITY,
    references: [],
  };
  // Every proof went to this patient; the core's rule is asked again with one of its addresses.
  const patientAddress = proofs[0]?.address ?? "";
  const state: ConversationState =
    proofs.length === 0 ? { state: "open" } : conversationState(patientAddress, displayed, proofs.map(({ message }) => ({ ...message, references: [] })), context);
  let openSince: number | null = null;
  if (state.state === "open") {
    const lastProof = Math.max(Number.NEGATIVE_INFINITY, ...proofs.map((p) => p.message.date).filter(Number.isFinite));
    const since = others.map((m) => m.date).filter((d) => Number.isFinite(d) && d > lastProof);
    openSince = since.length === 0 ? null : Math.min(...since);
  }
  const named = [...line.names].sort((a, b) => (later(a.message, b.message) ? -1 : later(b.message, a.message) ? 1 : 0));
  const name = named.find((n) => n.name !== "")?.name ?? "";
  const address = named[0]?.address ?? "";
  return {
    ins: line.ins,
    address,
    name,
    last,
    answer: latest(others.filter((m) => m.onlyThisPatient)),
    state,
    openSince,
    lastFromPatient: latest(all.filter((m) => m.writer === "patient")),
    lastToPatient: latest(all.filter((m) => m.writer === "professional")),
    messageIds: all.map((m) => bracketId(m.headerMessageId) || `#${m.id}`).sort(),
  };
}
