/**
 * The editor of the automation rules on the options page: one group of native fields per
 * rule (keyboard reachable, labelled), "add" and "remove" buttons, and one "save" button that
 * checks the whole list against the settings schema before storing it. Text only.
 */
import { saveUserSetting } from "../../adapters/settings.js";
import type { AutomationRule } from "../../core/automation/index.js";
import { render } from "../../adapters/i18n.js";
import type { Lang, Text } from "../../core/i18n/text.js";
import { checkSettingValue, SETTING_LABELS, type SettingEntry } from "../../core/settings/index.js";
import { el } from "../shared/dom.js";

const T = {
  rule: { fr: "Règle", en: "Rule" },
  name: { fr: "Nom de la règle", en: "Rule name" },
  enabled: { fr: "Règle active", en: "Rule active" },
  when: { fr: "Quand", en: "When" },
  then: { fr: "Alors", en: "Then" },
  identities: {
    fr: "Identités d'envoi (une adresse par ligne ; vide : toutes)",
    en: "Sending identities (one address per line; empty: all)",
  },
  patientOnly: { fr: "Un destinataire est un patient", en: "A recipient is a patient" },
  kind: { fr: "Type de message", en: "Kind of message" },
  kindAny: { fr: "Tous", en: "Any" },
  kindNew: { fr: "Nouveau message", en: "New message" },
  kindReply: { fr: "Réponse", en: "Reply" },
  marker: { fr: "L'objet ou le texte contient (vide : sans condition)", en: "The subject or text contains (empty: no condition)" },
  readReceipt: { fr: "Demander un accusé de lecture", en: "Request a read receipt" },
  noReply: { fr: "Interdire la réponse du patient (X-MSS-MES: FIN)", en: "Forbid the patient's reply (X-MSS-MES: FIN)" },
  closeWithoutAsking: {
    fr: "Clore l'échange sans demander (objet [FIN]) : messagerie applicative, identités ci-dessus requises",
    en: "Close the exchange without asking (subject [FIN]): applicative mailbox, identities above required",
  },
  closeAfterConfirm: {
    fr: "Proposer de clore l'échange (objet [FIN]) à l'envoi : vous confirmez ou non",
    en: "Offer to close the exchange (subject [FIN]) when sending: you confirm or not",
  },
  remove: { fr: "Supprimer cette règle", en: "Remove this rule" },
  add: { fr: "Ajouter une règle", en: "Add a rule" },
  save: { fr: "Enregistrer les règles", en: "Save the rules" },
  saved: { fr: "Règles enregistrées.", en: "Rules saved." },
  none: { fr: "Aucune règle.", en: "No rule." },
  newName: { fr: "Nouvelle règle", en: "New rule" },
} satisfies Record<string, Text>;

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
  readonly lang: Lang;
  /** Where "saved" or what is wrong is said. */
  readonly status: HTMLElement;
}

