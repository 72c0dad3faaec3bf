/**
 * A per-user store for the engine's compiled code of the command's bundle (V8 code cache),
 * so that a second run does not compile the same functions again. Made at run time, never
 * at build time; trusted only when it is ours:
 *  - the folder is `$XDG_CACHE_HOME/mssante-patient` (or `~/.cache/…`), else
 *    `<temp>/mssante-patient-<uid>`; it must be a real folder (not a link), owned by the
 *    user running the command and writable by nobody else, or no cache is used at all;
 *  - a cache file is opened without following links and used only if it is a regular file
 *    owned by the user, writable by nobody else, and its own checksum matches its content;
 *  - its name carries the command's version, the bundle's hash and the engine's version;
 *    V8 itself rejects data made for another source or engine (`cachedDataRejected`).
 * Every failure means "no cache": the command runs as without one.
 */
import { createHash, randomBytes } from "node:crypto";
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";

/** First bytes of a cache file, then the SHA-256 of the rest, then the engine's data. */
const MAGIC = Buffer.from("MSSP-V8C1");
const HASH_BYTES = 32;
/** A bigger file is not ours (the bundle's cache is a few megabytes at most). */
const MAX_BYTES = 64 * 1024 * 1024;
/** Writable by the group or by others. */
const SHARED_WRITE = 0o022;

export interface CacheOwner {
  /** The user id the folder and files must belong to. */
  readonly uid: number;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  readonly temp: string;
}

/** The running process as owner; undefined where user ids do not exist (no cache there). */
export function currentOwner(): CacheOwner | undefined {
  if (typeof process.getuid !== "function") return undefined;
  return { uid: process.getuid(), env: process.env, home: homedir(), temp: tmpdir() };
}

/** The folders to try, best first. */
export function candidateFolders(owner: CacheOwner): string[] {
  const folders: string[] = [];
  const xdg = owner.env["XDG_CACHE_HOME"];
  if (xdg !== undefined && isAbsolute(xdg)) folders.push(join(xdg, "mssante-patient"));
  else if (owner.home !== "" && isAbsolute(owner.home)) folders.push(join(owner.home, ".cache", "mssante-patient"));
  folders.push(join(owner.temp, `mssante-patient-${owner.uid}`));
  return folders;
}

/** True when `path` is a real folder of `uid` that nobody else may write to. */
function isOwnFolder(path: string, uid: number): boolean {
  try {
    const stat = lstatSync(path);
    return stat.isDirectory() && !stat.isSymbolicLink() && stat.uid === uid && (stat.mode & SHARED_WRITE) === 0;
  } catch {
    return false;
  }
}

/** The first candidate folder that is (or can be made) ours; undefined when none is. */
export function cacheFolder(owner: CacheOwner): string | undefined {
  for (const folder of candidateFolders(owner)) {
    try {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
    } catch {
      continue;
    }
    if (isOwnFolder(folder, owner.uid)) return folder;
  }
  return undefined;
}

/** The file name for one bundle: version, hash of the bundle's source, engine version. */
export function cacheName(version: string, source: string, engine: string): string {
  const hash = createHash("sha256").update(source).digest("hex").slice(0, 24);
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, "_");
  return `cli-${safe(version)}-${hash}-v8-${safe(engine)}-${safe(process.arch)}.cache`;
}

function checksum(data: Uint8Array): Buffer {
  return createHash("sha256").update(data).digest();
}

/** The engine's data kept in `folder/name`, or undefined when absent, not ours or damaged. */
export function readCache(folder: string, name: string, uid: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(join(folder, name), constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.uid !== uid || (stat.mode & SHARED_WRITE) !== 0) return undefined;
    if (stat.size <= MAGIC.length + HASH_BYTES || stat.size > MAX_BYTES) return undefined;
    const bytes = Buffer.allocUnsafe(stat.size);
    let filled = 0;
    while (filled < bytes.length) {
      const n = readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (n === 0) return undefined;
      filled += n;
    }
    if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    const data = bytes.subarray(MAGIC.length + HASH_BYTES);
    return checksum(data).equals(bytes.subarray(MAGIC.length, MAGIC.length + HASH_BYTES)) ? data : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the engine's data to `folder/name` atomically: a new private file (mode 600,
 * created exclusively) renamed over the old one. Returns false when it could not be written.
 */
export function writeCache(folder: string, name: string, data: Uint8Array): boolean {
  const temporary = join(folder, `.${name}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  let fd: number;
  try {
    fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  } catch {
    return false;
  }
  let open = true;
  try {
    const file = Buffer.concat([MAGIC, checksum(data), data]);
    let written = 0;
    while (written < file.length) written += writeSync(fd, file, written, file.length - written);
    open = false;
    closeSync(fd);
    renameSync(temporary, join(folder, name));
    return true;
  } catch {
    if (open) closeSync(fd);
    rmSync(temporary, { force: true });
    return false;
  }
}
