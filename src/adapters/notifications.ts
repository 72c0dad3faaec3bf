/**
 * Desktop notifications: what an action did, shown even when no window of the add-on is
 * open — and on lock screens. The texts name the patient, never the address nor the
 * matricule; as a last guard, any that slipped into a text is replaced here.
 */
import { withoutPatientIds } from "../core/privacy/patient-ids.js";
import type { Message } from "../core/i18n/text.js";
import { message, render } from "./i18n.js";
import { extensionUrl } from "./runtime.js";

export async function notify(id: string, text: Message): Promise<void> {
  await messenger.notifications.create(id, {
    type: "basic",
    iconUrl: extensionUrl("icons/icon-64.png"),
    title: message("extensionName"),
    message: withoutPatientIds(render(text), render),
  });
}
