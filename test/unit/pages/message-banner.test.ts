// @vitest-environment happy-dom
/**
 * The script drawn into displayed messages: it asks the background, draws in a shadow root
 * with text only (markup in a text stays text), a labelled region, its controls in the tab
 * order, a polite live region; an action disables the controls until the answer (two quick
 * clicks make one request); nothing is drawn when the answer is nothing or malformed; the
 * message's own body is left as it was.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { BannerRequest, RenderedBanner } from "../../../src/core/banners/index.js";
import { BANNER_HOST_ID, main } from "../../../src/pages/message-banner/banner.js";

const OPEN: RenderedBanner = {
  kind: "patient",
  tone: "open",
  lang: "fr",
  label: "Patient Mon espace santé",
  lines: [
    { role: "title", text: "Patient Mon espace santé : <b>Marie</b> Durand" },
    { role: "detail", text: "INS 2 55 08 14 168 025 38 — Femme, née en août 1955" },
    { role: "state", text: "Échange ouvert : le patient peut vous répondre." },
  ],
  actions: [{ action: "close", label: "Clore l'échange" }],
  announce: "",
};

const CLOSED: RenderedBanner = {
  ...OPEN,
  tone: "closed",
  lines: [...OPEN.lines.slice(0, 2), { role: "state", text: "Échange clos le 03/12/2026 à 09:00 : le patient ne peut plus répondre." }],
  actions: [],
  announce: "Échange clos : [FIN] envoyé à Marie Durand.",
};

const NOTICE: RenderedBanner = {
  kind: "notice",
  tone: "problem",
  lang: "fr",
  label: "Retour de messagerie",
  lines: [{ role: "title", text: "La messagerie … est clôturée : rien ne lui a été remis." }],
  actions: [
    { action: "handled", label: "Marquer comme traité" },
    { action: "open-notice", label: "Voir dans le panneau des retours" },
  ],
  announce: "",
};

interface Asked {
  readonly requests: BannerRequest[];
  answer: (request: BannerRequest) => Promise<unknown>;
  /** What the background sends the script (`tabs.sendMessage`). */
  tell: (message: unknown) => void;
}

function host(answers: Record<string, unknown>): { asked: Asked; run: () => Promise<void> } {
  const asked: Asked = {
    requests: [],
    answer: (request) => Promise.resolve(answers[request.action]),
    tell: () => {
      throw new Error("the script does not listen yet");
    },
  };
  return {
    asked,
    run: () =>
      main({
        document,
        ask: (request) => {
          asked.requests.push(request);
          return asked.answer(request);
        },
        listen: (listener) => {
          asked.tell = listener;
        },
      }),
  };
}

function shadow(): ShadowRoot {
  const holder = document.getElementById(BANNER_HOST_ID);
  if (holder?.shadowRoot === null || holder?.shadowRoot === undefined) throw new Error("no banner");
  return holder.shadowRoot;
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  document.body.replaceChildren();
  const p = document.createElement("p");
  p.textContent = "Bonjour docteur,";
  document.body.append(p);
});

