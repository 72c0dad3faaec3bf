/**
 * Scripts injected into the messages Thunderbird displays (`scripting.messageDisplay`,
 * Thunderbird 128+, permission `scripting`). The only module that calls `messenger.scripting`.
 * Registered scripts apply to messages displayed afterwards.
 */
import * as z from "zod/mini";
import { tb } from "./thunderbird.js";

const registeredSchema = z.array(z.object({ id: z.string() }));

export interface DisplayScript {
  readonly id: string;
  /** Files of the add-on (paths from its root). */
  readonly js: readonly string[];
  readonly runAt: "document_start" | "document_end" | "document_idle";
}

/** Whether this Thunderbird can inject scripts into displayed messages. */
export function canScriptMessages(): boolean {
  return tb().scripting?.messageDisplay !== undefined;
}

/**
 * Registers the script unless a script with its id is registered already (registrations
 * outlive the event page; registering an id twice is refused). True when it is registered.
 */
export async function ensureDisplayScript(script: DisplayScript): Promise<boolean> {
  const api = tb().scripting?.messageDisplay;
  if (api === undefined) return false;
  const known = registeredSchema.safeParse(await api.getRegisteredScripts({ ids: [script.id] }));
  if (known.success && known.data.some((s) => s.id === script.id)) return true;
  try {
    await api.registerScripts([{ id: script.id, js: [...script.js], runAt: script.runAt }]);
  } catch (error) {
    // Another run of the page registered it meanwhile.
    const again = registeredSchema.safeParse(await api.getRegisteredScripts({ ids: [script.id] }));
    if (again.success && again.data.some((s) => s.id === script.id)) return true;
    throw error;
  }
  return true;
}
