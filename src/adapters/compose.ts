/**
 * The compose window, as the rest of the add-on sees it: its details, attachments, sending,
 * the replies the add-on opens, and the send events. The only module that calls
 * `messenger.compose`; what Thunderbird returns is parsed, never trusted as typed.
 */
import { tb } from "./thunderbird.js";
import * as z from "zod/mini";
import type { FieldNode, NodeRef, RecipientField } from "../core/compose/index.js";
import { parseHeader, type MessageHeader } from "./messages.js";
import { composeTabExists } from "./tabs.js";

const recipientList = z.pipe(
  z.optional(z.union([z.string(), z.array(z.unknown())])),
  z.transform((value: string | unknown[] | undefined): string[] => {
    if (value === undefined) return [];
    const list = typeof value === "string" ? [value] : value;
    return list.filter((entry): entry is string => typeof entry === "string" && entry.trim() !== "");
  }),
);

const text = z._default(z.string(), "");
const flag = z._default(z.boolean(), false);

const composeDetailsSchema = z.object({
  from: text,
  identityId: z.optional(z.string()),
  to: recipientList,
  cc: recipientList,
  bcc: recipientList,
  replyTo: recipientList,
  subject: text,
  body: text,
  plainTextBody: text,
  isPlainText: flag,
  customHeaders: z._default(z.array(z.object({ name: z.string(), value: z.string() })), () => []),
  returnReceipt: flag,
  type: z.optional(z.string()),
});

const nodeSchema = z.object({ id: z.string(), type: z.enum(["contact", "mailingList"]) });

/**
 * The recipients given as address-book entries (`{id, type}`) instead of text. Anything
 * else that is not text is kept as an entry that cannot be found, so that it is never
 * silently dropped from the check.
 */
function nodesOf(raw: unknown): FieldNode[] {
  if (typeof raw !== "object" || raw === null) return [];
  const out: FieldNode[] = [];
  for (const field of ["to", "cc", "bcc"] as const satisfies readonly RecipientField[]) {
    const value: unknown = Reflect.get(raw, field);
    const list: unknown[] = Array.isArray(value) ? value : value === undefined || typeof value === "string" ? [] : [value];
    for (const entry of list) {
      if (typeof entry === "string") continue;
      const parsed = nodeSchema.safeParse(entry);
      const node: NodeRef = parsed.success ? parsed.data : { id: JSON.stringify(entry ?? null).slice(0, 80), type: "contact" };
      out.push({ field, node });
    }
  }
  return out;
}

export type ComposeSnapshot = z.output<typeof composeDetailsSchema> & { readonly recipientNodes: readonly FieldNode[] };

/** What may be written back: always the whole list for custom headers. */
export interface ComposePatch {
  to?: string[];
  cc?: string[];
  bcc?: string[];
  replyTo?: string[];
  subject?: string;
  returnReceipt?: boolean;
  customHeaders?: { name: string; value: string }[];
}

export interface AttachmentInfo {
  readonly name: string;
  readonly size: number;
}

export function parseComposeDetails(raw: unknown): ComposeSnapshot {
  return { ...composeDetailsSchema.parse(raw), recipientNodes: nodesOf(raw) };
}

export async function getComposeDetails(tabId: number): Promise<ComposeSnapshot> {
  return parseComposeDetails(await messenger.compose.getComposeDetails(tabId));
}

export async function setComposeDetails(tabId: number, patch: ComposePatch): Promise<void> {
  await messenger.compose.setComposeDetails(tabId, patch);
}

const attachmentSchema = z.object({ name: z.optional(z.string()), size: z.optional(z.number()) });

export async function listAttachments(tabId: number): Promise<AttachmentInfo[]> {
  const raw: unknown = await messenger.compose.listAttachments(tabId);
  return z
    .array(attachmentSchema)
    .parse(raw)
    .map((a) => ({ name: a.name ?? "", size: a.size ?? 0 }));
}

