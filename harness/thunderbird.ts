// Starting and stopping a real Thunderbird for one test run: headless (or, on request, with a
// window when a display exists), its own profile, TMPDIR and HOME, its own process group,
// WebDriver BiDi on a system-chosen loopback port.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { openSync, readSync, closeSync, realpathSync } from "node:fs";
import { rm } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { BidiClient } from "./bidi.js";
import type { ThunderbirdProfile } from "./profile.js";
import { isExecutableFile } from "./files.js";

/** Where Debian installs the real binary (`/usr/bin/thunderbird` is a shell wrapper). */
const DEBIAN_BINARY = "/usr/lib/thunderbird/thunderbird";

const BIDI_LINE = /WebDriver BiDi listening on (ws:\/\/127\.0\.0\.1:\d+)/;

function isScript(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(2);
    readSync(fd, head, 0, 2, 0);
    return head.toString("latin1") === "#!";
  } finally {
    closeSync(fd);
  }
}

/**
 * The Thunderbird binary to run: `THUNDERBIRD_BIN` when set, else `thunderbird` on PATH
 * resolved to the real binary (Debian's wrapper script is replaced by the binary it runs).
 * Throws when none is found: end-to-end tests must not pass silently without Thunderbird.
 */
export function findThunderbirdBinary(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env["THUNDERBIRD_BIN"];
  if (explicit !== undefined && explicit !== "") {
    if (!isExecutableFile(explicit)) {
      throw new Error(`THUNDERBIRD_BIN=${explicit} is not an executable file`);
    }
    return realpathSync(explicit);
  }
  const onPath = (env["PATH"] ?? "")
    .split(delimiter)
    .filter((dir) => dir !== "")
    .map((dir) => join(dir, "thunderbird"))
    .find(isExecutableFile);
  if (onPath !== undefined) {
    const resolved = realpathSync(onPath);
    if (!isScript(resolved)) return resolved;
    if (isExecutableFile(DEBIAN_BINARY)) return realpathSync(DEBIAN_BINARY);
    throw new Error(
      `${onPath} is a wrapper script and ${DEBIAN_BINARY} does not exist: set THUNDERBIRD_BIN to the real Thunderbird binary`,
    );
  }
  if (isExecutableFile(DEBIAN_BINARY)) return realpathSync(DEBIAN_BINARY);
  throw new Error(
    "Thunderbird not found: install it (Debian: apt-get install thunderbird) or set THUNDERBIRD_BIN to its binary",
  );
}

/** Keeps the last lines written by the process, for error messages. */
class LineRing {
  private readonly lines: string[] = [];
  private partial = "";

  constructor(private readonly capacity: number) {}

  push(chunk: string, onLine: (line: string) => void): void {
    const text = this.partial + chunk;
    const parts = text.split("\n");
    this.partial = parts.pop() ?? "";
    for (const line of parts) {
      onLine(line);
      // GTK complains about the missing display for every icon lookup: not worth keeping.
      if (line.trim() === "" || /gtk_icon_theme_|GDK_IS_SCREEN|GTK_IS_ICON_THEME/.test(line)) continue;
      this.lines.push(line);
      if (this.lines.length > this.capacity) this.lines.shift();
    }
  }

  tail(count = this.capacity): string {
    return [...this.lines.slice(-count), ...(this.partial === "" ? [] : [this.partial])].join("\n");
  }
}

/** Whether a graphical display is there to open a window on (X11 or Wayland). */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env["DISPLAY"] ?? "") !== "" || (env["WAYLAND_DISPLAY"] ?? "") !== "";
}

export interface StartOptions {
  readonly profile: ThunderbirdProfile;
  /**
   * Run with a window when a display exists (`hasDisplay`): no `--headless`, and the user's
   * HOME and XDG folders are kept (the display's authority file, desktop theme and fonts live
   * there). Without a display, or when false (default), Thunderbird runs headless with a HOME
   * of its own.
   */
  readonly window?: boolean;
  /** Called with each line Thunderbird writes on stdout/stderr. */
  readonly onOutput?: (line: string) => void;
  /** Binary to run (default: `findThunderbirdBinary()`). */
  readonly binary?: string;
  /** Time allowed until BiDi listens (default 60 s). */
  readonly startTimeoutMs?: number;
  readonly extraArgs?: readonly string[];
  /** Extra environment variables for Thunderbird. */
  readonly env?: Readonly<Record<string, string>>;
  /** Keep the run's folders at stop (for debugging; also when E2E_KEEP_FILES=1). */
  readonly keepFiles?: boolean;
}

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Whether any process of the process group `pgid` is still alive. */
export function isProcessGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

const QUIT_APPLICATION = String.raw`() => {
  Services.tm.dispatchToMainThread(() => Services.startup.quit(Ci.nsIAppStartup.eForceQuit));
}`;

/** Process groups started by this test process, killed if it exits without stopping them. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const pgid of liveGroups) {
      try {
        process.kill(-pgid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  });
}

/**
 * Kills (SIGKILL) every Thunderbird process group this test process started and did not
 * stop yet: a safety net for `afterAll` when a start-up or a test failed half-way.
 */
export function killStartedThunderbirds(): number {
  let killed = 0;
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, "SIGKILL");
      killed++;
    } catch {
      // Already gone.
    }
    liveGroups.delete(pgid);
  }
  return killed;
}

export class ThunderbirdInstance {
  private readonly stderrRing = new LineRing(300);
  private readonly exitPromise: Promise<ExitInfo>;
  private exitInfo: ExitInfo | null = null;
  private stopping: Promise<void> | null = null;
  private bidiClient: BidiClient | null = null;

