/** Starts the options page (the build's entry point for `options.js`). */
import { main } from "./options.js";

void main({ copyText: (text) => navigator.clipboard.writeText(text) });
