// Reaching the DOM of an extension page (compose-action popup, extension window, background
// page). These pages live in the extension process, which BiDi does not list. Chrome code
// in the window holding the page's <browser> loads a one-shot frame script into it; the
// frame script runs in the extension process next to the page, acts on `content` with
// chrome privileges and answers through the browser's message manager. Nothing is installed
// in the profile and the add-on keeps running out of process as it does for users.
import { z } from "zod";
import type { BidiClient } from "./bidi.js";

/** Which extension page to act on. */
export type PageTarget =
  /** The `<browser>` matching `selector` (with a moz-extension: page) in chrome window `context`. */
  | { readonly kind: "browser"; readonly context: string; readonly selector: string }
  /** The background page of the add-on (looked up from chrome window `context`). */
  | { readonly kind: "background"; readonly context: string; readonly addonId: string };

/** What a test can read of an element. */
export interface ElementState {
  readonly tag: string;
  /** `textContent`. */
  readonly text: string;
  /** `innerText` (rendered text, hidden parts left out). */
  readonly innerText: string;
  /** `value` for form controls, else `null`. */
  readonly value: string | null;
  /** `checked` for checkboxes and radios, else `null`. */
  readonly checked: boolean | null;
  /** `disabled` for form controls, else `null`. */
  readonly disabled: boolean | null;
  /** Laid out with a non-empty box and not `visibility: hidden`. */
  readonly visible: boolean;
  readonly focused: boolean;
  readonly attributes: Readonly<Record<string, string>>;
}

export const elementStateSchema = z.object({
  tag: z.string(),
  text: z.string(),
  innerText: z.string(),
  value: z.string().nullable(),
  checked: z.boolean().nullable(),
  disabled: z.boolean().nullable(),
  visible: z.boolean(),
  focused: z.boolean(),
  attributes: z.record(z.string(), z.string()),
});

/** States `waitForSelector` can wait for. */
export type WaitState = "attached" | "visible" | "hidden" | "detached";

export interface WaitOptions {
  /** Default `visible`. */
  readonly state?: WaitState;
  /** Also require the element's `textContent` to contain this text. */
  readonly textIncludes?: string;
  readonly timeoutMs?: number;
}

export interface ActionOptions {
  readonly timeoutMs?: number;
}

export interface ClickOptions extends ActionOptions {
  /** Click even when the element is disabled or covered (plain `element.click()`). */
  readonly force?: boolean;
}

