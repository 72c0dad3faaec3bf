/** Desktop notifications: what an action did, shown even when no window of the add-on is open. */
import { message } from "./i18n.js";

export async function notify(id: string, text: string): Promise<void> {
  await messenger.notifications.create(id, {
    type: "basic",
    iconUrl: messenger.runtime.getURL("icons/icon-64.png"),
    title: message("extensionName"),
    message: text,
  });
}
