// A minimal WebDriver BiDi client for driving Thunderbird from tests: commands matched by id,
// errors surfaced with their message, events dispatched by method, and helpers for running
// privileged code in Thunderbird's own (chrome) windows.
import WebSocket from "ws";
import { z } from "zod";

const successSchema = z.object({ type: z.literal("success"), id: z.number(), result: z.unknown() });
const errorSchema = z.object({
  type: z.literal("error"),
  id: z.number().nullable(),
  error: z.string(),
  message: z.string(),
  stacktrace: z.string().optional(),
});
const eventSchema = z.object({ type: z.literal("event"), method: z.string(), params: z.unknown() });
const incomingSchema = z.union([successSchema, errorSchema, eventSchema]);

type ContextInfo = { context: string; url: string; children?: ContextInfo[] | null | undefined };
const contextInfoSchema: z.ZodType<ContextInfo> = z.lazy(() =>
  z.object({
    context: z.string(),
    url: z.string(),
    children: z.array(contextInfoSchema).nullish(),
  }),
);
const getTreeResultSchema = z.object({ contexts: z.array(contextInfoSchema) });
const installResultSchema = z.object({ extension: z.string() });

const remoteValueSchema = z.looseObject({ type: z.string(), value: z.unknown().optional() });
const callFunctionResultSchema = z.union([
  z.object({ type: z.literal("success"), result: remoteValueSchema, realm: z.string() }),
  z.object({
    type: z.literal("exception"),
    realm: z.string(),
    exceptionDetails: z.looseObject({
      text: z.string(),
      lineNumber: z.number().optional(),
      columnNumber: z.number().optional(),
      exception: remoteValueSchema.optional(),
      stackTrace: z
        .object({
          callFrames: z.array(
            z.looseObject({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
          ),
        })
        .optional(),
    }),
  }),
]);

export type RemoteValue = z.infer<typeof remoteValueSchema>;

/** A BiDi "local value" argument for `script.callFunction`. */
export type LocalValue =
  | { type: "string"; value: string }
  | { type: "number"; value: number | "NaN" | "-0" | "Infinity" | "-Infinity" }
  | { type: "boolean"; value: boolean }
  | { type: "null" }
  | { type: "undefined" };

/** A top-level chrome window of Thunderbird as BiDi sees it. */
export interface ChromeContext {
  /** BiDi browsing context id, valid for this session only. */
  readonly context: string;
  /** The window's document, e.g. `chrome://messenger/content/messenger.xhtml`. */
  readonly url: string;
}

/** An error answered by the remote end (`type: "error"`). */
export class BidiError extends Error {
  constructor(
    readonly method: string,
    readonly error: string,
    readonly remoteMessage: string,
    readonly remoteStack: string | undefined,
  ) {
    super(`${method}: ${error}: ${remoteMessage}`);
    this.name = "BidiError";
  }
}

/** An exception thrown by code run with `script.callFunction`. */
export class ChromeScriptError extends Error {
  constructor(
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = "ChromeScriptError";
  }
}

interface Pending {
  readonly method: string;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export interface SendOptions {
  /** Rejects when no answer came within this time (default 30 s). */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Wraps `fnSource` (the source of a function, usually `async (a, b) => …`) so that its
 * arguments travel as one JSON string and its result comes back as one JSON string:
 * complex values never go through BiDi's remote-value serialisation.
 */
function jsonWrapper(fnSource: string): string {
  return `async function (argsJson) {
  const fn = (${fnSource}
  );
  const value = await fn(...JSON.parse(argsJson));
  return value === undefined ? undefined : JSON.stringify(value);
}`;
}

export class BidiClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(params: unknown) => void>>();
  private closedError: Error | null = null;

  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data: WebSocket.RawData, isBinary: boolean) => {
      if (isBinary) return;
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      this.onMessage(bytes.toString("utf8"));
    });
    socket.on("close", (code: number, reason: Buffer) => {
      this.failAll(new Error(`BiDi connection closed (${code} ${reason.toString("utf8")})`));
    });
    socket.on("error", (error: Error) => {
      this.failAll(new Error(`BiDi connection error: ${error.message}`));
    });
  }

  /**
   * Opens a WebSocket to `ws://127.0.0.1:PORT` (as printed by Thunderbird; `/session` is
   * appended when missing) and starts a BiDi session.
   */
  static async connect(wsUrl: string, options: SendOptions = {}): Promise<BidiClient> {
    const url = new URL(wsUrl);
    if (url.pathname === "/" || url.pathname === "") url.pathname = "/session";
    const socket = new WebSocket(url.href, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.terminate();
        reject(new Error(`BiDi: could not connect to ${url.href}`));
      }, options.timeoutMs ?? 10_000);
      socket.once("open", () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once("error", (error) => {
        clearTimeout(timer);
        reject(new Error(`BiDi: could not connect to ${url.href}: ${error.message}`));
      });
    });
    const client = new BidiClient(socket);
    await client.send("session.new", { capabilities: {} }, options);
    return client;
  }

  get closed(): boolean {
    return this.closedError !== null;
  }

  /** Sends a command and resolves with its `result` (unvalidated), or rejects with a `BidiError`. */
  send(method: string, params: object, options: SendOptions = {}): Promise<unknown> {
    if (this.closedError !== null) return Promise.reject(this.closedError);
    const id = this.nextId++;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`BiDi: no answer to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { method, resolve, reject, timer });
      this.socket.send(JSON.stringify({ id, method, params }), (error) => {
        if (!(error instanceof Error)) return;
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new Error(`BiDi: could not send ${method}: ${error.message}`));
      });
    });
  }

  /** Calls `listener` with the params of every `method` event; returns an unsubscribe function. */
  on(method: string, listener: (params: unknown) => void): () => void {
    let set = this.listeners.get(method);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(method, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** `session.subscribe` to events (e.g. `["log.entryAdded"]`). */
  async subscribe(events: readonly string[]): Promise<void> {
    await this.send("session.subscribe", { events });
  }

  /** Installs an unpacked WebExtension folder as a temporary add-on; resolves with its id. */
  async installExtension(path: string): Promise<string> {
    const result = installResultSchema.parse(
      await this.send("webExtension.install", { extensionData: { type: "path", path } }),
    );
    return result.extension;
  }

  async uninstallExtension(addonId: string): Promise<void> {
    await this.send("webExtension.uninstall", { extension: addonId });
  }

  /** Thunderbird's top-level chrome windows (main window, compose windows, extension windows…). */
  async chromeContexts(): Promise<ChromeContext[]> {
    const tree = getTreeResultSchema.parse(
      await this.send("browsingContext.getTree", { "moz:scope": "chrome", maxDepth: 0 }),
    );
    return tree.contexts.map(({ context, url }) => ({ context, url }));
  }

  /** `script.callFunction` in `context`, awaiting a returned promise; resolves with the remote value. */
  async callFunction(
    context: string,
    functionDeclaration: string,
    args: readonly LocalValue[] = [],
    options: SendOptions = {},
  ): Promise<RemoteValue> {
    const answer = callFunctionResultSchema.parse(
      await this.send(
        "script.callFunction",
        {
          functionDeclaration,
          arguments: args,
          target: { context },
          awaitPromise: true,
          resultOwnership: "none",
        },
        options,
      ),
    );
    if (answer.type === "success") return answer.result;
    const details = answer.exceptionDetails;
    const frames = details.stackTrace?.callFrames ?? [];
    const where = frames
      .slice(0, 3)
      .map((frame) => `${frame.functionName || "<anonymous>"}@${frame.url}:${frame.lineNumber}`)
      .join(" < ");
    throw new ChromeScriptError(`${details.text}${where === "" ? "" : ` (${where})`}`, details);
  }

  /**
   * Runs the function whose source is `fnSource` in the chrome window `context` with `args`
   * (JSON values) and resolves with its JSON-parsed result (`undefined` stays `undefined`).
   * The function may be async. Give a zod schema to get a typed, validated result.
   */
  chromeEval(context: string, fnSource: string, args?: readonly unknown[], options?: SendOptions): Promise<unknown>;
  chromeEval<T>(
    context: string,
    fnSource: string,
    args: readonly unknown[],
    schema: z.ZodType<T>,
    options?: SendOptions,
  ): Promise<T>;
  async chromeEval<T>(
    context: string,
    fnSource: string,
    args: readonly unknown[] = [],
    schemaOrOptions?: z.ZodType<T> | SendOptions,
    maybeOptions?: SendOptions,
  ): Promise<unknown> {
    const schema = schemaOrOptions instanceof z.ZodType ? schemaOrOptions : undefined;
    const options = schemaOrOptions instanceof z.ZodType ? maybeOptions : schemaOrOptions;
    const value = await this.callFunction(
      context,
      jsonWrapper(fnSource),
      [{ type: "string", value: JSON.stringify(args) }],
      options ?? {},
    );
    let parsed: unknown;
    if (value.type === "undefined") {
      parsed = undefined;
    } else if (value.type === "string" && typeof value.value === "string") {
      parsed = JSON.parse(value.value);
    } else {
      throw new Error(`chromeEval: unexpected remote value of type ${value.type}`);
    }
    if (schema === undefined) return parsed;
    const checked = schema.safeParse(parsed);
    if (!checked.success) {
      throw new Error(`chromeEval: unexpected result ${JSON.stringify(parsed)}: ${checked.error.message}`);
    }
    return checked.data;
  }

  /**
   * Polls the chrome windows until one whose URL satisfies `predicate` (and whose context id
   * is not in `exclude`) exists.
   */
  async waitForChromeWindow(
    predicate: (url: string) => boolean,
    options: { timeoutMs?: number; exclude?: ReadonlySet<string> } = {},
  ): Promise<ChromeContext> {
    const timeoutMs = options.timeoutMs ?? 15_000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const contexts = await this.chromeContexts();
      const found = contexts.find(
        (context) => predicate(context.url) && options.exclude?.has(context.context) !== true,
      );
      if (found !== undefined) return found;
      if (Date.now() > deadline) {
        const open = contexts.map((context) => context.url).join(", ");
        throw new Error(`no matching chrome window within ${timeoutMs} ms; open: ${open}`);
      }
      await sleep(100);
    }
  }

  /** Ends the session (best effort) and closes the socket. */
  async close(): Promise<void> {
    if (this.closedError === null) {
      try {
        await this.send("session.end", {}, { timeoutMs: 2_000 });
      } catch {
        // The application may already be gone.
      }
    }
    this.closeSocket();
  }

  /** Closes the socket without ending the session (used once the application quits). */
  closeSocket(): void {
    this.failAll(new Error("BiDi connection closed by the client"));
    this.socket.terminate();
  }

  private onMessage(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    const parsed = incomingSchema.safeParse(json);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === "event") {
      for (const listener of this.listeners.get(message.method) ?? []) listener(message.params);
      return;
    }
    if (message.id === null) return;
    const pending = this.pending.get(message.id);
    if (pending === undefined) return;
    this.pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.type === "success") {
      pending.resolve(message.result);
    } else {
      pending.reject(new BidiError(pending.method, message.error, message.message, message.stacktrace));
    }
  }

  private failAll(error: Error): void {
    this.closedError ??= error;
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.pending.clear();
  }
}