export interface TypeOptions extends ActionOptions {
  /** Keep the current value and add the text after it (default: replace). */
  readonly append?: boolean;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The frame script. `__OP__` is replaced by the JSON of the operation. Runs in the extension
 * process with `content` (the page's window), `sendAsyncMessage` and `Components`.
 */
const PAGE_AGENT = String.raw`(async () => {
  const op = __OP__;
  const reply = (message) => {
    try {
      sendAsyncMessage(op.replyName, message);
    } catch {}
  };
  const sleep = (ms) => new Promise((resolve) => content.setTimeout(resolve, ms));
  const deadline = Date.now() + op.timeoutMs;
  const isVisible = (el) => {
    if (!el.isConnected) return false;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) return false;
    const style = content.getComputedStyle(el);
    return style.visibility !== "hidden" && style.display !== "none";
  };
  const describe = (el) => {
    const attributes = {};
    for (let i = 0; i < el.attributes.length; i++) {
      const attribute = el.attributes[i];
      attributes[attribute.name] = attribute.value;
    }
    const formControl = ["input", "select", "textarea", "button", "option", "output"].includes(el.localName);
    return {
      tag: el.localName,
      text: el.textContent ?? "",
      innerText: typeof el.innerText === "string" ? el.innerText : "",
      value: formControl && "value" in el ? String(el.value) : null,
      checked: el.localName === "input" && (el.type === "checkbox" || el.type === "radio") ? Boolean(el.checked) : null,
      disabled: formControl || el.localName === "fieldset" ? Boolean(el.disabled) : null,
      visible: isVisible(el),
      focused: content.document.activeElement === el,
      attributes,
    };
  };
  const ready = () => content.document.readyState === "complete" && content.document.documentURI.startsWith("moz-extension:");
  const waitReady = async () => {
    while (!ready()) {
      if (Date.now() > deadline) throw new Error("page not loaded within " + op.timeoutMs + " ms: " + content.document.documentURI);
      await sleep(50);
    }
  };
  const waitFor = async (state, textIncludes) => {
    for (;;) {
      if (ready()) {
        const el = content.document.querySelector(op.selector);
        const present = el !== null && (textIncludes == null || (el.textContent ?? "").includes(textIncludes));
        const ok =
          state === "attached" ? present :
          state === "visible" ? present && isVisible(el) :
          state === "hidden" ? el === null || !isVisible(el) :
          el === null;
        if (ok) return el;
      }
      if (Date.now() > deadline) {
        const el = ready() ? content.document.querySelector(op.selector) : null;
        throw new Error(
          "timed out after " + op.timeoutMs + " ms waiting for " + JSON.stringify(op.selector) + " to be " + state +
          (textIncludes == null ? "" : " with text " + JSON.stringify(textIncludes)) +
          (el === null ? " (no such element)" : " (found: " + JSON.stringify(describe(el)).slice(0, 300) + ")") +
          " in " + content.document.documentURI
        );
      }
      await sleep(50);
    }
  };
  const run = async () => {
    switch (op.kind) {
      case "queryAll": {
        await waitReady();
        return [...content.document.querySelectorAll(op.selector)].map(describe);
      }
      case "wait": {
        const el = await waitFor(op.state, op.textIncludes);
        return el === null ? null : describe(el);
      }
      case "type": {
        const el = await waitFor("visible");
        if (el.disabled) throw new Error(op.selector + " is disabled");
        el.focus();
        const value = op.append ? String(el.value) + op.text : op.text;
        el.value = value;
        el.dispatchEvent(new content.InputEvent("input", {
          bubbles: true, composed: true, inputType: "insertText", data: op.text,
        }));
        el.dispatchEvent(new content.Event("change", { bubbles: true }));
        return describe(el);
      }
      case "click": {
        const el = await waitFor("visible");
        if (el.disabled && !op.force) throw new Error(op.selector + " is disabled");
        el.scrollIntoView({ block: "center", inline: "center" });
        const rect = el.getBoundingClientRect();
        const x = rect.left + rect.width / 2;
        const y = rect.top + rect.height / 2;
        const hit = content.document.elementFromPoint(x, y);
        if (hit !== null && (hit === el || el.contains(hit)) && typeof content.synthesizeMouseEvent === "function") {
          // A trusted mouse click through the layout, with user activation like a real click.
          const init = { button: 0, clickCount: 1 };
          content.synthesizeMouseEvent("mousedown", x, y, init, { isDOMEventSynthesized: true });
          content.synthesizeMouseEvent("mouseup", x, y, init, { isDOMEventSynthesized: true });
          return "mouse";
        }
        if (!op.force) {
          throw new Error(op.selector + " is covered by " + (hit === null ? "nothing (outside the viewport)" : "<" + hit.localName + (hit.id ? "#" + hit.id : "") + ">"));
        }
        el.click();
        return "element.click()";
      }
      case "eval": {
        await waitReady();
        const sandbox = Components.utils.Sandbox(content, {
          sandboxPrototype: content,
          wantXrays: false,
          sameZoneAs: content,
        });
        const fn = Components.utils.evalInSandbox(
          "(async (argsJson) => { const fn = (" + op.source + "\n); " +
          "const value = await fn(...JSON.parse(argsJson)); " +
          "return value === undefined ? undefined : JSON.stringify(value); })",
          sandbox,
        );
        const json = await fn(JSON.stringify(op.args));
        return json === undefined ? undefined : JSON.parse(json);
      }
      case "url": {
        await waitReady();
        return content.document.documentURI;
      }
      default:
        throw new Error("unknown operation " + op.kind);
    }
  };
  try {
    const value = await run();
    reply({ ok: true, json: value === undefined ? undefined : JSON.stringify(value) });
  } catch (e) {
    reply({ ok: false, error: String(e && e.message ? e.message : e) });
  }
})();`;

/**
 * Runs in the chrome window: finds the page's <browser>, loads the frame script into it
 * and waits for its answer.
 */
const RUN_IN_PAGE = String.raw`async (target, op, agentSource) => {
  const deadline = Date.now() + op.timeoutMs;
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const describeTarget = target.kind === "background" ? "background page of " + target.addonId : "extension page in " + JSON.stringify(target.selector);
  let wokenUp = false;
  const findBrowser = () => {
    if (target.kind === "background") {
      const extension = WebExtensionPolicy.getByID(target.addonId)?.extension;
      const browser = extension?.backgroundContext?.xulBrowser ?? null;
      if (!browser && extension && !wokenUp && typeof extension.wakeupBackground === "function") {
        // A suspended event page is started again, as an event for it would.
        wokenUp = true;
        extension.wakeupBackground();
      }
      return browser;
    }
    return [...document.querySelectorAll(target.selector)].find(
      (browser) => browser.currentURI?.spec?.startsWith("moz-extension:") && browser.messageManager,
    ) ?? null;
  };
  let browser = findBrowser();
  while (!browser) {
    if (Date.now() > deadline) throw new Error("no " + describeTarget + " within " + op.timeoutMs + " ms");
    await pause(50);
    browser = findBrowser();
  }
  const mm = browser.messageManager;
  const replyName = "mssante-e2e:" + Services.uuid.generateUUID().toString();
  const answer = await new Promise((resolve, reject) => {
    const listener = {
      receiveMessage(message) {
        finish();
        resolve(message.data);
      },
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(describeTarget + " did not answer " + op.kind + " within " + (op.timeoutMs + 5000) + " ms"));
    }, op.timeoutMs + 5000);
    const finish = () => {
      clearTimeout(timer);
      mm.removeMessageListener(replyName, listener);
    };
    mm.addMessageListener(replyName, listener);
    const source = agentSource.replace("__OP__", () => JSON.stringify({ ...op, replyName }));
    mm.loadFrameScript("data:application/javascript;charset=utf-8," + encodeURIComponent(source), false);
  });
  if (!answer.ok) throw new Error(answer.error);
  return answer.json === undefined ? undefined : JSON.parse(answer.json);
}`;

type Operation =
  | { kind: "queryAll"; selector: string }
  | { kind: "wait"; selector: string; state: WaitState; textIncludes: string | null }
  | { kind: "type"; selector: string; text: string; append: boolean }
  | { kind: "click"; selector: string; force: boolean }
  | { kind: "eval"; source: string; args: readonly unknown[] }
  | { kind: "url" };

async function runInPage(
  bidi: BidiClient,
  target: PageTarget,
  operation: Operation,
  timeoutMs: number,
): Promise<unknown> {
  const op = { ...operation, timeoutMs };
  return bidi.chromeEval(target.context, RUN_IN_PAGE, [target, op, PAGE_AGENT], { timeoutMs: timeoutMs * 2 + 15_000 });
}

/** Every element matching `selector` (none → empty list, no waiting). */
export async function pageQueryAll(
  bidi: BidiClient,
  target: PageTarget,
  selector: string,
  options: ActionOptions = {},
): Promise<ElementState[]> {
  const value = await runInPage(bidi, target, { kind: "queryAll", selector }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return z.array(elementStateSchema).parse(value);
}

/** The first element matching `selector`, or `null` (no waiting). */
export async function pageQuery(
  bidi: BidiClient,
  target: PageTarget,
  selector: string,
  options: ActionOptions = {},
): Promise<ElementState | null> {
  const [first] = await pageQueryAll(bidi, target, selector, options);
  return first ?? null;
}

/** Waits until `selector` reaches `state` (default `visible`); resolves with the element, if any. */
export async function pageWaitForSelector(
  bidi: BidiClient,
  target: PageTarget,
  selector: string,
  options: WaitOptions = {},
): Promise<ElementState | null> {
  const value = await runInPage(
    bidi,
    target,
    { kind: "wait", selector, state: options.state ?? "visible", textIncludes: options.textIncludes ?? null },
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
  return elementStateSchema.nullable().parse(value ?? null);
}

/**
 * Types into an input, textarea or select as a user would end up: focus, value set, then
 * trusted `input` (inputType `insertText`) and `change` events.
 */
export async function pageType(
  bidi: BidiClient,
  target: PageTarget,
  selector: string,
  text: string,
  options: TypeOptions = {},
): Promise<ElementState> {
  const value = await runInPage(
    bidi,
    target,
    { kind: "type", selector, text, append: options.append ?? false },
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
  return elementStateSchema.parse(value);
}

/**
 * Clicks the centre of the element with trusted mouse events (the page gets mousedown,
 * mouseup, click and user activation). Fails when the element is disabled or covered,
 * unless `force` is set.
 */
export async function pageClick(
  bidi: BidiClient,
  target: PageTarget,
  selector: string,
  options: ClickOptions = {},
): Promise<void> {
  await runInPage(bidi, target, { kind: "click", selector, force: options.force ?? false }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

/**
 * Runs `fnSource` (source of a possibly async function) in the page's own scope, where
 * `document`, `browser` and `messenger` are the page's, and resolves with its JSON result.
 */
export async function pageEval(
  bidi: BidiClient,
  target: PageTarget,
  fnSource: string,
  args: readonly unknown[] = [],
  options: ActionOptions = {},
): Promise<unknown> {
  return runInPage(bidi, target, { kind: "eval", source: fnSource, args }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

/** The URL of the page currently shown. */
export async function pageUrl(bidi: BidiClient, target: PageTarget, options: ActionOptions = {}): Promise<string> {
  return z.string().parse(await runInPage(bidi, target, { kind: "url" }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS));
}
