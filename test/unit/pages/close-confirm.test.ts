// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { main } from "../../../src/pages/close-confirm/close-confirm.js";
import { useFakeThunderbird } from "../fakes/messenger.js";
import { $, blurWhenDisabled, fakeWindow, loadPage, press, ready, textOf } from "./load-page.js";
import { goneShown } from "./close-confirm-page.js";

const P1 = "295109912611193@patient.mssante.fr";
const fake = useFakeThunderbird();
blurWhenDisabled();

function open(tab: number, rules = "Résultats\nRappels"): ReturnType<typeof fakeWindow> {
  loadPage("close-confirm/close-confirm.html");
  const page = fakeWindow(`?${new URLSearchParams({ tab: String(tab), rules }).toString()}`);
  main(page);
  return page;
}

/** A compose window to P1 (with that subject, if any), and the page asking about it, ready. */
async function asked(subject?: string, rules?: string): Promise<{ tab: number; page: ReturnType<typeof fakeWindow> }> {
  const tab = fake().openCompose(subject === undefined ? { to: [P1] } : { to: [P1], subject });
  const page = open(tab, rules);
  await ready();
  return { tab, page };
}

describe("close-confirm page", () => {
  it("asks in French, names the rules, and puts the focus on the answer", async () => {
    await asked("Résultats");
    expect(document.documentElement.lang).toBe("fr");
    expect(document.title).toBe("Clore l'échange ?");
    expect(textOf($("heading"))).toBe("Clore l'échange ?");
    expect(textOf($("question"))).toContain("exactement [FIN]");
    expect(textOf($("rules"))).toBe("Règle : Résultats, Rappels");
    expect(textOf($("yes"))).toBe("Clore et envoyer");
    expect(textOf($("no"))).toBe("Envoyer sans clore");
    expect(document.activeElement).toBe($("yes"));
  });

  it("asks in English for an English interface", async () => {
    fake().setUiLanguage("en-US");
    await asked(undefined, "Lab results");
    expect(document.documentElement.lang).toBe("en");
    expect(textOf($("heading"))).toBe("Close the exchange?");
    expect(textOf($("rules"))).toBe("Rule: Lab results");
    expect(textOf($("yes"))).toBe("Close and send");
    expect(textOf($("no"))).toBe("Send without closing");
  });

  it("keeps the answer for this tab, sends, and closes the window", async () => {
    const { tab, page } = await asked("Résultats");
    $("yes").click();
    await vi.waitFor(() => {
      expect(page.closed()).toBe(true);
    });
    expect(fake().storage("session")[`tab:${tab}:closeAnswer`]).toBe("yes");
    expect(fake().sentMessages.map((m) => m.tabId)).toEqual([tab]);
  });

  it("sends without closing when asked to", async () => {
    const { tab, page } = await asked();
    $("no").click();
    await vi.waitFor(() => {
      expect(page.closed()).toBe(true);
    });
    expect(fake().storage("session")[`tab:${tab}:closeAnswer`]).toBe("no");
  });

  it("says that nothing was sent when the compose window is gone, forgets the answer, and gives the focus back", async () => {
    const { tab, page } = await asked();
    await fake().closeWindow(fake().windowOf(tab));
    $("no").focus();
    $("no").click();
    await goneShown();
    expect(textOf($("gone"))).toMatch(/^La fenêtre de rédaction de ce message est fermée : rien n'a été envoyé\. \(.+\)$/);
    expect($("gone").getAttribute("role")).toBe("alert");
    expect(textOf($("status"))).toBe("");
    await vi.waitFor(() => {
      expect(fake().storage("session")[`tab:${tab}:closeAnswer`]).toBeUndefined();
    });
    expect(page.closed()).toBe(false);
    expect($("no", HTMLButtonElement).disabled).toBe(false);
    expect(document.activeElement).toBe($("no"));
    expect(fake().sentMessages).toEqual([]);
  });

  it("says the send failed, not that the window is gone, when the server refused the [FIN] (the message kept in its window)", async () => {
    const { tab, page } = await asked("Résultats");
    fake().serverRefuses = true;
    $("yes").click();
    await goneShown();
    expect(textOf($("gone"))).toBe("L'envoi n'a pas abouti. Le message est resté ouvert.");
    await vi.waitFor(() => {
      expect(fake().storage("session")[`tab:${tab}:closeAnswer`]).toBeUndefined();
    });
    expect(page.closed()).toBe(false);
    expect(fake().sentMessages).toEqual([]);
    expect(fake().isOpen(fake().windowOf(tab))).toBe(true);
  });

  it("offline, « Clore et envoyer » puts the message in the Outbox, and the window stays to say the exchange closes when it leaves", async () => {
    fake().offline = true;
    const { page } = await asked("Résultats");
    $("yes").click();
    await vi.waitFor(() => {
      expect(textOf($("status"))).toBe(
        "Thunderbird est hors ligne : le [FIN] attend dans la boîte d'envoi. L'échange sera clos quand il partira (retour en ligne, puis envoi des messages en attente).",
      );
    });
    expect(fake().sentMessages.map((m) => m.mode)).toEqual(["sendLater"]);
    expect(page.closed()).toBe(false);
    expect($("yes").hidden).toBe(true);
    expect($("no").hidden).toBe(true);
    expect($("gone").hidden).toBe(true);
    expect(document.activeElement).toBe($("done"));
    $("done").click();
    expect(page.closed()).toBe(true);
  });

  it("offline, « Envoyer sans clore » says the message waits in the Outbox", async () => {
    fake().offline = true;
    await asked("Résultats");
    $("no").click();
    await vi.waitFor(() => {
      expect(textOf($("status"))).toBe("Le message attend dans la boîte d'envoi : il partira quand Thunderbird sera en ligne.");
    });
  });

  it("with Thunderbird sending in the background, says the message is in the Outbox, sent in the background (never stuck on « Envoi en cours… »)", async () => {
    fake().sendInBackground = true;
    const { tab, page } = await asked("Résultats");
    $("yes").click();
    await vi.waitFor(
      () => {
        expect(textOf($("status"))).toContain("Thunderbird l'envoie en arrière-plan");
      },
      { timeout: 6000 },
    );
    expect(fake().sentMessages.map((m) => m.tabId)).toEqual([tab]);
    expect(page.closed()).toBe(false);
  });

  it("a « Clore et envoyer » the server refused gives back the subject the user wrote (the guard had set [FIN]), so that the next Send asks again", async () => {
    const tab = fake().openCompose({ to: [P1], subject: "Fin du suivi #clore" });
    // The send guard, answered "yes": the subject [FIN] on the way out, kept in the window.
    fake().background.run(() => {
      messenger.compose.onBeforeSend.addListener(() => ({ details: { subject: "[FIN]" } }));
    });
    const page = open(tab);
    await ready();
    fake().serverRefuses = true;
    $("yes").click();
    await goneShown();
    await vi.waitFor(async () => {
      expect((await fake().background.run(() => messenger.compose.getComposeDetails(tab))).subject).toBe("Fin du suivi #clore");
    });
    expect(textOf($("gone"))).toBe("L'envoi n'a pas abouti. Le message est resté ouvert.");
    expect(fake().storage("session")[`tab:${tab}:closeAnswer`]).toBeUndefined();
    expect(page.closed()).toBe(false);
    expect(fake().sentMessages).toEqual([]);
  });

  it("« Envoyer sans clore » refused leaves the subject as it is", async () => {
    const { tab } = await asked("[FIN]");
    fake().serverRefuses = true;
    $("no").click();
    await goneShown();
    expect((await fake().background.run(() => messenger.compose.getComposeDetails(tab))).subject).toBe("[FIN]");
  });

  it("closes on Escape", async () => {
    const { page } = await asked();
    press($("yes"), "Escape");
    expect(page.closed()).toBe(true);
  });
});
