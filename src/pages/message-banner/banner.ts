/**
 * The banner at the top of a displayed message (a script Thunderbird injects into every
 * displayed message): it asks the background what to show for this message and draws it
 * in a shadow root, with text only — nothing from the message is read or written as HTML,
 * nothing is loaded. A labelled region; its buttons and link in the tab order; what an
 * action changed said in a polite live region. An action disables the banner's controls
 * until the background answers (two quick clicks make one request).
 */
import { isBannerRefresh, parseBannerAnswer, type BannerAction, type BannerRequest, type RenderedBanner } from "../../core/banners/index.js";
import { BANNER_CSS } from "./banner-style.js";

/** The id of the element that holds the banner's shadow root, at the top of the message's body. */
export const BANNER_HOST_ID = "mssante-patient-banner";

export interface BannerHost {
  readonly document: Document;
  /** Sends a request to the background; its answer, unparsed. */
  ask(request: BannerRequest): Promise<unknown>;
  /** Listens to what the background sends this script (unparsed). */
  listen(listener: (message: unknown) => void): void;
}

interface Drawn {
  readonly region: HTMLElement;
  readonly status: HTMLElement;
}

function make<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

async function request(host: BannerHost, action: BannerRequest["action"]): Promise<RenderedBanner | null | undefined> {
  try {
    // undefined: the answer could not be read (the banner is left as it was).
    return parseBannerAnswer(await host.ask({ mssanteBanner: 1, action }))?.banner;
  } catch {
    return undefined;
  }
}

/** Draws (or draws again) the banner's region inside the shadow root. */
function draw(host: BannerHost, root: ShadowRoot, drawn: Drawn, banner: RenderedBanner): void {
  const doc = host.document;
  const { region, status } = drawn;
  region.className = "banner";
  region.dataset["tone"] = banner.tone;
  region.dataset["kind"] = banner.kind;
  region.setAttribute("role", "region");
  region.setAttribute("aria-label", banner.label);
  region.lang = banner.lang;
  const lines = banner.lines.map((line) => make(doc, "p", line.text, line.role));
  const actions = make(doc, "div", undefined, "actions");
  for (const action of banner.actions) actions.append(control(host, root, drawn, action.action, action.label));
  region.replaceChildren(...lines, ...(banner.actions.length > 0 ? [actions] : []), status);
  if (banner.announce !== "") status.textContent = banner.announce;
}

function control(host: BannerHost, root: ShadowRoot, drawn: Drawn, action: BannerAction, label: string): HTMLElement {
  const doc = host.document;
  const node: HTMLButtonElement | HTMLAnchorElement =
    action === "open-notice" ? Object.assign(make(doc, "a", label), { href: "#" }) : Object.assign(make(doc, "button", label), { type: "button" });
  node.dataset["action"] = action;
  node.addEventListener("click", (event) => {
    event.preventDefault();
    if (drawn.region.getAttribute("aria-busy") === "true") return;
    void act(host, root, drawn, action);
  });
  return node;
}

async function act(host: BannerHost, root: ShadowRoot, drawn: Drawn, action: BannerAction): Promise<void> {
  const { region } = drawn;
  region.setAttribute("aria-busy", "true");
  const controls = [...region.querySelectorAll<HTMLButtonElement>("button")];
  for (const button of controls) button.disabled = true;
  const hadFocus = root.activeElement !== null;
  const answer = await request(host, action);
  region.removeAttribute("aria-busy");
  if (answer === undefined) {
    for (const button of controls) button.disabled = false;
    return;
  }
  if (answer === null) {
    root.host.remove();
    return;
  }
  draw(host, root, drawn, answer);
  // The focus stays in the banner: on the first control left, else on the region.
  if (hadFocus) {
    const next = region.querySelector<HTMLElement>("button, a");
    if (next !== null) next.focus();
    else {
      region.tabIndex = -1;
      region.focus();
    }
  }
}

/** Makes the banner's holder and shadow root, and puts it at the top of the message. */
function mount(doc: Document): { root: ShadowRoot; drawn: Drawn } {
  const holder = doc.createElement("div");
  holder.id = BANNER_HOST_ID;
  // The message's own CSS may aim at any div: the holder keeps its display whatever it says.
  holder.style.setProperty("all", "initial", "important");
  holder.style.setProperty("display", "block", "important");
  const root = holder.attachShadow({ mode: "open" });
  const style = doc.createElement("style");
  style.textContent = BANNER_CSS;
  const drawn: Drawn = { region: doc.createElement("section"), status: make(doc, "div", undefined, "status") };
  drawn.status.setAttribute("role", "status");
  drawn.status.setAttribute("aria-live", "polite");
  root.append(style, drawn.region);
  // A message's document always has a body (Thunderbird writes one around plain text too).
  doc.body.prepend(holder);
  return { root, drawn };
}

/**
 * Asks what to show for the displayed message and draws it; nothing when there is nothing
 * to say. Asks again when the background says an exchange was just closed (from the header
 * button, the menu, the shortcut or the exchanges view): the banner follows, without the
 * message being displayed again.
 */
export async function main(host: BannerHost): Promise<void> {
  const doc = host.document;
  if (doc.getElementById(BANNER_HOST_ID) !== null) return;
  let shown: { root: ShadowRoot; drawn: Drawn } | null = null;
  let asking: Promise<void> = Promise.resolve();
  const refresh = async (): Promise<void> => {
    // While an action of this banner waits for its answer, that answer redraws it.
    if (shown?.drawn.region.getAttribute("aria-busy") === "true") return;
    const banner = await request(host, "show");
    if (banner === undefined) return;
    if (banner === null) {
      shown?.root.host.remove();
      shown = null;
      return;
    }
    shown ??= mount(doc);
    const hadFocus = shown.root.activeElement !== null;
    draw(host, shown.root, shown.drawn, banner);
    if (!hadFocus) return;
    // The focus stays in the banner: on its first control, else on the region.
    const next = shown.drawn.region.querySelector<HTMLElement>("button, a");
    if (next !== null) next.focus();
    else {
      shown.drawn.region.tabIndex = -1;
      shown.drawn.region.focus();
    }
  };
  host.listen((message) => {
    if (!isBannerRefresh(message)) return;
    // One request at a time, in order.
    asking = asking.then(refresh, refresh);
  });
  asking = refresh();
  await asking;
}
