/**
 * The options page: every setting, grouped; a setting fixed by the administrator is shown
 * greyed with who set it; problems in the administrator's policy are shown at the top.
 */
import { message, uiLang } from "../../adapters/i18n.js";
import { clearUserSettings, loadSettings, saveUserSetting } from "../../adapters/settings.js";
import {
  checkSettingValue,
  GROUP_LABELS,
  SETTING_GROUPS,
  SETTING_KEYS,
  SETTING_LABELS,
  settingKind,
  type SettingEntry,
  type SettingKey,
} from "../../core/settings/index.js";
import { byId, el, localize, show } from "../shared/dom.js";

const lang = uiLang();
const form = byId("settings", HTMLFormElement);
const status = byId("status", HTMLParagraphElement);

function field(key: SettingKey, entry: SettingEntry): HTMLElement {
  const labels = SETTING_LABELS[key];
  const id = `setting-${key}`;
  const kind = settingKind(key);
  const descId = `${id}-desc`;
  const input =
    kind === "boolean"
      ? el("input", { attrs: { type: "checkbox", id } })
      : el("textarea", { attrs: { id, rows: kind === "list" ? "3" : "6" } });
  if (input instanceof HTMLInputElement) input.checked = entry.value === true;
  else input.value = Array.isArray(entry.value) ? entry.value.join("\n") : String(entry.value);
  input.setAttribute("aria-describedby", descId);
  input.disabled = entry.locked;
  input.addEventListener("change", () => {
    void save(key, input);
  });
  const label = el("label", { text: labels.label[lang], attrs: { for: id } });
  const parts: Node[] =
    kind === "boolean"
      ? [el("div", { className: "checkbox" }, [input, label])]
      : [label, input];
  parts.push(el("p", { className: "hint", text: labels.description[lang], attrs: { id: descId } }));
  if (entry.locked) parts.push(el("p", { className: "source", text: `🔒 ${message("optionsLocked")}` }));
  else if (entry.source === "policy") parts.push(el("p", { className: "source", text: message("optionsFromPolicy") }));
  return el("div", { className: "setting", attrs: { "data-key": key } }, parts);
}

async function save(key: SettingKey, input: HTMLInputElement | HTMLTextAreaElement): Promise<void> {
  const kind = settingKind(key);
  const raw =
    input instanceof HTMLInputElement
      ? input.checked
      : kind === "list"
        ? input.value.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "")
        : input.value;
  const check = checkSettingValue(key, raw);
  if (!check.ok) {
    status.textContent = `${SETTING_LABELS[key].label[lang]} : ${SETTING_LABELS[key].expected[lang]}`;
    status.className = "bad";
    input.setAttribute("aria-invalid", "true");
    return;
  }
  input.removeAttribute("aria-invalid");
  await saveUserSetting(key, check.value);
  status.textContent = message("optionsSaved");
  status.className = "ok";
}

async function render(): Promise<void> {
  const { entries, problems } = await loadSettings();
  const problemList = byId("problems", HTMLUListElement);
  problemList.replaceChildren(...problems.map((p) => el("li", { text: p.message[lang] })));
  show(byId("problems-section", HTMLElement), problems.length > 0);
  for (const problem of problems) console.warn(`MSSanté Patient: ${problem.message.en}`);
  const groups = SETTING_GROUPS.map((group) => {
    const keys = SETTING_KEYS.filter((key) => SETTING_LABELS[key].group === group);
    return el("fieldset", {}, [el("legend", { text: GROUP_LABELS[group][lang] }), ...keys.map((key) => field(key, entries[key]))]);
  });
  const reset = el("button", { text: message("optionsReset"), attrs: { type: "button", id: "reset" } });
  reset.addEventListener("click", () => {
    void clearUserSettings().then(render);
  });
  form.replaceChildren(...groups, reset);
  document.body.dataset["ready"] = "true";
}

localize(document);
void render();
