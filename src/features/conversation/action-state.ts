/**
 * The "Clore l'échange" button follows the displayed message: on a patient exchange it
 * shows (tooltip) that it is a Mon espace santé exchange, the INS and what it decodes to,
 * and the state; it is enabled while the exchange is open, disabled once closed with the
 * label "Échange clos le …", and disabled as "Clôture en attente" while a [FIN] of the user's
 * to the patient waits in the Outbox; elsewhere it is disabled with a tooltip saying why.
 */
import type { MessageHeader } from "../../adapters/messages.js";
import { uiLocale } from "../../adapters/i18n.js";
import { listIdentities } from "../../adapters/accounts.js";
import { displayedMessage, setActionState } from "../../adapters/message-display.js";
import { messageTabIds } from "../../adapters/tabs.js";
import {
  CLOSE_ACTION_LABEL,
  conversationPatient,
  exchangeView,
  notClosableMenuTitle,
  notClosableText,
  type ConversationState,
  type NotClosableReason,
  type ExchangeView,
  waitingSince,
} from "../../core/conversation/index.js";
import type { Message } from "../../core/i18n/text.js";
import type { ClosingCandidate } from "./closing-messages.js";
import { exchangeStateOf, offsetAt, realStateDeps, type StateDeps } from "./state.js";

function notClosable(reason: NotClosableReason | "no-message"): ExchangeView {
  return { enabled: false, label: CLOSE_ACTION_LABEL, title: notClosableText(reason), menuTitle: notClosableMenuTitle(reason) };
}

/**
 * The button for the messages shown (or the context-menu entry for the messages selected),
 * the exchange's state included.
 */
export async function actionViewFor(
  messages: readonly MessageHeader[],
  ownAddresses: readonly string[],
  now: number,
  deps: StateDeps = realStateDeps,
  locale: string = uiLocale(),
): Promise<ExchangeView> {
  const [only] = messages;
  if (only === undefined || messages.length > 1) return notClosable("no-message");
  const lookup = conversationPatient(only, ownAddresses);
  if (!lookup.ok) return notClosable(lookup.reason);
  let state: ConversationState;
  const seen: ClosingCandidate[] = [];
  try {
    state = await exchangeStateOf(only, lookup.patient, { ownAddresses, now }, {
      ...deps,
      closings: async (address) => {
        const found = await deps.closings(address);
        seen.push(...found);
        return found;
      },
    });
  } catch (error) {
    // The state could not be read: the button stays usable (the send guard still applies).
    console.error("MSSanté Patient: reading the exchange state failed", error);
    state = { state: "open" };
  }
  // A [FIN] of the user's waiting in the Outbox (Send Later, or offline): "closing pending".
  const waiting = state.state === "open" ? waitingSince(seen, lookup.patient.address, ownAddresses, now) : null;
  const offset = offsetAt(state.state === "closed" ? state.on : (waiting ?? now));
  return exchangeView(lookup.patient, state, new Date(now).getFullYear(), offset, locale, waiting);
}

/**
 * The context-menu entry for the messages selected: the same state as the header button,
 * the reason in the entry's title (a menu entry has no tooltip).
 */
export async function closeMenuViewFor(messages: readonly MessageHeader[], now: number, deps: StateDeps = realStateDeps): Promise<{ enabled: boolean; title: Message }> {
  const identities = await listIdentities();
  const view = await actionViewFor(
    messages,
    identities.map((identity) => identity.email),
    now,
    deps,
  );
  return { enabled: view.enabled, title: view.menuTitle };
}

async function show(tabId: number, view: ExchangeView): Promise<void> {
  await setActionState(tabId, view.enabled, view.title, view.label);
}

export async function updateCloseAction(tabId: number, messages: readonly MessageHeader[]): Promise<void> {
  const identities = await listIdentities();
  const view = await actionViewFor(
    messages,
    identities.map((identity) => identity.email),
    Date.now(),
  );
  await show(tabId, view);
}

/**
 * Right after a [FIN] went out from this tab's message: closed now (its copy in the Sent
 * folder may not be indexed yet). Only when the tab still shows that message.
 */
export async function showClosedNow(tabId: number, message: MessageHeader, now: number, stillShown: () => Promise<MessageHeader | null>): Promise<void> {
  const shown = await stillShown();
  if (shown === null || shown.headerMessageId !== message.headerMessageId) return;
  const identities = await listIdentities();
  const lookup = conversationPatient(message, identities.map((identity) => identity.email));
  if (!lookup.ok) return;
  const view = exchangeView(lookup.patient, { state: "closed", on: now, closingMessageId: "" }, new Date(now).getFullYear(), offsetAt(now), uiLocale());
  await show(tabId, view);
}

/**
 * The button of every tab showing a message, read again from the mail: after a [FIN] was put
 * in the Outbox (« Clôture en attente ») or left it (closed), which displaying the message
 * again would otherwise be the only way to show.
 */
export async function refreshCloseActions(): Promise<void> {
  await Promise.all(
    (await messageTabIds()).map(async (tabId) => {
      const shown = await displayedMessage(tabId);
      if (shown !== null) await updateCloseAction(tabId, [shown]);
    }),
  );
}
