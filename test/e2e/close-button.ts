/**
 * The "Clore l'échange" button of the message header, read (and clicked) from chrome code,
 * for the end-to-end tests of the exchange's state.
 */
import { z } from "zod";
import type { ThunderbirdUi } from "../../harness/index.js";
import { ADDON_ID } from "./addon-harness.js";

export { ADDON_ID };

export const buttonSchema = z.object({ exists: z.boolean(), disabled: z.boolean(), tooltip: z.string(), label: z.string() });
export type Button = z.infer<typeof buttonSchema>;

/** Chrome script: `(addonId, click)` → the button's state, after clicking it when asked. */
export const BUTTON = String.raw`(addonId, click) => {
  const { ExtensionCommon } = ChromeUtils.importESModule("resource://gre/modules/ExtensionCommon.sys.mjs");
  const id = ExtensionCommon.makeWidgetId(addonId) + "-messageDisplayAction-toolbarbutton";
  const button = document.getElementById("tabmail").currentAboutMessage?.document?.getElementById(id);
  if (click) button.click();
  return { exists: Boolean(button), disabled: Boolean(button?.disabled), tooltip: button?.getAttribute("tooltiptext") ?? "", label: button?.getAttribute("label") ?? "" };
}`;

/** The button's state as it is now. */
export async function readButton(ui: ThunderbirdUi): Promise<Button> {
  return ui.bidi.chromeEval(await ui.mainWindow(), BUTTON, [ADDON_ID, false], buttonSchema);
}

/** Clicks the button once (fails when the message shown has none). */
export async function clickButton(ui: ThunderbirdUi): Promise<void> {
  await ui.bidi.chromeEval(await ui.mainWindow(), BUTTON, [ADDON_ID, true], buttonSchema);
}

/** Waits until the header button shows the exchange (its tooltip) with that label and state. */
export async function waitForButton(ui: ThunderbirdUi, wanted: { disabled: boolean; label: string }, timeoutMs = 15_000): Promise<Button> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await readButton(ui);
    if (state.exists && state.disabled === wanted.disabled && state.label.startsWith(wanted.label) && state.tooltip.startsWith("Échange Mon espace santé")) return state;
    if (Date.now() > deadline) throw new Error(`button never became ${JSON.stringify(wanted)}: ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
