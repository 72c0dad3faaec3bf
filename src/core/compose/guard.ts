/**
 * The send guard: what must stop a message to a patient, what the professional should
 * confirm, and the changes that fix it. Pure: the background maps Thunderbird's compose
 * details into `SendInput`, calls `evaluateSend`, and applies the result.
 */

import type { Message } from "../i18n/text.js";
import type { InsCheck } from "../ins/index.js";
import { isPreferredPatientFormat } from "./attachments.js";
import type { DirectoryNeeds, DirectoryRead } from "./directory.js";
import { matchesAnyList, needsDirectory, resolveEntry, type EntryResolution, type NodeRef, type RecipientEntry, type UnresolvedRecipient } from "./expand.js";
import { isNoReplyHeaderCanonical, noReplyHeaders, withNoReplyHeader, type CustomHeader } from "./headers.js";
import {
  attachmentFormatText,
  displayNameOtherPatientText,
  FIX_LABELS,
  insInvalidText,
  noReplyHeaderValueText,
  patientSeenByOthersText,
  patientsSeeEachOtherText,
  recipientUnresolvedText,
  replyToText,
  senderText,
  subjectMalformedText,
  tooLargeText,
  type TitledText,
} from "./messages.js";
import {
  cleanDisplayName,
  domainOf,
  formatRecipient,
  isPatientAddress,
  nameShowsOtherPatient,
  parseRecipientParts,
  parseRecipients,
  patientOf,
} from "./recipients.js";
import { isPatientDomain, senderAddress, senderAllowed } from "./sender.js";
import { estimateMessageBytes, PATIENT_MAX_MESSAGE_BYTES, utf8ByteLength } from "./size.js";
import { closingIntent, FIN_SUBJECT, type ClosingIntent } from "./subject.js";

export interface AttachmentInfo {
  readonly name: string;
  /** Size of the file in bytes, before encoding. */
  readonly size: number;
  /** MIME type when Thunderbird knows it. */
  readonly type?: string | undefined;
}

/** What the guard reads from the compose window. */
export interface SendInput {
  readonly from: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly replyTo: readonly string[];
  readonly subject: string;
  /** Size of the body in bytes, in UTF-8. */
  readonly bodyBytes: number;
  readonly attachments: readonly AttachmentInfo[];
  readonly customHeaders: readonly CustomHeader[];
  readonly returnReceipt: boolean;
  /** Recipients given as address-book entries rather than text (rare: Thunderbird gives text). */
  readonly recipientNodes?: readonly FieldNode[] | undefined;
  /**
   * The address book, read whenever there is a recipient (any of them may be a list):
   * lists are expanded from it. Absent: not read, and every such recipient is unresolved.
   */
  readonly directory?: DirectoryRead | undefined;
}

export interface FieldNode {
  readonly field: RecipientField;
  readonly node: NodeRef;
}

export interface GuardSettings {
  /** Extra sender domains allowed besides MSSanté (`test.example` allows it and its subdomains). */
  readonly extraSenderDomains: readonly string[];
  /** Size limit of a message to a patient, in encoded bytes; `PATIENT_MAX_MESSAGE_BYTES` by default. */
  readonly maxMessageBytes?: number | undefined;
}

export type RecipientField = "to" | "cc" | "bcc";

export interface PatientRecipient {
  /** The address as written in the message. */
  readonly address: string;
  readonly name: string;
  /** "Name <address>", or the address alone: what to show the professional. */
  readonly display: string;
  /** Where it stands, in the order To, Cc, Bcc (a patient may be in more than one field). */
  readonly fields: readonly RecipientField[];
  readonly check: InsCheck;
  /** The address-book lists it is reached through (outermost ones); empty when only written directly. */
  readonly lists: readonly string[];
}

/** A recipient that could not be turned into addresses, and where it stands. */
export interface UnresolvedInField extends UnresolvedRecipient {
  readonly field: RecipientField;
}

export type BlockerCode =
  | "sender-not-mssante"
  | "patient-ins-invalid"
  | "patients-see-each-other"
  | "display-name-other-patient"
  | "recipient-unresolved"
  | "subject-fin-malformed"
  | "message-too-large";

