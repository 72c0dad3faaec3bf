/**
 * The banners at the top of displayed messages: the script is registered for every
 * displayed message (`scripting.messageDisplay`, Thunderbird 128+), and the background
 * answers its requests (`runtime.sendMessage`, parsed both ways).
 */
import { uiLocale, render } from "../../adapters/i18n.js";
import { displayedMessage } from "../../adapters/message-display.js";
import { onPageMessage } from "../../adapters/runtime.js";
import { canScriptMessages, ensureDisplayScript } from "../../adapters/scripting.js";
import { BANNER_REFRESH, parseBannerRequest } from "../../core/banners/index.js";
import { messageTabIds, sendToTab } from "../../adapters/tabs.js";
import { closeConversation } from "../conversation/close.js";
import { onClosingChanged } from "../conversation/closing-claims.js";
import { finsNowSent } from "../conversation/queued-closes.js";
import { onMessagesDeleted, type MessageHeader } from "../../adapters/messages.js";
import { onAfterSend, type AfterSend } from "../../adapters/compose.js";
import { FIN_SUBJECT } from "../../core/compose/index.js";
import { findSentCopy } from "../conversation/sent-copies.js";
import { setHandled } from "../notices/notice-store.js";
import { openNoticesPanel } from "../notices/panel.js";
import type { Feature } from "../feature.js";
import { answerBanner, type AnswerDeps } from "./answer.js";
import { realBannerDeps } from "./real-deps.js";

/** The script drawn into displayed messages (built from `src/pages/message-banner/banner.entry.ts`). */
export const BANNER_SCRIPT = { id: "mssante-patient-banner", js: ["pages/message-banner/banner.js"], runAt: "document_end" } as const;

export const realAnswerDeps: AnswerDeps = {
  displayed: displayedMessage,
  banner: realBannerDeps,
  close: (message) => closeConversation(message),
  markHandled: (id) => setHandled(id, true),
  openNotice: (id) => openNoticesPanel(id),
  render,
  lang: uiLocale,
};

function report(what: string): (error: unknown) => void {
  return (error) => {
    console.error(`MSSanté Patient: ${what} failed`, error);
  };
}

/** Tells the banner of every tab showing a message to look again (a tab without one ignores it). */
export async function refreshBanners(tabs: { ids(): Promise<number[]>; send(tabId: number, message: unknown): Promise<boolean> } = { ids: messageTabIds, send: sendToTab }): Promise<void> {
  await Promise.all((await tabs.ids()).map((id) => tabs.send(id, BANNER_REFRESH)));
}

/**
 * Whether a send that just ended was a [FIN] that went (its copy filed): e.g. the [FIN] a
 * failed close left in its compose window, sent by the user from there, with no claim.
 * Thunderbird 153 reports a send the server refused as done, without a Message-ID or copy.
 */
export async function sentFin(info: AfterSend, findCopy: (headerMessageId: string) => Promise<MessageHeader | null> = findSentCopy): Promise<boolean> {
  if (info.error !== null || info.mode !== "sendNow") return false;
  const copy = info.copies[0] ?? (info.headerMessageId === null || info.headerMessageId === "" ? null : await findCopy(info.headerMessageId));
  return copy?.subject === FIN_SUBJECT;
}

export function registerBanners(deps: AnswerDeps = realAnswerDeps): void {
  // A [FIN] just sent, put in the Outbox or given up, whichever way it was asked for: the
  // banners on screen follow.
  onClosingChanged(() => {
    refreshBanners().catch(report("refreshing the banners"));
  });
  // A [FIN] that left the Outbox, known to this session or not (queued before a restart, or
  // sent later): once its copy is filed as sent, the banners on screen follow.
  onMessagesDeleted(async (page) => {
    try {
      if ((await finsNowSent(page.messages)).length > 0) await refreshBanners();
    } catch (error) {
      report("following a [FIN] that left the Outbox")(error);
    }
  });
  onAfterSend((_tabId, info) => {
    void (async () => {
      if (await sentFin(info)) await refreshBanners();
    })().catch(report("following a [FIN] sent from its compose window"));
  });
  onPageMessage(({ message, tabId }) => {
    const request = parseBannerRequest(message);
    if (request === null) return undefined;
    // Only a displayed message's script speaks from a tab; without one there is nothing to answer for.
    if (tabId === null) return Promise.resolve({ banner: null });
    return answerBanner(request.action, tabId, deps).catch((error: unknown) => {
      report("answering the banner")(error);
      return { banner: null };
    });
  });
  if (canScriptMessages()) ensureDisplayScript(BANNER_SCRIPT).catch(report("registering the banner script"));
}

/** Patient and notice banners in the displayed message. */
export const bannersFeature: Feature = {
  id: "banners",
  commands: [],
  menus: [],
  register() {
    registerBanners();
  },
  install() {
    // The script is registered each time the page starts (see register).
  },
  startup() {
    // idem
  },
};
