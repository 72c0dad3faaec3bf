/**
 * The banner at the top of the displayed message, read (and clicked) from chrome code in a
 * real Thunderbird: what the message pane's document really shows, inside the banner's
 * shadow root. For the banner end-to-end tests, the screenshots and the benchmark.
 */
import { writeFileSync } from "node:fs";
import { z } from "zod";
import type { ThunderbirdUi } from "../../harness/index.js";

export const bannerSchema = z.object({
  /** The Message-ID of the message displayed (without brackets). */
  messageId: z.string(),
  /** Whether the message pane's document has finished loading. */
  loaded: z.boolean(),
  found: z.boolean(),
  role: z.string(),
  label: z.string(),
  lang: z.string(),
  tone: z.string(),
  kind: z.string(),
  lines: z.array(z.object({ role: z.string(), text: z.string() })),
  actions: z.array(z.object({ action: z.string(), tag: z.string(), label: z.string(), disabled: z.boolean(), tabIndex: z.number() })),
  status: z.object({ role: z.string(), live: z.string(), text: z.string() }),
  /** The holder's computed display, and the title's computed colour (page CSS must not reach them). */
  hostDisplay: z.string(),
  titleColor: z.string(),
  /** Where the banner is: the first child of the message's body. */
  firstInBody: z.boolean(),
});
export type Banner = z.infer<typeof bannerSchema>;

/**
 * Chrome code declaring `describeBanner(about, doc)`: the banner in the message document `doc`
 * of the message view `about`, as `bannerSchema` reads it. Put it at the start of a chrome script.
 */
export const DESCRIBE_BANNER = String.raw`function describeBanner(about, doc) {
  const holder = doc?.getElementById("mssante-patient-banner");
  const root = holder?.openOrClosedShadowRoot ?? holder?.shadowRoot ?? null;
  const region = root?.querySelector("section") ?? null;
  const status = region?.querySelector("[role=status]") ?? null;
  const win = doc?.defaultView;
  const title = region?.querySelector("p") ?? null;
  return {
    messageId: about?.gMessage?.messageId ?? "",
    loaded: doc?.readyState === "complete" && doc?.location?.href !== "about:blank",
    found: Boolean(region),
    role: region?.getAttribute("role") ?? "",
    label: region?.getAttribute("aria-label") ?? "",
    lang: region?.getAttribute("lang") ?? "",
    tone: region?.dataset?.tone ?? "",
    kind: region?.dataset?.kind ?? "",
    lines: [...(region?.querySelectorAll("p") ?? [])].map((p) => ({ role: p.className, text: p.textContent })),
    actions: [...(region?.querySelectorAll("button, a") ?? [])].map((b) => ({
      action: b.dataset.action ?? "", tag: b.localName, label: b.textContent, disabled: Boolean(b.disabled), tabIndex: b.tabIndex,
    })),
    status: { role: status?.getAttribute("role") ?? "", live: status?.getAttribute("aria-live") ?? "", text: status?.textContent ?? "" },
    hostDisplay: holder && win ? win.getComputedStyle(holder).display : "",
    titleColor: title && win ? win.getComputedStyle(title).color : "",
    firstInBody: Boolean(holder) && doc?.body?.firstElementChild === holder,
  };
}`;

/** Chrome script: `()` → the banner of the message shown in the main window's 3-pane tab. */
const READ_BANNER = String.raw`() => {
  ${DESCRIBE_BANNER}
  const about = document.getElementById("tabmail").currentAboutMessage;
  return describeBanner(about, about?.document?.getElementById("messagepane")?.contentDocument);
}`;

export async function readBanner(ui: ThunderbirdUi): Promise<Banner> {
  return ui.bidi.chromeEval(await ui.mainWindow(), READ_BANNER, [], bannerSchema);
}

/** Waits until the message with that Message-ID shows a banner whose text holds `text`. */
export async function waitForBanner(ui: ThunderbirdUi, messageId: string, text = "", timeoutMs = 15_000): Promise<Banner> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const banner = await readBanner(ui);
    const all = [...banner.lines.map((l) => l.text), banner.status.text].join("\n");
    if (banner.messageId === messageId && banner.found && all.includes(text)) return banner;
    if (Date.now() > deadline) throw new Error(`no banner with ${JSON.stringify(text)} on ${messageId}: ${JSON.stringify(banner)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The message with that Message-ID is displayed and loaded, then `settleMs` later it still
 * has no banner (the script asks the background once, at load: its answer comes well
 * within that time when there is one, see `npm run bench`).
 */
export async function expectNoBanner(ui: ThunderbirdUi, messageId: string, settleMs = 2_000): Promise<Banner> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const banner = await readBanner(ui);
    if (banner.messageId === messageId && banner.loaded) break;
    if (Date.now() > deadline) throw new Error(`message ${messageId} never loaded`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, settleMs));
  const banner = await readBanner(ui);
  if (banner.messageId !== messageId) throw new Error(`another message is displayed: ${banner.messageId}`);
  return banner;
}

/** Clicks the banner's control for `action` `times` times in a row (same event-loop turn: a double click). */
export async function clickBanner(ui: ThunderbirdUi, action: string, times = 1): Promise<number> {
  return ui.bidi.chromeEval(
    await ui.mainWindow(),
    String.raw`(action, times) => {
      const doc = document.getElementById("tabmail").currentAboutMessage.document.getElementById("messagepane").contentDocument;
      const holder = doc.getElementById("mssante-patient-banner");
      const root = holder.openOrClosedShadowRoot ?? holder.shadowRoot;
      const control = root.querySelector('[data-action="' + action + '"]');
      if (!control) return 0;
      for (let i = 0; i < times; i++) control.click();
      return times;
    }`,
    [action, times],
    z.number(),
  );
}

/**
 * Writes a PNG of the top of the message pane (the banner and the start of the message) to
 * `path`, drawn by Thunderbird itself (`drawSnapshot` of the pane's window).
 */
export async function screenshotBanner(ui: ThunderbirdUi, path: string): Promise<void> {
  const dataUrl = await ui.bidi.chromeEval(
    await ui.mainWindow(),
    String.raw`async () => {
      const pane = document.getElementById("tabmail").currentAboutMessage.document.getElementById("messagepane");
      const doc = pane.contentDocument;
      const holder = doc.getElementById("mssante-patient-banner");
      const width = Math.max(640, Math.min(900, doc.documentElement.clientWidth || 800));
      const height = Math.min(600, Math.ceil((holder?.getBoundingClientRect().bottom ?? 200) + 60));
      const bitmap = await pane.browsingContext.currentWindowGlobal.drawSnapshot(new DOMRect(0, 0, width, height), 1, "white");
      const canvas = document.createElementNS("http://www.w3.org/1999/xhtml", "canvas");
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      canvas.getContext("2d").drawImage(bitmap, 0, 0);
      return canvas.toDataURL("image/png");
    }`,
    [],
    z.string(),
  );
  writeFileSync(path, Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ""), "base64"));
}

/** Light or dark colour scheme for web content (the displayed message included). */
export async function setContentScheme(ui: ThunderbirdUi, scheme: "light" | "dark"): Promise<void> {
  await ui.chromeEval(
    String.raw`(dark) => {
      Services.prefs.setIntPref("layout.css.prefers-color-scheme.content-override", dark ? 0 : 1);
      Services.prefs.setIntPref("ui.systemUsesDarkTheme", dark ? 1 : 0);
      return true;
    }`,
    [scheme === "dark"],
  );
}