/** What became of a message handed to Thunderbird to send: gone now, or put in the Outbox (offline). */
export interface SendResult {
  /** True: the message is in the Outbox — Thunderbird offline (Send Later), or sending it in the background. */
  readonly queued: boolean;
  /**
   * True: Thunderbird sends it in the background (its "send in background" setting): it went to
   * the Outbox and leaves from there; Thunderbird does not say when, nor whether it was refused.
   */
  readonly background?: boolean;
  /** The Message-ID of the sent message, or of its copy in the Outbox; "" when not given. */
  readonly headerMessageId: string;
}

const sendResultSchema = z.looseObject({
  mode: z._default(z.string(), ""),
  headerMessageId: z.optional(z.string()),
  messages: z._default(z.array(z.looseObject({ headerMessageId: z.optional(z.string()) })), () => []),
});

/** How often a send's compose window is looked at, and how long a send may still answer once it closed. */
export interface SendTiming {
  readonly pollMs: number;
  readonly answerMs: number;
}

/**
 * Thunderbird answers a send as its compose window closes; sending in the background, it closes
 * the window once the message is in the Outbox and never answers (seen on 153).
 */
const SEND_TIMING: SendTiming = { pollMs: 200, answerMs: 3_000 };

function parseSendResult(raw: unknown): SendResult {
  const parsed = sendResultSchema.safeParse(raw);
  if (!parsed.success) return { queued: false, headerMessageId: "" };
  const queued = parsed.data.mode === "sendLater";
  const copy = parsed.data.messages.find((m) => m.headerMessageId !== undefined)?.headerMessageId;
  return { queued, headerMessageId: (queued ? copy : parsed.data.headerMessageId) ?? "" };
}

const pause = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Sends the compose tab as Thunderbird's Send button does: now when online; offline, into the
 * Outbox (Thunderbird refuses "send now" offline); with Thunderbird's "send in background"
 * setting, through the Outbox (`background`: the window closed without an answer). Rejects
 * when cancelled or failed.
 */
export async function sendOrQueue(tabId: number, timing: SendTiming = SEND_TIMING): Promise<SendResult> {
  const answer = { given: false };
  // Without a mode, Thunderbird sends now, or later when it is offline (and says which).
  const sending = Promise.resolve(messenger.compose.sendMessage(tabId)).finally(() => {
    answer.given = true;
  });
  // Answered (or failed) after the window was taken for handed over: nothing more to say.
  sending.catch(() => undefined);
  const answered = (): boolean => answer.given;
  const handedOver = (async (): Promise<SendResult | null> => {
    while (!answered() && (await composeTabExists(tabId))) await pause(timing.pollMs);
    if (answered()) return null;
    await pause(timing.answerMs);
    return answered() ? null : { queued: true, background: true, headerMessageId: "" };
  })();
  const first = await Promise.race([sending.then(parseSendResult), handedOver]);
  return first ?? parseSendResult(await sending);
}

/** Thunderbird said the message was sent, but it is still in its compose window: the server refused it. */
export class SendNotConfirmed extends Error {
  constructor() {
    // Thunderbird's own words for a send that did not go.
    super("Message operation failed");
  }
}

/**
 * Whether a compose tab is still open a moment after its send "succeeded": a message that went
 * closes its window as the send ends (looked at for up to 3 s); one the server refused stays.
 */
