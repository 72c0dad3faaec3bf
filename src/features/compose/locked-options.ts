/**
 * What an administrator's LOCKED settings impose on every message to a patient.
 *
 * A locked `readReceiptDefault: true` means every message to a patient requests a read
 * receipt: the compose popup shows the option ticked and disabled, and the send guard
 * requests it even when the user turned it off elsewhere (Thunderbird's own Options menu).
 * The same holds for a locked `noReplyDefault: true` (header `X-MSS-MES: FIN`).
 *
 * A locked `false` only fixes the default (nothing is ticked for the user); it does not
 * forbid the option on one message: refusing a receipt or a no-reply message protects no one.
 */
import type { SettingEntries } from "../../core/settings/index.js";

export interface EnforcedOptions {
  /** Every message to a patient requests a read receipt. */
  readonly receipt: boolean;
  /** Every message to a patient carries `X-MSS-MES: FIN`. */
  readonly noReply: boolean;
}

export const NOTHING_ENFORCED: EnforcedOptions = Object.freeze({ receipt: false, noReply: false });

export function enforcedOptions(entries: Pick<SettingEntries, "readReceiptDefault" | "noReplyDefault">): EnforcedOptions {
  return {
    receipt: entries.readReceiptDefault.locked && entries.readReceiptDefault.value,
    noReply: entries.noReplyDefault.locked && entries.noReplyDefault.value,
  };
}
