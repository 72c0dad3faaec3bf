/**
 * Runs Sisimai 4.25 on the evaluated files: one Perl process for all the files it has not
 * seen, its output kept in a cache file in the temporary folder, keyed by each file's
 * SHA-256 (a changed file is a new key, so a stale entry is never used) and by Sisimai's
 * version (another version empties the cache).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as z from "zod";
import type { SisimaiRecord } from "./sisimai-reasons.js";

export const SISIMAI_INSTALL = "apt-get install -y libsisimai-perl (Debian package, Sisimai 4.25)";

const record = z.object({ recipient: z.string(), reason: z.string(), action: z.string(), deliverystatus: z.string() });
/** The lines of `bench/sisimai-driver.pl --repeat 1 --warmup 0 --results --delivered`. */
const outputLine = z.union([
  z.strictObject({ load: z.number(), version: z.string() }),
  z.object({ pass: z.number() }),
  z.strictObject({ file: z.string(), records: z.array(record) }),
  z.strictObject({ file: z.string(), error: z.string() }),
]);
const cacheFile = z.strictObject({ version: z.string(), entries: z.record(z.string(), z.array(record)) });

export interface SisimaiRun {
  readonly version: string;
  /** Records by file SHA-256. */
  readonly bySha256: ReadonlyMap<string, readonly SisimaiRecord[]>;
  /** Files Sisimai failed on (it died), by path. */
  readonly errors: ReadonlyMap<string, string>;
  readonly fromCache: number;
}

function sisimaiVersion(): string {
  const r = spawnSync("perl", ["-MSisimai", "-e", "print Sisimai->version"], { encoding: "utf8" });
  if (r.error !== undefined) throw new Error(`Perl not found: ${SISIMAI_INSTALL}`);
  if (r.status !== 0) throw new Error(`Sisimai not installed: ${SISIMAI_INSTALL}`);
  return r.stdout.trim();
}

/**
 * The cached records by file SHA-256, from the cache file's text: empty when the text is
 * not a cache, or is one of another Sisimai version.
 */
export function parseCache(text: string, version: string): Map<string, readonly SisimaiRecord[]> {
  try {
    const parsed = cacheFile.safeParse(JSON.parse(text));
    if (!parsed.success || parsed.data.version !== version) return new Map();
    return new Map(Object.entries(parsed.data.entries));
  } catch {
    return new Map();
  }
}

/** The files (path, SHA-256) whose bytes Sisimai has not been run on. */
export function notCached(files: ReadonlyMap<string, string>, cache: ReadonlyMap<string, unknown>): [string, string][] {
  return [...files.entries()].filter(([, sha]) => !cache.has(sha));
}

/** Sisimai's records for each file (path → SHA-256 of its bytes). */
export function runSisimai(files: ReadonlyMap<string, string>, driverPath: string): SisimaiRun {
  const version = sisimaiVersion();
  const cachePath = join(tmpdir(), "mssante-patient-eval-sisimai.json");
  const cache = existsSync(cachePath) ? parseCache(readFileSync(cachePath, "utf8"), version) : new Map<string, readonly SisimaiRecord[]>();
  const todo = notCached(files, cache);
  const errors = new Map<string, string>();
  if (todo.length > 0) {
    const dir = mkdtempSync(join(tmpdir(), "mssante-patient-eval-"));
    try {
      const list = join(dir, "files.txt");
      writeFileSync(list, todo.map(([path]) => path).join("\n") + "\n");
      const args = [driverPath, "--repeat", "1", "--warmup", "0", "--results", "--delivered", list];
      const r = spawnSync("perl", args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
      if (r.status !== 0) throw new Error(`Sisimai failed (exit ${String(r.status)}): ${r.stderr.slice(0, 500)}`);
      const shaOf = new Map(todo);
      for (const line of r.stdout.split("\n")) {
        if (line.trim() === "") continue;
        const parsed = outputLine.parse(JSON.parse(line));
        if (!("file" in parsed)) continue;
        const sha = shaOf.get(parsed.file);
        if (sha === undefined) throw new Error(`Sisimai answered for a file it was not given: ${parsed.file}`);
        if ("error" in parsed) errors.set(parsed.file, parsed.error);
        else cache.set(sha, parsed.records);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    writeFileSync(cachePath, JSON.stringify({ version, entries: Object.fromEntries(cache) }));
  }
  const bySha256 = new Map<string, readonly SisimaiRecord[]>();
  for (const sha of files.values()) {
    const records = cache.get(sha);
    if (records !== undefined) bySha256.set(sha, records);
  }
  return { version, bySha256, errors, fromCache: files.size - todo.length };
}
