/** A stored bounce from a closed Mon espace santé mailbox, for the banner and notice tests. */
import type { NoticeRecord, RecordRecipient } from "../../../src/core/notice-records/index.js";

/** The patient whose mailbox is closed. */
export const CLOSED_MAILBOX_ADDRESS = "295109912611193@patient.mssante.fr";

/** The recipient of that bounce: failed, 5.2.1, mailbox closed, a valid INS; then `over`. */
export function closedMailboxRecipient(over: Partial<RecordRecipient> = {}): RecordRecipient {
  return {
    address: CLOSED_MAILBOX_ADDRESS,
    action: "failed",
    status: "5.2.1",
    reason: "mailbox-closed",
    ins: "295109912611193",
    insValid: true,
    disposition: null,
    dispositionError: false,
    date: null,
    ...over,
  };
}

/** The bounce as the add-on stores it (version 2), dated 25 November 2026; then `over`. */
export function closedMailboxBounce(over: Partial<NoticeRecord> = {}): NoticeRecord {
  return {
    v: 2,
    id: "ndr-1@mx.example",
    kind: "bounce",
    date: "2026-11-25T09:15:00.000Z",
    accountId: null,
    folderPath: null,
    originalId: "cr-1@medecin.mssante.fr",
    originalDate: null,
    recipients: [closedMailboxRecipient()],
    receiptCheck: null,
    handled: null,
    stored: "2026-11-25T09:16:00.000Z",
    moreRecipients: 0,
    ...over,
  };
}
