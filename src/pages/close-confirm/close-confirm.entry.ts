/** Starts the close-confirm window (the build's entry point for `close-confirm.js`). */
import { currentWindow } from "../shared/page-window.js";
import { main } from "./close-confirm.js";

main(currentWindow());
