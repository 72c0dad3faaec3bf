/** The « Clore l'échange ? » page (close-confirm) as its tests read it. */
import { expect, vi } from "vitest";
import { $ } from "./load-page.js";

/** Waits until the page says nothing left (or the send failed). */
export async function goneShown(): Promise<void> {
  await vi.waitFor(
    () => {
      expect($("gone").hidden).toBe(false);
    },
    { timeout: 6000 },
  );
}
