// @vitest-environment happy-dom
/**
 * Ways to show a user text that is not in src/_locales and that no guard notices today.
 *
 * What is wrong: issue 10 asks for "a test that … no user-visible literal is left in
 * TypeScript or HTML". The TypeScript guards only look for the `{ fr: …, en: … }` object
 * shape (test/unit/i18n/no-literals.test.ts, pages-literals.test.ts), so a text chosen by
 * language in another shape, or a plain French literal given to `textContent`, `title`,
 * `setAttribute("aria-label", …)`, `alert(…)`, the message-display button's title
 * (`setActionState` takes a plain string) or a menu entry's title (`createMenu`), passes every check. The HTML guard reads text
 * nodes and four attributes, not a button's `value`, an option's `label` nor the other ARIA
 * texts a screen reader speaks. What is expected: each planted line below is reported by at
 * least one guard.
 */
import { describe, expect, it } from "vitest";
import { literalLines } from "../i18n/no-literals.test.js";
import { literals } from "../i18n/pages-literals.test.js";

/** The pages' own TypeScript guard (pages-literals.test.ts, "builds no {fr, en} text"). */
const pagesGuard = (text: string): boolean => /\bfr\s*:\s*["'`]/.test(text) || /\ben\s*:\s*["'`]/.test(text);

/** Whether any TypeScript guard reports the code. */
const caught = (code: string): boolean => literalLines(code).length > 0 || pagesGuard(code);

describe("a user-visible literal in TypeScript is reported", () => {
  it("sanity: the { fr, en } shape is", () => {
    expect(caught('const t = { fr: "Fermer", en: "Close" };')).toBe(true);
  });

  it.each([
    ["a text chosen by a condition on the language", 'const label = uiLang() === "fr" ? "Clore l’échange" : "Close the exchange";'],
    ["a Map of languages", 'const label = new Map([["fr", "Clore l’échange"], ["en", "Close the exchange"]]);'],
    ["textContent set to a French literal", 'status.textContent = "Réglages enregistrés";'],
    ["a title set from TypeScript", 'button.title = "Clore l’échange avec ce patient";'],
    ["an aria-label set from TypeScript", 'list.setAttribute("aria-label", "Avis trouvés");'],
    ["a template literal shown to the user", "status.textContent = `${count} avis trouvés`;"],
    ["alert()", 'alert("Le message est trop gros");'],
    ["the message-display button's title", 'await setActionState(tabId, true, "Clore l’échange");'],
    ["a menu entry's title", 'createMenu({ id: "close", title: "Clore l’échange", contexts: ["message_list"] });'],
  ])("%s", (_what, code) => {
    expect(caught(code), code).toBe(true);
  });
});

describe("a user-visible literal in a page's HTML is reported", () => {
  it.each([
    ["a button's value", '<html><body><input type="button" value="Envoyer quand même"></body></html>'],
    ["an option's label", '<html><body><select><option value="a" label="Tous les dossiers"></option></select></body></html>'],
    ["aria-description", '<html><body><button data-i18n="k" aria-description="Ferme la fenêtre"></button></body></html>'],
    ["aria-valuetext", '<html><body><progress data-i18n-aria-label="k" aria-valuetext="3 dossiers sur 10"></progress></body></html>'],
    ["aria-roledescription", '<html><body><div role="region" aria-roledescription="panneau des avis"></div></body></html>'],
  ])("%s", (_what, html) => {
    expect(literals(html), html).not.toEqual([]);
  });
});