  private constructor(
    private readonly child: ChildProcess,
    readonly pid: number,
    readonly binary: string,
    readonly profile: ThunderbirdProfile,
    private readonly keepFiles: boolean,
    /** Whether it runs without a window (`--headless`). */
    readonly headless: boolean,
  ) {
    this.exitPromise = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
    });
  }

  /** The process group of Thunderbird and its child processes (same as `pid`). */
  get pgid(): number {
    return this.pid;
  }

  /** The BiDi session opened at start. */
  get bidi(): BidiClient {
    if (this.bidiClient === null) throw new Error("Thunderbird: no BiDi session");
    return this.bidiClient;
  }

  get exited(): boolean {
    return this.exitInfo !== null;
  }

  /** Resolves when the Thunderbird process has ended (quit from its menu, or stopped). */
  waitForExit(): Promise<ExitInfo> {
    return this.exitPromise;
  }

  /** The last lines Thunderbird wrote on stderr/stdout (GTK display noise left out). */
  stderrTail(lines = 60): string {
    return this.stderrRing.tail(lines);
  }

  /** Starts Thunderbird, waits for its BiDi endpoint and opens a session. */
  static async start(options: StartOptions): Promise<ThunderbirdInstance> {
    const binary = options.binary ?? findThunderbirdBinary();
    const { profile } = options;
    const headless = options.window !== true || !hasDisplay();
    const args = [
      ...(headless ? ["--headless"] : []),
      "--no-remote",
      "--profile",
      profile.profileDir,
      "--remote-debugging-port",
      "0",
      "--remote-allow-system-access",
      ...(options.extraArgs ?? []),
    ];
    const ownHome = {
      HOME: profile.homeDir,
      XDG_CONFIG_HOME: join(profile.homeDir, ".config"),
      XDG_CACHE_HOME: join(profile.homeDir, ".cache"),
      XDG_DATA_HOME: join(profile.homeDir, ".local", "share"),
      MOZ_HEADLESS: "1",
    };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TMPDIR: profile.tmpDir,
      ...(headless ? ownHome : {}),
      MOZ_NO_REMOTE: "1",
      MOZ_CRASHREPORTER_DISABLE: "1",
      MOZ_DISABLE_AUTO_SAFE_MODE: "1",
      ...(options.env ?? {}),
    };
    const child = spawn(binary, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const pid = child.pid;
    if (pid === undefined) {
      const error = await new Promise<Error>((resolve) => child.once("error", resolve));
      throw new Error(`could not start ${binary}: ${error.message}`);
    }
    installExitHook();
    liveGroups.add(pid);
    const instance = new ThunderbirdInstance(
      child,
      pid,
      binary,
      profile,
      options.keepFiles ?? process.env["E2E_KEEP_FILES"] === "1",
      headless,
    );

    const timeoutMs = options.startTimeoutMs ?? 60_000;
    let onBidiLine: (url: string) => void = () => undefined;
    const listening = new Promise<string>((resolve) => {
      onBidiLine = resolve;
    });
    const onLine = (line: string): void => {
      options.onOutput?.(line);
      const match = BIDI_LINE.exec(line);
      if (match?.[1] !== undefined) onBidiLine(match[1]);
    };
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      instance.stderrRing.push(chunk, onLine);
    });
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      instance.stderrRing.push(chunk, onLine);
    });

    let timer: NodeJS.Timeout | undefined;
    try {
      const url = await Promise.race([
        listening,
        instance.exitPromise.then((exit) => {
          throw new Error(`Thunderbird exited during start-up (code ${exit.code}, signal ${exit.signal})`);
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            reject(new Error(`Thunderbird did not open WebDriver BiDi within ${timeoutMs} ms`));
          }, timeoutMs);
        }),
      ]);
      instance.bidiClient = await BidiClient.connect(url);
      return instance;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await instance.stop();
      throw new Error(`${message}\n--- ${binary} output (tail) ---\n${instance.stderrTail()}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Quits Thunderbird from chrome code, waits for the process to end, kills the process
   * group if anything is left after `graceMs`, and removes the run's folders.
   */
  stop(graceMs = 8_000): Promise<void> {
    this.stopping ??= this.doStop(graceMs);
    return this.stopping;
  }

  private signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.pgid, signal);
    } catch {
      // Already gone.
    }
  }

  private async doStop(graceMs: number): Promise<void> {
    const client = this.bidiClient;
    let quitRequested = false;
    if (client !== null && !client.closed && !this.exited) {
      try {
        const [context] = await client.chromeContexts();
        if (context !== undefined) {
          await client.chromeEval(context.context, QUIT_APPLICATION, [], { timeoutMs: 5_000 });
          quitRequested = true;
        }
      } catch {
        // Fall back to signals.
      }
      client.closeSocket();
    }
    if (!quitRequested && !this.exited) this.signalGroup("SIGTERM");
    const deadline = Date.now() + (quitRequested ? graceMs : 3_000);
    while (isProcessGroupAlive(this.pgid) && Date.now() < deadline) {
      await Promise.race([this.exitPromise, sleep(100)]);
      if (this.exited) await sleep(50);
    }
    if (isProcessGroupAlive(this.pgid)) {
      this.signalGroup("SIGKILL");
      const killDeadline = Date.now() + 5_000;
      while (isProcessGroupAlive(this.pgid) && Date.now() < killDeadline) await sleep(50);
    }
    if (!this.exited) await Promise.race([this.exitPromise, sleep(2_000)]);
    liveGroups.delete(this.pgid);
    if (!this.keepFiles) {
      await rm(this.profile.rootDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    }
  }
}

/** Starts Thunderbird on `options.profile`; see `ThunderbirdInstance.start`. */
export function startThunderbird(options: StartOptions): Promise<ThunderbirdInstance> {
  return ThunderbirdInstance.start(options);
}
