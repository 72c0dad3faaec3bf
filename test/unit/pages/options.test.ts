// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { main } from "../../../src/pages/options/options.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { $, blurWhenDisabled, loadPage, ready, textOf } from "./load-page.js";

const fake = useFakeThunderbird();
blurWhenDisabled();

async function open(copyText: (text: string) => Promise<void> = () => Promise.resolve()): Promise<void> {
  loadPage("options/options.html");
  await main({ copyText });
  await ready();
}

function change(input: HTMLInputElement | HTMLTextAreaElement, value: string | boolean): void {
  if (typeof value === "boolean" && input instanceof HTMLInputElement) input.checked = value;
  else input.value = String(value);
  input.dispatchEvent(new Event("change", { bubbles: true }));
}

/** Every form control of the page has a label that says something. */
function unlabelled(): string[] {
  return [...document.querySelectorAll<HTMLElement>("input, textarea, select")]
    .filter((control) => textOf(document.querySelector(`label[for='${control.id}']`)) === "")
    .map((control) => control.id);
}

describe("options page", () => {
  it("first render, in French: groups, labelled settings, what is kept about patients", async () => {
    await open();
    expect(document.documentElement).toMatchObject({ lang: "fr", dir: "ltr" });
    expect(document.title).toBe("MSSanté Patient — Réglages");
    expect([...document.querySelectorAll("#settings legend")].length).toBeGreaterThan(2);
    expect(unlabelled()).toEqual([]);
    expect(textOf($("stored-data-heading"))).toBe("Ce que le module conserve sur les patients");
    expect(textOf($("reset"))).toBe("Revenir aux valeurs par défaut");
    expect($("problems-section").hidden).toBe(true);
  });

  it("speaks English for an English interface, rules editor included", async () => {
    fake().setUiLanguage("en-US");
    await open();
    expect(document.documentElement.lang).toBe("en");
    expect(textOf($("reset"))).toBe("Back to defaults");
    expect(textOf($("rules-add"))).toBe("Add a rule");
    expect(textOf($("rules-save"))).toBe("Save the rules");
    expect(textOf($("stored-data-heading"))).toBe("What the add-on keeps about patients");
  });

  it("saves a setting at once and says so", async () => {
    await open();
    change($("setting-readReceiptDefault", HTMLInputElement), false);
    await vi.waitFor(() => {
      expect(textOf($("status"))).toBe("Réglages enregistrés.");
    });
    expect(fake().storage("local")).toMatchObject({ readReceiptDefault: false });
  });

  it("a checkbox for each banner, checked by default; unchecking one saves it", async () => {
    await open();
    const patient = $("setting-patientBanner", HTMLInputElement);
    const notice = $("setting-noticeBanner", HTMLInputElement);
    expect([patient.type, patient.checked, notice.type, notice.checked]).toEqual(["checkbox", true, "checkbox", true]);
    expect(textOf(document.querySelector("label[for='setting-patientBanner']"))).toBe("Bandeau patient dans le message affiché");
    change(notice, false);
    await vi.waitFor(() => {
      expect(fake().storage("local")).toMatchObject({ noticeBanner: false });
    });
  });

  it("refuses a wrong value, says which setting and what it expects, in one sentence", async () => {
    await open();
    const months = $("setting-noticeRetentionMonths", HTMLInputElement);
    change(months, "douze");
    await vi.waitFor(() => {
      expect(months.getAttribute("aria-invalid")).toBe("true");
    });
    expect(textOf($("status"))).toMatch(/^.+ : .+$/);
    expect(textOf($("status"))).toContain(textOf(document.querySelector("label[for='setting-noticeRetentionMonths']")));
    expect(fake().storage("local")).not.toHaveProperty("noticeRetentionMonths");
  });

  it("shows a setting the administrator locked greyed, with who set it", async () => {
    fake().setPolicy({ readReceiptDefault: { value: true, locked: true } });
    await open();
    const box = $("setting-readReceiptDefault", HTMLInputElement);
    expect(box.disabled).toBe(true);
    expect(box.checked).toBe(true);
    const source = $("setting-readReceiptDefault-source");
    expect(textOf(source)).toBe("Défini par votre administrateur");
    expect(source.classList.contains("locked")).toBe(true);
    expect(box.getAttribute("aria-describedby")).toContain("setting-readReceiptDefault-source");
  });

  it("reset: the form is drawn anew, the focus stays on the button, the result is said once", async () => {
    fake().seedStorage("local", { settingsVersion: 1, readReceiptDefault: false });
    await open();
    $("reset").focus();
    $("reset").click();
    await vi.waitFor(() => {
      expect(textOf($("status"))).toBe("Réglages remis à leurs valeurs par défaut (sauf ceux fixés par votre administrateur).");
    });
    expect(document.activeElement).toBe($("reset"));
    expect($("setting-readReceiptDefault", HTMLInputElement).checked).toBe(true);
  });

  it("rules editor: add moves to the new rule's name, remove to the add button, save says it", async () => {
    await open();
    $("rules-add").click();
    expect(document.activeElement).toBe($("rule-0-name"));
    expect($("rule-0-name", HTMLInputElement).value).toBe("Nouvelle règle");
    expect(textOf(document.querySelector("[data-rule='0'] legend"))).toBe("Règle 1");
    $("rules-save").click();
    await vi.waitFor(() => {
      expect(textOf($("status"))).toBe("Règles enregistrées.");
    });
    expect(fake().storage("local")["automationRules"]).toEqual([expect.objectContaining({ name: "Nouvelle règle" })]);
    const remove = document.querySelector<HTMLButtonElement>("[data-rule='0'] button");
    remove?.focus();
    remove?.click();
    expect(document.activeElement).toBe($("rules-add"));
    expect(textOf(document.querySelector(".rules"))).toBe("Aucune règle.");
  });

  it("rules editor: a rule that closes without asking and names no identity is refused, with its number", async () => {
    await open();
    $("rules-add").click();
    change($("rule-0-closeWithoutAsking", HTMLInputElement), true);
    $("rules-save").click();
    expect(textOf($("status"))).toMatch(/\(règle 1\) : /);
    expect(fake().storage("local")).not.toHaveProperty("automationRules");
  });

  it("export: shows the policy, and when copying is refused selects it and says how to copy", async () => {
    await open(() => Promise.reject(new Error("denied")));
    $("export").click();
    expect($("export-result").hidden).toBe(false);
    expect($("policy-export", HTMLTextAreaElement).value).toContain("3rdparty");
    $("export-copy").click();
    await vi.waitFor(() => {
      expect(textOf($("export-status"))).toBe("La copie a échoué : le texte est sélectionné, appuyez sur Ctrl+C.");
    });
    expect(document.activeElement).toBe($("policy-export"));
  });

  it("says so when the settings cannot be read", async () => {
    fake().override("storage", "local", {
      get: () => Promise.reject(new Error("storage down")),
    } as unknown as typeof messenger.storage.local);
    await open();
    expect(textOf($("status"))).toBe("Les réglages n'ont pas pu être lus (storage down). Fermez puis rouvrez cette page.");
  });
});
