/**
 * Settings: the problems found in the administrator's policy are logged to the error console
 * when the add-on is installed or updated and at each start (the options page shows them too).
 */
import { reportSettingsProblems } from "./store.js";
import type { Feature } from "../feature.js";

export const settingsFeature: Feature = {
  id: "settings",
  commands: [],
  menus: [],
  register() {
    // Nothing to listen to: managed storage never reports changes (read at start-up).
  },
  install() {
    void reportSettingsProblems();
  },
  startup() {
    void reportSettingsProblems();
  },
};
