/**
 * The mail a conversation's state is computed from: the `[FIN]` messages to a patient that
 * the mail store holds (Sent folders of every account, or wherever the user filed them), and
 * the thread headers (`References`, `In-Reply-To`) of a message. One `messages.query` per
 * displayed message, then the headers of the few messages it finds.
 */
import * as z from "zod/mini";
import type { SentMessage } from "../core/conversation/index.js";
import { parseMessageIds } from "../core/conversation/index.js";

const headerSchema = z.object({
  id: z.number(),
  headerMessageId: z._default(z.string(), ""),
  subject: z._default(z.string(), ""),
  recipients: z._default(z.array(z.string()), () => []),
  ccList: z._default(z.array(z.string()), () => []),
  bccList: z._default(z.array(z.string()), () => []),
  date: z.optional(z.union([z.date(), z.number(), z.string()])),
});

const pageSchema = z.object({
  id: z.optional(z.nullable(z.string())),
  messages: z._default(z.array(z.unknown()), () => []),
});

/** How many [FIN] to one patient are read at most (one per closed conversation). */
const MAX_CLOSINGS = 200;

export function toMillis(value: Date | number | string | undefined): number {
  if (value === undefined) return Number.NaN;
  return value instanceof Date ? value.getTime() : new Date(value).getTime();
}

const headersSchema = z.record(z.string(), z.union([z.array(z.string()), z.string()]));

function idsOf(raw: unknown, names: readonly string[]): string[] {
  const parsed = headersSchema.safeParse(raw);
  if (!parsed.success) return [];
  const out: string[] = [];
  for (const [name, value] of Object.entries(parsed.data)) {
    if (!names.includes(name.toLowerCase())) continue;
    for (const v of typeof value === "string" ? [value] : value) out.push(...parseMessageIds(v));
  }
  return out;
}

type MessagesApi = Record<string, unknown>;

function call(name: string, ...args: unknown[]): Promise<unknown> {
  const api = messenger.messages as unknown as MessagesApi;
  const fn = api[name];
  if (typeof fn !== "function") return Promise.reject(new Error(`messages.${name} is not available`));
  return Promise.resolve((fn as (...a: unknown[]) => unknown).apply(messenger.messages, args));
}

/** The ids of a message's `In-Reply-To` and `References` (getHeaders on 147+, else getFull). */
export async function threadReferences(messageId: number): Promise<string[]> {
  const names = ["references", "in-reply-to"];
  if ("getHeaders" in (messenger.messages as object)) return idsOf(await call("getHeaders", messageId), names);
  const full = z.object({ headers: z.optional(z.unknown()) }).safeParse(await call("getFull", messageId));
  return full.success ? idsOf(full.data.headers, names) : [];
}

/**
 * Every message in the store with the subject exactly `[FIN]` and the patient among its
 * recipients. Their thread headers are read only for those dated before `threadsBefore`
 * (a later [FIN] closes the conversation whatever its thread).
 */
export async function closingMessagesTo(patientAddress: string, threadsBefore: number): Promise<SentMessage[]> {
  const found: z.output<typeof headerSchema>[] = [];
  let page = pageSchema.parse(await call("query", { subject: "[FIN]", recipients: patientAddress }));
  for (;;) {
    for (const entry of page.messages) {
      const header = headerSchema.safeParse(entry);
      if (header.success && header.data.subject === "[FIN]") found.push(header.data);
    }
    if (page.id === undefined || page.id === null || found.length >= MAX_CLOSINGS) break;
    page = pageSchema.parse(await call("continueList", page.id));
  }
  if (page.id !== undefined && page.id !== null) await call("abortList", page.id).catch(() => undefined);
  return Promise.all(
    found.map(async (m) => {
      const date = toMillis(m.date);
      const references = date >= threadsBefore ? [] : await threadReferences(m.id).catch(() => []);
      return {
        headerMessageId: m.headerMessageId,
        date,
        subject: m.subject,
        recipients: m.recipients,
        ccList: m.ccList,
        bccList: m.bccList,
        references,
      };
    }),
  );
}
