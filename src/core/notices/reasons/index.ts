/**
 * The causes of failure, in order of precedence: when a text names two causes with the same
 * strength, the one earlier in `TABLES` is reported.
 */
import { contentRejected } from "./content-rejected.js";
import { expired } from "./expired.js";
import { hostUnknown } from "./host-unknown.js";
import { invalidAddress } from "./invalid-address.js";
import { mailboxClosed } from "./mailbox-closed.js";
import { mailboxFull } from "./mailbox-full.js";
import { messageTooLarge } from "./message-too-large.js";
import { networkError } from "./network-error.js";
import { other } from "./other.js";
import { senderRejected } from "./sender-rejected.js";
import type { ReasonTable } from "./table.js";
import { temporary } from "./temporary.js";
import { unknownRecipient } from "./unknown-recipient.js";

export { PATIENT_PLATFORM_CLOSED } from "./mailbox-closed.js";
export type { ReasonTable } from "./table.js";

/** Every cause, most specific first. */
export const TABLES: readonly ReasonTable[] = [
  mailboxClosed,
  mailboxFull,
  messageTooLarge,
  unknownRecipient,
  invalidAddress,
  contentRejected,
  senderRejected,
  hostUnknown,
  expired,
  networkError,
  temporary,
  other,
];

