/**
 * What the add-on must remember about an open compose tab while the event page sleeps:
 * kept in `storage.session` (memory only, gone when Thunderbird quits), parsed on read.
 * One storage key per field, so that two pages writing different fields at the same time
 * (a popup click while the guard records its window) never undo each other.
 */
import { storageSession } from "../../adapters/storage.js";
import * as z from "zod/mini";

const fields = {
  /** The user chose the receipt / no-reply options (popup), or the defaults were applied. */
  optionsSettled: z.boolean(),
  /** The subject before "close the exchange" replaced it with [FIN], to give it back. */
  subjectBeforeFin: z.string(),
  /** Fingerprint of the message whose warnings the user accepted ("send anyway"). */
  acceptedWarnings: z.string(),
  /** The window explaining a blocked send, if one is open. */
  checkWindowId: z.number(),
  /** "Close after sending": once this message is sent, a [FIN] follows to its patient. */
  closeAfterSend: z.boolean(),
  /** The user's answer to a rule proposing to close the exchange ([FIN]) on this message. */
  closeAnswer: z.enum(["yes", "no"]),
  /**
   * "Close after sending": the send the guard let go (when, its subject, its patient), to find
   * the message in the mail when Thunderbird sends in the background and never says it went.
   */
  sentAt: z.number(),
  sentSubject: z.string(),
  sentTo: z.string(),
  /** Its size as the guard estimated it (encoded bytes): how long Thunderbird may take to close its window. */
  sentBytes: z.number(),
  /**
   * The send let go closes no exchange after it: it was itself the [FIN] (nothing more is said),
   * or it went to no patient or to several (the user is told so, as when Thunderbird answers).
   */
  sentNoClose: z.enum(["fin", "not-patient", "several-patients"]),
};

type Field = keyof typeof fields;
const FIELDS = Object.keys(fields) as Field[];

export interface TabState {
  readonly optionsSettled: boolean;
  readonly subjectBeforeFin?: string;
  readonly acceptedWarnings?: string;
  readonly checkWindowId?: number;
  readonly closeAfterSend?: boolean;
  readonly closeAnswer?: "yes" | "no";
  readonly sentAt?: number;
  readonly sentSubject?: string;
  readonly sentTo?: string;
  readonly sentBytes?: number;
  readonly sentNoClose?: SentNoClose;
}

export type SentNoClose = "fin" | "not-patient" | "several-patients";

export type TabStateChange = { [K in Field]?: Exclude<TabState[K], undefined> | undefined };

const key = (tabId: number, field: Field): string => `tab:${tabId}:${field}`;

export async function getTabState(tabId: number): Promise<TabState> {
  const stored: Record<string, unknown> = await storageSession.get(FIELDS.map((f) => key(tabId, f)));
  const read = <F extends Field>(field: F): z.output<(typeof fields)[F]> | undefined => {
    const parsed = fields[field].safeParse(stored[key(tabId, field)]);
    return parsed.success ? (parsed.data as z.output<(typeof fields)[F]>) : undefined;
  };
  const subjectBeforeFin = read("subjectBeforeFin");
  const acceptedWarnings = read("acceptedWarnings");
  const checkWindowId = read("checkWindowId");
  const closeAfterSend = read("closeAfterSend");
  const closeAnswer = read("closeAnswer");
  const sentAt = read("sentAt");
  const sentSubject = read("sentSubject");
  const sentTo = read("sentTo");
  const sentBytes = read("sentBytes");
  const sentNoClose = read("sentNoClose");
  return {
    optionsSettled: read("optionsSettled") ?? false,
    ...(subjectBeforeFin === undefined ? {} : { subjectBeforeFin }),
    ...(acceptedWarnings === undefined ? {} : { acceptedWarnings }),
    ...(checkWindowId === undefined ? {} : { checkWindowId }),
    ...(closeAfterSend === undefined ? {} : { closeAfterSend }),
    ...(closeAnswer === undefined ? {} : { closeAnswer }),
    ...(sentAt === undefined ? {} : { sentAt }),
    ...(sentSubject === undefined ? {} : { sentSubject }),
    ...(sentTo === undefined ? {} : { sentTo }),
    ...(sentBytes === undefined ? {} : { sentBytes }),
    ...(sentNoClose === undefined ? {} : { sentNoClose }),
  };
}

/** Writes only the fields given; a field given as `undefined` is forgotten. */
export async function updateTabState(tabId: number, change: TabStateChange): Promise<void> {
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const field of FIELDS) {
    if (!(field in change)) continue;
    const value = change[field];
    if (value === undefined) remove.push(key(tabId, field));
    else set[key(tabId, field)] = value;
  }
  if (Object.keys(set).length > 0) await storageSession.set(set);
  if (remove.length > 0) await storageSession.remove(remove);
}

/** The guard's notes of a send let go but why it closes nothing, forgotten (the answer reads that one last). */
export const SEND_NOTES_BUT_NO_CLOSE = {
  sentAt: undefined,
  sentSubject: undefined,
  sentTo: undefined,
  sentBytes: undefined,
} as const satisfies TabStateChange;

/** The guard's notes of a send let go (`sentAt` and the rest), all forgotten. */
export const NO_SEND_NOTES = { ...SEND_NOTES_BUT_NO_CLOSE, sentNoClose: undefined } as const satisfies TabStateChange;

export async function forgetTab(tabId: number): Promise<void> {
  await storageSession.remove(FIELDS.map((f) => key(tabId, f)));
}
