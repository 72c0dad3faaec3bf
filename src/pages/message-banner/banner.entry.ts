/** Starts the banner in a displayed message (the build's entry point for `banner.js`, a message display script). */
import { onBackgroundMessage, sendToAddon } from "../../adapters/runtime.js";
import { main } from "./banner.js";

void main({ document, ask: sendToAddon, listen: onBackgroundMessage });
