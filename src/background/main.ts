/**
 * The event page. Every feature's listeners are registered synchronously at the top level,
 * so that Thunderbird can wake the page for them; no state lives only in memory here.
 */
import { onInstalled, onStartup } from "../adapters/runtime.js";
import { FEATURES } from "../features/index.js";

for (const feature of FEATURES) feature.register();

onInstalled((reason) => {
  for (const feature of FEATURES) feature.install(reason);
});

onStartup(() => {
  for (const feature of FEATURES) feature.startup();
});
