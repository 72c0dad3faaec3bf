/** The "close after sending" box of the compose popup: remembered for this compose tab only. */
import { getTabState, updateTabState } from "../../features/compose/session-state.js";
import { byId, show } from "../shared/dom.js";

/**
 * Wires the box; `explain` is to be called whenever the message's subject may have changed.
 * With the « [FIN] » box ticked too, the message is itself the [FIN]: no other [FIN] follows it
 * (the send guard notes so), and the popup says so under the box. The box keeps the user's
 * choice: unticking « [FIN] » makes it count again.
 */
export async function wireCloseAfter(tabId: number, isFin: () => boolean): Promise<{ explain: () => void }> {
  const box = byId("opt-close-after", HTMLInputElement);
  const ignored = byId("close-after-ignored", HTMLParagraphElement);
  const explain = (): void => {
    show(ignored, box.checked && isFin());
  };
  box.checked = (await getTabState(tabId)).closeAfterSend === true;
  box.addEventListener("change", () => {
    explain();
    void updateTabState(tabId, { closeAfterSend: box.checked ? true : undefined });
  });
  explain();
  return { explain };
}