/** The section of the automation rules for the options page. */
export function rulesEditor(entry: SettingEntry, options: RulesEditorOptions): HTMLElement {
  const { lang, status } = options;
  const labels = SETTING_LABELS.automationRules;
  const rules = Array.isArray(entry.value) ? (entry.value as AutomationRule[]) : [];
  const drafts: Draft[] = rules.map(toDraft);
  const list = el("div", { className: "rules" });
  const container = el("div", { className: entry.locked ? "setting locked" : "setting", attrs: { "data-key": "automationRules", "data-source": entry.source } });
  const heading = el("h3", { text: render(labels.label), attrs: { id: "rules-heading" } });
  const hint = el("p", { className: "hint", text: render(labels.description), attrs: { id: "rules-desc" } });

  let counter = 0;
  function check(draft: Draft, key: keyof Draft, text: Text): HTMLElement {
    const id = `rule-${counter}-${key}`;
    const input = el("input", { attrs: { type: "checkbox", id } });
    input.checked = draft[key] === true;
    input.disabled = entry.locked;
    input.addEventListener("change", () => {
      (draft as Record<keyof Draft, unknown>)[key] = input.checked;
    });
    return el("div", { className: "checkbox" }, [input, el("label", { text: text[lang], attrs: { for: id } })]);
  }
  function text(draft: Draft, key: "name" | "marker" | "identities", label: Text): HTMLElement[] {
    const id = `rule-${counter}-${key}`;
    const input = key === "identities" ? el("textarea", { attrs: { id, rows: "2", spellcheck: "false" } }) : el("input", { attrs: { type: "text", id } });
    input.value = draft[key];
    input.disabled = entry.locked;
    input.addEventListener("input", () => {
      draft[key] = input.value;
    });
    return [el("label", { text: label[lang], attrs: { for: id } }), input];
  }
  function kindSelect(draft: Draft): HTMLElement[] {
    const id = `rule-${counter}-kind`;
    const select = el("select", { attrs: { id } }, [
      el("option", { text: T.kindAny[lang], attrs: { value: "any" } }),
      el("option", { text: T.kindNew[lang], attrs: { value: "new" } }),
      el("option", { text: T.kindReply[lang], attrs: { value: "reply" } }),
    ]);
    select.value = draft.kind;
    select.disabled = entry.locked;
    select.addEventListener("change", () => {
      const value = select.value;
      draft.kind = value === "new" || value === "reply" ? value : "any";
    });
    return [el("label", { text: T.kind[lang], attrs: { for: id } }), select];
  }

  function draw(): void {
    counter = 0;
    const groups = drafts.map((draft, index) => {
      counter = index;
      const remove = el("button", { text: T.remove[lang], attrs: { type: "button" } });
      remove.disabled = entry.locked;
      remove.addEventListener("click", () => {
        drafts.splice(index, 1);
        draw();
        addButton.focus();
      });
      return el("fieldset", { className: "rule", attrs: { "data-rule": String(index) } }, [
        el("legend", { text: `${T.rule[lang]} ${index + 1}` }),
        ...text(draft, "name", T.name),
        check(draft, "enabled", T.enabled),
        el("p", { className: "rule-part", text: T.when[lang] }),
        ...text(draft, "identities", T.identities),
        check(draft, "patientOnly", T.patientOnly),
        ...kindSelect(draft),
        ...text(draft, "marker", T.marker),
        el("p", { className: "rule-part", text: T.then[lang] }),
        check(draft, "readReceipt", T.readReceipt),
        check(draft, "noReply", T.noReply),
        check(draft, "closeAfterConfirm", T.closeAfterConfirm),
        check(draft, "closeWithoutAsking", T.closeWithoutAsking),
        remove,
      ]);
    });
    list.replaceChildren(...(groups.length === 0 ? [el("p", { className: "hint", text: T.none[lang] })] : groups));
  }

  const addButton = el("button", { text: T.add[lang], attrs: { type: "button", id: "rules-add" } });
  addButton.disabled = entry.locked;
  addButton.addEventListener("click", () => {
    drafts.push({
      name: T.newName[lang],
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
  const saveButton = el("button", { text: T.save[lang], attrs: { type: "button", id: "rules-save" } });
  saveButton.disabled = entry.locked;
  saveButton.addEventListener("click", () => {
    const checked = checkSettingValue("automationRules", drafts.map(fromDraft));
    if (!checked.ok) {
      const where = checked.item === undefined ? "" : ` (${T.rule[lang]} ${checked.item.index + 1})`;
      status.textContent = `${render(labels.label)}${where} : ${render(labels.expected)}`;
      status.className = "bad";
      return;
    }
    void saveUserSetting("automationRules", checked.value).then(() => {
      status.textContent = T.saved[lang];
      status.className = "ok";
    });
  });
  draw();
  container.setAttribute("role", "group");
  container.setAttribute("aria-labelledby", "rules-heading");
  container.setAttribute("aria-describedby", "rules-desc");
  container.append(heading, hint, list, addButton, saveButton);
  return container;
}
