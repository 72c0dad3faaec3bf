/**
 * The editor of the automation rules on the options page: one group of native fields per
 * rule (keyboard reachable, labelled), "add" and "remove" buttons, and one "save" button that
 * checks the whole list against the settings schema before storing it. Text only.
 */
import { saveUserSetting } from "../../features/settings/store.js";
import type { AutomationRule } from "../../core/automation/index.js";
import { render } from "../../adapters/i18n.js";
import type { MessageKey } from "../../core/i18n/text.js";
import { checkSettingValue, SETTING_LABELS, type SettingEntry } from "../../core/settings/index.js";
import { el } from "../shared/dom.js";
import { tr } from "../shared/text.js";


type Draft = {
  name: string;
  enabled: boolean;
  identities: string;
  patientOnly: boolean;
  kind: AutomationRule["kind"];
  marker: string;
  readReceipt: boolean;
  noReply: boolean;
  closeWithoutAsking: boolean;
  closeAfterConfirm: boolean;
};

function toDraft(rule: AutomationRule): Draft {
  return { ...rule, identities: rule.identities.join("\n") };
}

function fromDraft(draft: Draft): unknown {
  return {
    ...draft,
    identities: draft.identities
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ""),
  };
}

export interface RulesEditorOptions {
  /** Where "saved" or what is wrong is said. */
  readonly status: HTMLElement;
}

/** The section of the automation rules for the options page. */
export function rulesEditor(entry: SettingEntry, options: RulesEditorOptions): HTMLElement {
  const { status } = options;
  const labels = SETTING_LABELS.automationRules;
  const rules = Array.isArray(entry.value) ? (entry.value as AutomationRule[]) : [];
  const drafts: Draft[] = rules.map(toDraft);
  const list = el("div", { className: "rules" });
  const container = el("div", { className: entry.locked ? "setting locked" : "setting", attrs: { "data-key": "automationRules", "data-source": entry.source } });
  const heading = el("h3", { text: render(labels.label), attrs: { id: "rules-heading" } });
  const hint = el("p", { className: "hint", text: render(labels.description), attrs: { id: "rules-desc" } });

  let counter = 0;
  function check(draft: Draft, key: keyof Draft, text: MessageKey): HTMLElement {
    const id = `rule-${counter}-${key}`;
    const input = el("input", { attrs: { type: "checkbox", id } });
    input.checked = draft[key] === true;
    input.disabled = entry.locked;
    input.addEventListener("change", () => {
      (draft as Record<keyof Draft, unknown>)[key] = input.checked;
    });
    return el("div", { className: "checkbox" }, [input, el("label", { text: tr(text), attrs: { for: id } })]);
  }
  function text(draft: Draft, key: "name" | "marker" | "identities", label: MessageKey): HTMLElement[] {
    const id = `rule-${counter}-${key}`;
    const input = key === "identities" ? el("textarea", { attrs: { id, rows: "2", spellcheck: "false" } }) : el("input", { attrs: { type: "text", id } });
    input.value = draft[key];
    input.disabled = entry.locked;
    input.addEventListener("input", () => {
      draft[key] = input.value;
    });
    return [el("label", { text: tr(label), attrs: { for: id } }), input];
  }
  function kindSelect(draft: Draft): HTMLElement[] {
    const id = `rule-${counter}-kind`;
    const select = el("select", { attrs: { id } }, [
      el("option", { text: tr("rulesKindAny"), attrs: { value: "any" } }),
      el("option", { text: tr("rulesKindNew"), attrs: { value: "new" } }),
      el("option", { text: tr("rulesKindReply"), attrs: { value: "reply" } }),
    ]);
    select.value = draft.kind;
    select.disabled = entry.locked;
    select.addEventListener("change", () => {
      const value = select.value;
      draft.kind = value === "new" || value === "reply" ? value : "any";
    });
    return [el("label", { text: tr("rulesKind"), attrs: { for: id } }), select];
  }

  function draw(): void {
    counter = 0;
    const groups = drafts.map((draft, index) => {
      counter = index;
      const remove = el("button", { text: tr("rulesRemove"), attrs: { type: "button" } });
      remove.disabled = entry.locked;
      remove.addEventListener("click", () => {
        drafts.splice(index, 1);
        draw();
        addButton.focus();
      });
      return el("fieldset", { className: "rule", attrs: { "data-rule": String(index) } }, [
        el("legend", { text: tr("rulesRuleNumber", index + 1) }),
        ...text(draft, "name", "rulesName"),
        check(draft, "enabled", "rulesEnabled"),
        el("p", { className: "rule-part", text: tr("rulesWhen") }),
        ...text(draft, "identities", "rulesIdentities"),
        check(draft, "patientOnly", "rulesPatientOnly"),
        ...kindSelect(draft),
        ...text(draft, "marker", "rulesMarker"),
        el("p", { className: "rule-part", text: tr("rulesThen") }),
        check(draft, "readReceipt", "rulesReadReceipt"),
        check(draft, "noReply", "rulesNoReply"),
        check(draft, "closeAfterConfirm", "rulesCloseAfterConfirm"),
        check(draft, "closeWithoutAsking", "rulesCloseWithoutAsking"),
        remove,
      ]);
    });
    list.replaceChildren(...(groups.length === 0 ? [el("p", { className: "hint", text: tr("rulesNone") })] : groups));
  }

  const addButton = el("button", { text: tr("rulesAdd"), attrs: { type: "button", id: "rules-add" } });
  addButton.disabled = entry.locked;
  addButton.addEventListener("click", () => {
    drafts.push({
      name: tr("rulesNewName"),
      enabled: true,
      identities: "",
      patientOnly: true,
      kind: "any",
      marker: "",
      readReceipt: false,
      noReply: false,
      closeWithoutAsking: false,
      closeAfterConfirm: false,
    });
    draw();
    list.querySelector<HTMLInputElement>(`#rule-${drafts.length - 1}-name`)?.focus();
  });
  const saveButton = el("button", { text: tr("rulesSave"), attrs: { type: "button", id: "rules-save" } });
  saveButton.disabled = entry.locked;
  saveButton.addEventListener("click", () => {
    const checked = checkSettingValue("automationRules", drafts.map(fromDraft));
    if (!checked.ok) {
      status.textContent =
        checked.item === undefined
          ? tr("optionsInvalidValue", render(labels.label), render(labels.expected))
          : tr("rulesInvalid", render(labels.label), checked.item.index + 1, render(labels.expected));
      status.className = "bad";
      return;
    }
    saveUserSetting("automationRules", checked.value).then(
      () => {
        status.textContent = tr("rulesSaved");
        status.className = "ok";
      },
      (error: unknown) => {
        status.textContent = tr("rulesSaveFailed", error instanceof Error ? error.message : String(error));
        status.className = "bad";
      },
    );
  });
  draw();
  container.setAttribute("role", "group");
  container.setAttribute("aria-labelledby", "rules-heading");
  container.setAttribute("aria-describedby", "rules-desc");
  container.append(heading, hint, list, addButton, saveButton);
  return container;
}
