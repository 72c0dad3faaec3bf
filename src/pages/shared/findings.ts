/** Renders the send guard's findings (blockers and warnings) as lists with their fixes. */
import { render } from "../../adapters/i18n.js";
import type { Finding, FixId } from "../../core/compose/index.js";
import { el } from "./dom.js";

export function renderFindings(list: HTMLElement, findings: readonly Finding[], onFix: (fix: FixId) => void): void {
  list.replaceChildren(
    ...findings.map((finding) => {
      const item = el("li", { className: "finding", attrs: { "data-code": finding.code } }, [
        el("strong", { text: render(finding.title) }),
        el("p", { text: render(finding.explanation) }),
      ]);
      const fix = finding.fix;
      if (fix !== undefined) {
        const button = el("button", { text: render(fix.label), attrs: { type: "button", "data-fix": fix.id } });
        button.addEventListener("click", () => {
          onFix(fix.id);
        });
        item.append(button);
      }
      return item;
    }),
  );
}

/**
 * After a fix the lists are drawn anew and the button pressed is gone: the focus moves to
 * what comes next (the next fix, else the first of `then` that is shown, else `fallback`,
 * made focusable), never to the page's body.
 */
export function focusNextStep(root: ParentNode, then: readonly HTMLElement[], fallback: HTMLElement): void {
  const next =
    root.querySelector<HTMLButtonElement>(".blockers:not([hidden]) button[data-fix]") ??
    root.querySelector<HTMLButtonElement>(".warnings:not([hidden]) button[data-fix]") ??
    then.find((node) => !node.hidden);
  if (next !== undefined) {
    next.focus();
    return;
  }
  fallback.tabIndex = -1;
  fallback.focus();
}
