/** Opening a reply to a message and writing its fields, for replies the add-on prepares. */
import * as z from "zod/mini";

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

/** Sends the compose tab now; resolves with the sent Message-ID (rejects when cancelled or failed). */
export async function sendReplyNow(tabId: number): Promise<string> {
  const result = z
    .looseObject({ headerMessageId: z.optional(z.string()) })
    .safeParse(await messenger.compose.sendMessage(tabId, { mode: "sendNow" }));
  return result.success ? (result.data.headerMessageId ?? "") : "";
}
