/**
 * What the tests of `classify` on folders share: the messages put in the mail stores they
 * build, temporary folders removed after each test, a bound on every run, and the results
 * read back as `file#index kind`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { afterEach } from "vitest";
import { classifyCommand } from "../../../src/cli/classify-command.js";
import { ROOT } from "../manifest/files.js";
import { sink, type CliResult } from "./fake-io.js";

export const FIXTURES = join(ROOT, "test", "fixtures", "notices");
export const BOUNCE = join(FIXTURES, "mes-closed-dsn-fr.eml");
export const RECEIPT = join(FIXTURES, "mdn-displayed-patient-fr.eml");
export const BOUNCE_TEXT = readFileSync(BOUNCE, "utf8");
export const RECEIPT_TEXT = readFileSync(RECEIPT, "utf8");
export const ORDINARY =
  "From: Dr Martin <martin@hopital.mssante.fr>\nTo: x@example.org\nSubject: Rendez-vous\nDate: Thu, 3 Dec 2026 10:00:00 +0100\n\nBonjour.\n";

/** Bound on any one run of the command: a hang fails the case instead of the suite. */
export const RUN_MS = 20_000;

/** Makes a new temporary folder; `adopt` has one made elsewhere removed the same way. */
export interface TemporaryFolders {
  (): string;
  adopt(path: string): void;
}

/**
 * New temporary folders (`prefix` in their names), each removed after the test that made it.
 * Call once at the top of a test file.
 */
export function temporaryFolders(prefix: string): TemporaryFolders {
  const made: string[] = [];
  afterEach(() => {
    for (const path of made.splice(0)) rmSync(path, { recursive: true, force: true });
  }, 120_000);
  const make = (): string => {
    const path = mkdtempSync(join(tmpdir(), prefix));
    made.push(path);
    return path;
  };
  return Object.assign(make, { adopt: (path: string) => void made.push(path) });
}

/** A folder (and those above it), made if missing; its path. */
export function dir(...parts: string[]): string {
  const path = join(...parts);
  mkdirSync(path, { recursive: true });
  return path;
}

/** The promise, or a failure after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms = RUN_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer within ${String(ms)} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

/** Runs `classify` in this process, with streams that keep what it writes, under RUN_MS. */
export async function classify(args: string[], stdin?: Readable, concurrency?: number): Promise<CliResult> {
  const out = sink();
  const err = sink();
  const io = { stdout: out.stream, stderr: err.stream, ...(stdin === undefined ? {} : { stdin }) };
  const code = await withTimeout(concurrency === undefined ? classifyCommand(args, io) : classifyCommand(args, io, concurrency));
  return { code, stdout: out.text(), stderr: err.text() };
}

/** Each result line's file (relative to base, `#index` in an mbox) and kind. */
export function found(stdout: string, base: string): string[] {
  return stdout
    .trim()
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as { file: string; index?: number; kind: string })
    .map((r) => {
      const file = r.file.startsWith(base) ? r.file.slice(base.length + 1) : r.file;
      return `${file}${r.index === undefined ? "" : `#${String(r.index)}`} ${r.kind}`;
    });
}

/** An mbox of the given messages, with Thunderbird's `From - ` separator lines. */
export function mbox(...messages: string[]): string {
  return messages.map((m) => `From - Thu Dec 03 10:00:00 2026\n${m.endsWith("\n") ? m : `${m}\n`}\n`).join("");
}