describe("the banner in the displayed message", () => {
  it("draws the answer first in the body, in a shadow root, as text, in a labelled region with a polite live region", async () => {
    const { run, asked } = host({ show: { banner: OPEN } });
    await run();
    expect(asked.requests).toEqual([{ mssanteBanner: 1, action: "show" }]);
    expect(document.body.firstElementChild?.id).toBe(BANNER_HOST_ID);
    expect(document.body.lastElementChild?.textContent).toBe("Bonjour docteur,");
    const region = shadow().querySelector("section");
    expect(region?.getAttribute("role")).toBe("region");
    expect(region?.getAttribute("aria-label")).toBe("Patient Mon espace santé");
    expect(region?.getAttribute("lang")).toBe("fr");
    const title = region?.querySelector("p.title");
    expect(title?.textContent).toBe("Patient Mon espace santé : <b>Marie</b> Durand");
    expect(title?.querySelector("b")).toBeNull();
    const status = region?.querySelector("[role=status]");
    expect(status?.getAttribute("aria-live")).toBe("polite");
    const button = region?.querySelector("button");
    expect(button?.textContent).toBe("Clore l'échange");
    expect(button?.getAttribute("type")).toBe("button");
    expect(shadow().querySelector("style")?.textContent).toContain("prefers-color-scheme: dark");
  });

  it("two quick clicks make one request; the answer is drawn, the controls gone, the change announced", async () => {
    const { run, asked } = host({ show: { banner: OPEN }, close: { banner: CLOSED } });
    await run();
    let release: (value: unknown) => void = () => undefined;
    asked.answer = (request) => (request.action === "close" ? new Promise((r) => (release = r)) : Promise.resolve(undefined));
    const button = shadow().querySelector("button");
    button?.click();
    button?.click();
    expect(button?.disabled).toBe(true);
    expect(asked.requests.filter((r) => r.action === "close")).toHaveLength(1);
    release({ banner: CLOSED });
    await settle();
    const region = shadow().querySelector("section");
    expect(region?.dataset["tone"]).toBe("closed");
    expect(region?.querySelector("button")).toBeNull();
    expect(region?.querySelector("[role=status]")?.textContent).toBe("Échange clos : [FIN] envoyé à Marie Durand.");
  });

  it("a notice: the button and the link in the tab order; the link does not navigate the message", async () => {
    const { run, asked } = host({ show: { banner: NOTICE }, "open-notice": { banner: NOTICE } });
    await run();
    const link = shadow().querySelector("a");
    expect(link?.getAttribute("href")).toBe("#");
    expect(link?.tabIndex).toBe(0);
    expect(shadow().querySelector("button")?.tabIndex).toBe(0);
    const event = new MouseEvent("click", { bubbles: true, cancelable: true });
    link?.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    await settle();
    expect(asked.requests.map((r) => r.action)).toEqual(["show", "open-notice"]);
  });

  it("draws nothing when there is nothing to show, or the answer is malformed or fails", async () => {
    for (const answer of [{ banner: null }, { banner: { ...OPEN, html: "<b>x</b>" } }, undefined, "banner"]) {
      await host({ show: answer }).run();
      expect(document.getElementById(BANNER_HOST_ID)).toBeNull();
    }
    await main({ document, ask: () => Promise.reject(new Error("no receiver")), listen: () => undefined });
    expect(document.getElementById(BANNER_HOST_ID)).toBeNull();
  });

  it("a failed action leaves the banner as it was, its controls usable again", async () => {
    const { run, asked } = host({ show: { banner: OPEN } });
    await run();
    asked.answer = () => Promise.reject(new Error("background gone"));
    const button = shadow().querySelector("button");
    button?.click();
    await settle();
    expect(button?.disabled).toBe(false);
    expect(shadow().querySelector("section")?.dataset["tone"]).toBe("open");
  });

  it("the background says to look again (a close from the header button): redrawn as closed, focus kept in the banner; nothing to show: removed; anything else: ignored", async () => {
    const { run, asked } = host({ show: { banner: OPEN } });
    await run();
    shadow().querySelector<HTMLButtonElement>("button")?.focus();
    asked.answer = () => Promise.resolve({ banner: { ...CLOSED, announce: "" } });
    asked.tell({ mssanteBannerRefresh: 2 });
    asked.tell("refresh");
    await settle();
    expect(asked.requests.map((r) => r.action)).toEqual(["show"]);
    asked.tell({ mssanteBannerRefresh: 1 });
    await settle();
    await settle();
    expect(asked.requests.map((r) => r.action)).toEqual(["show", "show"]);
    const region = shadow().querySelector("section");
    expect(region?.dataset["tone"]).toBe("closed");
    expect(shadow().querySelectorAll("button")).toHaveLength(0);
    expect(shadow().activeElement).toBe(region);
    expect(document.querySelectorAll(`#${BANNER_HOST_ID}`)).toHaveLength(1);
    asked.answer = () => Promise.resolve({ banner: null });
    asked.tell({ mssanteBannerRefresh: 1 });
    await settle();
    await settle();
    expect(document.getElementById(BANNER_HOST_ID)).toBeNull();
  });

  it("told to look again on a message that showed nothing: drawn once there is something to show", async () => {
    const { run, asked } = host({ show: { banner: null } });
    await run();
    expect(document.getElementById(BANNER_HOST_ID)).toBeNull();
    asked.answer = () => Promise.resolve({ banner: CLOSED });
    asked.tell({ mssanteBannerRefresh: 1 });
    await settle();
    await settle();
    expect(shadow().querySelector("section")?.dataset["tone"]).toBe("closed");
  });
});
