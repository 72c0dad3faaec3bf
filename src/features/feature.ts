/**
 * What a feature adds to Thunderbird, declared in one place: its listeners, the menu entries
 * it creates and the keyboard commands it answers. `src/features/index.ts` lists every
 * feature; the background page registers them all and nothing else.
 */
import type { InstallReason } from "../adapters/runtime.js";

export interface Feature {
  /** Stable name, with a line in docs/ARCHITECTURE.md. */
  readonly id: string;
  /** The `commands` of manifest.json it answers (its actions' `_execute_*` ones aside). */
  readonly commands: readonly string[];
  /** The ids of the menu entries `install` creates. */
  readonly menus: readonly string[];
  /** Registers its listeners; called synchronously at the event page's top level. */
  register(): void;
  /** Once per install or update (menu entries live as long as the add-on). */
  install(reason: InstallReason): void;
  /** At each start of Thunderbird. */
  startup(): void;
}
