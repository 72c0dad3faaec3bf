/** Starts the compose popup (the build's entry point for `popup.js`). */
import { currentWindow } from "../shared/page-window.js";
import { main } from "./popup.js";

void main(currentWindow());
