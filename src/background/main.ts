/**
 * The event page. Listeners are registered synchronously at the top level so that
 * Thunderbird can wake the page for them; no state lives only in memory here.
 */
import { onBeforeSend } from "../adapters/compose.js";
import { createComposeMenu } from "../adapters/menus.js";
import { forgetTab } from "../adapters/session-state.js";
import { reportSettingsProblems } from "../adapters/settings.js";
import { onTabClosed } from "../adapters/tabs.js";
import { guardSendSafely } from "../features/compose/send-guard.js";
import { registerConversationListeners } from "../features/conversation/register.js";
import { registerNoticeListeners } from "../features/notices/register.js";

onBeforeSend((tabId, _windowId, details) => guardSendSafely(tabId, details));

registerConversationListeners();

registerNoticeListeners();

onTabClosed((tabId) => {
  void forgetTab(tabId);
});

messenger.runtime.onInstalled.addListener(() => {
  createComposeMenu();
  void reportSettingsProblems();
});

messenger.runtime.onStartup.addListener(() => {
  void reportSettingsProblems();
});
