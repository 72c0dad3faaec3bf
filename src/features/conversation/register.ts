/**
 * The listeners of "Clore l'échange", registered synchronously by the background page:
 * the message header button, the message list's context menu and the keyboard shortcut
 * all lead to `closeConversation`; the button follows the displayed message.
 */
import { onAfterSend } from "../../adapters/compose.js";
import { onCommand, onMenuClicked } from "../../adapters/menus.js";
import { displayedMessage, onActionClicked, onMessagesDisplayed } from "../../adapters/message-display.js";
import { getMessage, messageInfoOf, onMessagesDeleted, onNewMail, type MessageHeader } from "../../adapters/messages.js";
import { notClosableText } from "../../core/conversation/index.js";
import { refreshCloseActions, showClosedNow, updateCloseAction } from "./action-state.js";
import { closeConversation, realCloseDeps } from "./close.js";
import { CLOSE_COMMAND, CLOSE_MENU_ID, createCloseMenu, followSelectionInCloseMenu } from "./close-menu.js";
import { closeAfterSend } from "./close-after-send.js";
import { expirePendingCloses, settlePendingCloses, settlePendingClosesAtStartup } from "./pending-close.js";
import { finsNowSent, settleQueuedCloses } from "./queued-closes.js";
import { tagPatientMessages } from "./tagging.js";
import type { Feature } from "../feature.js";

function report(what: string): (error: unknown) => void {
  return (error) => {
    console.error(`MSSanté Patient: ${what} failed`, error);
  };
}

async function closeOne(messages: readonly MessageHeader[]): Promise<void> {
  const [only] = messages;
  if (only === undefined || messages.length > 1) {
    await realCloseDeps.tell("close-conversation", notClosableText("no-message"));
    return;
  }
  await closeConversation(only);
}

async function closeDisplayedIn(tabId: number): Promise<void> {
  const shown = await displayedMessage(tabId);
  if (shown === null) {
    await closeOne([]);
    return;
  }
  const outcome = await closeConversation(shown);
  if (outcome.outcome === "sent") await showClosedNow(tabId, shown, Date.now(), () => displayedMessage(tabId));
  // In the Outbox (offline, or sent in the background): « Clôture en attente », from the mail.
  else if (outcome.outcome === "queued") await refreshCloseActions();
}

function registerConversationListeners(): void {
  onMessagesDisplayed((tabId, messages) => {
    updateCloseAction(tabId, messages).catch(report("updating the close button"));
    void (async () => {
      const infos = await Promise.all(messages.slice(0, 1).map((m) => getMessage(m.id)));
      await tagPatientMessages(infos.filter((m) => m !== null).map(messageInfoOf));
    })().catch(report("tagging a patient message"));
  });
  onAfterSend((tabId, info) => {
    closeAfterSend(tabId, info).catch(report("closing the exchange after sending"));
  });
  // A message sent later leaves the Outbox: a [FIN] waiting for it may follow now.
  // (Thunderbird deletes a sent message from the Outbox once it has left.)
  // A [FIN] put in the Outbox while offline leaves it: the exchange is closed now.
  // A [FIN] that left the Outbox (known to this session or not): the buttons say closed.
  onMessagesDeleted(async (page) => {
    await Promise.all([
      settlePendingCloses().catch(report("closing the exchange after a message sent later")),
      settleQueuedCloses().catch(report("following a [FIN] sent from the Outbox")),
      (async () => {
        if ((await finsNowSent(page.messages)).length > 0) await refreshCloseActions();
      })().catch(report("following a [FIN] that left the Outbox")),
    ]);
  });
  onNewMail(async (_folder, page) => {
    await tagPatientMessages(page.messages).catch(report("tagging patient messages"));
  });
  onActionClicked((tabId) => {
    closeDisplayedIn(tabId).catch(report("closing the exchange"));
  });
  onCommand(CLOSE_COMMAND, (tabId) => {
    closeDisplayedIn(tabId).catch(report("closing the exchange"));
  });
  onMenuClicked(CLOSE_MENU_ID, (messages) => {
    closeOne(messages).catch(report("closing the exchange"));
  });
  followSelectionInCloseMenu(report("updating the close menu entry"));
}

/** "Clore l'échange": the header button, the context menu entry, the shortcut, the Patient tag. */
export const conversationFeature: Feature = {
  id: "conversation",
  commands: [CLOSE_COMMAND],
  menus: [CLOSE_MENU_ID],
  register() {
    registerConversationListeners();
    // Each time the event page starts or wakes: the closes that waited too long keep a
    // patient's address for nothing; they are given up (the user told once).
    expirePendingCloses().catch(report("giving up the closes that waited too long"));
  },
  install() {
    createCloseMenu();
  },
  startup() {
    // A message sent later may have left while Thunderbird was closed: its [FIN] follows now.
    // (The page's start, just before, gave up those that waited too long.)
    settlePendingClosesAtStartup().catch(report("closing the exchange after a message sent later"));
  },
};
