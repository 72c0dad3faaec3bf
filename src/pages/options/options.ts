/**
 * The options page: every setting, grouped; a setting fixed by the administrator is shown
 * greyed with who set it; problems in the administrator's policy are shown at the top.
 */
import { addonId } from "../../adapters/runtime.js";
import { message, render as renderText, uiLang } from "../../adapters/i18n.js";
import { clearUserSettings, loadSettings, saveUserSetting } from "../../adapters/settings.js";
import {
  checkSettingValue,
  policyData,
  policyFragmentText,
  sameValue,
  GROUP_LABELS,
  SETTING_GROUPS,
  SETTING_KEYS,
  SETTING_LABELS,
  settingKind,
  type SettingEntries,
  type SettingEntry,
  type SettingKey,
} from "../../core/settings/index.js";
import { RETENTION_MONTHS_MAX, RETENTION_MONTHS_MIN, storedDataText } from "../../core/notice-records/index.js";
import { byId, el, localize, show } from "../shared/dom.js";
import { rulesEditor } from "./rules-editor.js";

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
      : kind === "number"
        ? el("input", { attrs: { type: "number", id, step: "1", inputmode: "numeric", ...numberBounds(key) } })
        : el("textarea", { attrs: { id, rows: kind === "list" ? "3" : "6" } });
  if (input instanceof HTMLInputElement && kind === "boolean") input.checked = entry.value === true;
  else input.value = Array.isArray(entry.value)
      ? entry.value.map((item: unknown) => (typeof item === "string" ? item : JSON.stringify(item))).join("\n")
      : String(entry.value);
  input.setAttribute("aria-describedby", descId);
  input.disabled = entry.locked;
  input.addEventListener("change", () => {
    void save(key, input);
  });
  const label = el("label", { text: renderText(labels.label), attrs: { for: id } });
  const parts: Node[] =
    kind === "boolean"
      ? [el("div", { className: "checkbox" }, [input, label])]
      : [label, input];
  parts.push(el("p", { className: "hint", text: renderText(labels.description), attrs: { id: descId } }));
  const sourceId = `${id}-source`;
  const source = sourceText(entry);
  if (source !== null) {
    parts.push(el("p", { className: "source", text: source, attrs: { id: sourceId } }));
    input.setAttribute("aria-describedby", `${descId} ${sourceId}`);
  }
  return el("div", { className: entry.locked ? "setting locked" : "setting", attrs: { "data-key": key, "data-source": entry.source } }, parts);
}

/** The bounds the schema sets on a number, for the field (the schema still checks). */
function numberBounds(key: SettingKey): Record<string, string> {
  return key === "noticeRetentionMonths" ? { min: String(RETENTION_MONTHS_MIN), max: String(RETENTION_MONTHS_MAX) } : {};
}

/** Where the value comes from, when the administrator had a say in it. */
function sourceText(entry: SettingEntry): string | null {
  if (entry.locked) return `🔒 ${message("optionsLocked")}`;
  if (entry.source === "policy") return message("optionsFromPolicy");
  if (entry.policyValue !== undefined && !sameValue(entry.policyValue, entry.value)) return message("optionsPolicyDiffers");
  return null;
}

async function save(key: SettingKey, input: HTMLInputElement | HTMLTextAreaElement): Promise<void> {
  const kind = settingKind(key);
  const raw =
    kind === "boolean" && input instanceof HTMLInputElement
      ? input.checked
      : kind === "number"
        ? numberOf(input.value)
        : kind === "list"
        ? input.value.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "")
        : input.value;
  const check = checkSettingValue(key, raw);
  if (!check.ok) {
    status.textContent = `${renderText(SETTING_LABELS[key].label)} : ${renderText(SETTING_LABELS[key].expected)}`;
    status.className = "bad";
    input.setAttribute("aria-invalid", "true");
    return;
  }
  input.removeAttribute("aria-invalid");
  await saveUserSetting(key, check.value);
  if (key === "noticeRetentionMonths" && typeof check.value === "number") drawStoredData(check.value);
  status.textContent = message("optionsSaved");
  status.className = "ok";
}

