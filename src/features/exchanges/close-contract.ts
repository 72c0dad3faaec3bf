/**
 * What the exchanges view asks the background page when the user confirmed "Clore…" on a
 * line, and what it answers (`runtime` messages, parsed with zod/mini on both sides). The
 * close runs in the background, where the header button, the context menu and the keyboard
 * shortcut run theirs: one page holds the claims, so one [FIN] goes however the close is
 * asked for at the same moment.
 */
import * as z from "zod/mini";
import { sendToAddon } from "../../adapters/runtime.js";
import type { CloseResult } from "../../core/exchanges/index.js";

export const closeRequestSchema = z.object({
  type: z.literal("exchanges.close"),
  /** The Message-ID of the message the [FIN] answers (the line's `answer`). */
  headerMessageId: z.string().check(z.minLength(1)),
  /** The patient the line is about: the message must still be that patient's. */
  ins: z.string().check(z.regex(/^[0-9AB]{15}$/)),
});

export type CloseRequest = z.output<typeof closeRequestSchema>;

export const closeAnswerSchema = z.discriminatedUnion("result", [
  z.object({ result: z.literal("sent") }),
  z.object({ result: z.literal("review") }),
  z.object({ result: z.literal("queued") }),
  z.object({ result: z.literal("already-closed"), on: z.number() }),
  z.object({ result: z.literal("duplicate") }),
  z.object({ result: z.literal("gone") }),
  z.object({ result: z.literal("not-closable") }),
  z.object({ result: z.literal("failed"), error: z.string() }),
]);

/** Asks the background to close the exchange by answering that message; its outcome. */
export async function requestLineClose(line: { readonly ins: string }, answer: { readonly headerMessageId: string }): Promise<CloseResult> {
  const request = closeRequestSchema.safeParse({ type: "exchanges.close", headerMessageId: answer.headerMessageId.trim(), ins: line.ins });
  // A message without a Message-ID cannot be found again: nothing is asked, nothing sent
  // (the user is sent to the patient's message, where the header button closes).
  if (!request.success) return { result: "not-closable" };
  return closeAnswerSchema.parse(await sendToAddon(request.data));
}
