/** The "close after sending" box of the compose popup: remembered for this compose tab only. */
import { getTabState, updateTabState } from "../../features/compose/session-state.js";
import { byId } from "../shared/dom.js";

export async function wireCloseAfter(tabId: number): Promise<void> {
  const box = byId("opt-close-after", HTMLInputElement);
  box.checked = (await getTabState(tabId)).closeAfterSend === true;
  box.addEventListener("change", () => {
    void updateTabState(tabId, { closeAfterSend: box.checked ? true : undefined });
  });
}
