/**
 * What the add-on must remember about an open compose tab while the event page sleeps:
 * kept in `storage.session` (memory only, gone when Thunderbird quits), parsed on read.
 */
import * as z from "zod/mini";

const tabStateSchema = z.object({
  /** The user chose the receipt / no-reply options (popup), or the defaults were applied. */
  optionsSettled: z._default(z.boolean(), false),
  /** The subject before "close the exchange" replaced it with [FIN], to give it back. */
  subjectBeforeFin: z.optional(z.string()),
  /** Fingerprint of the message whose warnings the user accepted ("send anyway"). */
  acceptedWarnings: z.optional(z.string()),
  /** The window explaining a blocked send, if one is open. */
  checkWindowId: z.optional(z.number()),
});

export type TabState = z.output<typeof tabStateSchema>;

const key = (tabId: number): string => `tab:${tabId}`;

export async function getTabState(tabId: number): Promise<TabState> {
  const stored: Record<string, unknown> = await messenger.storage.session.get(key(tabId));
  const parsed = tabStateSchema.safeParse(stored[key(tabId)] ?? {});
  return parsed.success ? parsed.data : tabStateSchema.parse({});
}

export async function updateTabState(tabId: number, change: Partial<TabState>): Promise<TabState> {
  const next: TabState = { ...(await getTabState(tabId)), ...change };
  await messenger.storage.session.set({ [key(tabId)]: next });
  return next;
}

export async function forgetTab(tabId: number): Promise<void> {
  await messenger.storage.session.remove(key(tabId));
}
