/** Starts the notices panel (the build's entry point for `notices-panel.js`). */
import "./notices-panel.js";