export type WarningCode = "attachment-format" | "reply-to-set" | "no-reply-header-value";

export type FindingCode = BlockerCode | WarningCode;

export type FixId = "subject-exact-fin" | "patients-to-bcc" | "remove-reply-to" | "remove-no-reply-header" | "remove-misleading-names";

export interface Fix {
  readonly id: FixId;
  readonly label: Message;
}

export interface Finding {
  readonly code: FindingCode;
  readonly title: Message;
  /** What happens if the message is sent as it is, and what to do. */
  readonly explanation: Message;
  readonly fix?: Fix;
  /** The address concerned, for findings about one recipient. */
  readonly address?: string;
}

export interface SendVerdict {
  /** Every distinct patient among To, Cc and Bcc, in that order, address-book lists expanded. */
  readonly patientRecipients: readonly PatientRecipient[];
  /** Recipients that could not be turned into addresses (see `expand.ts`). */
  readonly unresolvedRecipients: readonly UnresolvedInField[];
  /** The message must not leave while there is one. */
  readonly blockers: readonly Finding[];
  /** The professional must confirm before sending. */
  readonly warnings: readonly Finding[];
  /** The full custom header list to set before sending, or null when nothing must change. */
  readonly headersPatch: { readonly customHeaders: CustomHeader[] } | null;
  /** The estimated size of the message as sent, in bytes. */
  readonly estimatedBytes: number;
  /** What the subject does if the message goes to a patient. */
  readonly closing: ClosingIntent;
}

/** The compose-details changes of a fix. */
export interface ComposePatch {
  subject?: string;
  to?: string[];
  cc?: string[];
  bcc?: string[];
  replyTo?: string[];
  customHeaders?: CustomHeader[];
}

const FIELDS: readonly RecipientField[] = ["to", "cc", "bcc"];

