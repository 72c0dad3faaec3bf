/**
 * The compose window, as the rest of the add-on sees it. The only module that calls
 * `messenger.compose`; what Thunderbird returns is parsed, never trusted as typed.
 */
import { tb } from "./thunderbird.js";
import * as z from "zod/mini";
import type { FieldNode, NodeRef, RecipientField } from "../core/compose/index.js";

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

export const composeDetailsSchema = z.object({
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

export async function sendNow(tabId: number): Promise<void> {
  await messenger.compose.sendMessage(tabId, { mode: "sendNow" });
}

export type BeforeSendResult = { cancel: true } | { details: ComposePatch } | Record<string, never>;

/** Registers the send guard. Must be called synchronously at the top of the background. */
export function onBeforeSend(listener: (tabId: number, windowId: number | undefined, details: unknown) => Promise<BeforeSendResult>): void {
  tb().compose.onBeforeSend.addListener(async (tab, details): Promise<BeforeSendResult> => {
    if (tab.id === undefined) return {};
    return listener(tab.id, tab.windowId, details);
  });
}
