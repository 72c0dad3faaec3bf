/**
 * "Clore…" on a line of the exchanges view, once the user confirmed, run by the background
 * page (asked through `close-contract.ts`): the message the line named is looked up again
 * by its Message-ID (it must still be in the mail, and still be that patient's), then the
 * one close use case runs on it (`closeConversation`: to the patient only, from the right
 * identity, subject exactly [FIN], not on an exchange the mail shows closed, one message
 * however many clicks — the claims live in this page, with the header button's).
 */
import { listIdentities } from "../../adapters/accounts.js";
import { queryMessages, type MessageHeader } from "../../adapters/messages.js";
import { onPageMessage } from "../../adapters/runtime.js";
import { bracketId, conversationPatient } from "../../core/conversation/index.js";
import type { CloseResult } from "../../core/exchanges/index.js";
import { closeConversation, realCloseDeps, type CloseDeps, type CloseOutcome } from "../conversation/close.js";
import { closeRequestSchema, type CloseRequest } from "./close-contract.js";

export interface CloseLineDeps {
  /** The messages with that Message-ID (every copy), in any folder. */
  messagesById(headerMessageId: string): Promise<readonly MessageHeader[]>;
  ownAddresses(): Promise<string[]>;
  close(message: MessageHeader): Promise<CloseOutcome>;
}

async function messagesById(headerMessageId: string): Promise<readonly MessageHeader[]> {
  const page = await queryMessages({ headerMessageId });
  return page?.headers ?? [];
}

export function realCloseLineDeps(closeDeps: CloseDeps = realCloseDeps): CloseLineDeps {
  return {
    messagesById,
    ownAddresses: async () => (await listIdentities()).map((identity) => identity.email),
    close: (message) => closeConversation(message, closeDeps),
  };
}

function resultOf(outcome: CloseOutcome): CloseResult {
  switch (outcome.outcome) {
    case "sent":
      return { result: "sent" };
    case "review":
      return { result: "review" };
    case "queued":
      return { result: "queued" };
    case "already-closed":
      return { result: "already-closed", on: outcome.on };
    case "duplicate":
      return { result: "duplicate" };
    case "not-closable":
      return { result: "not-closable" };
    case "not-started":
    case "send-failed":
      return { result: "failed", error: outcome.error };
  }
}

/** Closes the exchange of `request.ins` by answering the message `request.headerMessageId`. */
export async function closeFromLine(request: Pick<CloseRequest, "headerMessageId" | "ins">, deps: CloseLineDeps = realCloseLineDeps()): Promise<CloseResult> {
  const wanted = bracketId(request.headerMessageId);
  if (wanted === "") return { result: "gone" };
  const found = (await deps.messagesById(wanted.slice(1, -1))).filter((m) => bracketId(m.headerMessageId) === wanted);
  const [message] = found;
  if (message === undefined) return { result: "gone" };
  // The line is about one patient: the message must still be that patient's (and only theirs).
  const lookup = conversationPatient(message, await deps.ownAddresses());
  if (!lookup.ok || lookup.patient.ins !== request.ins) return { result: "not-closable" };
  return resultOf(await deps.close(message));
}

/** The view's close requests (`close-contract.ts`); other messages are left to whoever handles them. */
export function answerCloseRequests(deps: () => CloseLineDeps = () => realCloseLineDeps()): void {
  onPageMessage(({ message: raw }) => {
    const parsed = closeRequestSchema.safeParse(raw);
    if (!parsed.success) return undefined;
    return closeFromLine(parsed.data, deps()).catch((error: unknown): CloseResult => ({ result: "failed", error: error instanceof Error ? error.message : String(error) }));
  });
}
