/**
 * The "Clore l'échange" button follows the displayed message: enabled on a message from a
 * patient (or ours to one patient), disabled elsewhere with a tooltip saying why.
 */
import type { DisplayedMessage } from "../../adapters/displayed-message.js";
import { uiLang } from "../../adapters/i18n.js";
import { listIdentities } from "../../adapters/identities.js";
import { setActionState } from "../../adapters/message-display-action.js";
import { CLOSE_ACTION_TITLE, conversationPatient, notClosableText } from "../../core/conversation/index.js";
import type { Text } from "../../core/i18n/text.js";

/** Whether the button is enabled for the messages shown, and its tooltip. */
export function actionStateFor(messages: readonly DisplayedMessage[], ownAddresses: readonly string[]): { enabled: boolean; title: Text } {
  const [only] = messages;
  if (only === undefined || messages.length > 1) return { enabled: false, title: notClosableText("no-message") };
  const lookup = conversationPatient(only, ownAddresses);
  return lookup.ok ? { enabled: true, title: CLOSE_ACTION_TITLE } : { enabled: false, title: notClosableText(lookup.reason) };
}

export async function updateCloseAction(tabId: number, messages: readonly DisplayedMessage[]): Promise<void> {
  const identities = await listIdentities();
  const state = actionStateFor(
    messages,
    identities.map((identity) => identity.email),
  );
  await setActionState(tabId, state.enabled, state.title[uiLang()]);
}
