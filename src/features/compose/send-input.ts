/** Turns what Thunderbird says about a compose tab into the pure core's input. */
import type { AttachmentInfo, ComposeSnapshot } from "../../adapters/compose.js";
import type { DirectoryRead, SendInput } from "../../core/compose/index.js";

const encoder = new TextEncoder();

export function toSendInput(details: ComposeSnapshot, attachments: readonly AttachmentInfo[], directory?: DirectoryRead): SendInput {
  const body = details.isPlainText ? details.plainTextBody : details.body;
  return {
    from: details.from,
    to: details.to,
    cc: details.cc,
    bcc: details.bcc,
    replyTo: details.replyTo,
    subject: details.subject,
    bodyBytes: encoder.encode(body).length,
    attachments: attachments.map((a) => ({ name: a.name, size: a.size })),
    customHeaders: details.customHeaders,
    returnReceipt: details.returnReceipt,
    ...(details.recipientNodes.length > 0 ? { recipientNodes: details.recipientNodes } : {}),
    ...(directory === undefined ? {} : { directory }),
  };
}
