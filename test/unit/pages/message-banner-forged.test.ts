// @vitest-environment happy-dom
/**
 * The banner drawn into a displayed message: the message's markup never decides whether it
 * is drawn, and cannot stand in for it.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { RenderedBanner } from "../../../src/core/banners/index.js";
import { BANNER_HOST_ID, main } from "../../../src/pages/message-banner/banner.js";

const OPEN: RenderedBanner = {
  kind: "patient",
  tone: "open",
  lang: "fr",
  label: "Patient Mon espace santé",
  lines: [
    { role: "title", text: "Patient Mon espace santé : Marie Durand" },
    { role: "detail", text: "INS 2 55 08 14 168 025 38 — Femme, née en août 1955" },
    { role: "state", text: "Échange ouvert : le patient peut vous répondre." },
  ],
  actions: [{ action: "close", label: "Clore l'échange" }],
  announce: "",
};

beforeEach(() => {
  document.body.replaceChildren();
});

describe("a message cannot suppress or stand in for the real banner", () => {
  /*
   * A mail (from a patient, or any HTML mail) may carry `<div id="mssante-patient-banner">`
   * — a look-alike grey banner reading « Échange clos le … »: the id is public. The real
   * banner (a shadow root holding the background's answer) is drawn first in the body all
   * the same; "already drawn" is the script's own holder, known by reference, never an id.
   */
  it("a message holding an element with the banner's id still gets the real banner", async () => {
    const forged = document.createElement("div");
    forged.id = BANNER_HOST_ID;
    forged.textContent = "Patient Mon espace santé : Marie Durand — Échange clos le 01/12/2026 : le patient ne peut plus répondre.";
    const body = document.createElement("p");
    body.textContent = "Bonjour docteur, pouvez-vous me rappeler ?";
    document.body.append(forged, body);

    const asked: string[] = [];
    await main({
      document,
      listen: () => undefined,
      ask: (request) => {
        asked.push(request.action);
        return Promise.resolve({ banner: OPEN });
      },
    });

    expect(asked).toEqual(["show"]);
    const drawn = [...document.body.querySelectorAll("div")].find((d) => d.shadowRoot !== null);
    expect(drawn, "the real banner is drawn").toBeDefined();
    expect(document.body.firstElementChild).toBe(drawn);
    expect(drawn?.shadowRoot?.querySelector("section")?.dataset["tone"]).toBe("open");
    expect(drawn?.shadowRoot?.querySelector("button")?.textContent).toBe("Clore l'échange");
  });
});