/** Checks a message before it leaves. Rules apply only when a recipient is a patient. Never throws. */
export function evaluateSend(input: SendInput, settings: GuardSettings): SendVerdict {
  const { patients, unresolved, misleading } = collectRecipients(input);
  const estimatedBytes = estimateMessageBytes({
    bodyBytes: input.bodyBytes,
    attachments: input.attachments,
    headerBytes: headerBytes(input),
  });
  const closing = closingIntent(input.subject);

  // A recipient that cannot be turned into addresses holds the message when it goes to a
  // patient, or when that recipient may itself stand for one. Otherwise it goes: ordinary
  // mail is never held because of the address book.
  const seen = new Set<string>();
  const holding = unresolved.filter((u) => {
    const id = JSON.stringify([u.field, u.label.trim().toLowerCase(), u.reason, u.via]);
    if (seen.has(id) || !(patients.length > 0 || u.mayReachPatient)) return false;
    seen.add(id);
    return true;
  });
  const unresolvedBlockers = holding.map((u) => ({ ...finding("recipient-unresolved", recipientUnresolvedText(u)), address: u.label }));

  if (patients.length === 0) {
    // Never send X-MSS-MES to anyone but a patient; but when some recipient could not be
    // resolved, whether it is one cannot be known: the user's choice is left alone.
    const strip = noReplyHeaders(input.customHeaders).length > 0 && unresolved.length === 0;
    return {
      patientRecipients: [],
      unresolvedRecipients: unresolved,
      blockers: unresolvedBlockers,
      warnings: [],
      headersPatch: strip ? { customHeaders: withNoReplyHeader(input.customHeaders, false) } : null,
      estimatedBytes,
      closing,
    };
  }

  const blockers: Finding[] = [...unresolvedBlockers];
  const warnings: Finding[] = [];

  if (!senderAllowed(input.from, settings.extraSenderDomains)) {
    const sender = senderAddress(input.from);
    const problem = sender === null ? "missing" : isPatientDomain(domainOf(sender)) ? "patient" : "outside";
    blockers.push(finding("sender-not-mssante", senderText(input.from, problem)));
  }

  for (const p of patients) {
    if (!p.check.valid) {
      blockers.push({ ...finding("patient-ins-invalid", insInvalidText(p.address, p.check, p.lists)), address: p.address });
    }
  }

  // Whenever a patient is visible (To, Cc), every other patient who receives the message,
  // in Bcc or through a list too, sees that patient's address.
  const visible = patients.filter((p) => p.fields.includes("to") || p.fields.includes("cc"));
  if (visible.length > 1) {
    blockers.push(finding("patients-see-each-other", patientsSeeEachOtherText(visible.length, listsOf(visible)), "patients-to-bcc"));
  } else if (visible.length === 1 && patients.length > 1) {
    const shown = visible.map((p) => p.display);
    blockers.push(finding("patients-see-each-other", patientSeenByOthersText(shown, patients.length - 1, listsOf(patients)), "patients-to-bcc"));
  }

  for (const m of misleading) {
    const text = displayNameOtherPatientText(m.name, m.address, m.via.slice(0, 1));
    blockers.push({ ...finding("display-name-other-patient", text, m.via.length === 0 ? "remove-misleading-names" : undefined), address: m.address });
  }

  if (closing === "malformed") {
    blockers.push(finding("subject-fin-malformed", subjectMalformedText(input.subject), "subject-exact-fin"));
  }

  const limit = limitOf(settings);
  if (estimatedBytes > limit) {
    blockers.push(finding("message-too-large", tooLargeText(estimatedBytes, limit)));
  }

  const odd = input.attachments.filter((a) => !isPreferredPatientFormat(a.name, a.type)).map((a) => a.name);
  if (odd.length > 0) warnings.push(finding("attachment-format", attachmentFormatText(odd)));

  const replyTo = strayReplyTo(input);
  if (replyTo.length > 0) warnings.push(finding("reply-to-set", replyToText(replyTo), "remove-reply-to"));

  let headersPatch: SendVerdict["headersPatch"] = null;
  const mes = noReplyHeaders(input.customHeaders);
  const unknown = mes.filter((h) => h.value.trim().toUpperCase() !== "FIN").map((h) => h.value);
  if (unknown.length > 0) {
    warnings.push(finding("no-reply-header-value", noReplyHeaderValueText(unknown), "remove-no-reply-header"));
  } else if (mes.length > 0 && !isNoReplyHeaderCanonical(input.customHeaders)) {
    // " fin", a duplicate…: the intent is clear, write the exact header.
    headersPatch = { customHeaders: withNoReplyHeader(input.customHeaders, true) };
  }

  return { patientRecipients: patients, unresolvedRecipients: unresolved, blockers, warnings, headersPatch, estimatedBytes, closing };
}

/** The compose-details changes that carry out a fix. */
export function applyFix(input: SendInput, fixId: FixId): ComposePatch {
  switch (fixId) {
    case "subject-exact-fin":
      return { subject: FIN_SUBJECT };
    case "remove-reply-to":
      return { replyTo: [] };
    case "remove-no-reply-header":
      return { customHeaders: withNoReplyHeader(input.customHeaders, false) };
    case "patients-to-bcc":
      return patientsToBcc(input);
    case "remove-misleading-names":
      return withoutMisleadingNames(input);
  }
}

/**
 * A short string that changes whenever something the warnings depend on changes: sender,
 * recipients (addresses, whatever their order or display name), Reply-To, attachments
 * (name, type, size) and custom headers. Subject and body do not count. Used to remember
 * that the professional already accepted the warnings of this very message.
 */
export function verdictFingerprint(input: SendInput): string {
  // Lists count by what they hold: a list that changed is a new message to confirm.
  const addresses = (field: RecipientField): string[] =>
    entriesOf(input, field)
      .flatMap((e) => {
        const r = resolveEntry(e, input.directory);
        return [...r.reached.map((m) => m.address.toLowerCase()), ...r.unresolved.map((u) => `?${u.label}`)];
      })
      .sort();
  const canonical = JSON.stringify([
    senderAddress(input.from)?.toLowerCase() ?? input.from,
    addresses("to"),
    addresses("cc"),
    addresses("bcc"),
    input.replyTo.flatMap((e) => parseRecipients(e).map((m) => m.address.toLowerCase())).sort(),
    input.attachments.map((a) => [a.name, a.type ?? "", a.size]),
    input.customHeaders.map((h) => [h.name.toLowerCase(), h.value]),
  ]);
  return `v1-${hash53(canonical, 0x9e3779b9).toString(36).padStart(11, "0")}${hash53(canonical, 0x85ebca6b).toString(36).padStart(11, "0")}`;
}

