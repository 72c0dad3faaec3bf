/**
 * The closing reply: to the patient only, subject exactly `[FIN]`, threaded on the
 * message it answers, with the closing text of the settings, and the read receipt the
 * user asked for by default. Thunderbird's reply keeps `In-Reply-To` and `References`;
 * they are computed here too so that what was sent can be checked against them.
 */
import { FIN_SUBJECT, formatRecipient, headerDisplayName } from "../compose/index.js";
import type { ConversationPatient } from "./patient.js";

/** What replaces `{patient}` when the patient's name is not known. */
export const NEUTRAL_SALUTATION = "Madame, Monsieur";

export interface ClosingReplyInput {
  readonly patient: ConversationPatient;
  /** The `closingTemplate` setting (may hold `{patient}`). */
  readonly template: string;
  /** The `readReceiptDefault` setting. */
  readonly readReceiptDefault: boolean;
  /** The Message-ID of the message answered, with or without angle brackets. */
  readonly inReplyTo: string;
  /** Its `References`, oldest first (ids with or without angle brackets). */
  readonly references: readonly string[];
}

export interface ClosingReply {
  readonly to: readonly [string];
  readonly cc: readonly [];
  readonly bcc: readonly [];
  readonly subject: typeof FIN_SUBJECT;
  /** The closing text, plain, lines separated by `\n`. */
  readonly text: string;
  readonly returnReceipt: boolean;
  /** `<id>` */
  readonly inReplyTo: string;
  /** `<id>` each, oldest first, ending with `inReplyTo`. */
  readonly references: readonly string[];
}

/** An id without the one pair of angle brackets it may be given with (`<id>` → `id`). */
export function bareId(id: string): string {
  return id.replace(/^<|>$/g, "");
}

/** `<id>` for an id given with or without its angle brackets; "" for an empty id. */
export function bracketId(id: string): string {
  const bare = id.trim().replace(/^<+/, "").replace(/>+$/, "").trim();
  return bare === "" ? "" : `<${bare}>`;
}

/** The ids of a `References` or `In-Reply-To` field (`<a> <b>`), with their brackets. */
export function parseMessageIds(field: string): string[] {
  return [...field.matchAll(/<([^<>\s]+)>/g)].map((m) => `<${m[1] ?? ""}>`);
}

/**
 * The template with `{patient}` filled: the patient's name, else a neutral salutation. The
 * name comes from a received message: it is cut and cleaned (`headerDisplayName`) as in
 * the To field, so that it can bring no control character, no reordering of the text and
 * no unbounded length into a message sent without a second look. (A function gives the
 * replacement: a name such as `$&` is not read as a replacement pattern.)
 */
export function closingText(template: string, patientName: string): string {
  const name = headerDisplayName(patientName);
  return template.replace(/\r\n?/g, "\n").replaceAll("{patient}", () => (name === "" ? NEUTRAL_SALUTATION : name));
}

export function buildClosingReply(input: ClosingReplyInput): ClosingReply {
  const inReplyTo = bracketId(input.inReplyTo);
  const references: string[] = [];
  for (const id of [...input.references.map(bracketId), inReplyTo]) {
    if (id !== "" && !references.includes(id)) references.push(id);
  }
  // The answered message's id always ends the list, even if it was listed before.
  if (inReplyTo !== "") {
    references.splice(references.indexOf(inReplyTo), 1);
    references.push(inReplyTo);
  }
  return {
    to: [formatRecipient(input.patient.name, input.patient.address)],
    cc: [],
    bcc: [],
    subject: FIN_SUBJECT,
    text: closingText(input.template, input.patient.name),
    returnReceipt: input.readReceiptDefault,
    inReplyTo,
    references,
  };
}

/** The closing text for an HTML message: escaped, one `<br>` per line break. */
export function textToHtml(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<p>${escaped.replace(/\n/g, "<br>")}</p>`;
}