/** A number typed in a field: digits only, else the text itself (which the schema refuses). */
function numberOf(text: string): number | string {
  const trimmed = text.trim();
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** What is stored about patients, where and how long: beside the retention setting. */
const storedData = el("section", { attrs: { id: "stored-data", "aria-labelledby": "stored-data-heading" } });

function drawStoredData(months: number): void {
  const text = storedDataText(months);
  storedData.replaceChildren(
    el("h3", { text: renderText(text.heading), attrs: { id: "stored-data-heading" } }),
    ...text.paragraphs.map((p) => el("p", { className: "hint", text: renderText(p) })),
  );
}

function settingField(key: SettingKey, entries: SettingEntries): HTMLElement {
  if (key === "automationRules") return rulesEditor(entries[key], { lang, status });
  const node = field(key, entries[key]);
  if (key === "noticeRetentionMonths") {
    drawStoredData(entries[key].value);
    node.append(storedData);
  }
  return node;
}

async function render(): Promise<void> {
  const { entries, problems } = await loadSettings();
  const problemList = byId("problems", HTMLUListElement);
  problemList.replaceChildren(...problems.map((p) => el("li", { text: renderText(p.message) })));
  show(byId("problems-section", HTMLElement), problems.length > 0);
  for (const problem of problems) console.warn(`MSSanté Patient: ${renderText(problem.message)}`);
  const groups = SETTING_GROUPS.map((group) => {
    const keys = SETTING_KEYS.filter((key) => SETTING_LABELS[key].group === group);
    return el("fieldset", {}, [
      el("legend", { text: renderText(GROUP_LABELS[group]) }),
      ...keys.map((key) => settingField(key, entries)),
    ]);
  });
  const reset = el("button", { text: message("optionsReset"), attrs: { type: "button", id: "reset" } });
  reset.addEventListener("click", () => {
    void clearUserSettings()
      .then(render)
      .then(() => {
        // The form was drawn anew: focus goes back to the button the user pressed, and the
        // result is said once.
        byId("reset", HTMLButtonElement).focus();
        status.textContent = message("optionsResetDone");
        status.className = "ok";
      });
  });
  form.replaceChildren(...groups, reset);
  currentEntries = entries;
  if (!exportResult.hidden) showExport();
  document.body.dataset["ready"] = "true";
}

// "Export my settings as a policy": the policies.json fragment, built here, never sent anywhere.
const exportResult = byId("export-result", HTMLDivElement);
const exportText = byId("policy-export", HTMLTextAreaElement);
const exportStatus = byId("export-status", HTMLParagraphElement);
const lockAll = byId("export-lock-all", HTMLInputElement);
const includeDefaults = byId("export-include-defaults", HTMLInputElement);
let currentEntries: SettingEntries | null = null;

function showExport(): void {
  if (currentEntries === null) return;
  const options = { lockAll: lockAll.checked, includeDefaults: includeDefaults.checked };
  exportText.value = policyFragmentText(addonId(), currentEntries, options);
  const empty = Object.keys(policyData(currentEntries, options)).length === 0;
  byId("export-note", HTMLParagraphElement).textContent = message(empty ? "optionsExportAllDefault" : "optionsExportNote");
  exportStatus.textContent = "";
  show(exportResult, true);
}

byId("export", HTMLButtonElement).addEventListener("click", () => {
  showExport();
  exportText.focus();
  exportText.select();
});
for (const box of [lockAll, includeDefaults]) {
  box.addEventListener("change", () => {
    if (!exportResult.hidden) showExport();
  });
}
byId("export-copy", HTMLButtonElement).addEventListener("click", () => {
  navigator.clipboard.writeText(exportText.value).then(
    () => {
      exportStatus.textContent = message("optionsExportCopied");
    },
    () => {
      exportText.focus();
      exportText.select();
      exportStatus.textContent = message("optionsExportCopyFailed");
    },
  );
});

localize(document);
void render();