function finding(code: FindingCode, text: TitledText, fixId?: FixId): Finding {
  const base = { code, title: text.title, explanation: text.explanation };
  return fixId === undefined ? base : { ...base, fix: { id: fixId, label: FIX_LABELS[fixId] } };
}

function patientKey(address: string, check: InsCheck): string {
  return check.valid ? check.ins : address.trim().toLowerCase();
}

/** The entries of a field: the text ones, then those given as address-book entries. */
function entriesOf(input: SendInput, field: RecipientField): RecipientEntry[] {
  const nodes = (input.recipientNodes ?? []).filter((n) => n.field === field).map((n) => n.node);
  return [...input[field], ...nodes];
}

/** True when some recipient of the message cannot be judged without the address book. */
export function recipientsNeedDirectory(input: Pick<SendInput, "to" | "cc" | "bcc" | "recipientNodes">): boolean {
  return (input.recipientNodes ?? []).length > 0 || FIELDS.some((field) => input[field].some((e) => needsDirectory(e)));
}

/** What of the address book judging these recipients needs read (see `DirectoryNeeds`). */
export function directoryNeedsOf(input: Pick<SendInput, "to" | "cc" | "bcc" | "recipientNodes">): DirectoryNeeds {
  const entries = FIELDS.flatMap((field) => input[field]);
  const nodes = (input.recipientNodes ?? []).map((n) => n.node);
  const contactIds = [...new Set(nodes.filter((n) => n.type === "contact").map((n) => n.id))];
  return { entries, contactIds };
}

interface PatientEntry {
  address: string;
  name: string;
  display: string;
  fields: RecipientField[];
  check: InsCheck;
  lists: string[];
}

/** A recipient whose display name shows another patient's address or INS (`nameShowsOtherPatient`). */
interface MisleadingName {
  readonly name: string;
  readonly address: string;
  readonly via: readonly string[];
}

/**
 * Every distinct patient (lists expanded: one patient reached twice is one), what could
 * not be resolved, and the recipients whose display name shows another patient.
 */
function collectRecipients(input: SendInput): { patients: PatientRecipient[]; unresolved: UnresolvedInField[]; misleading: MisleadingName[] } {
  const byKey = new Map<string, PatientEntry>();
  const unresolved: UnresolvedInField[] = [];
  const misleading = new Map<string, MisleadingName>();
  for (const field of FIELDS) {
    for (const entry of entriesOf(input, field)) {
      const resolution = resolveEntry(entry, input.directory);
      for (const u of resolution.unresolved) unresolved.push({ ...u, field });
      for (const m of resolution.reached) {
        if (nameShowsOtherPatient(m.name, m.address)) {
          misleading.set(JSON.stringify([m.name, m.address.toLowerCase()]), { name: m.name, address: m.address, via: m.via });
        }
        const check = patientOf(m.address);
        if (check === null) continue;
        const key = patientKey(m.address, check);
        const list = m.via[0];
        const known = byKey.get(key);
        if (known === undefined) {
          const name = cleanDisplayName(m.name);
          const display = name === "" ? m.address : `${name} <${m.address}>`;
          byKey.set(key, { address: m.address, name: m.name, display, fields: [field], check, lists: list === undefined ? [] : [list] });
          continue;
        }
        if (!known.fields.includes(field)) known.fields.push(field);
        if (list !== undefined && !known.lists.includes(list)) known.lists.push(list);
      }
    }
  }
  return { patients: [...byKey.values()], unresolved, misleading: [...misleading.values()] };
}

/** The lists through which these patients are reached, each with its patients. */
function listsOf(patients: readonly PatientRecipient[]): { name: string; patients: string[] }[] {
  const byName = new Map<string, string[]>();
  for (const p of patients) {
    for (const l of p.lists) byName.set(l, [...(byName.get(l) ?? []), p.display]);
  }
  return [...byName].map(([name, members]) => ({ name, patients: members }));
}

