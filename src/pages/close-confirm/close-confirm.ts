/**
 * Asked when an automation rule proposes to close the exchange with the message being sent:
 * "Clore et envoyer" sets the subject to exactly [FIN] and sends; "Envoyer sans clore" sends
 * the message as it is. The answer is kept for that compose tab only; the send guard reads it.
 */
import { sendNow } from "../../adapters/compose.js";
import { uiLang } from "../../adapters/i18n.js";
import { updateTabState } from "../../features/compose/session-state.js";
import type { Text } from "../../core/i18n/text.js";
import { byId, closeOnEscape, setDocumentLanguage, show } from "../shared/dom.js";

const T = {
  title: { fr: "Clore l'échange ?", en: "Close the exchange?" },
  question: {
    fr: "Une règle automatique propose de clore l'échange avec ce message : son objet deviendra exactement [FIN] et le patient ne pourra plus répondre.",
    en: "An automatic rule offers to close the exchange with this message: its subject will become exactly [FIN] and the patient will no longer be able to reply.",
  },
  rules: { fr: "Règle : ", en: "Rule: " },
  yes: { fr: "Clore et envoyer", en: "Close and send" },
  no: { fr: "Envoyer sans clore", en: "Send without closing" },
  sending: { fr: "Envoi…", en: "Sending…" },
  gone: {
    fr: "La fenêtre de rédaction de ce message est fermée : rien n'a été envoyé.",
    en: "The compose window of this message is closed: nothing was sent.",
  },
} satisfies Record<string, Text>;

const lang = uiLang();
const params = new URLSearchParams(location.search);
const tabId = Number(params.get("tab"));
const ruleNames = (params.get("rules") ?? "").split("\n").filter((name) => name !== "");

setDocumentLanguage();
document.title = T.title[lang];
byId("heading", HTMLHeadingElement).textContent = T.title[lang];
byId("question", HTMLParagraphElement).textContent = T.question[lang];
byId("rules", HTMLParagraphElement).textContent = ruleNames.length === 0 ? "" : `${T.rules[lang]}${ruleNames.join(", ")}`;
const yes = byId("yes", HTMLButtonElement);
const no = byId("no", HTMLButtonElement);
const status = byId("status", HTMLParagraphElement);
yes.textContent = T.yes[lang];
no.textContent = T.no[lang];

async function answer(close: boolean): Promise<void> {
  yes.disabled = true;
  no.disabled = true;
  status.textContent = T.sending[lang];
  try {
    await updateTabState(tabId, { closeAnswer: close ? "yes" : "no" });
    await sendNow(tabId);
    window.close();
  } catch (error) {
    // The compose window is gone, or the send failed (the guard explains it in its own window).
    status.textContent = "";
    const gone = byId("gone", HTMLParagraphElement);
    gone.textContent = `${T.gone[lang]} (${error instanceof Error ? error.message : String(error)})`;
    show(gone, true);
    await updateTabState(tabId, { closeAnswer: undefined }).catch(() => undefined);
    yes.disabled = false;
    no.disabled = false;
  }
}

yes.addEventListener("click", () => void answer(true));
no.addEventListener("click", () => void answer(false));
closeOnEscape();
yes.focus();
document.body.dataset["ready"] = "true";
