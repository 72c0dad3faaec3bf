// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { main } from "../../../src/pages/send-check/send-check.js";
import { FakeAddressBooks } from "../fakes/address-books.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { P1, P2 } from "../features/helpers.js";
import { $, blurWhenDisabled, fakeWindow, loadPage, press, ready, textOf } from "./load-page.js";

const fake = useFakeThunderbird();
blurWhenDisabled();

async function open(tab: number): Promise<ReturnType<typeof fakeWindow>> {
  new FakeAddressBooks(fake());
  loadPage("send-check/send-check.html");
  const page = fakeWindow(`?tab=${tab}`);
  await main(page);
  await ready();
  return page;
}

const codes = (id: string): string[] => [...$(id).querySelectorAll("li")].map((li) => li.dataset["code"] ?? "");

describe("send-check page", () => {
  it("explains a blocked send in French, with its fix, in labelled sections", async () => {
    const tab = fake().openCompose({ to: [P1, P2], subject: "Résultats" });
    await open(tab);
    expect(document.documentElement.lang).toBe("fr");
    expect(document.title).toBe("Envoi vers Mon espace santé");
    expect(textOf($("heading"))).toBe("Ce message n'a pas été envoyé");
    expect(textOf($("intro"))).toContain("rien n'est perdu");
    expect($("blockers-section").hidden).toBe(false);
    expect(textOf(document.getElementById($("blockers-section").getAttribute("aria-labelledby") ?? ""))).not.toBe("");
    expect(codes("blockers")).toEqual(["patients-see-each-other"]);
    const fix = $("blockers").querySelector("button[data-fix]");
    expect(fix?.getAttribute("data-fix")).toBe("patients-to-bcc");
    expect(textOf(fix)).not.toBe("");
    expect($("send-now").hidden).toBe(true);
    expect($("send-anyway").hidden).toBe(true);
    expect(textOf($("back"))).toBe("Retour au message");
  });

  it("opens with the focus on the heading that says the message was not sent, never on <body>", async () => {
    const tab = fake().openCompose({ to: [P1, P2], subject: "Résultats" });
    await open(tab);
    expect(document.activeElement).toBe($("heading"));
    expect($("heading").getAttribute("tabindex")).toBe("-1");
  });

  it("speaks English for an English interface", async () => {
    fake().setUiLanguage("en-GB");
    const tab = fake().openCompose({ to: [P1, P2] });
    await open(tab);
    expect(document.documentElement.lang).toBe("en");
    expect(textOf($("heading"))).toBe("This message was not sent");
    expect(textOf($("back"))).toBe("Back to the message");
    expect(textOf($("blockers").querySelector("strong"))).toMatch(/[a-z]/);
    expect(textOf($("blockers").querySelector("strong"))).not.toMatch(/[éèà]/);
  });

  it("after each fix, moves the focus to the next fix, then to the send button, and sends", async () => {
    const tab = fake().openCompose({ to: [P1, P2], replyTo: ["secretariat@ch-exemple.mssante.fr"] });
    const page = await open(tab);
    const first = $("blockers").querySelector<HTMLButtonElement>("button[data-fix]");
    first?.focus();
    first?.click();
    await vi.waitFor(() => {
      expect(document.activeElement?.getAttribute("data-fix")).toBe("remove-reply-to");
    });
    expect(fake().composeDetails(tab).bcc).toEqual([P1, P2]);
    expect($("blockers-section").hidden).toBe(true);
    $("warnings").querySelector<HTMLButtonElement>("button[data-fix]")?.click();
    await vi.waitFor(() => {
      expect(document.activeElement).toBe($("send-now"));
    });
    expect(textOf($("clear"))).toBe("Plus rien ne bloque l'envoi.");
    expect(textOf($("heading"))).toBe("Avant d'envoyer, vérifiez");
    $("send-now").click();
    await vi.waitFor(() => {
      expect(page.closed()).toBe(true);
    });
    expect(fake().sentMessages.map((m) => m.tabId)).toEqual([tab]);
  });

  it("sends with the warnings accepted for this exact message", async () => {
    const tab = fake().openCompose({ to: [P1], replyTo: ["secretariat@ch-exemple.mssante.fr"] });
    await open(tab);
    expect(codes("warnings")).toEqual(["reply-to-set"]);
    expect($("send-anyway").hidden).toBe(false);
    $("send-anyway").click();
    await vi.waitFor(() => {
      expect(fake().storage("session")[`tab:${tab}:acceptedWarnings`]).toEqual(expect.any(String));
    });
  });

  it("says the compose window is gone, and offers no send", async () => {
    const tab = fake().openCompose({ to: [P1, P2] });
    await fake().closeWindow(fake().windowOf(tab));
    await open(tab);
    expect($("gone").hidden).toBe(false);
    expect(textOf($("gone"))).toBe("La fenêtre de rédaction de ce message a été fermée.");
    for (const id of ["send-now", "send-anyway", "blockers-section", "warnings-section"]) expect($(id).hidden).toBe(true);
    expect(document.activeElement).toBe($("gone"));
  });

  it("says the send failed, keeps the window, and gives the focus back to the button", async () => {
    const tab = fake().openCompose({ to: [P1] });
    const page = await open(tab);
    fake().override("compose", "sendMessage", () => Promise.reject(new Error("SMTP down")));
    $("send-now").focus();
    $("send-now").click();
    await vi.waitFor(() => {
      expect(textOf($("send-status"))).toBe("L'envoi n'a pas abouti. Le message est resté ouvert.");
    });
    expect($("send-status").getAttribute("role")).toBe("status");
    expect(page.closed()).toBe(false);
    expect($("send-now", HTMLButtonElement).disabled).toBe(false);
    expect(document.activeElement).toBe($("send-now"));
  });

  it("never says sent when the server refused the message (Thunderbird 153 resolves that send as done): failed, the window kept", async () => {
    const tab = fake().openCompose({ to: [P1] });
    const page = await open(tab);
    fake().serverRefuses = true;
    $("send-now").focus();
    $("send-now").click();
    await vi.waitFor(
      () => {
        expect(textOf($("send-status"))).toBe("L'envoi n'a pas abouti. Le message est resté ouvert.");
      },
      { timeout: 6000 },
    );
    expect(page.closed()).toBe(false);
    expect(fake().sentMessages).toEqual([]);
    expect(fake().isOpen(fake().windowOf(tab))).toBe(true);
    expect($("send-now", HTMLButtonElement).disabled).toBe(false);
    expect(document.activeElement).toBe($("send-now"));
  });

  it("offline, puts the message in the Outbox as Thunderbird's Send button does (Send Now is refused offline), and stays to say it waits there", async () => {
    fake().offline = true;
    const tab = fake().openCompose({ to: [P1] });
    const page = await open(tab);
    $("send-now").click();
    await vi.waitFor(() => {
      expect(textOf($("send-status"))).toBe("Le message attend dans la boîte d'envoi : il partira quand Thunderbird sera en ligne.");
    });
    expect(fake().sentMessages.map((m) => [m.tabId, m.mode])).toEqual([[tab, "sendLater"]]);
    expect(page.closed()).toBe(false);
    expect(textOf($("heading"))).toBe("Message placé dans la boîte d'envoi");
    for (const id of ["send-now", "send-anyway", "back", "blockers-section", "warnings-section", "clear", "gone"]) expect($(id).hidden).toBe(true);
    expect($("send-status").className).toBe("");
    expect(textOf($("done"))).toBe("Fermer");
    expect(document.activeElement).toBe($("done"));
    $("done").click();
    expect(page.closed()).toBe(true);
  });

  it("with Thunderbird sending in the background (no answer ever comes, the compose window closes): says the message is in the Outbox, sent in the background — never stuck, never « sent »", async () => {
    fake().sendInBackground = true;
    const tab = fake().openCompose({ to: [P1] });
    const page = await open(tab);
    $("send-now").click();
    await vi.waitFor(
      () => {
        expect(textOf($("send-status"))).toBe(
          "Le message est dans la boîte d'envoi : Thunderbird l'envoie en arrière-plan. Si le serveur le refuse, il y restera et Thunderbird vous le signalera.",
        );
      },
      { timeout: 6000 },
    );
    expect(fake().sentMessages.map((m) => m.tabId)).toEqual([tab]);
    expect(page.closed()).toBe(false);
    expect(document.activeElement).toBe($("done"));
  });

  it("says the check failed when the message cannot be read", async () => {
    const tab = fake().openCompose({ to: [P1] });
    fake().override("compose", "getComposeDetails", () => Promise.reject(new Error("broken")));
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    await open(tab);
    expect(textOf($("send-status"))).toContain("Par prudence, il n'a pas été envoyé");
  });

  it("closes on Escape", async () => {
    const tab = fake().openCompose({ to: [P1] });
    const page = await open(tab);
    press($("back"), "Escape");
    expect(page.closed()).toBe(true);
  });
});
