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

/**
 * The id of the element that holds the banner's shadow root, at the top of the message's
 * body. A message may use the same id: nothing is decided by it (the script knows its own
 * holder by reference).
 */
export const BANNER_HOST_ID = "mssante-patient-banner";

/**
 * The holder this add-on drew in each document, kept where only the add-on's scripts see it
 * (their own global, not the message's): a second run of the script in the same document
 * finds it, an element of the message with the same id is not it.
 */
const HOLDERS_KEY = Symbol.for("mssante-patient.banner-holders");

function holders(): WeakMap<Document, HTMLElement> {
  const global = globalThis as { [HOLDERS_KEY]?: WeakMap<Document, HTMLElement> | undefined };
  const known = global[HOLDERS_KEY] ?? new WeakMap<Document, HTMLElement>();
  global[HOLDERS_KEY] = known;
  return known;
}

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
  /** Takes the banner (and the room kept for it) out of the message. */
  readonly remove: () => void;
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
    drawn.remove();
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

const IMPORTANT = "important";

/**
 * Puts the holder in the top layer (a manual popover): painted above everything of the
 * message, whatever its `z-index` or `position: fixed` blocks; hit by the pointer first.
 * Out of the flow there, it sits at the top of the document and a spacer of its height keeps
 * its room, so it covers nothing of the message either. A popover the message opens itself
 * (a button of the mail with `popovertarget`, a dialog) would come above it: the banner is
 * put back on top each time. Without the top layer (an engine without popovers), the holder
 * stays an ordinary block at the top of the body.
 */
function raise(doc: Document, holder: HTMLElement, spacer: HTMLElement): void {
  if (typeof holder.showPopover !== "function") return;
  holder.popover = "manual";
  for (const [name, value] of [
    ["position", "absolute"],
    ["top", "0"],
    ["left", "0"],
    ["right", "0"],
    ["margin", "0"],
    ["padding", "8px 8px 0"],
    ["box-sizing", "border-box"],
  ] as const) {
    holder.style.setProperty(name, value, IMPORTANT);
  }
  spacer.style.setProperty("all", "initial", IMPORTANT);
  spacer.style.setProperty("display", "block", IMPORTANT);
  holder.showPopover();
  const keepRoom = (): void => {
    spacer.style.setProperty("height", `${String(holder.getBoundingClientRect().height)}px`, IMPORTANT);
  };
  keepRoom();
  if (typeof ResizeObserver === "function") new ResizeObserver(keepRoom).observe(holder);
  doc.addEventListener(
    "toggle",
    (event) => {
      if (event.target === holder || !holder.isConnected || !holder.matches(":popover-open")) return;
      holder.hidePopover();
      holder.showPopover();
    },
    true,
  );
}

/** Makes the banner's holder and shadow root, and puts it at the top of the message. */
function mount(doc: Document): { root: ShadowRoot; drawn: Drawn } {
  const holder = doc.createElement("div");
  holder.id = BANNER_HOST_ID;
  // The message's own CSS may aim at any div: the holder keeps its display whatever it says.
  holder.style.setProperty("all", "initial", IMPORTANT);
  holder.style.setProperty("display", "block", IMPORTANT);
  const root = holder.attachShadow({ mode: "open" });
  const style = doc.createElement("style");
  style.textContent = BANNER_CSS;
  const spacer = doc.createElement("div");
  const drawn: Drawn = {
    region: doc.createElement("section"),
    status: make(doc, "div", undefined, "status"),
    remove: () => {
      holder.remove();
      spacer.remove();
      holders().delete(doc);
    },
  };
  drawn.status.setAttribute("role", "status");
  drawn.status.setAttribute("aria-live", "polite");
  root.append(style, drawn.region);
  // A message's document always has a body (Thunderbird writes one around plain text too).
  doc.body.prepend(holder);
  holders().set(doc, holder);
  if (typeof holder.showPopover === "function") {
    holder.after(spacer);
    raise(doc, holder, spacer);
  }
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
  // Already drawn by an earlier run of this script (never decided by the message's markup).
  if (holders().get(doc)?.isConnected === true) return;
  let shown: { root: ShadowRoot; drawn: Drawn } | null = null;
  let asking: Promise<void> = Promise.resolve();
  const refresh = async (): Promise<void> => {
    // While an action of this banner waits for its answer, that answer redraws it.
    if (shown?.drawn.region.getAttribute("aria-busy") === "true") return;
    const banner = await request(host, "show");
    if (banner === undefined) return;
    if (banner === null) {
      shown?.drawn.remove();
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
