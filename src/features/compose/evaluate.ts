/**
 * Evaluates a compose tab against the rules of Mon espace santé: shared by the send guard
 * (background), the compose popup and the window that explains a blocked send.
 */
import {
  getComposeDetails,
  listAttachments,
  parseComposeDetails,
  type AttachmentInfo,
  type ComposeSnapshot,
} from "../../adapters/compose.js";
import { readDirectory } from "../../adapters/address-books.js";
import { loadSettings } from "../settings/store.js";
import {
  evaluateSend,
  recipientsNeedDirectory,
  directoryNeedsOf,
  verdictFingerprint,
  type DirectoryRead,
  type SendInput,
  type SendVerdict,
} from "../../core/compose/index.js";
import type { Settings } from "../../core/settings/index.js";
import { enforcedOptions, NOTHING_ENFORCED, type EnforcedOptions } from "./locked-options.js";
import { toSendInput } from "./send-input.js";

export interface Evaluation {
  readonly details: ComposeSnapshot;
  readonly input: SendInput;
  readonly verdict: SendVerdict;
  readonly fingerprint: string;
  readonly settings: Settings;
  /** What the administrator's locked settings impose on a message to a patient. */
  readonly enforced: EnforcedOptions;
}

/** `rawDetails`: the details `onBeforeSend` hands over; otherwise they are read from the tab. */
export async function evaluateTab(tabId: number, rawDetails?: unknown): Promise<Evaluation> {
  const [details, attachments, settings] = await Promise.all([
    rawDetails === undefined ? getComposeDetails(tabId) : parseComposeDetails(rawDetails),
    listAttachments(tabId),
    loadSettings(),
  ]);
  // The address book is read whenever there is a recipient: any of them may be a list.
  const directory = recipientsNeedDirectory(details) ? await readDirectory(directoryNeedsOf(details)) : undefined;
  return evaluateSnapshot(details, attachments, settings.values, enforcedOptions(settings.entries), directory);
}

export function evaluateSnapshot(
  details: ComposeSnapshot,
  attachments: readonly AttachmentInfo[],
  settings: Settings,
  enforced: EnforcedOptions = NOTHING_ENFORCED,
  directory?: DirectoryRead,
): Evaluation {
  const input = toSendInput(details, attachments, directory);
  const verdict = evaluateSend(input, { extraSenderDomains: settings.extraSenderDomains });
  return { details, input, verdict, fingerprint: verdictFingerprint(input), settings, enforced };
}