export async function stillComposingAfterSend(tabId: number): Promise<boolean> {
  for (let tries = 0; tries < 30; tries++) {
    if (!(await composeTabExists(tabId))) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return composeTabExists(tabId);
}

/**
 * Sends as Thunderbird's Send button does (`sendOrQueue`), and rejects with `SendNotConfirmed`
 * when nothing went: Thunderbird 153 resolves a send the server refused as if it had gone,
 * without the Message-ID a real send gives, and leaves the message in its window.
 */
export async function sendConfirmed(tabId: number, timing: SendTiming = SEND_TIMING): Promise<SendResult> {
  const result = await sendOrQueue(tabId, timing);
  if (!result.queued && result.headerMessageId === "" && (await stillComposingAfterSend(tabId))) throw new SendNotConfirmed();
  return result;
}

export type BeforeSendResult = { cancel: true } | { details: ComposePatch } | Record<string, never>;

/** Registers the send guard. Must be called synchronously at the top of the background. */
export function onBeforeSend(listener: (tabId: number, windowId: number | undefined, details: unknown) => Promise<BeforeSendResult>): void {
  tb().compose.onBeforeSend.addListener(async (tab, details): Promise<BeforeSendResult> => {
    if (tab.id === undefined) return {};
    return listener(tab.id, tab.windowId, details);
  });
}

const sendInfoSchema = z.object({
  mode: z._default(z.string(), ""),
  error: z.optional(z.string()),
  // null: a send now the server refused (Thunderbird 153 answers it without an error).
  headerMessageId: z.optional(z.nullable(z.string())),
  messages: z._default(z.array(z.unknown()), () => []),
});

/** `compose.onAfterSend`: a message left (or failed to). */
export interface AfterSend {
  readonly mode: string;
  readonly error: string | null;
  readonly headerMessageId: string | null;
  /** The saved copies of the sent message (147+; empty when none was saved or not yet). */
  readonly copies: readonly MessageHeader[];
}

type AfterSendListener = (tabId: number, info: AfterSend) => void;

/** The add-on's listeners, by the event Thunderbird was given one listener on for all of them. */
const afterSendListeners = new WeakMap<object, AfterSendListener[]>();

/**
 * Calls `listener` after each send. Thunderbird is given one listener for all of the add-on's:
 * with two on `onAfterSend`, Thunderbird 140 did not send the messages that followed (seen in
 * its end-to-end test). A listener that throws does not stop the others.
 */
export function onAfterSend(listener: AfterSendListener): void {
  const event = tb().compose.onAfterSend;
  const known = afterSendListeners.get(event);
  if (known !== undefined) {
    known.push(listener);
    return;
  }
  const listeners: AfterSendListener[] = [listener];
  afterSendListeners.set(event, listeners);
  event.addListener((tab, raw) => {
    if (tab.id === undefined) return;
    const parsed = sendInfoSchema.safeParse(raw);
    if (!parsed.success) return;
    const info: AfterSend = {
      mode: parsed.data.mode,
      error: parsed.data.error ?? null,
      headerMessageId: parsed.data.headerMessageId ?? null,
      copies: parsed.data.messages.map(parseHeader).filter((m): m is MessageHeader => m !== null),
    };
    for (const each of listeners) {
      try {
        each(tab.id, info);
      } catch (error) {
        console.error("MSSanté Patient: a listener of a send failed", error);
      }
    }
  });
}

/** The fields of a reply the add-on prepares. */
export interface ReplyFields {
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly subject: string;
  /** Plain text; turned into HTML by the caller when the message is HTML. */
  readonly plainTextBody?: string;
  readonly body?: string;
  readonly returnReceipt: boolean;
}

/** Opens Thunderbird's own reply to the sender (it keeps In-Reply-To and References). */
export async function beginReplyToSender(messageId: number, identityId: string | null): Promise<number> {
  const details: messenger.compose.ComposeDetails = identityId === null ? {} : { identityId };
  const tab = z.object({ id: z.number() }).parse(await messenger.compose.beginReply(messageId, "replyToSender", details));
  return tab.id;
}

/** Whether the compose tab writes plain text. */
export async function isPlainText(tabId: number): Promise<boolean> {
  const details = z.object({ isPlainText: z._default(z.boolean(), false) }).parse(await messenger.compose.getComposeDetails(tabId));
  return details.isPlainText;
}

export async function setReplyFields(tabId: number, fields: ReplyFields): Promise<void> {
  const details: messenger.compose.ComposeDetails = {
    to: [...fields.to],
    cc: [...fields.cc],
    bcc: [...fields.bcc],
    subject: fields.subject,
    returnReceipt: fields.returnReceipt,
  };
  if (fields.plainTextBody !== undefined) details.plainTextBody = fields.plainTextBody;
  if (fields.body !== undefined) details.body = fields.body;
  await messenger.compose.setComposeDetails(tabId, details);
}
