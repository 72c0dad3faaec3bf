// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { getTabState, updateTabState } from "../../../src/features/compose/session-state.js";
import { main } from "../../../src/pages/compose-popup/popup.js";
import { FakeAddressBooks } from "../fakes/address-books.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { P1, P2 } from "../features/helpers.js";
import { $, fakeWindow, loadPage, press, ready, textOf } from "./load-page.js";

const fake = useFakeThunderbird();

async function open(): Promise<ReturnType<typeof fakeWindow>> {
  new FakeAddressBooks(fake());
  loadPage("compose-popup/popup.html");
  const page = fakeWindow();
  await main(page);
  await ready();
  return page;
}

function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

const label = (id: string): string => textOf(document.querySelector(`label[for='${id}']`));

describe("compose popup", () => {
  it("first render, in French: labelled fields, no patient yet, the focus in the INS field", async () => {
    fake().openCompose({ subject: "Résultats" });
    await open();
    expect(document.documentElement).toMatchObject({ lang: "fr", dir: "ltr" });
    expect(textOf($("popup-heading"))).toBe("Écrire à un patient");
    expect(label("ins")).toBe("Matricule INS du patient");
    for (const id of ["ins", "patient-name", "expected-sex", "expected-birth", "opt-receipt", "opt-closing", "opt-close-after", "opt-noreply"]) {
      expect(label(id), id).not.toBe("");
    }
    expect($("no-patient").hidden).toBe(false);
    expect(textOf($("no-patient"))).toBe("Aucun patient parmi les destinataires pour l'instant.");
    expect($("card").hidden).toBe(true);
    expect(document.activeElement).toBe($("ins"));
  });

  it("speaks English for an English interface", async () => {
    fake().setUiLanguage("en-US");
    fake().openCompose({});
    await open();
    expect(document.documentElement.lang).toBe("en");
    expect(label("ins")).toBe("Patient's INS number");
    expect(textOf($("no-patient"))).toBe("No patient among the recipients yet.");
    type($("ins", HTMLInputElement), "2951099126111");
    expect(textOf($("ins-status"))).toMatch(/key/i);
  });

  it("checks the INS as it is typed, shows the identity, and adds the patient from the keyboard", async () => {
    const tab = fake().openCompose({});
    await open();
    const ins = $("ins", HTMLInputElement);
    type(ins, "2951099126111");
    expect(ins.getAttribute("aria-invalid")).toBe("true");
    expect(textOf($("ins-status"))).toMatch(/clé/);
    expect($("card").hidden).toBe(true);
    // The visible line follows each key but is not a live region; the live one says only a
    // new kind of status: nothing while the number is still being typed, then that it is valid.
    expect($("ins-status").hasAttribute("aria-live") || $("ins-status").hasAttribute("role")).toBe(false);
    expect($("ins-announce").getAttribute("role")).toBe("status");
    expect(textOf($("ins-announce"))).toBe("");

    type(ins, "2 95 10 99 126 111 93");
    expect(ins.getAttribute("aria-invalid")).toBe("false");
    expect($("card").hidden).toBe(false);
    expect(textOf($("card-identity"))).toMatch(/Femme/);
    expect(textOf($("card-address"))).toBe(P1);
    expect(textOf($("ins-announce"))).toBe("Matricule INS valide (clé correcte).");
    press(ins, "Enter");
    expect(document.activeElement).toBe($("add-patient"));
    $("add-patient").click();
    await vi.waitFor(() => {
      expect(textOf($("add-status"))).toBe(`Destinataire ajouté : ${P1}`);
    });
    expect(fake().composeDetails(tab).to).toEqual([P1]);
    expect(ins.value).toBe("");
    expect(document.activeElement).toBe(ins);
    await vi.waitFor(() => {
      expect(textOf($("patient-list"))).toContain(P1);
    });
    expect($("no-patient").hidden).toBe(true);
  });

  it("after a fix, moves the focus on deliberately (here to the INS field), not to the page", async () => {
    const tab = fake().openCompose({ to: [P1, P2] });
    await open();
    const fix = $("blockers").querySelector<HTMLButtonElement>("button[data-fix='patients-to-bcc']");
    expect(fix).not.toBeNull();
    fix?.focus();
    fix?.click();
    await vi.waitFor(() => {
      expect($("blockers-section").hidden).toBe(true);
    });
    expect(fake().composeDetails(tab).bcc).toEqual([P1, P2]);
    await vi.waitFor(() => {
      expect(document.activeElement).toBe($("ins"));
    });
  });

  it("writes the receipt option into the message", async () => {
    const tab = fake().openCompose({ to: [P1] });
    await open();
    const receipt = $("opt-receipt", HTMLInputElement);
    const before = receipt.checked;
    receipt.checked = !before;
    receipt.dispatchEvent(new Event("change", { bubbles: true }));
    await vi.waitFor(() => {
      expect(fake().composeDetails(tab).returnReceipt).toBe(!before);
    });
  });

  it("both « [FIN] » and « Clore après l'envoi » ticked: says under the second box that it has no effect (the message is itself the [FIN]), and keeps both the box and the subject the user wrote", async () => {
    const tab = fake().openCompose({ to: [P1], subject: "Résultats" });
    await fake().background.run(() => updateTabState(tab, { optionsSettled: true, closeAfterSend: true }));
    await open();
    const closing = $("opt-closing", HTMLInputElement);
    const closeAfter = $("opt-close-after", HTMLInputElement);
    const ignored = $("close-after-ignored");
    expect(closeAfter.checked).toBe(true);
    expect(ignored.hidden).toBe(true);
    expect(closeAfter.getAttribute("aria-describedby")?.split(" ")).toContain("close-after-ignored");

    closing.checked = true;
    closing.dispatchEvent(new Event("change", { bubbles: true }));
    await vi.waitFor(() => {
      expect(fake().composeDetails(tab).subject).toBe("[FIN]");
    });
    expect(ignored.hidden).toBe(false);
    expect(textOf(ignored)).toBe("Sans effet sur ce message : il est lui-même le [FIN] (objet « [FIN] »), aucun autre [FIN] ne le suivra.");
    expect(closeAfter.checked).toBe(true);
    expect(closeAfter.disabled).toBe(false);

    // Unticked, then ticked again: the explanation follows the box.
    closeAfter.checked = false;
    closeAfter.dispatchEvent(new Event("change", { bubbles: true }));
    expect(ignored.hidden).toBe(true);
    closeAfter.checked = true;
    closeAfter.dispatchEvent(new Event("change", { bubbles: true }));
    expect(ignored.hidden).toBe(false);

    closing.checked = false;
    closing.dispatchEvent(new Event("change", { bubbles: true }));
    await vi.waitFor(() => {
      expect(fake().composeDetails(tab).subject).toBe("Résultats");
    });
    expect(ignored.hidden).toBe(true);
    expect(closeAfter.checked).toBe(true);
    expect((await fake().background.run(() => getTabState(tab))).closeAfterSend).toBe(true);
  });

  it("opened on a message whose subject is already [FIN], with « Clore après l'envoi » ticked: says it at once", async () => {
    fake().setUiLanguage("en-US");
    const tab = fake().openCompose({ to: [P1], subject: "[FIN]" });
    await fake().background.run(() => updateTabState(tab, { optionsSettled: true, closeAfterSend: true }));
    await open();
    expect($("opt-closing", HTMLInputElement).checked).toBe(true);
    expect($("close-after-ignored").hidden).toBe(false);
    expect(textOf($("close-after-ignored"))).toBe('No effect on this message: it is itself the [FIN] (subject "[FIN]"), so no other [FIN] will follow it.');
  });

  it("says so when it was not opened from a compose window", async () => {
    await open();
    expect($("no-compose").hidden).toBe(false);
    expect(textOf($("no-compose"))).toBe("Ouvrez ce panneau depuis une fenêtre de rédaction.");
    expect($("patient-section").hidden).toBe(true);
    expect($("message-section").hidden).toBe(true);
  });

  it("says that the patient could not be added when the compose window is gone", async () => {
    const tab = fake().openCompose({});
    await open();
    type($("ins", HTMLInputElement), "295109912611193");
    await fake().closeWindow(fake().windowOf(tab));
    $("add-patient").click();
    await vi.waitFor(() => {
      expect(textOf($("add-status"))).toMatch(/^Le destinataire n'a pas pu être ajouté au message \(.+\)\. Vérifiez/);
    });
    expect($("add-status").getAttribute("role")).toBe("status");
  });

  it("closes on Escape", async () => {
    fake().openCompose({});
    const page = await open();
    press($("ins"), "Escape");
    expect(page.closed()).toBe(true);
  });
});
