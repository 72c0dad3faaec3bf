/**
 * What the banner at the top of a displayed message shows: nothing on an encrypted message,
 * the notice banner on a bounce, delay or read receipt the add-on knows (stored, or
 * classified now and stored like new mail), else the patient banner on a message from or
 * to a patient. Each banner can be turned off in the settings (`patientBanner`,
 * `noticeBanner`). Every effect goes through `BannerDeps`, so that it is tested without
 * Thunderbird.
 */
import type { MessageHeader } from "../../adapters/messages.js";
import { isEncryptedMessage, noticeBanner, patientBanner, type BannerExchangeState, type BannerModel, type DateContext } from "../../core/banners/index.js";
import { conversationPatient, type ConversationPatient, type ConversationState } from "../../core/conversation/index.js";
import type { NoticeRecord } from "../../core/notice-records/index.js";
import type { HeaderField } from "../../core/notices/index.js";
import type { Settings } from "../../core/settings/index.js";

/** A notice found for the displayed message, with the recipient's name when the sent message gives it. */
export interface FoundNotice {
  readonly record: NoticeRecord;
  readonly name: string | null;
  /**
   * False: classified now but not kept (the message is in the Trash, Junk…): explained, with
   * nothing offered that acts on a stored notice (mark as handled, the panel's entry).
   */
  readonly stored?: boolean;
}

/** The exchange's state, and who sent the [FIN] that closed it (its `From`, "" when not known). */
export interface StateAndCloser {
  readonly state: ConversationState;
  readonly closedBy: string;
  /**
   * The exchange is not closed but a [FIN] to the patient from the user waits in the Outbox,
   * dated then (Send Later, or Thunderbird offline; found in the mail, so after a restart too).
   */
  readonly waitingSince?: number;
}

export interface BannerDeps {
  settings(): Promise<Pick<Settings, "patientBanner" | "noticeBanner">>;
  /** The addresses of the user's identities. */
  ownAddresses(): Promise<string[]>;
  /** The displayed message's top-level header fields (at least `Content-Type`, `From`, `Subject`). */
  headers(message: MessageHeader): Promise<HeaderField[]>;
  /** The notice this message is, stored or classified now; null for ordinary mail. */
  notice(message: MessageHeader, headers: readonly HeaderField[]): Promise<FoundNotice | null>;
  state(message: MessageHeader, patient: ConversationPatient, ownAddresses: readonly string[], now: number): Promise<StateAndCloser>;
  /**
   * A [FIN] answering this message in this session (its claim), whichever way it was asked
   * for: `sent` (its copy in the Sent folder may not be indexed yet) or `queued` (it waits in
   * the Outbox, Thunderbird being offline: not sent); null when none (or only being prepared).
   */
  finClaim(message: MessageHeader): Promise<{ readonly status: "sent" | "queued"; readonly at: number } | null>;
  now(): number;
  dates(now: number): DateContext;
}

export async function bannerFor(message: MessageHeader, deps: BannerDeps): Promise<BannerModel | null> {
  const settings = await deps.settings();
  if (!settings.patientBanner && !settings.noticeBanner) return null;
  const headers = await deps.headers(message);
  if (isEncryptedMessage(headers)) return null;
  const now = deps.now();
  const dates = deps.dates(now);

  const found = await deps.notice(message, headers);
  if (found !== null) {
    if (!settings.noticeBanner) return null;
    const model = noticeBanner(found.record, found.name, dates);
    return model === null || found.stored !== false ? model : { ...model, actions: [] };
  }

  if (!settings.patientBanner) return null;
  const own = await deps.ownAddresses();
  const lookup = conversationPatient(message, own);
  if (!lookup.ok) return null;
  let known: StateAndCloser;
  try {
    known = await deps.state(message, lookup.patient, own, now);
  } catch (error) {
    // As the header button: a state that cannot be read shows the exchange open (the close
    // reads it again, and the send guard still applies).
    console.error("MSSanté Patient: reading the exchange state failed", error);
    known = { state: { state: "open" }, closedBy: "" };
  }
  let shown: BannerExchangeState = known.state;
  if (known.state.state === "open") {
    // Closed a moment ago (header button, menu, shortcut, banner, exchanges view): the [FIN]
    // is sent even if the Sent folder does not show it yet. Or it waits in the Outbox: not
    // closed, not open for another close either.
    const claim = await deps.finClaim(message);
    if (claim?.status === "sent") {
      shown = { state: "closed", on: claim.at, closingMessageId: "" };
      known = { state: shown, closedBy: "" };
    } else if (claim?.status === "queued") shown = { state: "closing", since: claim.at };
    else if (known.waitingSince !== undefined) shown = { state: "closing", since: known.waitingSince };
  }
  return patientBanner(lookup.patient, shown, known.closedBy, dates);
}
