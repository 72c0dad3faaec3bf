// @vitest-environment happy-dom
/**
 * Breaks found in the banner drawn into a displayed message (issue 12), by a reviewer who did
 * not write it. Each test says what is wrong and what is expected; each fails on the code as
 * it is.
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
   * WRONG: `main()` gives up as soon as the document holds any element whose id is
   * `mssante-patient-banner` — and the message's own HTML is that document. A mail (from a
   * patient, or any HTML mail) that carries `<div id="mssante-patient-banner">…</div>` —
   * e.g. a fake grey banner reading « Échange clos le … » — gets no real banner at all:
   * the professional sees the forged text instead of the patient's INS and the real state,
   * and has no close action. The id is public (it is in the add-on's code).
   * EXPECTED: the message's markup never decides whether the add-on's banner is drawn; the
   * real banner (a shadow root holding the background's answer) is drawn first in the body
   * even when the message holds an element with the same id (the "already drawn" check
   * must recognise only the add-on's own holder, e.g. by a reference kept by the script,
   * not by an id the message can copy).
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