/** Reply-To addresses other than the sender's own (which changes nothing). */
function strayReplyTo(input: SendInput): string[] {
  const sender = senderAddress(input.from)?.toLowerCase();
  return input.replyTo.flatMap((e) => parseRecipients(e)).map((m) => m.address).filter((a) => a.toLowerCase() !== sender);
}

function limitOf(settings: GuardSettings): number {
  const max = settings.maxMessageBytes;
  return max !== undefined && Number.isFinite(max) && max > 0 ? max : PATIENT_MAX_MESSAGE_BYTES;
}

function headerBytes(input: SendInput): number {
  let bytes = utf8ByteLength(input.from) + utf8ByteLength(input.subject);
  for (const list of [input.to, input.cc, input.bcc, input.replyTo]) {
    for (const e of list) bytes += utf8ByteLength(e) + 4;
  }
  for (const h of input.customHeaders) bytes += utf8ByteLength(h.name) + utf8ByteLength(h.value) + 4;
  // Non-ASCII names and subjects are sent as encoded words, up to twice as long.
  return 2 * bytes;
}

/**
 * Moves every patient address out of To and Cc into Bcc. Other recipients keep their
 * place; an entry holding both kinds is split, each address keeping its display name.
 * A patient already in Bcc is not added twice.
 */
function patientsToBcc(input: SendInput): ComposePatch {
  const inBcc = new Set<string>();
  for (const e of input.bcc) {
    for (const m of resolveEntry(e, input.directory).reached) {
      const check = patientOf(m.address);
      inBcc.add(check === null ? m.address.toLowerCase() : patientKey(m.address, check));
    }
  }
  const moved: string[] = [];
  const keep = (entries: readonly string[]): string[] => {
    const kept: string[] = [];
    for (const entry of entries) {
      // A list is replaced by what it holds (as Thunderbird's "Expand List" does), so that
      // its patients can go to Bcc and everyone else stays where they were.
      const resolution: EntryResolution = resolveEntry(entry, input.directory);
      const mailboxes = resolution.reached;
      if (resolution.unresolved.length > 0 || !mailboxes.some((m) => isPatientAddress(m.address))) {
        kept.push(entry);
        continue;
      }
      for (const m of mailboxes) {
        const check = patientOf(m.address);
        if (check === null) {
          kept.push(unlistedRecipient(m.name, m.address, input.directory));
          continue;
        }
        const key = patientKey(m.address, check);
        if (!inBcc.has(key)) {
          inBcc.add(key);
          moved.push(formatRecipient(m.name, m.address));
        }
      }
    }
    return kept;
  };
  const to = keep(input.to);
  const cc = keep(input.cc);
  return { to, cc, bcc: [...input.bcc, ...moved] };
}

/**
 * `Name <address>` for a mailbox taken out of a list, or the bare address when that name
 * would make Thunderbird take it for a list again.
 */
function unlistedRecipient(name: string, address: string, read: DirectoryRead | undefined): string {
  const written = formatRecipient(name, address);
  return read?.ok === true && matchesAnyList(written, read.directory) ? formatRecipient("", address) : written;
}

/**
 * Drops the display names that show another patient (`nameShowsOtherPatient`) from the
 * recipients written in To, Cc and Bcc, each keeping its address. Entries holding a list
 * or a bare name are left as they are (a name in the address book is corrected there).
 */
function withoutMisleadingNames(input: SendInput): ComposePatch {
  const clean = (entries: readonly string[]): string[] =>
    entries.map((entry) => {
      const parts = parseRecipientParts(entry);
      if (!parts.some((p) => nameShowsOtherPatient(p.name, p.address)) || parts.some((p) => !p.address.includes("@"))) return entry;
      return parts.map((p) => formatRecipient(nameShowsOtherPatient(p.name, p.address) ? "" : p.name, p.address)).join(", ");
    });
  return { to: clean(input.to), cc: clean(input.cc), bcc: clean(input.bcc) };
}

/** cyrb53: a fast 53-bit string hash (not cryptographic; collisions only cost a re-confirmation). */
function hash53(s: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
