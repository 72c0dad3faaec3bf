/** Renders the send guard's findings (blockers and warnings) as lists with their fixes. */
import { render } from "../../adapters/i18n.js";
import type { Lang } from "../../core/i18n/text.js";
import type { Finding, FixId } from "../../core/compose/index.js";
import { el } from "./dom.js";

export function renderFindings(
  list: HTMLElement,
  findings: readonly Finding[],
  lang: Lang,
  onFix: (fix: FixId) => void,
): void {
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
