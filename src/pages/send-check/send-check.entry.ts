/** Starts the send-check window (the build's entry point for `send-check.js`). */
import { currentWindow } from "../shared/page-window.js";
import { main } from "./send-check.js";

void main(currentWindow());
