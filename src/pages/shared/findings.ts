/** Renders the send guard's findings (blockers and warnings) as lists with their fixes. */
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
        el("strong", { text: finding.title[lang] }),
        el("p", { text: finding.explanation[lang] }),
      ]);
      const fix = finding.fix;
      if (fix !== undefined) {
        const button = el("button", { text: fix.label[lang], attrs: { type: "button", "data-fix": fix.id } });
        button.addEventListener("click", () => {
          onFix(fix.id);
        });
        item.append(button);
      }
      return item;
    }),
  );
}
