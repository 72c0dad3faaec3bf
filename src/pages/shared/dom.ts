/**
 * Small DOM helpers for the add-on's pages. Text only: nothing is ever inserted as HTML,
 * so a string from a message or a setting can never become markup.
 */
import { message, uiLang } from "../../adapters/i18n.js";

/**
 * The page says which language it is in (screen readers pick their voice from it): the
 * language its texts are shown in, French unless the interface is English.
 */
export function setDocumentLanguage(doc: Document = document): void {
  doc.documentElement.lang = uiLang();
  doc.documentElement.dir = "ltr";
}

/**
 * Fills every `data-i18n` element's text (and `data-i18n-title`, `-placeholder`, `-aria-label`,
 * `-alt` attributes);
 * for a whole document, also its `lang` and `dir`.
 */
export function localize(root: ParentNode): void {
  if (isDocument(root)) setDocumentLanguage(root);
  for (const el of root.querySelectorAll<HTMLElement>("[data-i18n]")) {
    el.textContent = message(el.dataset["i18n"] ?? "");
  }
  for (const el of root.querySelectorAll<HTMLElement>("[data-i18n-title]")) {
    el.title = message(el.dataset["i18nTitle"] ?? "");
  }
  for (const el of root.querySelectorAll<HTMLInputElement>("[data-i18n-placeholder]")) {
    el.placeholder = message(el.dataset["i18nPlaceholder"] ?? "");
  }
  for (const el of root.querySelectorAll<HTMLElement>("[data-i18n-aria-label]")) {
    el.setAttribute("aria-label", message(el.dataset["i18nAriaLabel"] ?? ""));
  }
  for (const el of root.querySelectorAll<HTMLElement>("[data-i18n-alt]")) {
    el.setAttribute("alt", message(el.dataset["i18nAlt"] ?? ""));
  }
}

/** By its node type: a document from another realm (a test's DOM) is a document too. */
function isDocument(node: ParentNode): node is Document {
  return node.nodeType === Node.DOCUMENT_NODE;
}

/** The element with that id, of that type; a missing element is a bug in the page. */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`page element #${id} missing`);
  return el;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { text?: string; className?: string; attrs?: Record<string, string> } = {},
  children: Node[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.text !== undefined) node.textContent = props.text;
  if (props.className !== undefined) node.className = props.className;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

export function show(node: HTMLElement, visible: boolean): void {
  node.hidden = !visible;
}

/** Escape closes a popup or a small window, as users expect. */
export function closeOnEscape(close: () => void): void {
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close();
  });
}
